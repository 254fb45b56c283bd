import type { RejectedRecommendation, SkillRecommendation } from '../recommend/types.js';
import type { WhatIfDemand, WhatIfResult } from '../simulate/types.js';

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

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
