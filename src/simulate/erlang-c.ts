import { erlangB } from './erlang-b.js';
import { clamp01, idleMetrics } from './metrics.js';
import type { ErlangMetrics, QueueParams } from './metrics.js';

/**
 * Erlang C (M/M/N, infinite patience) from a known Erlang B value `b` = B(N, A):
 * C = N·B / (N − A·(1 − B)), SL(t) = 1 − C·e^(−(N−A)·t/AHT), ASA = C·AHT / (N − A), occupancy = A / N.
 * An unstable queue (A ≥ N) never reaches a steady state: SL 0, wait probability 1, ASA Infinity.
 */
export function erlangCFromB(b: number, params: QueueParams): ErlangMetrics {
  const { offeredLoad: a, agents: n, ahtSeconds: aht, answerWithinSeconds: t } = params;
  if (a <= 0) return idleMetrics('erlang-c', n);
  if (n <= a) {
    return {
      model: 'erlang-c',
      offeredLoad: a,
      agents: n,
      serviceLevel: 0,
      waitProbability: 1,
      asa: Number.POSITIVE_INFINITY,
      occupancy: n > 0 ? 1 : 0,
      abandonRate: 0,
    };
  }
  const spare = n - a;
  const c = waitProbability(b, n, a);
  return {
    model: 'erlang-c',
    offeredLoad: a,
    agents: n,
    serviceLevel: clamp01(1 - c * Math.exp((-spare * t) / aht)),
    waitProbability: c,
    asa: (c * aht) / spare,
    occupancy: clamp01(a / n),
    abandonRate: 0,
  };
}

/** Erlang C's mean wait (ASA) alone: C·AHT ÷ (N − A), Infinity when A ≥ N. */
export function erlangCMeanWait(b: number, params: QueueParams): number {
  const { offeredLoad: a, agents: n } = params;
  if (a <= 0) return 0;
  if (n <= a) return Number.POSITIVE_INFINITY;
  return (waitProbability(b, n, a) * params.ahtSeconds) / (n - a);
}

function waitProbability(b: number, n: number, a: number): number {
  return clamp01((n * b) / (n - a * (1 - b)));
}

export function erlangC(params: QueueParams): ErlangMetrics {
  return erlangCFromB(erlangB(params.agents, params.offeredLoad), params);
}
