/**
 * Declines that reviewers make without writing anything: read from the plan pull requests closed in the last
 * `days` days, through the GitHub API, each time `plan` runs (nothing to store, nothing to push to `main`).
 *
 * - A plan pull request closed **unmerged** declines every proposal it made.
 * - A plan pull request **merged** after a reviewer removed or changed some of its lines declines those
 *   proposals: each proposal in its `plan/changes.json` is checked against the YAML of the merge commit, and
 *   one the merged YAML does not hold (a skill still there that it removed, a value other than proposed) counts
 *   as declined.
 *
 * A decline lasts `days` from the day the pull request was closed (`plan --decline-days`, default 30). The
 * planner then leaves those proposals alone and the new plan pull request lists them with the reason.
 */
import { parseAllDocuments } from 'yaml';
import type { ScmPort } from '../github/scm-port.js';
import type { SkillRecommendation, WeightRecommendation } from '../recommend/types.js';
import { DECLINED_FILE, skillSubject, weightSubject, type Decline } from './reviewer-control.js';

/** What a plan proposed, as its `plan/changes.json` lists it. */
export interface PlanProposals {
  recommendations: Pick<SkillRecommendation, 'email' | 'skill' | 'action' | 'after'>[];
  weights: Pick<WeightRecommendation, 'queue' | 'skill' | 'after'>[];
}

/** The routing the YAML of a commit holds: email (lower case) → skills, queue → skill → weight. */
export interface MergedRouting {
  profiles: Map<string, Record<string, number>>;
  weights: Map<string, Record<string, number>>;
}

export const DEFAULT_DECLINE_DAYS = 30;

function sameValue(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && b !== undefined && Math.round(a * 100) === Math.round(b * 100);
}

/**
 * The subjects of the proposals a reviewer declined (pure): all of them when the pull request was closed
 * unmerged (`merged` undefined), else those the merged YAML does not hold.
 */
export function declinedSubjects(proposals: PlanProposals, merged: MergedRouting | undefined): string[] {
  const out: string[] = [];
  for (const r of proposals.recommendations) {
    if (merged) {
      const skills = merged.profiles.get(r.email.toLowerCase());
      const held = skills?.[r.skill];
      const kept =
        r.action === 'remove' ? skills !== undefined && held === undefined : sameValue(held, r.after);
      // a user the reviewer removed from the YAML altogether declines every proposal for them
      if (kept) continue;
    }
    out.push(skillSubject(r as SkillRecommendation));
  }
  for (const w of proposals.weights) {
    if (merged && sameValue(merged.weights.get(w.queue)?.[w.skill], w.after)) continue;
    out.push(weightSubject(w as WeightRecommendation));
  }
  return out;
}

/** Profiles and weights in YAML texts (the desired-state files of one commit); other documents are skipped. */
export function routingInYaml(texts: readonly string[]): MergedRouting {
  const profiles = new Map<string, Record<string, number>>();
  const weights = new Map<string, Record<string, number>>();
  for (const text of texts) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const value = doc.toJS() as { kind?: unknown; profiles?: unknown; queues?: unknown } | null;
      if (value?.kind === 'RoutingProfiles' && value.profiles && typeof value.profiles === 'object') {
        for (const [email, p] of Object.entries(
          value.profiles as Record<string, { skills?: unknown } | null>,
        ))
          profiles.set(email.toLowerCase(), numbers(p?.skills));
      }
      if (value?.kind === 'RuleWeights' && value.queues && typeof value.queues === 'object') {
        for (const [queue, rows] of Object.entries(value.queues as Record<string, unknown>))
          weights.set(queue, numbers(rows));
      }
    }
  }
  return { profiles, weights };
}

function numbers(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    ),
  );
}

function parseProposals(text: string): PlanProposals | undefined {
  try {
    const data = JSON.parse(text) as Partial<PlanProposals>;
    return { recommendations: data.recommendations ?? [], weights: data.weights ?? [] };
  } catch {
    return undefined;
  }
}

/** `path → blob sha` of the files of a commit under `dir` (a repository path, e.g. `desired-state`). */
async function filesAt(scm: ScmPort, commitSha: string, dir: string): Promise<Map<string, string>> {
  const commit = await scm.getCommit(commitSha);
  const tree = await scm.getTree(commit.treeSha);
  const prefix = dir === '.' || dir === '' ? '' : `${dir}/`;
  return new Map(
    tree.entries.filter((e) => e.type === 'blob' && e.path.startsWith(prefix)).map((e) => [e.path, e.sha]),
  );
}

export interface ClosedPlanDeclines {
  declines: Decline[];
  /** one line per pull request read, for the plan's progress output */
  notes: string[];
}

/**
 * Declines from the plan pull requests (branch `branch`): those closed within `days` before `now`, and the open
 * one when a reviewer removed lines from it (the nightly rebuild of the branch would otherwise erase that edit:
 * the rebuilt branch carries them in `plan/declined.json`, which is read back from every plan PR's head). A port
 * without the reads (`getBlob`, `listClosedPullRequests`) gives none.
 */
export async function declinesFromClosedPlans(
  scm: ScmPort,
  input: { branch: string; dir: string; now: Date; days: number },
): Promise<ClosedPlanDeclines> {
  const out: ClosedPlanDeclines = { declines: [], notes: [] };
  if (input.days <= 0 || !scm.listClosedPullRequests || !scm.getBlob) return out;
  const since = input.now.getTime() - input.days * 86_400_000;
  const closed = (await scm.listClosedPullRequests(input.branch)).filter(
    (pr) => pr.closedAt !== undefined && Date.parse(pr.closedAt) >= since,
  );
  const open = await scm.findOpenPullRequest(input.branch);
  const prefix = input.dir === '.' ? '' : `${input.dir}/`;
  for (const pr of [...(open ? [open] : []), ...closed]) {
    const head = await filesAt(scm, pr.headSha, input.dir);
    const carried = await readBlob(scm, head.get(`${prefix}${DECLINED_FILE}`));
    for (const d of carried ? parseDeclines(carried) : [])
      if (Date.parse(d.until) > input.now.getTime()) out.declines.push(d);
    const text = await readBlob(scm, head.get(`${prefix}plan/changes.json`));
    const proposals = text === undefined ? undefined : parseProposals(text);
    if (!proposals) continue;
    if (pr.state === 'open') {
      // the open plan PR: what its YAML no longer holds, a reviewer removed (the bot's own commit holds it all)
      const subjects = declinedSubjects(proposals, await routingAt(scm, head));
      const until = new Date(input.now.getTime() + input.days * 86_400_000).toISOString();
      for (const subject of subjects)
        out.declines.push({ subject, until, why: `removed from the open plan PR #${pr.number}` });
      if (subjects.length > 0) out.notes.push(`plan PR #${pr.number} (open): ${subjects.length} declined`);
      continue;
    }
    const merged =
      pr.mergedAt && pr.mergeCommitSha
        ? await routingAt(scm, await filesAt(scm, pr.mergeCommitSha, input.dir))
        : undefined;
    const until = new Date(Date.parse(pr.closedAt!) + input.days * 86_400_000).toISOString();
    const why = merged
      ? `removed from plan PR #${pr.number} before it was merged`
      : `plan PR #${pr.number} closed unmerged`;
    const subjects = declinedSubjects(proposals, merged);
    for (const subject of subjects) out.declines.push({ subject, until, why });
    out.notes.push(
      `plan PR #${pr.number} (${merged ? 'merged' : 'closed unmerged'}): ${subjects.length} declined`,
    );
  }
  out.declines = latestPerSubject(out.declines);
  return out;
}

/** One decline per subject, the one that lasts longest; sorted by subject (stable file content). */
export function latestPerSubject(declines: readonly Decline[]): Decline[] {
  const by = new Map<string, Decline>();
  for (const d of declines) {
    const seen = by.get(d.subject);
    if (!seen || Date.parse(d.until) > Date.parse(seen.until)) by.set(d.subject, d);
  }
  return [...by.values()].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

/** `plan/declined.json` holding `declines` (what the plan branch carries); stable for the same declines. */
export function renderDeclinedFile(declines: readonly Decline[]): string {
  return `${JSON.stringify({ declined: latestPerSubject(declines) }, null, 2)}\n`;
}

function parseDeclines(text: string): Decline[] {
  try {
    const data = JSON.parse(text) as { declined?: unknown };
    return Array.isArray(data.declined)
      ? (data.declined as Decline[]).filter(
          (d) => typeof d?.subject === 'string' && typeof d.until === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

async function readBlob(scm: ScmPort, sha: string | undefined): Promise<string | undefined> {
  return sha && scm.getBlob ? scm.getBlob(sha) : undefined;
}

/** The routing the desired-state YAML of one commit holds (its plan/ folder left out). */
async function routingAt(scm: ScmPort, files: Map<string, string>): Promise<MergedRouting> {
  const texts: string[] = [];
  for (const [path, sha] of files) {
    if (!/\.ya?ml$/i.test(path) || path.includes('/plan/') || path.startsWith('plan/')) continue;
    texts.push((await readBlob(scm, sha)) ?? '');
  }
  return routingInYaml(texts);
}
