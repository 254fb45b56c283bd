/**
 * The `answer-rate` policy (the original documents' rule), per agent × skill over the period, for skills the
 * agent holds in git:
 * - handled ÷ offered below `removeBelow` with more than `removeMinHandled` handled → remove the skill;
 * - above `addAbove` with more than `addMinOffered` offered → "add" means raise the proficiency by 1 (at most 5):
 *   the agent answers nearly everything the skill brings, so routing may prefer them for it.
 * Removals keep the staffing guards: never a user's last skill, and never when the skill's conservative supply
 * would then fall short of its need (those go to `rejected`).
 */
import type { PlannerSettings } from '../state/model.js';
import { contribution, type Person } from './people.js';
import { subjectOf, type Proposal } from './proposal.js';
import { mayReduce, minHolders, newlyShortIfReduced, removeHolder, type SkillSupply } from './supply.js';
import type { AnalyticsTable } from './table.js';
import type { RejectedRecommendation } from './types.js';
import { compare } from './skill-demand.js';
import { pct, plural } from './format.js';

export const MAX_PROFICIENCY = 5;

export interface AnswerRateContext {
  table: AnalyticsTable;
  people: Map<string, Person>;
  supplies: Map<string, SkillSupply>;
  settings: Pick<PlannerSettings, 'answerRate'>;
  remaining: Map<string, number>;
}

export function answerRateProposals(ctx: AnswerRateContext): {
  proposals: Proposal[];
  rejected: RejectedRecommendation[];
} {
  const { removeBelow, removeMinHandled, addAbove, addMinOffered } = ctx.settings.answerRate;
  const proposals: Proposal[] = [];
  const rejected: RejectedRecommendation[] = [];
  for (const person of ctx.people.values()) {
    if (!person.known || person.protected) continue;
    for (const skill of Object.keys(person.skills).sort(compare)) {
      const activity = person.bySkill.get(skill);
      if (!activity || activity.offered <= 0) continue;
      const rate = activity.handled / activity.offered;
      const before = person.skills[skill] ?? 0;
      const figures =
        `${skill}: ${person.email} handled ${activity.handled} of ${activity.offered} offered ` +
        `(${pct(rate)}) in ${plural(ctx.table.days, 'day')}`;
      if (rate < removeBelow && activity.handled > removeMinHandled) {
        const reason = `${figures}; below ${pct(removeBelow)} with more than ${removeMinHandled} handled`;
        const blocked = removalBlocked(ctx, person, skill);
        const proposal: Proposal = {
          email: person.email,
          userName: person.name,
          skill,
          action: 'remove',
          before,
          after: undefined,
          reason,
          group: 2,
          impact: activity.offered - activity.handled,
        };
        if (blocked) {
          rejected.push({ subject: subjectOf(proposal), reason: `${blocked}; ${reason}` });
          continue;
        }
        proposals.push(proposal);
        continue;
      }
      if (rate > addAbove && activity.offered > addMinOffered && before < MAX_PROFICIENCY) {
        const after = Math.min(MAX_PROFICIENCY, Math.floor(before) + 1);
        proposals.push({
          email: person.email,
          userName: person.name,
          skill,
          action: 'update',
          before,
          after,
          reason: `${figures}; above ${pct(addAbove)} with more than ${addMinOffered} offered → proficiency ${before} → ${after}`,
          group: 2,
          impact: activity.handled,
        });
      }
    }
  }
  return { proposals, rejected };
}

/** Why the skill must stay, or undefined; commits the removal to the supply when it may go. */
function removalBlocked(ctx: AnswerRateContext, person: Person, skill: string): string | undefined {
  const left = ctx.remaining.get(person.email) ?? Object.keys(person.skills).length;
  if (left <= 1) return `kept: ${skill} is ${person.email}'s last skill`;
  const supply = ctx.supplies.get(skill);
  if (supply) {
    const c = contribution(person, skill);
    const keep = minHolders(supply.demand);
    if (supply.holders.size <= keep) {
      return `kept: ${skill} has ${plural(supply.holders.size, 'holder')} and needs at least ${keep} (agents needed at its busy half-hour)`;
    }
    if (!mayReduce(ctx.table, supply, person, c.low)) {
      const after = supply.shortLow + newlyShortIfReduced(ctx.table, supply, person, c.low);
      return (
        `kept: without ${person.email}, ${skill} would be short of its need in ${after} of ` +
        `${supply.demand.loadedSlots.length} half-hours with traffic (${supply.demand.allowedShort} allowed)`
      );
    }
    removeHolder(ctx.table, supply, person);
  }
  ctx.remaining.set(person.email, left - 1);
  return undefined;
}
