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
  const c = clamp01((n * b) / (n - a * (1 - b)));
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

export function erlangC(params: QueueParams): ErlangMetrics {
  return erlangCFromB(erlangB(params.agents, params.offeredLoad), params);
}
