import { erlangBStep } from './erlang-b.js';
import { SimulationError } from './errors.js';
import { evaluateWithB } from './evaluate.js';
import type { ErlangMetrics } from './metrics.js';

/** Largest offered load the calculator accepts (10 million Erlang keeps one pass well under a second). */
export const MAX_OFFERED_LOAD = 10_000_000;

export interface StaffingInput {
  /** offered load in Erlang */
  offeredLoad: number;
  ahtSeconds: number;
  answerWithinSeconds: number;
  /** fraction answered within `answerWithinSeconds`, 0 < target < 1 */
  serviceLevelTarget: number;
  /** highest acceptable occupancy, 0 < max ≤ 1 (default 1) */
  maxOccupancy?: number | undefined;
  /** mean patience: Erlang A when set, Erlang C otherwise */
  patienceSeconds?: number | undefined;
  /** highest acceptable abandonment rate, 0 < max ≤ 1 (Erlang A; default 1: no cap). Without it, a queue
   * with short patience "meets" its target by letting the excess abandon (59,400 calls of 300 s with 60 s
   * patience would need 7,921 agents for 9,900 Erlang, at 20 % abandoned) */
  maxAbandonRate?: number | undefined;
}

export interface Staffing {
  /** fewest agents meeting the service-level target and the occupancy cap */
  agents: number;
  /** the queue's performance with that many agents */
  metrics: ErlangMetrics;
}

/**
 * The fewest whole agents that meet the service-level target and then the occupancy cap. One upward pass:
 * the Erlang B recursion is extended one agent at a time and each candidate is evaluated from it, so the
 * cost is O(agents) recursion steps plus the candidates at or above the lower bound (SL ≤ agents ÷ load).
 */
export function staff(input: StaffingInput): Staffing {
  checkStaffingInput(input);
  const a = input.offeredLoad;
  const maxOccupancy = input.maxOccupancy ?? 1;
  const maxAbandonRate = input.maxAbandonRate ?? 1;
  const params = { ...input, agents: 0 };
  if (a === 0) return { agents: 0, metrics: evaluateWithB(1, params) };
  const patience = params.patienceSeconds;
  const erlangC = patience === undefined || !Number.isFinite(patience);
  const lowest = erlangC ? Math.floor(a) + 1 : Math.max(1, Math.floor(a * input.serviceLevelTarget));
  const highest = Math.ceil(a / maxOccupancy + 100 * Math.sqrt(a) + 1000);
  let b = 1;
  for (let n = 1; n <= highest; n++) {
    b = erlangBStep(b, n, a);
    if (n < lowest) continue;
    const metrics = evaluateWithB(b, { ...params, agents: n });
    if (
      metrics.serviceLevel >= input.serviceLevelTarget &&
      metrics.occupancy <= maxOccupancy + 1e-12 &&
      metrics.abandonRate <= maxAbandonRate + 1e-12
    ) {
      return { agents: n, metrics };
    }
  }
  throw new SimulationError(
    `no staffing up to ${highest} agents reaches a service level of ${input.serviceLevelTarget} for a load of ${a} Erlang`,
  );
}

/** The fewest agents meeting the target (see `staff`). */
export function requiredAgents(input: StaffingInput): number {
  return staff(input).agents;
}

/**
 * Agents the planner needs on one skill: positional shorthand for `requiredAgents`, cheap enough to call
 * per skill and interval. `load` is the offered load in Erlang.
 */
export function skillAgentsNeeded(
  load: number,
  ahtSeconds: number,
  serviceLevelTarget: number,
  answerWithinSeconds: number,
  maxOccupancy = 1,
  patienceSeconds?: number,
): number {
  return requiredAgents({
    offeredLoad: load,
    ahtSeconds,
    serviceLevelTarget,
    answerWithinSeconds,
    maxOccupancy,
    patienceSeconds,
  });
}

/**
 * Positions to schedule so that `agents` are on the phones after shrinkage: agents ÷ (1 − shrinkage), rounded
 * to 9 decimals before rounding up so that float noise does not add a position (21 ÷ 0.7 → 30, not 31).
 */
export function requiredPositions(agents: number, shrinkage: number): number {
  if (!(shrinkage >= 0 && shrinkage < 1)) {
    throw new SimulationError(`shrinkage must be at least 0 and below 1, got ${shrinkage}`);
  }
  const exact = agents / (1 - shrinkage);
  return Math.ceil(Math.round(exact * 1e9) / 1e9);
}

function checkStaffingInput(input: StaffingInput): void {
  const { offeredLoad, ahtSeconds, answerWithinSeconds, serviceLevelTarget, maxOccupancy, patienceSeconds } =
    input;
  if (!(offeredLoad >= 0 && offeredLoad <= MAX_OFFERED_LOAD)) {
    throw new SimulationError(
      `offered load must be a number from 0 to ${MAX_OFFERED_LOAD} Erlang, got ${offeredLoad}`,
    );
  }
  if (!(ahtSeconds > 0 && Number.isFinite(ahtSeconds))) {
    throw new SimulationError(`AHT must be a positive number of seconds, got ${ahtSeconds}`);
  }
  if (!(answerWithinSeconds >= 0 && Number.isFinite(answerWithinSeconds))) {
    throw new SimulationError(`answer-within must be a number of seconds ≥ 0, got ${answerWithinSeconds}`);
  }
  if (!(serviceLevelTarget > 0 && serviceLevelTarget < 1)) {
    throw new SimulationError(`service-level target must be above 0 and below 1, got ${serviceLevelTarget}`);
  }
  if (maxOccupancy !== undefined && !(maxOccupancy > 0 && maxOccupancy <= 1)) {
    throw new SimulationError(`max occupancy must be above 0 and at most 1, got ${maxOccupancy}`);
  }
  if (input.maxAbandonRate !== undefined && !(input.maxAbandonRate > 0 && input.maxAbandonRate <= 1)) {
    throw new SimulationError(`max abandon rate must be above 0 and at most 1, got ${input.maxAbandonRate}`);
  }
  if (patienceSeconds !== undefined && !(patienceSeconds > 0)) {
    throw new SimulationError(`patience must be a positive number of seconds, got ${patienceSeconds}`);
  }
}
