/**
 * The contact centre, one conversation at a time: a discrete-event simulation of a day's arrivals over the agents
 * logged in, with each queue's priorities, agents' concurrency per media and patience per contact.
 *
 * - Arrivals: per stream and slot a Poisson count at the stream's rate, spread uniformly over the slot; each
 *   contact draws its patience (email: none) and its handle-time multiplier when it arrives, so a routing change
 *   leaves the contacts themselves as they were ("all else equal").
 * - Routing as Genesys does with the documented Architect flow: a contact's priority is the weight of its
 *   `queue|skill` row in the weights data table (several skills: the highest; no row: 50). An agent who becomes
 *   free takes, among the streams they can serve, the waiting contact of highest priority, then the one waiting
 *   longest (the queue's "TimestampAndPriority" scoring); an arriving contact goes to the eligible agent idle
 *   longest. Eligible: a member of the queue holding every requested skill and the requested language.
 * - Utilization: a call, callback or email takes the agent whole; messages go up to the agent's message
 *   capacity at once, and never beside the other media.
 * - Presence: agents log in and out at slot boundaries (shifts, lunch, breaks, absence); one logging out
 *   finishes the conversations in hand first and stays on queue (interacting) until then, so no handled time
 *   falls outside on-queue time. An unanswered alert rings {@link ALERT_TIMEOUT_SECONDS} and moves on.
 *
 * Days are independent (the centre is closed overnight), so each day block is simulated on its own, lazily.
 */
import { ABSENCE_DAY, ABSENCE_SLOT, demandFactor, slotOfDay, weekdayOfSlot, dayOfSlot } from './calendar.js';
import { EventHeap } from './heap.js';
import { AWAY, P, PAIR_WIDTH, S, U, USER_WIDTH, WINDOW, type DayBlock, type History } from './history.js';
import { SLOT_MS, type OrgUser, type Stream } from './model.js';
import { IntQueue } from './int-queue.js';
import { hashSeed, Rng, unitHash } from './random.js';
import type { Roster } from './roster.js';
import { streamKey } from './streams.js';

const SLOT_SECONDS = SLOT_MS / 1000;
/** seconds an unanswered alert rings before it moves on */
export const ALERT_TIMEOUT_SECONDS = 8;
/** declines before the contact is answered by the next agent regardless */
const MAX_DECLINES = 2;
const KIND_ARRIVAL = 0;
const KIND_COMPLETE = 1;
const KIND_SLOT = 2;
const MEDIA_MESSAGE = 1;
const ANSWERED = 0;
const DECLINED = 1;
const INELIGIBLE = 2;
const NO_SHIFT = -1_000_000;

/** The org as configured for a span of slots: who can take what, and each stream's priority. */
export interface SimConfig {
  roster: Roster;
  /** per stream: the interaction priority the flow sets */
  priorities: Int32Array;
  /** org user index → roster index (−1 when not on the roster) */
  rosterOf: Int32Array;
  /** per roster user: messages they may handle at once */
  messageCapacity: Uint8Array;
}

export interface DayTotals {
  offered: number;
  answered: number;
  answeredInSla: number;
  abandoned: number;
  waitSum: number;
}

export function buildConfig(roster: Roster, priorities: Int32Array, userCount: number): SimConfig {
  const rosterOf = new Int32Array(userCount).fill(-1);
  for (const [i, user] of roster.users.entries()) rosterOf[user.index] = i;
  return {
    roster,
    priorities,
    rosterOf,
    messageCapacity: Uint8Array.from(roster.users.map((u) => u.messageCapacity)),
  };
}

export class DaySimulator {
  private readonly heap = new EventHeap();
  private readonly streamSeeds: number[];
  private readonly media: Uint8Array;
  // per contact of the run
  private arrival: Float64Array = new Float64Array(4096);
  private abandonAt: Float64Array = new Float64Array(4096);
  private handleMult: Float64Array = new Float64Array(4096);
  private contactStream: Int32Array = new Int32Array(4096);
  private contactSlot: Uint8Array = new Uint8Array(4096);
  private contactDeclines: Uint8Array = new Uint8Array(4096);
  private contacts = 0;
  // per org user
  private readonly logged: Uint8Array;
  private readonly exclusive: Uint8Array;
  private readonly messages: Uint8Array;
  private readonly stamp: Int32Array;
  private readonly busySince: Float64Array;
  /** when the user last logged out, and whether they were still busy then (on queue until done) */
  private readonly loggedOutAt: Float64Array;
  private readonly overrun: Uint8Array;
  /** per org user: first slot of their shift, or {@link NO_SHIFT} */
  private readonly shiftStart: Int32Array;
  // per stream: waiting contacts and idle agents (FIFOs; an idle entry is the agent and their stamp, in turn)
  private readonly waiting: IntQueue[];
  private readonly idle: IntQueue[];
  // per pending completion: user, roster entry, contact, whether it frees (1) or ends a declined alert (0)
  private completions: Int32Array = new Int32Array(4 * 4096);
  private completeCount = 0;
  private config: SimConfig | undefined;
  private block: DayBlock | undefined;
  private runStart = 0;
  private loggedNow: number[] = [];
  private loggedNext: number[] = [];
  private readonly joined: number[] = [];
  private previousConfig: SimConfig | undefined;
  private absent: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly seed: number,
    private readonly streams: Stream[],
    private readonly users: OrgUser[],
    private readonly history: History,
  ) {
    this.streamSeeds = streams.map((s) => hashSeed(seed, 'stream', s.queueId, streamKey(s)));
    this.media = Uint8Array.from(streams.map((s) => (s.mediaType === 'message' ? MEDIA_MESSAGE : 0)));
    const n = users.length;
    this.logged = new Uint8Array(n);
    this.exclusive = new Uint8Array(n);
    this.messages = new Uint8Array(n);
    this.stamp = new Int32Array(n);
    this.busySince = new Float64Array(n);
    this.loggedOutAt = new Float64Array(n);
    this.overrun = new Uint8Array(n);
    this.shiftStart = Int32Array.from(users.map((u) => (u.shift ? u.shift.startSlot : NO_SHIFT)));
    this.waiting = streams.map(() => new IntQueue());
    this.idle = streams.map(() => new IntQueue());
  }

  /** Simulates every filled slot of the block (runs of consecutive absolute slots, each from an empty centre). */
  simulate(block: DayBlock, totals?: DayTotals): void {
    block.streams.fill(0);
    block.ensurePairs(this.history.pairs.size);
    block.pairs.fill(0);
    block.pairSlots = new Uint16Array((block.pairs.length / PAIR_WIDTH) * WINDOW);
    block.presence = new Uint16Array(this.users.length * WINDOW * USER_WIDTH);
    this.block = block;
    let s = block.from;
    while (s < block.to) {
      let end = s + 1;
      while (end < block.to && block.absSlots[end] === (block.absSlots[end - 1] as number) + 1) end++;
      this.run(block, s, end, totals);
      s = end;
    }
    block.simulated = true;
    this.block = undefined;
    this.config = undefined;
  }

  private run(block: DayBlock, from: number, to: number, totals: DayTotals | undefined): void {
    const heap = this.heap;
    heap.clear();
    this.contacts = 0;
    this.logged.fill(0);
    this.exclusive.fill(0);
    this.messages.fill(0);
    this.overrun.fill(0);
    this.loggedNow.length = 0;
    for (let k = 0; k < this.streams.length; k++) {
      (this.waiting[k] as IntQueue).clear();
      (this.idle[k] as IntQueue).clear();
    }
    this.completeCount = 0;
    this.runStart = from;
    this.previousConfig = undefined;
    const first = block.absSlots[from] as number;
    this.absent = this.absentees(block, from, first);
    heap.push(0, (0 << 2) | KIND_SLOT);
    let ended = false;
    while (heap.pop()) {
      const now = heap.time;
      const kind = heap.payload & 3;
      const value = heap.payload >> 2;
      if (kind === KIND_SLOT) {
        const slot = from + value;
        if (slot < to) {
          this.startSlot(block, slot, now);
          heap.push(now + SLOT_SECONDS, ((value + 1) << 2) | KIND_SLOT);
        } else if (!ended) {
          ended = true;
          this.close(now);
        }
      } else if (kind === KIND_ARRIVAL) {
        if (!ended) this.arrive(value, now);
      } else {
        this.complete(value, now);
      }
    }
    if (totals) this.addTotals(block, from, to, totals);
  }

  /** Per roster user of the run's first config: away for the whole day (leave, sickness). */
  private absentees(block: DayBlock, from: number, absSlot: number): Uint8Array {
    const config = block.configs[block.slotConfig[from] as number] as SimConfig;
    const out = new Uint8Array(this.users.length);
    const day = dayOfSlot(absSlot);
    for (const user of config.roster.users) {
      out[user.index] =
        unitHash(config.roster.userSeeds[config.rosterOf[user.index] ?? 0] ?? 0, day, 1) < ABSENCE_DAY
          ? 1
          : 0;
    }
    return out;
  }

  /** Slot boundary: logins and logouts, then the slot's arrivals. */
  private startSlot(block: DayBlock, slot: number, now: number): void {
    const config = block.configs[block.slotConfig[slot] as number] as SimConfig;
    this.config = config;
    const absSlot = block.absSlots[slot] as number;
    const { roster } = config;
    const tod = slotOfDay(absSlot);
    const weekday = 1 << weekdayOfSlot(absSlot);
    const next = this.loggedNext;
    next.length = 0;
    for (const group of roster.byStart) {
      if (tod < group.startSlot || tod >= group.endSlot) continue;
      for (const i of group.users) {
        const user = roster.users[i] as OrgUser;
        const u = user.index;
        const offset = tod - group.startSlot;
        if (((roster.workDays[i] ?? 0) & weekday) === 0 || this.absent[u] === 1) continue;
        if (tod === roster.lunchSlot[i]) {
          this.away(u, offset, AWAY.meal);
          continue;
        }
        if (unitHash(roster.userSeeds[i] ?? 0, absSlot, 2) < ABSENCE_SLOT) {
          this.away(u, offset, AWAY.break);
          continue;
        }
        next.push(u);
      }
    }
    const changed = this.previousConfig !== config;
    this.previousConfig = config;
    for (const u of this.loggedNow) this.logged[u] = 2;
    const joined = this.joined;
    joined.length = 0;
    for (const u of next) {
      const was = this.logged[u];
      this.logged[u] = 1;
      if (was === 2 && !changed) continue;
      this.stamp[u] = (this.stamp[u] ?? 0) + 1;
      joined.push(u);
      if (this.overrun[u] === 1) {
        this.addSpan(u, U.onQueue, this.loggedOutAt[u] ?? now, now);
        this.overrun[u] = 0;
      }
    }
    for (const u of this.loggedNow) {
      if (this.logged[u] === 2) this.logOut(u, now);
    }
    this.loggedNext = this.loggedNow;
    this.loggedNow = next;
    const agents = this.block?.streams;
    for (const u of next) {
      this.addOnQueue(u, slot, SLOT_SECONDS);
      const i = config.rosterOf[u] ?? -1;
      if (i < 0) continue;
      for (let e = roster.entryStart[i] ?? 0; e < (roster.entryStart[i + 1] ?? 0); e++) {
        const k = roster.entryStream[e] ?? 0;
        if (agents) add(agents, block.streamOffset(slot, k) + S.agents, 1);
      }
    }
    for (const u of joined) this.free(u, now);
    this.arrivals(slot, absSlot, now);
  }

  private logOut(u: number, now: number): void {
    this.logged[u] = 0;
    this.stamp[u] = (this.stamp[u] ?? 0) + 1;
    this.loggedOutAt[u] = now;
    if (this.exclusive[u] === 1 || (this.messages[u] ?? 0) > 0) this.overrun[u] = 1;
  }

  private away(u: number, offset: number, kind: number): void {
    const p = this.presenceOffset(u, offset);
    if (p < 0 || !this.block) return;
    this.block.presence[p + U.away] = SLOT_SECONDS;
    this.block.presence[p + U.awayKind] = kind;
  }

  private presenceOffset(u: number, offset: number): number {
    if (offset < 0 || offset >= WINDOW) return -1;
    return (u * WINDOW + offset) * USER_WIDTH;
  }

  private windowOffset(u: number, slot: number): number {
    const start = this.shiftStart[u] as number;
    return start === NO_SHIFT ? -1 : slot - start;
  }

  private addOnQueue(u: number, slot: number, seconds: number): void {
    const p = this.presenceOffset(u, this.windowOffset(u, slot));
    if (p >= 0 && this.block) add(this.block.presence, p + U.onQueue, seconds);
  }

  /** Adds an interval of user time to a presence field, split over the slots it spans. */
  private addSpan(u: number, field: number, start: number, end: number): void {
    const block = this.block;
    if (!block || end <= start) return;
    let t = start;
    while (t < end) {
      const index = Math.floor(t / SLOT_SECONDS);
      const stop = Math.min(end, (index + 1) * SLOT_SECONDS);
      const slot = this.runStart + index;
      const p = this.presenceOffset(u, this.windowOffset(u, slot));
      if (p >= 0) {
        block.presence[p + field] = Math.min(SLOT_SECONDS, (block.presence[p + field] ?? 0) + (stop - t));
      }
      t = stop;
    }
  }

  private arrivals(slot: number, absSlot: number, now: number): void {
    const rng = new Rng(hashSeed(this.seed, 'arrivals', absSlot));
    for (let k = 0; k < this.streams.length; k++) {
      const stream = this.streams[k] as Stream;
      const rate = stream.peakRate * demandFactor(absSlot, this.streamSeeds[k] ?? 0);
      if (rate <= 0) continue;
      const n = rng.poisson(rate * SLOT_SECONDS);
      for (let j = 0; j < n; j++) {
        const c = this.newContact();
        const at = now + rng.next() * SLOT_SECONDS;
        this.arrival[c] = at;
        const patience = stream.patienceSeconds;
        this.abandonAt[c] = Number.isFinite(patience) ? at - patience * Math.log(1 - rng.next()) : Infinity;
        // log-normal handle time, coefficient of variation about 0.6
        this.handleMult[c] = Math.exp(0.55 * rng.normal() - 0.15125);
        this.contactStream[c] = k;
        this.contactSlot[c] = slot;
        this.contactDeclines[c] = 0;
        this.heap.push(at, (c << 2) | KIND_ARRIVAL);
      }
    }
  }

  private newContact(): number {
    const c = this.contacts++;
    if (c >= this.arrival.length) {
      const size = this.arrival.length * 2;
      this.arrival = grown(this.arrival, size);
      this.abandonAt = grown(this.abandonAt, size);
      this.handleMult = grown(this.handleMult, size);
      const stream = new Int32Array(size);
      stream.set(this.contactStream);
      this.contactStream = stream;
      const slot = new Uint8Array(size);
      slot.set(this.contactSlot);
      this.contactSlot = slot;
      const declines = new Uint8Array(size);
      declines.set(this.contactDeclines);
      this.contactDeclines = declines;
    }
    return c;
  }

  private arrive(c: number, now: number): void {
    const block = this.block as DayBlock;
    const k = this.contactStream[c] as number;
    add(block.streams, block.streamOffset(this.contactSlot[c] as number, k) + S.offered, 1);
    this.route(c, k, now);
  }

  /** Gives the contact to the stream's longest-idle eligible agent, or queues it. */
  private route(c: number, k: number, now: number): void {
    const idle = this.idle[k] as IntQueue;
    while (idle.head < idle.tail) {
      const u = idle.items[idle.head] as number;
      const st = idle.items[idle.head + 1] as number;
      idle.head += 2;
      if (st !== this.stamp[u] || !this.canTake(u, k)) continue;
      const outcome = this.assign(c, u, k, now);
      if (outcome === DECLINED) return;
      if (outcome === ANSWERED) {
        if (this.media[k] === MEDIA_MESSAGE && this.canTake(u, k)) this.free(u, now);
        return;
      }
    }
    (this.waiting[k] as IntQueue).push(c);
  }

  private canTake(u: number, k: number): boolean {
    if (this.logged[u] !== 1 || this.exclusive[u] === 1) return false;
    if (this.media[k] === MEDIA_MESSAGE) {
      const i = this.config?.rosterOf[u] ?? -1;
      return i >= 0 && (this.messages[u] ?? 0) < (this.config?.messageCapacity[i] ?? 1);
    }
    return this.messages[u] === 0;
  }

  /** The roster entry of user `u` for stream `k` (−1 when none). */
  private entryOf(u: number, k: number): number {
    const config = this.config as SimConfig;
    const i = config.rosterOf[u] ?? -1;
    if (i < 0) return -1;
    const { entryStart, entryStream } = config.roster;
    for (let e = entryStart[i] ?? 0; e < (entryStart[i + 1] ?? 0); e++) if (entryStream[e] === k) return e;
    return -1;
  }

  /**
   * Alerts agent `u` with contact `c`: ANSWERED; DECLINED when the agent lets it ring out (the contact rings the
   * next agent when the alert times out); INELIGIBLE when the agent may no longer take the stream.
   */
  private assign(c: number, u: number, k: number, now: number): number {
    const block = this.block as DayBlock;
    const config = this.config as SimConfig;
    const e = this.entryOf(u, k);
    if (e < 0) return INELIGIBLE;
    const { roster } = config;
    const pair = (roster.entryPair[e] ?? 0) * PAIR_WIDTH;
    const rate = roster.entryRate[e] ?? 1;
    const declines = this.contactDeclines[c] as number;
    const slot = this.runStart + Math.floor(now / SLOT_SECONDS);
    if (declines < MAX_DECLINES && unitHash(this.seed, c * 7 + declines, u) > rate) {
      this.contactDeclines[c] = declines + 1;
      add(block.pairs, pair + P.alerts, 1);
      add(block.pairs, pair + P.alertSum, ALERT_TIMEOUT_SECONDS);
      this.addSpan(u, U.notResponding, now, now + ALERT_TIMEOUT_SECONDS);
      // the agent is not responding for the alert's time; the contact rings the next agent after it
      this.stamp[u] = (this.stamp[u] ?? 0) + 1;
      this.heap.push(now + ALERT_TIMEOUT_SECONDS, (this.pushComplete(u, -1, c, 0) << 2) | KIND_COMPLETE);
      this.exclusive[u] = 1;
      return DECLINED;
    }
    const stream = this.streams[k] as Stream;
    const alert = 2 + 5 * (1 - rate) + 3 * unitHash(this.seed, c, 3);
    const answeredAt = now + alert;
    const wait = answeredAt - (this.arrival[c] as number);
    const handle = stream.ahtSeconds * (roster.entryFactor[e] ?? 1) * (this.handleMult[c] as number);
    const acw = handle * stream.acwShare;
    const o = block.streamOffset(this.contactSlot[c] as number, k);
    const out = block.streams;
    add(out, o + S.answered, 1);
    add(out, o + S.answerWaitSum, wait);
    add(out, o + S.waitSum, wait);
    if (wait <= stream.slaSeconds) add(out, o + S.answeredInSla, 1);
    else add(out, o + S.overSla, 1);
    add(out, o + S.handleSum, handle);
    add(out, o + S.talkSum, handle - acw);
    add(out, o + S.acwSum, acw);
    add(out, o + S.alertSum, alert);
    add(block.pairs, pair + P.alerts, 1);
    add(block.pairs, pair + P.answered, 1);
    add(block.pairs, pair + P.handleSum, handle);
    add(block.pairs, pair + P.talkSum, handle - acw);
    add(block.pairs, pair + P.acwSum, acw);
    add(block.pairs, pair + P.alertSum, alert);
    const w = this.windowOffset(u, slot);
    if (w >= 0 && w < WINDOW) add(block.pairSlots, (roster.entryPair[e] ?? 0) * WINDOW + w, 1);
    if (this.exclusive[u] === 0 && this.messages[u] === 0) this.busySince[u] = now;
    if (this.media[k] === MEDIA_MESSAGE) this.messages[u] = (this.messages[u] ?? 0) + 1;
    else this.exclusive[u] = 1;
    this.stamp[u] = (this.stamp[u] ?? 0) + 1;
    this.heap.push(answeredAt + handle, (this.pushComplete(u, e, c, 1) << 2) | KIND_COMPLETE);
    return ANSWERED;
  }

  private pushComplete(u: number, e: number, c: number, frees: number): number {
    const id = this.completeCount++;
    if (id * 4 >= this.completions.length) {
      const grownList = new Int32Array(this.completions.length * 2);
      grownList.set(this.completions);
      this.completions = grownList;
    }
    const o = id * 4;
    this.completions[o] = u;
    this.completions[o + 1] = e;
    this.completions[o + 2] = c;
    this.completions[o + 3] = frees;
    return id;
  }

  private complete(id: number, now: number): void {
    const u = this.completions[id * 4] as number;
    const c = this.completions[id * 4 + 2] as number;
    const k = this.contactStream[c] as number;
    if (this.completions[id * 4 + 3] === 0) {
      // a declined alert timed out: the agent is ready again and the contact tries the next agent
      this.exclusive[u] = 0;
      this.stamp[u] = (this.stamp[u] ?? 0) + 1;
      if (this.logged[u] === 1) this.free(u, now);
      if (now < (this.abandonAt[c] as number)) this.route(c, k, now);
      else this.abandon(c, this.abandonAt[c] as number);
      return;
    }
    if (this.media[k] === MEDIA_MESSAGE) this.messages[u] = Math.max(0, (this.messages[u] ?? 0) - 1);
    else this.exclusive[u] = 0;
    this.stamp[u] = (this.stamp[u] ?? 0) + 1;
    if (this.exclusive[u] === 0 && this.messages[u] === 0) {
      this.addSpan(u, U.interacting, this.busySince[u] ?? now, now);
      if (this.overrun[u] === 1) {
        // logged out while busy: on queue (interacting) until the last conversation ended
        this.addSpan(u, U.onQueue, this.loggedOutAt[u] ?? now, now);
        this.overrun[u] = 0;
      }
    }
    if (this.logged[u] === 1) this.free(u, now);
  }

  /** An agent with capacity takes the best waiting contact (priority, then longest wait) or waits for one. */
  private free(u: number, now: number): void {
    const config = this.config as SimConfig;
    const i = config.rosterOf[u] ?? -1;
    if (i < 0) return;
    const { entryStart, entryStream } = config.roster;
    const from = entryStart[i] ?? 0;
    const to = entryStart[i + 1] ?? 0;
    for (;;) {
      let best = -1;
      let bestStream = -1;
      let bestPriority = -1;
      let bestArrival = Infinity;
      for (let e = from; e < to; e++) {
        const k = entryStream[e] ?? 0;
        if (!this.canTake(u, k)) continue;
        const c = this.head(k, now);
        if (c < 0) continue;
        const priority = config.priorities[k] ?? 50;
        const arrived = this.arrival[c] as number;
        if (priority > bestPriority || (priority === bestPriority && arrived < bestArrival)) {
          best = c;
          bestStream = k;
          bestPriority = priority;
          bestArrival = arrived;
        }
      }
      if (best < 0) break;
      const queue = this.waiting[bestStream] as IntQueue;
      queue.head++;
      const outcome = this.assign(best, u, bestStream, now);
      if (outcome === DECLINED) return;
      if (outcome === INELIGIBLE) {
        queue.head--;
        return;
      }
      if (this.exclusive[u] === 1) return;
      if (this.media[bestStream] !== MEDIA_MESSAGE) return;
    }
    for (let e = from; e < to; e++) {
      const k = entryStream[e] ?? 0;
      if (!this.canTake(u, k)) continue;
      const idle = this.idle[k] as IntQueue;
      idle.push(u);
      idle.push(this.stamp[u] ?? 0);
    }
  }

  /** The stream's oldest waiting contact that has not given up (those that have are recorded as abandoned). */
  private head(k: number, now: number): number {
    const queue = this.waiting[k] as IntQueue;
    const items = queue.items;
    while (queue.head < queue.tail) {
      const c = items[queue.head] as number;
      if ((this.abandonAt[c] as number) > now) return c;
      this.abandon(c, this.abandonAt[c] as number);
      queue.head++;
    }
    return -1;
  }

  private abandon(c: number, at: number): void {
    const block = this.block as DayBlock;
    const k = this.contactStream[c] as number;
    const stream = this.streams[k] as Stream;
    const wait = at - (this.arrival[c] as number);
    const o = block.streamOffset(this.contactSlot[c] as number, k);
    add(block.streams, o + S.abandoned, 1);
    add(block.streams, o + S.abandonWaitSum, wait);
    add(block.streams, o + S.waitSum, wait);
    if (wait > stream.slaSeconds) add(block.streams, o + S.overSla, 1);
  }

  /**
   * End of the run: contacts still waiting give up when their patience runs out (those with none, email, are
   * still waiting); agents log out after finishing what they hold.
   */
  private close(now: number): void {
    for (let k = 0; k < this.streams.length; k++) {
      const queue = this.waiting[k] as IntQueue;
      for (let h = queue.head; h < queue.tail; h++) {
        const c = queue.items[h] as number;
        const at = this.abandonAt[c] as number;
        // at its own patience, whether that ran out before the close (abandons are found lazily, when the
        // queue is next looked at) or would after it; never at the close, which would stretch tAbandon
        if (Number.isFinite(at)) this.abandon(c, at);
      }
      queue.clear();
    }
    for (const u of this.loggedNow) this.logOut(u, now);
    this.loggedNow.length = 0;
  }

  private addTotals(block: DayBlock, from: number, to: number, totals: DayTotals): void {
    for (let s = from; s < to; s++) {
      for (let k = 0; k < this.streams.length; k++) {
        const o = block.streamOffset(s, k);
        totals.offered += block.streams[o + S.offered] ?? 0;
        totals.answered += block.streams[o + S.answered] ?? 0;
        totals.answeredInSla += block.streams[o + S.answeredInSla] ?? 0;
        totals.abandoned += block.streams[o + S.abandoned] ?? 0;
        totals.waitSum += block.streams[o + S.waitSum] ?? 0;
      }
    }
  }
}

function add(array: Float32Array | Uint16Array, index: number, value: number): void {
  array[index] = (array[index] ?? 0) + value;
}

function grown(array: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size);
  out.set(array);
  return out;
}
