import type { GenesysPort } from '../genesys/port.js';
import { fetchCentreData } from '../recommend/centre-analytics.js';
import { breaches, checkServiceLevelFloor as checkWithCentreModel } from '../recommend/plan/floor.js';
import { applyChangesToLive } from './simulate-apply.js';
import type { Change, LiveOrg } from './types.js';
import { whatIfDemand } from '../recommend/plan/what-if-input.js';
import { fetchAnalytics } from '../recommend/analytics.js';
import { simulateWhatIf } from '../simulate/index.js';
import type { QueueWhatIf, WhatIfResult } from '../simulate/types.js';
import type { Settings } from '../state/model.js';

/** Days of analytics the floor check reads (fewer when the planner's period is shorter): the recent demand. */
export const FLOOR_DAYS = 7;

export interface FloorCheck {
  belowFloor: WhatIfResult['belowFloor'];
  /** the what-if of exactly this change, per queue (undefined when nothing was simulated) */
  queues: QueueWhatIf[] | undefined;
}

export interface FloorCheckInput {
  port: GenesysPort;
  live: LiveOrg;
  /** exactly the changes apply is about to write */
  changes: readonly Change[];
  settings: Settings;
  now: Date;
}

/**
 * The queues that the change apply is about to make would take under the service-level floor, computed here from
 * analytics and the live org, whoever wrote the change (a plan, a hand edit, a revert). The plan's what-if file is
 * never trusted for this. Queues already under the floor count only when the change makes them worse by more than
 * the model's noise (`breaches`). Weight rows do not change who can serve a queue, so a change of weights alone
 * costs no analytics. When the org serves agents' presence (users aggregates) the check runs the planner's own
 * centre model (src/recommend/plan/floor.ts), so apply never blocks a plan on the strength of a different model
 * (the Erlang what-if judged languages and multi-skill routing differently and blocked plans the centre model
 * had checked); without presence the Erlang what-if stands in.
 */
export async function checkServiceLevelFloor(input: FloorCheckInput): Promise<FloorCheck> {
  const { port, live, changes, settings } = input;
  const none = { belowFloor: [], queues: undefined };
  if (settings.guardrails.serviceLevelFloor <= 0 || !changes.some((c) => c.kind !== 'weight')) return none;
  const table = await fetchAnalytics(port, {
    now: input.now,
    days: Math.min(settings.planner.days, FLOOR_DAYS),
    chunkDays: settings.planner.chunkDays,
    queues: live.queues,
    skills: live.skills,
    demandOnly: true,
  });
  const lists = await Promise.all(live.queues.map((q) => port.listQueueMembers(q.id)));
  const queueMembers = Object.fromEntries(live.queues.map((q, i) => [q.id, lists[i] ?? []]));
  const current = skillsById(live);
  const next = applyChangesToLive(live, changes);
  if (port.queryUserAggregates) {
    const data = await fetchCentreData(port, {
      now: input.now,
      days: Math.min(settings.planner.days, FLOOR_DAYS),
      chunkDays: settings.planner.chunkDays,
      queues: live.queues,
      skills: live.skills,
      userIds: live.users.map((u) => u.id),
      // no utilization reads: the check compares two states of one model, and apply stays within its API budget
    });
    const checked = checkWithCentreModel({
      data,
      users: live.users,
      queueMembers,
      current,
      desired: skillsById(next),
      desiredLanguages: languagesById(next),
      currentWeights: weightsOf(live),
      desiredWeights: weightsOf(next),
      serviceLevelFloor: settings.guardrails.serviceLevelFloor,
      answerWithinSeconds: settings.planner.answerWithinSeconds,
      serviceLevelTarget: settings.planner.serviceLevelTarget,
    });
    if (checked.whatIf) return { belowFloor: checked.breaches, queues: checked.whatIf.queues };
  }
  const agents = Object.values(current).filter((s) => Object.keys(s).length > 0).length;
  const { demand, onShift } = whatIfDemand(table, agents);
  if (demand.length === 0) return none;
  const result = simulateWhatIf({
    demand,
    onShift,
    current,
    proposed: skillsById(next),
    answerWithinSeconds: settings.planner.answerWithinSeconds,
    serviceLevelTarget: settings.planner.serviceLevelTarget,
    serviceLevelFloor: settings.guardrails.serviceLevelFloor,
    queueMembers,
    calibrate: true,
  });
  return { belowFloor: breaches(result.belowFloor), queues: result.queues };
}

function skillsById(live: LiveOrg): Record<string, Record<string, number>> {
  return Object.fromEntries(
    live.users.map((u) => [u.id, Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency]))]),
  );
}

function languagesById(live: LiveOrg): Record<string, string[]> {
  return Object.fromEntries(live.users.map((u) => [u.id, (u.languages ?? []).map((l) => l.id)]));
}

/** The weights data table's rows as queue → skill → weight (key `queue|skill`, as the flow reads it). */
function weightsOf(live: LiveOrg): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const row of live.weights?.rows ?? []) {
    const cut = row.key.lastIndexOf('|');
    if (cut <= 0 || row.weight === undefined) continue;
    (out[row.key.slice(0, cut)] ??= {})[row.key.slice(cut + 1)] = row.weight;
  }
  return out;
}
