/**
 * Calibration to the measured waits (`WhatIfInput.calibrate`). The model sees who holds which skill and who is
 * logged in, not what else the agents do: alerts they decline or let ring, breaks and after-call work off the
 * clock, the speed of their proficiency. Per queue, one efficiency factor k on the agents absorbs all of it: k is
 * fitted so that the model's CURRENT mean wait over all offered contacts (abandoners' waits included) equals the
 * measured one (Σ totalWaitSeconds ÷ Σ offered over the period, rows that carry `totalWaitSeconds` only); the
 * proposed scenario is then evaluated with the same k. The mean wait falls as k grows, so k is found by a
 * bracketing search on [0.2, 1.5] to 1e-6 (see `fitEfficiency`); a wait the model cannot reach within the bounds
 * gives the nearer bound.
 */
import { meanWait, offeredLoad } from './evaluate.js';
import type { QueueContext } from './interval-metrics.js';
import type { QueueInterval } from './units.js';

export const MIN_EFFICIENCY = 0.2;
export const MAX_EFFICIENCY = 1.5;
/** the bracket is narrowed to this width (in k) … */
const TOLERANCE = 1e-7;
/** … unless the model's mean wait comes within this relative distance of the measured one first */
const CLOSE_ENOUGH = 1e-10;
const MAX_STEPS = 60;

/** The queue's efficiency factor, or undefined when none of its waits were measured. */
export function fitQueueEfficiency(
  intervals: readonly QueueInterval[],
  measured: { offered: number; waitSeconds: number },
  context: Omit<QueueContext, 'efficiency'>,
): number | undefined {
  if (!(measured.offered > 0)) return undefined;
  const target = measured.waitSeconds / measured.offered;
  return fitEfficiency(target, (k) => modelMeanWait(intervals, k, context));
}

/**
 * k in [MIN_EFFICIENCY, MAX_EFFICIENCY] with meanWait(k) = target, for a meanWait that does not grow with k.
 * A bracketing search on ln(meanWait ÷ target), which is far straighter in k than the wait itself: regula falsi
 * with the Illinois modification (the bracket shrinks from both sides), and a bisection step whenever an end of
 * the bracket is not finite (an unstable Erlang C queue) or the secant leaves the bracket. About 6–10 evaluations
 * where plain bisection needs 20 for a width of 1e-6; never more than MAX_STEPS.
 */
export function fitEfficiency(target: number, meanWait: (k: number) => number): number {
  const gap = (k: number) => Math.log(meanWait(k) / target);
  let lo = MIN_EFFICIENCY;
  let hi = MAX_EFFICIENCY;
  let gHi = gap(hi);
  if (gHi > 0) return MAX_EFFICIENCY; // even the most agents wait longer than measured (or nothing waited)
  let gLo = gap(lo);
  if (!(gLo > 0)) return MIN_EFFICIENCY; // even the fewest agents wait less than measured
  let kept: 'lo' | 'hi' | undefined;
  for (let step = 0; step < MAX_STEPS && hi - lo > TOLERANCE; step++) {
    const secant = (lo * gHi - hi * gLo) / (gHi - gLo);
    const k = Number.isFinite(secant) && secant > lo && secant < hi ? secant : (lo + hi) / 2;
    const g = gap(k);
    if (Math.abs(g) <= CLOSE_ENOUGH) return k;
    if (g > 0) {
      lo = k;
      gLo = g;
      if (kept === 'hi') gHi /= 2;
      kept = 'hi';
    } else {
      hi = k;
      gHi = g;
      if (kept === 'lo') gLo /= 2;
      kept = 'lo';
    }
  }
  return (lo + hi) / 2;
}

/** The model's current mean wait over the measured contacts with the agents × k (Infinity when unstable). */
export function modelMeanWait(
  intervals: readonly QueueInterval[],
  k: number,
  context: Omit<QueueContext, 'efficiency'>,
): number {
  let offered = 0;
  let wait = 0;
  for (const interval of intervals) {
    for (const unit of interval.units) {
      if (!(unit.measuredOffered > 0)) continue;
      const asa = meanWait({
        offeredLoad: offeredLoad(unit.offered, unit.ahtSeconds, context.intervalSeconds),
        agents: unit.current * k,
        ahtSeconds: unit.ahtSeconds,
        answerWithinSeconds: context.answerWithinSeconds,
        patienceSeconds: context.patienceSeconds,
      });
      offered += unit.measuredOffered;
      wait += unit.measuredOffered * asa;
    }
  }
  return offered > 0 ? wait / offered : 0;
}
