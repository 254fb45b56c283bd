/**
 * Skill recommendations (pure): from the analytics table and the desired state in git, which users should gain
 * or lose which skills. The planner proposes edits to git, so "current" is git's state, not the live org.
 *
 * Common rules for both policies: skills without demand in the table and users the table does not know are left
 * alone; protected users are never changed; no user loses their last skill; at most `maxUsersChangedPerPlan`
 * users change (biggest impact first: shortages, then surpluses; the rest go to `rejected`); output is sorted by
 * email, then skill.
 */
import type { PlannerSettings } from '../state/model.js';
import { answerRateProposals } from './answer-rate.js';
import { buildPeople, type UserRef } from './people.js';
import { applyUserCap, byEmailAndSkill, type Proposal } from './proposal.js';
import { buildSkillDemand, compare } from './skill-demand.js';
import { staffingProposals, summary } from './staffing.js';
import { buildSupply, type SkillSupply } from './supply.js';
import type { AnalyticsTable } from './table.js';
import type { RejectedRecommendation, SkillRecommendation } from './types.js';

export interface SkillPlanInput {
  table: AnalyticsTable;
  users: UserRef[];
  /** email → skill name → proficiency: the desired state in git */
  current: Record<string, Record<string, number>>;
  /** queue name → member emails */
  queueMembers: Record<string, string[]>;
  settings: PlannerSettings;
  protectedUsers: string[];
}

export interface SkillStatus {
  skill: string;
  holders: number;
  /** half-hours with traffic, and how many of them fall short (conservative–optimistic supply) */
  loadedHalfHours: number;
  shortLow: number;
  shortHigh: number;
  allowedShort: number;
  state: 'short' | 'covered' | 'tight';
  /** the numbers, as in the reasons */
  detail: string;
}

export interface SkillPlan {
  recommendations: SkillRecommendation[];
  rejected: RejectedRecommendation[];
  /** every skill with demand, before this plan's changes (for the PR body and debugging) */
  skills: SkillStatus[];
}

export function recommendSkills(input: SkillPlanInput): SkillPlan {
  const { table, settings } = input;
  const demand = buildSkillDemand(table, settings);
  const people = buildPeople(input, demand);
  const supplies = new Map<string, SkillSupply>();
  for (const [skill, d] of demand) supplies.set(skill, buildSupply(table, d, people.values()));
  const skills = [...supplies.values()].map((s) => status(s, summary({ table, people }, s, 'status')));
  const remaining = new Map<string, number>();

  let proposals: Proposal[];
  let guarded: RejectedRecommendation[] = [];
  if (settings.policy === 'answer-rate') {
    const out = answerRateProposals({ table, people, supplies, settings, remaining });
    proposals = out.proposals;
    guarded = out.rejected;
  } else {
    proposals = staffingProposals({
      table,
      people,
      supplies,
      queueMembers: input.queueMembers,
      settings,
      remaining,
    });
  }
  const capped = applyUserCap(proposals, settings.maxUsersChangedPerPlan);
  return {
    recommendations: capped.accepted.sort(byEmailAndSkill),
    rejected: [...guarded.sort((a, b) => compare(a.subject, b.subject)), ...capped.rejected],
    skills,
  };
}

function status(supply: SkillSupply, detail: string): SkillStatus {
  const d = supply.demand;
  const state =
    supply.shortHigh > d.allowedShort ? 'short' : supply.shortLow <= d.allowedShort ? 'covered' : 'tight';
  return {
    skill: d.skill,
    holders: supply.holders.size,
    loadedHalfHours: d.loadedSlots.length,
    shortLow: supply.shortLow,
    shortHigh: supply.shortHigh,
    allowedShort: d.allowedShort,
    state,
    detail,
  };
}
