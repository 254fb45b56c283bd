import { erlangB } from './erlang-b.js';
import { queueTail } from './gamma.js';
import { clamp01, idleMetrics } from './metrics.js';
import type { ErlangMetrics, QueueParams } from './metrics.js';

/**
 * Erlang A (M/M/N+M: exponential patience with rate θ = 1 / mean patience), after Garnett, Mandelbaum &
 * Reiman (2002) and Mandelbaum & Zeltyn. With μ = 1/AHT, λ = A·μ, x = N·μ/θ, y = λ/θ, the Erlang B value
 * E = B(N, A) and A(x, y) = Σ_{j≥0} y^j / ((x+1)…(x+j)) (see `queueTail`):
 *
 * - P(wait > 0) = A(x,y)·E / (1 + (A(x,y) − 1)·E)
 * - P(abandon) = P(wait > 0)·(1 − 1/ρ + 1/(ρ·A(x,y))), ρ = A/N (computed as Σ j·t_j / (y·A) when y < x + 1)
 * - P(offered wait > t) = P(wait > 0)·[A(x, y·e^(−θt)) / A(x, y)]·e^(−Nμt + y·(1 − e^(−θt)))
 * - P(answered after t) = P(offered wait > t)·(1/ρ)·(1 − 1/A(x, y·e^(−θt)))
 * - SL(t) = 1 − P(abandon) − P(answered after t); ASA = E[wait] = P(abandon)/θ; occupancy = A·(1 − P(abandon))/N.
 *
 * Always stable, so it also answers for A ≥ N.
 */
export function erlangAFromB(b: number, params: QueueParams, patienceSeconds: number): ErlangMetrics {
  const { offeredLoad: a, agents: n, answerWithinSeconds: t } = params;
  if (a <= 0) return idleMetrics('erlang-a', n);
  if (n <= 0) return everyoneAbandons(a, patienceSeconds);
  const { theta, mu, x, y, tail, waitProbability, abandonRate } = waiting(b, params, patienceSeconds);
  const decay = Math.exp(-theta * t);
  const tailAtT = queueTail(x, y * decay);
  const offeredWaitBeyond = Math.min(
    waitProbability,
    waitProbability * Math.exp(tailAtT.logA - tail.logA - n * mu * t - y * Math.expm1(-theta * t)),
  );
  const answeredLate = offeredWaitBeyond * (n / a) * tailAtT.queuedShare;
  return {
    model: 'erlang-a',
    offeredLoad: a,
    agents: n,
    serviceLevel: clamp01(1 - abandonRate - answeredLate),
    waitProbability: clamp01(waitProbability),
    asa: abandonRate * patienceSeconds,
    occupancy: clamp01((a * (1 - abandonRate)) / n),
    abandonRate,
  };
}

/** Erlang A's mean wait over all offered contacts (= P(abandon) × mean patience), without the service level. */
export function erlangAMeanWait(b: number, params: QueueParams, patienceSeconds: number): number {
  if (params.offeredLoad <= 0) return 0;
  if (params.agents <= 0) return patienceSeconds;
  return waiting(b, params, patienceSeconds).abandonRate * patienceSeconds;
}

/** P(wait > 0) and P(abandon), and the intermediate values the service level needs. */
function waiting(b: number, params: QueueParams, patienceSeconds: number) {
  const theta = 1 / patienceSeconds;
  const mu = 1 / params.ahtSeconds;
  const x = (params.agents * mu) / theta;
  const y = (params.offeredLoad * mu) / theta;
  const tail = queueTail(x, y);
  const waitProbability = b > 0 ? 1 / (1 + ((1 - b) / b) * Math.exp(-tail.logA)) : 0;
  const abandonRate = clamp01(waitProbability * tail.abandonGivenWait);
  return { theta, mu, x, y, tail, waitProbability, abandonRate };
}

/**
 * Mean wait of the answered contacts alone (the "ASA" of most WFM reports), beside `asa` over all offered:
 * E[wait · 1{answered}] = ∫₀^∞ P(answered after t) dt, integrated numerically (Simpson, until the tail is
 * negligible), divided by P(answered) = 1 − P(abandon).
 */
export function erlangAAnsweredWait(b: number, params: QueueParams, patienceSeconds: number): number {
  const { offeredLoad: a, agents: n } = params;
  if (a <= 0 || n <= 0) return 0;
  const { theta, mu, x, y, tail, waitProbability, abandonRate } = waiting(b, params, patienceSeconds);
  if (abandonRate >= 1) return 0;
  const late = (t: number): number => {
    const decay = Math.exp(-theta * t);
    const tailAtT = queueTail(x, y * decay);
    const beyond = Math.min(
      waitProbability,
      waitProbability * Math.exp(tailAtT.logA - tail.logA - n * mu * t - y * Math.expm1(-theta * t)),
    );
    return beyond * (n / a) * tailAtT.queuedShare;
  };
  // the tail decays at least as fast as e^(−θt): integrate to where it is below 1e-12 of its start
  const end = Math.max(params.ahtSeconds, patienceSeconds) * 40;
  const steps = 2000;
  const h = end / steps;
  let sum = late(0) + late(end);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * late(i * h);
  return (sum * h) / 3 / (1 - abandonRate);
}

export function erlangA(params: QueueParams & { patienceSeconds: number }): ErlangMetrics {
  return erlangAFromB(erlangB(params.agents, params.offeredLoad), params, params.patienceSeconds);
}

function everyoneAbandons(a: number, patienceSeconds: number): ErlangMetrics {
  return {
    model: 'erlang-a',
    offeredLoad: a,
    agents: 0,
    serviceLevel: 0,
    waitProbability: 1,
    asa: patienceSeconds,
    occupancy: 0,
    abandonRate: 1,
  };
}
