/**
 * Agents needed per skill and half-hour, for the planner: the product's staffing maths (src/simulate: Erlang C
 * through the Erlang B recursion, stable for 10,000+ agents) with the planner's settings.
 */
import { skillAgentsNeeded } from '../simulate/staffing.js';

export interface StaffingTarget {
  /** fraction of offered contacts to answer within `answerWithinSeconds`, above 0 and below 1 */
  serviceLevel: number;
  answerWithinSeconds: number;
  /** highest acceptable load ÷ agents, above 0 and at most 1 */
  maxOccupancy: number;
}

/**
 * Fewest agents that meet the service-level target and stay at or under the maximum occupancy for `load`
 * Erlangs of work with the given average handle time. 0 when there is no load.
 */
export function agentsNeeded(load: number, ahtSeconds: number, target: StaffingTarget): number {
  if (!(load > 0) || !(ahtSeconds > 0)) return 0;
  return skillAgentsNeeded(
    load,
    ahtSeconds,
    target.serviceLevel,
    target.answerWithinSeconds,
    target.maxOccupancy,
  );
}
