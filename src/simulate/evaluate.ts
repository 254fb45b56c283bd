import { erlangAFromB, erlangAMeanWait } from './erlang-a.js';
import { erlangB } from './erlang-b.js';
import { erlangCFromB, erlangCMeanWait } from './erlang-c.js';
import { INFINITE_PATIENCE_RATIO } from './metrics.js';
import type { ErlangMetrics, QueueParams } from './metrics.js';
import type { QueueMetrics } from './types.js';

/**
 * Erlang A when a finite mean patience is known, Erlang C otherwise. A patience of 10^8 AHTs or more on a
 * stable queue is evaluated as Erlang C (identical to double precision, and far cheaper).
 */
export function evaluate(params: QueueParams): ErlangMetrics {
  return evaluateWithB(erlangB(params.agents, params.offeredLoad), params);
}

/** `evaluate` with the Erlang B value B(agents, load) already known (staffing extends it one agent at a time). */
export function evaluateWithB(b: number, params: QueueParams): ErlangMetrics {
  const patience = erlangAPatience(params);
  return patience === undefined ? erlangCFromB(b, params) : erlangAFromB(b, params, patience);
}

/** `evaluate(params).asa` alone, for callers that need nothing else (about half the work under Erlang A). */
export function meanWait(params: QueueParams): number {
  const b = erlangB(params.agents, params.offeredLoad);
  const patience = erlangAPatience(params);
  return patience === undefined ? erlangCMeanWait(b, params) : erlangAMeanWait(b, params, patience);
}

/** The patience to evaluate Erlang A with, or undefined for Erlang C. */
function erlangAPatience(params: QueueParams): number | undefined {
  const patience = params.patienceSeconds;
  if (patience === undefined || !(patience > 0) || !Number.isFinite(patience)) return undefined;
  const stable = params.agents > params.offeredLoad;
  if (stable && patience >= INFINITE_PATIENCE_RATIO * params.ahtSeconds) return undefined;
  return patience;
}

/** One queue in one interval, as the what-if reports it. */
export interface QueueEvaluation {
  /** contacts offered in the interval */
  offered: number;
  intervalSeconds: number;
  ahtSeconds: number;
  agents: number;
  answerWithinSeconds: number;
  patienceSeconds?: number | undefined;
}

/** Metrics of one queue for one interval (cheap: call it as often as needed). */
export function evaluateQueue(input: QueueEvaluation): QueueMetrics {
  const m = evaluate({
    offeredLoad: offeredLoad(input.offered, input.ahtSeconds, input.intervalSeconds),
    agents: input.agents,
    ahtSeconds: input.ahtSeconds,
    answerWithinSeconds: input.answerWithinSeconds,
    patienceSeconds: input.patienceSeconds,
  });
  return {
    agents: m.agents,
    serviceLevel: m.serviceLevel,
    waitProbability: m.waitProbability,
    asa: m.asa,
    occupancy: m.occupancy,
    abandonRate: m.abandonRate,
  };
}

/** Offered load in Erlang: contacts × AHT ÷ interval length. */
export function offeredLoad(offered: number, ahtSeconds: number, intervalSeconds: number): number {
  if (!(offered > 0)) return 0;
  return (offered * ahtSeconds) / intervalSeconds;
}
