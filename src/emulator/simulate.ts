/**
 * Simulates one 30-minute slot of the org: arrivals per stream, the agents logged in, how each agent's time is
 * shared across the streams they can take (in proportion to each stream's load per agent), then per stream an
 * M/M/N+M queue (see queueing.ts) realised with Poisson/binomial noise, and the answered contacts spread over
 * the agents by their share, answer rate and speed.
 */
import { ABSENCE_DAY, ABSENCE_SLOT, dayOfSlot, demandFactor, slotOfDay, weekdayOfSlot } from './calendar.js';
import { P, PAIR_WIDTH, S, type History } from './history.js';
import { SLOT_MS, type Stream } from './model.js';
import { solveQueue } from './queueing.js';
import { hashSeed, Rng, unitHash } from './random.js';
import type { Roster } from './roster.js';
import { streamKey } from './streams.js';

const SLOT_SECONDS = SLOT_MS / 1000;
/** seconds an unanswered alert rings before it moves on */
export const ALERT_TIMEOUT_SECONDS = 8;

export interface SlotTotals {
  offered: number;
  answered: number;
  answeredInSla: number;
  abandoned: number;
  waitSum: number;
}

export class Simulator {
  private readonly lambda: Float64Array;
  private readonly pressure: Float64Array;
  private readonly agents: Float64Array;
  private readonly weighted: Float64Array;
  private readonly streamSeeds: number[];
  private share = new Float64Array(0);
  private weights = new Float64Array(64);
  private onShift: number[] = [];
  private members: number[][];
  private absent = new Uint8Array(0);
  private absentRoster: Roster | undefined;
  private absentDay = Number.NaN;

  constructor(
    private readonly seed: number,
    private readonly streams: Stream[],
    private readonly history: History,
  ) {
    const n = streams.length;
    this.lambda = new Float64Array(n);
    this.pressure = new Float64Array(n);
    this.agents = new Float64Array(n);
    this.weighted = new Float64Array(n);
    this.streamSeeds = streams.map((s) => hashSeed(seed, 'stream', s.queueId, streamKey(s)));
    this.members = streams.map(() => []);
  }

  /** Simulates the absolute slot `absSlot` and appends it to the history. */
  run(roster: Roster, absSlot: number, totals?: SlotTotals): void {
    const ref = this.history.appendSlot();
    const rng = new Rng(hashSeed(this.seed, 'slot', ref.serial));
    let open = false;
    for (let k = 0; k < this.streams.length; k++) {
      const stream = this.streams[k] as Stream;
      const rate = stream.peakRate * demandFactor(absSlot, this.streamSeeds[k] ?? 0);
      this.lambda[k] = rate;
      if (rate > 0) open = true;
    }
    if (!open) return;
    this.staff(roster, absSlot);
    const { block, slot } = ref;
    for (let k = 0; k < this.streams.length; k++) {
      const stream = this.streams[k] as Stream;
      const lambda = this.lambda[k] ?? 0;
      if (lambda <= 0) continue;
      const out = block.streams;
      const o = block.streamOffset(slot, k);
      const n = this.agents[k] ?? 0;
      const aht = n > 0 ? (stream.ahtSeconds * (this.weighted[k] ?? 0)) / n : stream.ahtSeconds;
      const servers = Math.floor(n) + (rng.next() < n - Math.floor(n) ? 1 : 0);
      const q = solveQueue({
        lambda,
        mu: 1 / aht,
        theta: 1 / stream.patienceSeconds,
        servers,
        slaSeconds: stream.slaSeconds,
      });
      const offered = rng.poisson(lambda * SLOT_SECONDS);
      const answered = rng.binomial(offered, q.pServed);
      const inSla = rng.binomial(answered, q.pServed > 0 ? Math.min(1, q.pServedWithinSla / q.pServed) : 0);
      const abandoned = offered - answered;
      const abandonedEarly = rng.binomial(
        abandoned,
        q.pAbandon > 0 ? Math.min(1, q.pAbandonWithinSla / q.pAbandon) : 0,
      );
      const answerWait = noisySum(rng, answered, q.meanWaitServed, 1);
      const abandonWait = noisySum(rng, abandoned, q.meanWaitAbandoned, 0.8);
      out[o + S.offered] = offered;
      out[o + S.answered] = answered;
      out[o + S.abandoned] = abandoned;
      out[o + S.answeredInSla] = inSla;
      out[o + S.overSla] = answered - inSla + abandoned - abandonedEarly;
      out[o + S.answerWaitSum] = answerWait;
      out[o + S.abandonWaitSum] = abandonWait;
      out[o + S.waitSum] = answerWait + abandonWait;
      out[o + S.agents] = n;
      this.distribute(rng, roster, stream, k, answered, out, o, block.pairs);
      if (totals) {
        totals.offered += offered;
        totals.answered += answered;
        totals.answeredInSla += inSla;
        totals.abandoned += abandoned;
        totals.waitSum += answerWait + abandonWait;
      }
    }
  }

  /**
   * Who is logged in, and how much of their time each open stream can count on: an agent's time not spent on
   * their other streams (idle time is pooled, as in a real ACD). The time a stream keeps an agent busy is the
   * load per agent it would carry with everyone fully available (at most 92%).
   */
  private staff(roster: Roster, absSlot: number): void {
    const { entryStart, entryStream, entryFactor } = roster;
    if (this.share.length < entryStream.length) this.share = new Float64Array(entryStream.length);
    const lambda = this.lambda;
    const agents = this.agents;
    const weighted = this.weighted;
    const pressure = this.pressure;
    for (const m of this.members) m.length = 0;
    agents.fill(0);
    weighted.fill(0);
    this.loggedIn(roster, absSlot);
    for (const i of this.onShift) {
      const to = entryStart[i + 1] ?? 0;
      for (let e = entryStart[i] ?? 0; e < to; e++) {
        const k = entryStream[e] ?? 0;
        if ((lambda[k] ?? 0) <= 0) continue;
        this.members[k]?.push(e);
        agents[k] = (agents[k] ?? 0) + 1;
        weighted[k] = (weighted[k] ?? 0) + (entryFactor[e] ?? 1);
      }
    }
    for (let k = 0; k < this.streams.length; k++) {
      const n = agents[k] ?? 0;
      const load =
        n > 0 ? ((lambda[k] ?? 0) * (this.streams[k] as Stream).ahtSeconds * (weighted[k] ?? 0)) / n : 0;
      pressure[k] = n > 0 ? Math.min(load, 0.92 * n) / n : 0;
    }
    agents.fill(0);
    weighted.fill(0);
    for (const i of this.onShift) {
      const from = entryStart[i] ?? 0;
      const to = entryStart[i + 1] ?? 0;
      let busy = 0;
      for (let e = from; e < to; e++) busy += pressure[entryStream[e] ?? 0] ?? 0;
      const scale = busy > 1 ? 1 / busy : 1;
      for (let e = from; e < to; e++) {
        const k = entryStream[e] ?? 0;
        if ((lambda[k] ?? 0) <= 0) continue;
        const available = Math.max(0.02, 1 - (busy - (pressure[k] ?? 0)) * scale);
        this.share[e] = available;
        agents[k] = (agents[k] ?? 0) + available;
        weighted[k] = (weighted[k] ?? 0) + available * (entryFactor[e] ?? 1);
      }
    }
  }

  /**
   * Fills `onShift` with the roster users logged in during the slot (the same rule as `isOnShift`, with the
   * per-day draws cached).
   */
  loggedIn(roster: Roster, absSlot: number): number[] {
    this.onShift.length = 0;
    const tod = slotOfDay(absSlot);
    const day = dayOfSlot(absSlot);
    const weekday = 1 << weekdayOfSlot(absSlot);
    if (this.absentRoster !== roster || this.absentDay !== day) {
      this.absent = new Uint8Array(roster.users.length);
      for (let i = 0; i < roster.users.length; i++) {
        this.absent[i] = unitHash(roster.userSeeds[i] ?? 0, day, 1) < ABSENCE_DAY ? 1 : 0;
      }
      this.absentRoster = roster;
      this.absentDay = day;
    }
    for (const group of roster.byStart) {
      if (tod < group.startSlot || tod >= group.endSlot) continue;
      const { lunchSlot, workDays, userSeeds } = roster;
      for (const i of group.users) {
        if (tod === lunchSlot[i] || ((workDays[i] ?? 0) & weekday) === 0 || this.absent[i] === 1) continue;
        if (unitHash(userSeeds[i] ?? 0, absSlot, 2) >= ABSENCE_SLOT) this.onShift.push(i);
      }
    }
    return this.onShift;
  }

  /**
   * Spreads the answered contacts over the stream's agents (systematic sampling on the agents' weights: share ×
   * answer rate ÷ handle-time factor) and records each agent's alerts (answered + declined) and handling.
   */
  private distribute(
    rng: Rng,
    roster: Roster,
    stream: Stream,
    k: number,
    answered: number,
    out: Float32Array,
    o: number,
    pairs: Float32Array,
  ): void {
    if (answered === 0) return;
    const entries = this.members[k] ?? [];
    if (this.weights.length < entries.length) this.weights = new Float64Array(entries.length * 2);
    let totalWeight = 0;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] ?? 0;
      const w = ((this.share[e] ?? 0) * (roster.entryRate[e] ?? 1)) / (roster.entryFactor[e] ?? 1);
      this.weights[i] = w;
      totalWeight += w;
    }
    if (totalWeight <= 0) return;
    const step = totalWeight / Math.max(answered, 1);
    let next = rng.next() * step;
    let cumulative = 0;
    let handleSum = 0;
    let acwSum = 0;
    let alertSum = 0;
    let declineCarry = rng.next();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] ?? 0;
      const w = this.weights[i] ?? 0;
      cumulative += w;
      let taken = 0;
      while (answered > 0 && next < cumulative) {
        taken++;
        next += step;
      }
      const rate = roster.entryRate[e] ?? 1;
      declineCarry += ((answered * w) / totalWeight) * ((1 - rate) / rate);
      const declined = Math.floor(declineCarry);
      declineCarry -= declined;
      if (taken === 0 && declined === 0) continue;
      const handle = noisySum(rng, taken, stream.ahtSeconds * (roster.entryFactor[e] ?? 1), 0.5);
      const acw = handle * stream.acwShare;
      const alert = taken * (3 + 4 * (1 - rate)) * (0.85 + 0.3 * rng.next());
      const p = (roster.entryPair[e] ?? 0) * PAIR_WIDTH;
      pairs[p + P.alerts] = (pairs[p + P.alerts] ?? 0) + taken + declined;
      pairs[p + P.answered] = (pairs[p + P.answered] ?? 0) + taken;
      pairs[p + P.handleSum] = (pairs[p + P.handleSum] ?? 0) + handle;
      pairs[p + P.talkSum] = (pairs[p + P.talkSum] ?? 0) + handle - acw;
      pairs[p + P.acwSum] = (pairs[p + P.acwSum] ?? 0) + acw;
      pairs[p + P.alertSum] = (pairs[p + P.alertSum] ?? 0) + alert;
      handleSum += handle;
      acwSum += acw;
      alertSum += alert;
    }
    out[o + S.handleSum] = handleSum;
    out[o + S.talkSum] = handleSum - acwSum;
    out[o + S.acwSum] = acwSum;
    out[o + S.alertSum] = alertSum;
  }
}

/** Sum of `count` draws with the given mean and coefficient of variation (normal approximation, ≥ 0). */
function noisySum(rng: Rng, count: number, mean: number, cv: number): number {
  if (count <= 0 || mean <= 0) return 0;
  return Math.max(0, count * mean * (1 + (cv * rng.normal()) / Math.sqrt(count)));
}
