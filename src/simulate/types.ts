/** What-if simulation results (produced by src/simulate, rendered in PR bodies and reports). */

export interface QueueMetrics {
  /** agents available to the queue (fractional when shared across queues), volume-weighted mean */
  agents: number;
  /** answered within the target ÷ offered, 0–1 */
  serviceLevel: number;
  waitProbability: number;
  /** seconds, mean wait over all offered contacts */
  asa: number;
  occupancy: number;
  /** 0–1 */
  abandonRate: number;
}

export interface IntervalWhatIf {
  /** ISO start of the 30-minute interval */
  start: string;
  offered: number;
  current: QueueMetrics;
  proposed: QueueMetrics;
}

export interface QueueWhatIf {
  queueId: string;
  queue: string;
  offered: number;
  current: QueueMetrics;
  proposed: QueueMetrics;
  /** the interval with the lowest proposed service level */
  worstInterval: IntervalWhatIf | undefined;
  /** per-day aggregates weighted by volume */
  days: { date: string; offered: number; current: QueueMetrics; proposed: QueueMetrics }[];
}

export interface WhatIfResult {
  answerWithinSeconds: number;
  serviceLevelTarget: number;
  queues: QueueWhatIf[];
  /** queues whose projected service level falls below the floor */
  belowFloor: { queue: string; current: number; proposed: number; floor: number }[];
}
