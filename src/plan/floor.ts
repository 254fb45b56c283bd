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

/**
 * The recommendations that may have pushed a queue under the service-level floor: removals of a skill the queue
 * requests, and any change to a user who holds one of its skills (a new skill shares that user more thinly).
 */
export function culprits(
  below: WhatIfResult['belowFloor'],
  demand: readonly WhatIfDemand[],
  current: Record<string, Record<string, number>>,
  recommendations: readonly SkillRecommendation[],
): { keep: SkillRecommendation[]; rejected: RejectedRecommendation[] } {
  const skillsOf = new Map<string, Set<string>>();
  for (const d of demand)
    (skillsOf.get(d.queue) ?? skillsOf.set(d.queue, new Set()).get(d.queue))?.add(d.skill);
  const keep: SkillRecommendation[] = [];
  const rejected: RejectedRecommendation[] = [];
  for (const r of recommendations) {
    const hit = below.find((q) => {
      const skills = skillsOf.get(q.queue) ?? new Set<string>();
      if (r.action === 'remove' && skills.has(r.skill)) return true;
      return Object.keys(current[r.email] ?? {}).some((s) => skills.has(s)) && r.action !== 'update';
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
