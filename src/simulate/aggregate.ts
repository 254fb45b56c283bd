import type { QueueMetrics } from './types.js';

/** Volume-weighted mean of metrics (weights are offered contacts; all-zero weights give equal weights). */
export function weightedMetrics(items: readonly { weight: number; metrics: QueueMetrics }[]): QueueMetrics {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  const sum: QueueMetrics = {
    agents: 0,
    serviceLevel: 0,
    waitProbability: 0,
    asa: 0,
    occupancy: 0,
    abandonRate: 0,
  };
  if (items.length === 0) return sum;
  for (const { weight, metrics } of items) {
    const w = total > 0 ? weight / total : 1 / items.length;
    if (w === 0) continue;
    sum.agents += w * metrics.agents;
    sum.serviceLevel += w * metrics.serviceLevel;
    sum.waitProbability += w * metrics.waitProbability;
    sum.asa += w * metrics.asa;
    sum.occupancy += w * metrics.occupancy;
    sum.abandonRate += w * metrics.abandonRate;
  }
  return sum;
}
