import type { LiveUser } from '../../genesys/port.js';
import { modelCapacity, withAgentCapacity, type CentreData } from '../centre-analytics.js';
import { GENESYS_DEFAULT_CAPACITY } from '../../simulate/centre/capacity.js';
import { streamPriorities } from '../../simulate/centre/priority.js';
import { simulateCentreWhatIf, type CentreWhatIfResult } from '../../simulate/centre/what-if.js';
import { centreModelInput } from './what-if-input.js';
import { languagesAsSkills, withLanguageSkills } from './languages-as-skills.js';
import type { LanguageRecommendation, RejectedRecommendation, SkillRecommendation } from '../types.js';
import type { WhatIfDemand, WhatIfResult } from '../../simulate/types.js';

/** Skill maps after the recommendations (pure). */
export function applyRecommendations(
  current: Record<string, Record<string, number>>,
  recommendations: readonly SkillRecommendation[],
): Record<string, Record<string, number>> {
  const next: Record<string, Record<string, number>> = {};
  for (const [email, skills] of Object.entries(current)) next[email] = { ...skills };
  for (const r of recommendations) {
    const skills = (next[r.email] ??= {});
    if (r.action === 'remove') delete skills[r.skill];
    else if (r.after !== undefined) skills[r.skill] = r.after;
  }
  return next;
}

/** Worsening of a queue already under the floor that is not held against a plan (model noise). */
export const FLOOR_TOLERANCE = 0.01;

/**
 * The floor breaches a plan is answerable for: a queue at or above the floor that the plan takes below it, or a
 * queue already below it that the plan makes worse by more than a point.
 */
export function breaches(below: WhatIfResult['belowFloor']): WhatIfResult['belowFloor'] {
  return below.filter((q) => q.current >= q.floor || q.current - q.proposed > FLOOR_TOLERANCE);
}

/**
 * The recommendations that may have pushed a queue under the service-level floor: removals of a skill the queue
 * requests from its members, and a new skill for a member who serves it (the new skill shares them more thinly).
 */
export function culprits(
  below: WhatIfResult['belowFloor'],
  demand: readonly WhatIfDemand[],
  current: Record<string, Record<string, number>>,
  recommendations: readonly SkillRecommendation[],
  members: Record<string, string[]> = {},
): { keep: SkillRecommendation[]; rejected: RejectedRecommendation[] } {
  const skillsOf = new Map<string, Set<string>>();
  for (const d of demand)
    (skillsOf.get(d.queue) ?? skillsOf.set(d.queue, new Set()).get(d.queue))?.add(d.skill);
  const keep: SkillRecommendation[] = [];
  const rejected: RejectedRecommendation[] = [];
  for (const r of recommendations) {
    const hit = below.find((q) => {
      const skills = skillsOf.get(q.queue) ?? new Set<string>();
      const member = members[q.queue] === undefined || (members[q.queue] ?? []).includes(r.email);
      if (!member) return false;
      if (r.action === 'remove') return skills.has(r.skill);
      return (
        r.action === 'add' &&
        !skills.has(r.skill) &&
        Object.keys(current[r.email] ?? {}).some((s) => skills.has(s))
      );
    });
    if (!hit) {
      keep.push(r);
      continue;
    }
    rejected.push({
      subject: `${r.email}: ${r.action} ${r.skill}`,
      reason: `the what-if put ${hit.queue} at ${pct(hit.proposed)} service level (current ${pct(hit.current)}), under the floor of ${pct(hit.floor)}`,
    });
  }
  return { keep, rejected };
}

/**
 * The floor rule with the centre model, where any change of a queue's member can move its service level (a new
 * skill or language shares the member more thinly, a removal takes them off a stream): the culprits of a breach
 * are the changes of the breaching queues' members, skills and languages alike. Only they are rejected; the
 * rest of the plan stands. `members`: queue name → member emails.
 */
export function memberCulprits(
  below: WhatIfResult['belowFloor'],
  recommendations: readonly SkillRecommendation[],
  languages: readonly LanguageRecommendation[],
  members: Readonly<Record<string, readonly string[]>>,
): {
  keep: SkillRecommendation[];
  keepLanguages: LanguageRecommendation[];
  rejected: RejectedRecommendation[];
} {
  const breachOf = new Map<string, WhatIfResult['belowFloor'][number]>();
  for (const q of below)
    for (const email of members[q.queue] ?? []) if (!breachOf.has(email)) breachOf.set(email, q);
  const rejected: RejectedRecommendation[] = [];
  const why = (q: WhatIfResult['belowFloor'][number]): string =>
    q.current >= q.floor
      ? `the what-if put ${q.queue} at ${pct(q.proposed)} service level (current ${pct(q.current)}), under the floor of ${pct(q.floor)}`
      : `the what-if lowered ${q.queue}, already under the floor of ${pct(q.floor)}, from ${pct(q.current)} to ${pct(q.proposed)}`;
  const keep = recommendations.filter((r) => {
    const q = breachOf.get(r.email);
    if (q) rejected.push({ subject: `${r.email}: ${r.action} ${r.skill}`, reason: why(q) });
    return !q;
  });
  const keepLanguages = languages.filter((l) => {
    const q = breachOf.get(l.email);
    if (q) rejected.push({ subject: `${l.email}: ${l.action} language ${l.language}`, reason: why(q) });
    return !q;
  });
  return { keep, keepLanguages, rejected };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Everything the floor check needs: the analysed period as read by `fetchCentreData`, and the two states. */
export interface FloorCheckInput {
  data: CentreData;
  users: readonly LiveUser[];
  /** queue id → member user ids */
  queueMembers: Record<string, string[]>;
  /** user id → skill name → proficiency, live now and as desired */
  current: Record<string, Record<string, number>>;
  desired: Record<string, Record<string, number>>;
  /** user id → language ids as desired (default: as they are now) */
  desiredLanguages?: Record<string, readonly string[]>;
  /** queue name → skill name → weight, live now and as desired */
  currentWeights: Record<string, Record<string, number>>;
  desiredWeights: Record<string, Record<string, number>>;
  serviceLevelFloor: number;
  answerWithinSeconds: number;
  serviceLevelTarget: number;
  /** contacts of each media an agent works at once when the org's utilization was not read (default: Genesys's) */
  capacity?: Record<string, number>;
  seed?: number;
  replications?: number;
}

/**
 * The service-level floor check through the centre model (the planner's own): the queues the desired state
 * would take below the floor, or push further below it by more than FLOOR_TOLERANCE. `whatIf` is undefined
 * when the org gave no presence (no users aggregates): the caller then has no model to check with.
 */
export function checkServiceLevelFloor(input: FloorCheckInput): {
  whatIf: CentreWhatIfResult | undefined;
  breaches: WhatIfResult['belowFloor'];
} {
  if (!input.data.presence) return { whatIf: undefined, breaches: [] };
  const { concurrency, ...model } = centreModelInput(
    input.data,
    input.users,
    input.queueMembers,
    input.answerWithinSeconds,
  );
  // measured utilization (GET …/utilization) when read, else the INTERACTING-time concurrency estimate
  const capacity = modelCapacity(input.data, input.capacity ?? GENESYS_DEFAULT_CAPACITY);
  const languagesNow = Object.fromEntries(model.agents.map((a) => [a.id, a.languages]));
  const languagesNext = { ...languagesNow, ...input.desiredLanguages };
  const whatIf = simulateCentreWhatIf({
    ...model,
    ...(capacity.measured || !concurrency ? {} : { concurrency }),
    // languages ride along as pseudo-skills, so that language changes are compared too
    streams: languagesAsSkills(model.streams),
    agents: (capacity.measured ? withAgentCapacity(model.agents, input.data) : model.agents).map((a) => ({
      ...a,
      languages: [],
    })),
    current: withLanguageSkills(input.current, languagesNow),
    proposed: withLanguageSkills(input.desired, languagesNext),
    currentPriorities: streamPriorities(model.streams, input.currentWeights),
    proposedPriorities: streamPriorities(model.streams, input.desiredWeights),
    capacity: capacity.capacity,
    replications: input.replications ?? 3,
    seed: input.seed ?? 1,
    answerWithinSeconds: input.answerWithinSeconds,
    serviceLevelTarget: input.serviceLevelTarget,
    serviceLevelFloor: input.serviceLevelFloor,
  });
  return { whatIf, breaches: breaches(whatIf.belowFloor) };
}
