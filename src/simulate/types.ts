/** What-if simulation results (produced by src/simulate, rendered in PR bodies and reports). */

export interface QueueMetrics {
  /** agents available to the queue (fractional when shared across queues), volume-weighted mean */
  agents: number;
  /** answered within the target ÷ offered, 0–1 */
  serviceLevel: number;
  waitProbability: number;
  /** seconds, mean wait over all offered contacts (abandoners' waits included); Infinity (JSON null) when an
   * Erlang C queue has no more agents than load */
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
  /** mean patience used for Erlang A (given or estimated); absent when the queue was evaluated with Erlang C */
  patienceSeconds?: number;
  /** efficiency factor k (0.2–1.5) applied to the agents of both scenarios (the reported agents include it),
   * fitted so that the current mean wait matches the measured one; present only with `WhatIfInput.calibrate` and
   * measured waits (`totalWaitSeconds`) for this queue */
  calibration?: number;
  /** per-day aggregates weighted by volume */
  days: { date: string; offered: number; current: QueueMetrics; proposed: QueueMetrics }[];
}

export interface WhatIfResult {
  answerWithinSeconds: number;
  serviceLevelTarget: number;
  queues: QueueWhatIf[];
  /** queues whose projected service level falls below the floor AND below the current one (a queue already below
   * the floor that the change does not make worse is not listed) */
  belowFloor: { queue: string; current: number; proposed: number; floor: number }[];
}

/** One queue × requested skill × interval of demand (from analytics, or a forecast). */
export interface WhatIfDemand {
  queueId: string;
  queue: string;
  /** requested routing skill (name, as in the proficiency maps) */
  skill: string;
  /** ISO start of the interval (30 minutes unless `intervalSeconds` says otherwise) */
  start: string;
  /** contacts offered */
  offered: number;
  /** average handle time of these contacts, seconds (> 0 when offered > 0) */
  ahtSeconds: number;
  /** contacts that abandoned while waiting (for the patience estimate) */
  abandoned?: number;
  /** total waiting time of all offered contacts, answered and abandoned, seconds (for the patience estimate) */
  totalWaitSeconds?: number;
}

/** Everything the what-if needs; pure data, no I/O. */
export interface WhatIfInput {
  demand: WhatIfDemand[];
  /** interval start → fraction (0–1) of the agents logged in during that interval */
  onShift: Record<string, number>;
  /** fraction for intervals missing from `onShift` (default 1) */
  defaultOnShift?: number;
  /** user id → skill name → proficiency (0–5; 0 or absent = does not hold the skill) */
  current: Record<string, Record<string, number>>;
  proposed: Record<string, Record<string, number>>;
  answerWithinSeconds: number;
  serviceLevelTarget: number;
  /** minimum projected service level; see `WhatIfResult.belowFloor` */
  serviceLevelFloor: number;
  /** mean patience per queue, keyed by queue id or queue name; when absent it is estimated from the demand */
  patienceSeconds?: Record<string, number>;
  /** length of one interval in seconds (default 1800) */
  intervalSeconds?: number;
  /** queue id or queue name → ids of the queue's members (the same ids as in `current` / `proposed`). When
   * given, a contact of queue q requesting skill s can only go to a member of q holding s (as Genesys routes),
   * idle time is pooled across a member's streams and each queue × skill stream is evaluated on its own (a
   * queue's agents are the sum over its streams); a queue missing here has no members. When absent, every holder
   * of a skill serves every queue requesting it (see src/simulate/membership.ts and allocation.ts) */
  queueMembers?: Record<string, string[]>;
  /** fit a per-queue efficiency factor on the agents to the measured waits (`totalWaitSeconds`); see
   * `QueueWhatIf.calibration` (default false) */
  calibrate?: boolean;
}
