/** What one queue (or one staffing question) looks like to the Erlang formulas. */
export interface QueueParams {
  /** offered load in Erlang: contacts × AHT ÷ interval length */
  offeredLoad: number;
  /** agents serving the queue; fractional values use the continuous Erlang B extension */
  agents: number;
  ahtSeconds: number;
  answerWithinSeconds: number;
  /** mean patience (exponential); when set, Erlang A, otherwise Erlang C */
  patienceSeconds?: number | undefined;
}

export type ErlangModel = 'erlang-c' | 'erlang-a';

/** Steady-state performance of one queue. Fractions are 0–1, times in seconds, never NaN. */
export interface ErlangMetrics {
  model: ErlangModel;
  offeredLoad: number;
  agents: number;
  /** answered within the target ÷ offered */
  serviceLevel: number;
  /** probability that a contact has to wait at all */
  waitProbability: number;
  /** mean wait over all offered contacts (abandoners' waits included); Infinity for an unstable Erlang C queue */
  asa: number;
  /** carried load ÷ agents */
  occupancy: number;
  /** abandoned ÷ offered (0 under Erlang C) */
  abandonRate: number;
}

/** Patience at or above this many AHTs behaves as infinite: a stable queue is evaluated with Erlang C. */
export const INFINITE_PATIENCE_RATIO = 1e8;

export function clamp01(value: number): number {
  if (!(value > 0)) return 0;
  return value < 1 ? value : 1;
}

/** Performance with no demand at all. */
export function idleMetrics(model: ErlangModel, agents: number): ErlangMetrics {
  return {
    model,
    offeredLoad: 0,
    agents,
    serviceLevel: 1,
    waitProbability: 0,
    asa: 0,
    occupancy: 0,
    abandonRate: 0,
  };
}
