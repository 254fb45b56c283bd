/**
 * Durable reviewer control over the planner: pins written in the YAML where they are reviewed, and declines
 * remembered for a while. The planner's proposals pass through `honourReviewers` before anything is written, and
 * the pull request lists what was left alone and why.
 *
 * - A pin is a comment saying `pin` (or `pinned`, `keep`) on a skill or weight line, or on the line before it:
 *   `French: 4 # pin`. On a user's or a queue's line (or a flow map `{A: 1, B: 2} # pin`) it pins all of them.
 * - A decline is an entry in `desired-state/plan/declined.json`: `{"declined": [{"subject": "bob@x.com: remove
 *   Billing", "until": "2027-01-01T00:00:00Z"}]}`, with subjects as the pull request names proposals
 *   (`Support|Billing weight` for a weight). Until then the same proposal is not made again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isPair, isScalar, parseDocument, type Node } from 'yaml';
import type {
  RejectedRecommendation,
  SkillRecommendation,
  WeightRecommendation,
} from '../recommend/types.js';
import type { DesiredState } from '../state/model.js';

export const DECLINED_FILE = 'plan/declined.json';
const PIN = /(^|[^\w])(pin|pinned|keep)([^\w]|$)/i;
/** a `#` with a pin word after it on the same line (every comment starts so, so a text without one has no pin);
 * anchored at the line start so each line is scanned once, however many `#` it holds */
const PIN_IN_COMMENT = /^[^\n#]*#[^\n]*?(?<!\w)(pin|pinned|keep)(?!\w)/im;

export interface Pins {
  /** `email|skill`, `email|*`, `queue|skill`, `queue|*` */
  keys: Set<string>;
}

export interface Decline {
  subject: string;
  until: string;
  /** where the decline comes from, e.g. "plan PR #12 closed unmerged" (./closed-plans.ts) */
  why?: string;
}

function pinnedComment(node: Node | null | undefined, key?: Node | null): boolean {
  const texts = [node?.comment, node?.commentBefore, key?.comment, key?.commentBefore];
  return texts.some((t) => typeof t === 'string' && PIN.test(t));
}

/** Pins in a YAML text: `outer|inner` for two-level maps (`profiles.<email>.skills`, `queues.<queue>`). */
export function pinsInYaml(text: string, kind: 'profiles' | 'weights'): Set<string> {
  const keys = new Set<string>();
  // no comment says pin: nothing to find, and no parse (a second one of a 10,000-user file costs about half a second)
  if (!PIN_IN_COMMENT.test(text)) return keys;
  // duplicate keys were refused when desired state was loaded; yaml's own check is quadratic (10,000 users)
  const doc = parseDocument(text, { uniqueKeys: false });
  const top = doc.get(kind === 'profiles' ? 'profiles' : 'queues', true);
  if (!isMap(top)) return keys;
  for (const outer of top.items) {
    if (!isPair(outer) || !isScalar(outer.key)) continue;
    const name = String(outer.key.value).toLowerCase();
    const id = kind === 'profiles' ? name : String(outer.key.value);
    const inner = kind === 'profiles' && isMap(outer.value) ? outer.value.get('skills', true) : outer.value;
    if (pinnedComment(outer.value as Node, outer.key) || pinnedComment(inner as Node)) keys.add(`${id}|*`);
    if (!isMap(inner)) continue;
    for (const item of inner.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      if (pinnedComment(item.value as Node, item.key)) keys.add(`${id}|${String(item.key.value)}`);
    }
  }
  return keys;
}

/** Every pin in the desired state's files. */
export async function readPins(desired: DesiredState): Promise<Pins> {
  const keys = new Set<string>();
  const files = new Map<string, 'profiles' | 'weights'>();
  for (const p of desired.profiles) files.set(p.source.file, 'profiles');
  for (const s of Object.values(desired.weightsSource)) files.set(s.file, 'weights');
  for (const [file, kind] of files) {
    const text = await readFile(join(desired.dir, file), 'utf8').catch(() => '');
    for (const key of pinsInYaml(text, kind)) keys.add(key);
  }
  return { keys };
}

/** Declines still in force at `now` (a missing or unreadable file: none). */
export async function readDeclines(dir: string, now: Date): Promise<Decline[]> {
  try {
    const data = JSON.parse(await readFile(join(dir, DECLINED_FILE), 'utf8')) as { declined?: Decline[] };
    return (data.declined ?? []).filter(
      (d) => typeof d.subject === 'string' && Date.parse(d.until) > now.getTime(),
    );
  } catch {
    return [];
  }
}

export function skillSubject(r: SkillRecommendation): string {
  return `${r.email}: ${r.action} ${r.skill}`;
}

export function weightSubject(w: WeightRecommendation): string {
  return `${w.queue}|${w.skill} weight`;
}

/** Removes pinned and declined proposals (pure); what was left alone is returned with the reason. */
export function honourReviewers(
  plan: { recommendations: SkillRecommendation[]; weights: WeightRecommendation[] },
  pins: Pins,
  declines: readonly Decline[],
): {
  recommendations: SkillRecommendation[];
  weights: WeightRecommendation[];
  leftAlone: RejectedRecommendation[];
} {
  const declined = new Map(declines.map((d) => [d.subject, d]));
  const leftAlone: RejectedRecommendation[] = [];
  const why = (subject: string, pinned: boolean): string | undefined => {
    if (pinned) return 'pinned in the YAML (a `# pin` comment): plans never touch it';
    const decline = declined.get(subject);
    if (!decline) return undefined;
    const source = decline.why ? ` (${decline.why})` : '';
    return `declined by a reviewer${source}; not proposed again before ${decline.until}`;
  };
  const recommendations = plan.recommendations.filter((r) => {
    const pinned = pins.keys.has(`${r.email}|${r.skill}`) || pins.keys.has(`${r.email}|*`);
    const reason = why(skillSubject(r), pinned);
    if (reason) leftAlone.push({ subject: skillSubject(r), reason });
    return !reason;
  });
  const weights = plan.weights.filter((w) => {
    const pinned = pins.keys.has(`${w.queue}|${w.skill}`) || pins.keys.has(`${w.queue}|*`);
    const reason = why(weightSubject(w), pinned);
    if (reason) leftAlone.push({ subject: weightSubject(w), reason });
    return !reason;
  });
  return { recommendations, weights, leftAlone };
}

/** The planner's one call: filters both plans in place and adds what it left alone to their rejected lists. */
export async function applyReviewerControl(
  desired: DesiredState,
  skillPlan: { recommendations: SkillRecommendation[]; rejected: RejectedRecommendation[] },
  weightPlan: { weights: WeightRecommendation[] },
  now: Date,
  /** declines read elsewhere, e.g. from closed plan pull requests (./closed-plans.ts) */
  more: readonly Decline[] = [],
): Promise<void> {
  const honoured = honourReviewers(
    { recommendations: skillPlan.recommendations, weights: weightPlan.weights },
    await readPins(desired),
    [...more.filter((d) => Date.parse(d.until) > now.getTime()), ...(await readDeclines(desired.dir, now))],
  );
  skillPlan.recommendations = honoured.recommendations;
  weightPlan.weights = honoured.weights;
  skillPlan.rejected.push(...honoured.leftAlone);
}
