import type { RejectedRecommendation, SkillRecommendation } from './types.js';
import { compare } from './skill-demand.js';

/** A skill recommendation before the per-plan cap, with its place in the queue for the cap. */
export interface Proposal extends SkillRecommendation {
  /** lower goes first: 0 shortages (service), 1 surpluses (efficiency), 2 answer-rate moves */
  group: number;
  /** bigger goes first within a group */
  impact: number;
}

/** Most rejected entries listed one by one; the rest are summed up in one entry. */
export const REJECTED_DETAIL_LIMIT = 100;

export function subjectOf(
  r: Pick<SkillRecommendation, 'email' | 'skill' | 'action' | 'before' | 'after'>,
): string {
  if (r.action === 'update') return `${r.email}: ${r.skill} ${r.before ?? '-'} → ${r.after ?? '-'}`;
  return `${r.email}: ${r.action} ${r.skill}`;
}

/**
 * Keeps the proposals of the first `maxUsers` users in priority order (a user's proposals stay together);
 * the others are rejected with the cap as the reason.
 */
export function applyUserCap(
  proposals: Proposal[],
  maxUsers: number,
): { accepted: SkillRecommendation[]; rejected: RejectedRecommendation[] } {
  const ordered = [...proposals].sort(
    (a, b) =>
      a.group - b.group ||
      b.impact - a.impact ||
      compare(a.skill, b.skill) ||
      compare(a.email, b.email) ||
      compare(a.action, b.action),
  );
  const firstRank = new Map<string, number>();
  ordered.forEach((p, i) => {
    if (!firstRank.has(p.email)) firstRank.set(p.email, i);
  });
  const usersInOrder = [...firstRank.keys()];
  const allowed = new Set(usersInOrder.slice(0, Math.max(0, maxUsers)));
  const accepted: Proposal[] = [];
  const over: Proposal[] = [];
  for (const p of ordered) (allowed.has(p.email) ? accepted : over).push(p);
  const rejected: RejectedRecommendation[] = over.slice(0, REJECTED_DETAIL_LIMIT).map((p) => ({
    subject: subjectOf(p),
    reason: `over the cap of ${maxUsers} users changed per plan (maxUsersChangedPerPlan); ${p.reason}`,
  }));
  if (over.length > REJECTED_DETAIL_LIMIT) {
    const more = over.slice(REJECTED_DETAIL_LIMIT);
    rejected.push({
      subject: `${more.length} more skill changes for ${new Set(more.map((p) => p.email)).size} users`,
      reason: `over the cap of ${maxUsers} users changed per plan (maxUsersChangedPerPlan)`,
    });
  }
  return { accepted: accepted.map(strip), rejected };
}

export function strip(p: Proposal): SkillRecommendation {
  return {
    email: p.email,
    userName: p.userName,
    skill: p.skill,
    action: p.action,
    before: p.before,
    after: p.after,
    reason: p.reason,
    ...(p.context === undefined ? {} : { context: p.context }),
  };
}

export function byEmailAndSkill<T extends { email: string; skill: string; action?: string }>(
  a: T,
  b: T,
): number {
  return compare(a.email, b.email) || compare(a.skill, b.skill) || compare(a.action ?? '', b.action ?? '');
}
