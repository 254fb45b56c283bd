import { EventHeap } from './heap.js';
import {
  agentPresence,
  groupAgents,
  groupPresence,
  presenceEvents,
  type AgentGroups,
  type AgentPresence,
} from './groups.js';
import { combine32, createRandom, expOf, hashString, keyedUniform, normal } from './random.js';
import type { CentreInput, CentreRun, StreamTotals } from './types.js';

/**
 * One replication of the centre: the measured arrivals of each stream and slot at random times within the slot,
 * exponential handle times and patience with the measured means, agents logged in and out as the users
 * aggregates say, and the router Genesys documents: a new contact goes to an available agent who can take it
 * (an idle one first, chosen at random among them, else one with spare capacity for its media); an agent who
 * frees capacity takes the waiting contact of highest priority among the streams they can take, the longest
 * waiting first on a tie. Agents who can take the same streams are counted together (groups.ts).
 * Deterministic for `input.seed`; no clock, no I/O.
 *
 * Common random numbers: each contact's arrival time, handle time, patience and the uniform that picks among
 * the available agents come from its own random stream, named by the seed, its stream's identity (queue, media,
 * skills, language), its slot's absolute start and its rank among the slot's contacts of that stream; not from
 * the order of events. Two configurations run on the same seed see the same contacts, so the difference of their
 * results is the change's effect and not noise (only which of an agent's messages finishes first, for agents
 * working several at once, uses one shared stream).
 */
export function simulateCentre(
  input: CentreInput,
  groups?: AgentGroups,
  arrivals?: CentreArrivals,
): CentreRun {
  const { streams, slots, slotSeconds } = input;
  const S = streams.length;
  const grouping = groups ?? groupAgents(input.agents, streams);
  const G = grouping.count;
  const streamsOf = grouping.streamsOf;
  const groupsOf = grouping.groupsOf;
  const random = createRandom(input.seed);
  if (arrivals) checkArrivals(arrivals, input);
  const streamKeys = arrivals ? undefined : streamKeysOf(streams, input.seed);
  const firstSlot = Math.round(input.startMs / 1000 / slotSeconds);

  const mediaIndex = new Map<string, number>();
  const mediaOf = new Int32Array(S);
  streams.forEach((s, i) => {
    if (!mediaIndex.has(s.media)) mediaIndex.set(s.media, mediaIndex.size);
    mediaOf[i] = mediaIndex.get(s.media) ?? 0;
  });
  const M = Math.max(1, mediaIndex.size);
  const capacity = new Int32Array(M).fill(1);
  for (const [media, m] of mediaIndex) capacity[m] = Math.max(1, Math.floor(input.capacity?.[media] ?? 1));
  // contacts of each media an agent of group g works at once: the group's own utilization, else the input's
  const capG = new Int32Array(G * M);
  for (let g = 0; g < G; g++) {
    const own = grouping.capacityOf?.[g];
    for (const [media, m] of mediaIndex) {
      const c = own?.[media];
      capG[g * M + m] = c === undefined ? (capacity[m] ?? 1) : Math.max(1, Math.floor(c));
    }
  }
  const C = Math.max(1, ...capacity, ...capG);
  const L = C + 1;
  /** media some group works several of at once */
  const multi = new Uint8Array(M);
  for (let g = 0; g < G; g++) for (let m = 0; m < M; m++) if ((capG[g * M + m] ?? 1) > 1) multi[m] = 1;

  // per media: agents holding at least one contact of it, contacts of it in hand, and their time integrals
  const held = new Int32Array(M);
  const work = new Int32Array(M);
  const heldSeconds = new Float64Array(M);
  const workSeconds = new Float64Array(M);
  const since = new Float64Array(M);
  const count = (m: number, agents: number, contacts: number): void => {
    const dt = now - since[m]!;
    heldSeconds[m] = heldSeconds[m]! + dt * held[m]!;
    workSeconds[m] = workSeconds[m]! + dt * work[m]!;
    since[m] = now;
    held[m] = held[m]! + agents;
    work[m] = work[m]! + contacts;
  };

  const idle = new Int32Array(G);
  /** idle agents able to take each stream (Σ idle over its groups), so an arrival with none skips the walk */
  const idleOf = new Int32Array(S);
  const addIdle = (g: number, d: number): void => {
    idle[g] = idle[g]! + d;
    const list = streamsOf[g]!;
    for (let x = 0; x < list.length; x++) idleOf[list[x]!] = idleOf[list[x]!]! + d;
  };
  const leaving = new Int32Array(G);
  /** load[(g * M + m) * L + k]: agents of group g working k contacts of media m */
  const load = new Int32Array(G * M * L);
  /** spare[g * M + m]: agents of group g working some contacts of media m and below their maximum for it */
  const spare = new Int32Array(G * M);
  /** agents with spare capacity able to take each stream (Σ spare over its groups not logging out) */
  const spareOf = new Int32Array(S);
  const addSpareOf = (g: number, m: number, d: number): void => {
    const list = streamsOf[g]!;
    for (let x = 0; x < list.length; x++) {
      const s = list[x]!;
      if (mediaOf[s] === m) spareOf[s] = spareOf[s]! + d;
    }
  };
  /** an agent of group g goes from working `from` to `to` contacts of media m */
  const moveSpare = (g: number, m: number, from: number, to: number): void => {
    const i = g * M + m;
    const c = capG[i]!;
    if (c <= 1) return;
    let d = 0;
    if (from >= 1 && from < c) d -= 1;
    if (to >= 1 && to < c) d += 1;
    if (d === 0) return;
    spare[i] = spare[i]! + d;
    if (leaving[g]! <= 0) addSpareOf(g, m, d);
  };
  /** agents of group g waiting to log out once their contacts are done: those offer no spare capacity */
  const addLeaving = (g: number, d: number): void => {
    const before = leaving[g]!;
    const after = before + d;
    leaving[g] = after;
    if (before > 0 === after > 0) return;
    const list = streamsOf[g]!;
    for (let x = 0; x < list.length; x++) {
      const s = list[x]!;
      const v = spare[g * M + mediaOf[s]!]!;
      if (v !== 0) spareOf[s] = spareOf[s]! + (after > 0 ? -v : v);
    }
  };

  const priority = Float64Array.from({ length: S }, (_, i) => input.priorities[i] ?? 50);
  const patience = Float64Array.from(streams, (s) => s.patienceSeconds);
  const threshold = Float64Array.from(streams, (s) => s.thresholdSeconds);
  const delay = Float64Array.from(streams, (s) => Math.max(0, s.answerDelaySeconds ?? 0));
  /** mean agent time of a contact, and its log-normal's σ and σ²/2 (σ < 0: exponential; 0: the mean itself) */
  const work1 = Float64Array.from(streams, (s) => s.ahtSeconds * Math.max(0, s.workScale ?? 1));
  const sigma = new Float64Array(S);
  const halfVar = new Float64Array(S);
  streams.forEach((s, i) => {
    const c = s.handleCv;
    if (c === undefined || c < 0) sigma[i] = -1;
    else if (c > 0) {
      const s2 = Math.log(1 + c * c);
      sigma[i] = Math.sqrt(s2);
      halfVar[i] = s2 / 2;
    }
  });

  const tOffered = new Float64Array(S);
  const tAnswered = new Float64Array(S);
  const tWithin = new Float64Array(S);
  const tAbandoned = new Float64Array(S);
  const tAnsweredWait = new Float64Array(S);
  const tAbandonedWait = new Float64Array(S);
  const tHandled = new Float64Array(S);
  const tImmediate = new Float64Array(S);
  const slotOffered = new Float64Array(S * slots);
  const slotWithin = new Float64Array(S * slots);
  const slotAnswered = new Float64Array(S * slots);
  const slotAbandoned = new Float64Array(S * slots);
  const slotWait = new Float64Array(S * slots);
  const busySeconds = new Float64Array(slots);
  const onQueueSeconds = new Float64Array(slots);
  for (const agent of input.agents)
    for (let slot = 0; slot < slots; slot++) onQueueSeconds[slot]! += agent.onQueueSeconds[slot] ?? 0;

  // waiting contacts: a pool of records, one FIFO (linked list) per stream
  const waiting = new WaitingPool();
  const head = new Int32Array(S).fill(-1);
  const tail = new Int32Array(S).fill(-1);

  const heap = new EventHeap(4096);
  let now = 0;

  const cellOf = (s: number, arrival: number): number =>
    s * slots + Math.min(slots - 1, Math.floor(arrival / slotSeconds));

  const answer = (s: number, arrival: number, g: number, fromLevel: number, key: number): void => {
    const m = mediaOf[s]!;
    const gm = g * M + m;
    const base = gm * L;
    if (fromLevel === 0) {
      count(m, 1, 1);
      addIdle(g, -1);
    } else {
      count(m, 0, 1);
      load[base + fromLevel] = load[base + fromLevel]! - 1;
    }
    load[base + fromLevel + 1] = load[base + fromLevel + 1]! + 1;
    moveSpare(g, m, fromLevel, fromLevel + 1);
    const d = delay[s]!;
    const wait = now - arrival + d;
    const mean = work1[s]!;
    const sd = sigma[s]!;
    const u = keyedUniform(key, 1);
    const handle =
      d + (sd < 0 ? expOf(u, mean) : sd > 0 ? mean * Math.exp(sd * normal(u) - halfVar[s]!) : mean);
    tAnswered[s] = tAnswered[s]! + 1;
    tAnsweredWait[s] = tAnsweredWait[s]! + wait;
    tHandled[s] = tHandled[s]! + handle;
    if (now === arrival) tImmediate[s] = tImmediate[s]! + 1;
    const cell = cellOf(s, arrival);
    slotAnswered[cell] = slotAnswered[cell]! + 1;
    slotWait[cell] = slotWait[cell]! + wait;
    if (wait <= threshold[s]!) {
      tWithin[s] = tWithin[s]! + 1;
      slotWithin[cell] = slotWithin[cell]! + 1;
    }
    addBusy(now, handle / capG[gm]!);
    heap.push(now + handle, gm);
  };

  const addBusy = (from: number, seconds: number): void => {
    let t = from;
    let left = seconds;
    while (left > 0) {
      const slot = Math.floor(t / slotSeconds);
      if (slot >= slots) return;
      const part = Math.min(left, (slot + 1) * slotSeconds - t);
      busySeconds[slot] = busySeconds[slot]! + part;
      left -= part;
      t += part;
    }
  };

  /** drops abandoned contacts from the head of stream s; returns the head record or -1 */
  const headOf = (s: number): number => {
    let r = head[s]!;
    if (r < 0 || waiting.deadline[r]! >= now) return r;
    while (r >= 0 && waiting.deadline[r]! < now) {
      const arrival = waiting.arrival[r]!;
      const gave = waiting.deadline[r]! - arrival;
      tAbandoned[s] = tAbandoned[s]! + 1;
      tAbandonedWait[s] = tAbandonedWait[s]! + gave;
      const cell = cellOf(s, arrival);
      slotAbandoned[cell] = slotAbandoned[cell]! + 1;
      slotWait[cell] = slotWait[cell]! + gave;
      const next = waiting.next[r]!;
      waiting.release(r);
      r = next;
    }
    head[s] = r;
    if (r < 0) tail[s] = -1;
    return r;
  };

  /** an agent of group g with capacity (idle when media < 0, else working `level` contacts of `media`) pulls work */
  const pull = (g: number, media: number, level: number): void => {
    let lvl = level;
    let med = media;
    const list = streamsOf[g]!;
    for (;;) {
      if (med >= 0 && (lvl >= capG[g * M + med]! || leaving[g]! > 0)) return;
      let best = -1;
      let bestRecord = -1;
      for (let x = 0; x < list.length; x++) {
        const s = list[x]!;
        if (head[s]! < 0 || (med >= 0 && mediaOf[s] !== med)) continue;
        const r = headOf(s);
        if (r < 0) continue;
        if (
          best < 0 ||
          priority[s]! > priority[best]! ||
          (priority[s] === priority[best] && waiting.arrival[r]! < waiting.arrival[bestRecord]!)
        ) {
          best = s;
          bestRecord = r;
        }
      }
      if (best < 0) return;
      const arrival = waiting.arrival[bestRecord]!;
      const key = waiting.key[bestRecord]!;
      head[best] = waiting.next[bestRecord]!;
      if (head[best]! < 0) tail[best] = -1;
      waiting.release(bestRecord);
      med = mediaOf[best]!;
      answer(best, arrival, g, lvl, key);
      lvl += 1;
    }
  };

  const arrive = (s: number, t: number, key: number): void => {
    tOffered[s] = tOffered[s]! + 1;
    const cell = cellOf(s, t);
    slotOffered[cell] = slotOffered[cell]! + 1;
    const idleTotal = idleOf[s]!;
    const m = mediaOf[s]!;
    // agents with spare capacity for the media, besides the idle ones (media worked several at once)
    const spareTotal = multi[m] === 1 ? spareOf[s]! : 0;
    if (idleTotal + spareTotal > 0) {
      const candidates = groupsOf[s]!;
      const n = candidates.length;
      // Genesys ACD: agents join one first-in-first-out line as they become available (on queue, a contact
      // finished, or a contact answered below their utilization's maximum), and an arriving contact goes to the
      // eligible agent longest since their last ACD contact (https://help.mypurecloud.com/?p=26869). Groups
      // keep counts, not times, so the model picks uniformly among the available agents: an agent already
      // working messages is as likely as an idle one, as in that line.
      let pick = Math.floor(keyedUniform(key, 3) * (idleTotal + spareTotal));
      if (pick < idleTotal) {
        for (let x = 0; x < n; x++) {
          const g = candidates[x]!;
          pick -= idle[g]!;
          if (pick < 0) {
            answer(s, t, g, 0, key);
            return;
          }
        }
      }
      pick -= idleTotal;
      for (let x = 0; x < n; x++) {
        const g = candidates[x]!;
        if (leaving[g]! > 0) continue;
        const inGroup = spare[g * M + m]!;
        if (pick >= inGroup) {
          pick -= inGroup;
          continue;
        }
        const c = capG[g * M + m]!;
        for (let k = 1; k < c; k++) {
          pick -= load[(g * M + m) * L + k]!;
          if (pick < 0) {
            answer(s, t, g, k, key);
            return;
          }
        }
      }
    }
    const r = waiting.take(t, t + expOf(keyedUniform(key, 2), patience[s]!), key);
    if (tail[s]! >= 0) waiting.next[tail[s]!] = r;
    else head[s] = r;
    tail[s] = r;
  };

  const complete = (payload: number): void => {
    const g = Math.floor(payload / M);
    const m = payload - g * M;
    const base = payload * L;
    // the finishing contact belongs to an agent working k contacts with probability ∝ k · agents at k
    let level = 1;
    const c = capG[payload]!;
    if (c > 1) {
      let weight = 0;
      for (let k = 1; k <= c; k++) weight += k * load[base + k]!;
      let pick = random.next() * weight;
      for (let k = 1; k <= c; k++) {
        pick -= k * load[base + k]!;
        if (pick < 0) {
          level = k;
          break;
        }
      }
    }
    if (load[base + level]! <= 0) return;
    load[base + level] = load[base + level]! - 1;
    moveSpare(g, m, level, level - 1);
    count(m, level === 1 ? -1 : 0, -1);
    if (level > 1) {
      load[base + level - 1] = load[base + level - 1]! + 1;
      pull(g, m, level - 1);
      return;
    }
    if (leaving[g]! > 0) {
      addLeaving(g, -1);
      return;
    }
    addIdle(g, 1);
    pull(g, -1, 0);
  };

  const presence = arrivals?.presence
    ? groupPresence(arrivals.presence, grouping.groupOf)
    : presenceEvents(input.agents, grouping.groupOf, slots, slotSeconds);
  for (let slot = 0; slot < slots; slot++) {
    const slotStart = slot * slotSeconds;
    const slotEnd = slotStart + slotSeconds;
    const slotIn =
      arrivals?.slots[slot] ??
      slotArrivals(streams, streamKeys!, slot, firstSlot + slot, slotStart, slotSeconds);
    const times = slotIn.times;
    const arriving = slotIn.streams;
    const keys = slotIn.keys;
    const n = times.length;
    const events = presence[slot]!;
    const eventTimes = events.times;
    const eventCount = eventTimes.length;
    let i = 0;
    let j = 0;
    for (;;) {
      const ta = i < n ? times[i]! : Infinity;
      const tp = j < eventCount ? eventTimes[j]! : Infinity;
      const tc = heap.peekTime();
      const t = Math.min(ta, tp, tc);
      if (t >= slotEnd) break;
      now = t;
      if (tc <= tp && tc <= ta) complete(heap.pop());
      else if (tp <= ta) {
        const g = events.groups[j]!;
        if (events.deltas[j]! > 0) {
          if (leaving[g]! > 0) addLeaving(g, -1);
          else {
            addIdle(g, 1);
            pull(g, -1, 0);
          }
        } else if (idle[g]! > 0) addIdle(g, -1);
        else addLeaving(g, 1);
        j += 1;
      } else {
        arrive(arriving[i]!, ta, keys[i]!);
        i += 1;
      }
    }
  }
  // contacts whose patience ran out before the end count as abandoned; the rest were still waiting
  now = slots * slotSeconds;
  for (let s = 0; s < S; s++) headOf(s);
  const totals: StreamTotals[] = [];
  let contacts = 0;
  for (let s = 0; s < S; s++) {
    totals.push({
      offered: tOffered[s]!,
      answered: tAnswered[s]!,
      within: tWithin[s]!,
      abandoned: tAbandoned[s]!,
      answeredWaitSeconds: tAnsweredWait[s]!,
      abandonedWaitSeconds: tAbandonedWait[s]!,
      handledSeconds: tHandled[s]!,
      immediate: tImmediate[s]!,
    });
    contacts += tOffered[s]!;
  }
  return {
    streams: totals,
    slotOffered,
    slotWithin,
    slotAnswered,
    slotAbandoned,
    slotWait,
    onQueueSeconds,
    busySeconds,
    concurrency: Object.fromEntries(
      [...mediaIndex].map(([media, m]) => {
        count(m, 0, 0);
        return [media, heldSeconds[m]! > 0 ? workSeconds[m]! / heldSeconds[m]! : 0];
      }),
    ),
    contacts,
  };
}

/** One slot's arrivals in time order: time (s from slot 0), stream, and the contact's random key. */
export interface SlotArrivals {
  times: Float64Array;
  streams: Int32Array;
  keys: Uint32Array;
}

/**
 * The arrivals of a whole run, drawn once: they depend only on the seed, the period and the streams' identities
 * and offered counts, so runs that differ in skills, weights, work scales or patience can share them (the
 * searches and the what-if run the same window many times). Pass to `simulateCentre` with an input of the same
 * seed, period and streams.
 */
export interface CentreArrivals {
  seed: number;
  startMs: number;
  slotSeconds: number;
  streams: number;
  slots: SlotArrivals[];
  /** the agents' log-ins and log-outs, when drawn with the agents (their presence, whatever their skills) */
  presence?: AgentPresence;
}

/** The window's arrivals; with `agents` (their presence), also their log-ins and log-outs. */
export function centreArrivals(
  input: Pick<CentreInput, 'streams' | 'slots' | 'slotSeconds' | 'startMs' | 'seed'> & {
    agents?: CentreInput['agents'];
  },
): CentreArrivals {
  const streamKeys = streamKeysOf(input.streams, input.seed);
  const firstSlot = Math.round(input.startMs / 1000 / input.slotSeconds);
  const slots: SlotArrivals[] = [];
  for (let slot = 0; slot < input.slots; slot++)
    slots.push(
      slotArrivals(
        input.streams,
        streamKeys,
        slot,
        firstSlot + slot,
        slot * input.slotSeconds,
        input.slotSeconds,
      ),
    );
  return {
    seed: input.seed,
    startMs: input.startMs,
    slotSeconds: input.slotSeconds,
    streams: input.streams.length,
    slots,
    ...(input.agents ? { presence: agentPresence(input.agents, input.slots, input.slotSeconds) } : {}),
  };
}

function checkArrivals(arrivals: CentreArrivals, input: CentreInput): void {
  if (
    arrivals.seed !== input.seed ||
    arrivals.startMs !== input.startMs ||
    arrivals.slotSeconds !== input.slotSeconds ||
    arrivals.streams !== input.streams.length ||
    arrivals.slots.length !== input.slots ||
    (arrivals.presence !== undefined && arrivals.presence.agents !== input.agents.length)
  )
    throw new Error(
      'centre model: the arrivals were drawn for another seed, period, set of streams or of agents',
    );
}

/** each stream's random key: the seed and the stream's identity (a repeated identity gets its own key) */
function streamKeysOf(streams: CentreInput['streams'], seed: number): Uint32Array {
  const seen = new Map<string, number>();
  return Uint32Array.from(streams, (s) => {
    const id = `${s.queueId}|${s.media}|${[...s.skills].sort().join('+')}|${s.language ?? ''}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return combine32(combine32(seed | 0, hashString(id)), n);
  });
}

const RANK = 1048576;

/**
 * The slot's arrivals in time order: the measured count of each stream (a fractional count is rounded at
 * random), each contact at a uniform random time of its own (its key: stream, absolute slot, rank).
 */
function slotArrivals(
  streams: CentreInput['streams'],
  streamKeys: Uint32Array,
  slot: number,
  absoluteSlot: number,
  slotStart: number,
  slotSeconds: number,
): SlotArrivals {
  let n = 0;
  const counts = new Int32Array(streams.length);
  const slotKeys = new Uint32Array(streams.length);
  for (let i = 0; i < streams.length; i++) {
    const x = Math.max(0, streams[i]!.offered[slot] ?? 0);
    if (x <= 0) continue;
    const key = combine32(streamKeys[i]!, absoluteSlot);
    slotKeys[i] = key;
    const whole = Math.floor(x);
    const k = whole + (keyedUniform(key, -1) < x - whole ? 1 : 0);
    counts[i] = k;
    n += k;
  }
  const ids = new Int32Array(n);
  const keys = new Uint32Array(n);
  const order = new Float64Array(n);
  let at = 0;
  for (let i = 0; i < streams.length; i++)
    for (let k = 0; k < counts[i]!; k++) {
      const key = combine32(slotKeys[i]!, k);
      ids[at] = i;
      keys[at] = key;
      // the contact's time (32 bits) above its index in this slot, so one numeric sort orders them
      order[at] = Math.floor(keyedUniform(key, 0) * 4294967296) * RANK + at;
      at += 1;
    }
  if (n >= RANK)
    throw new Error(`centre model: ${n} contacts in one slot; at most ${RANK - 1} are supported`);
  order.sort();
  const times = new Float64Array(n);
  const streamsOut = new Int32Array(n);
  const keysOut = new Uint32Array(n);
  for (let x = 0; x < n; x++) {
    const v = order[x]!;
    const index = v % RANK;
    times[x] = slotStart + ((v - index) / RANK / 4294967296) * slotSeconds;
    streamsOut[x] = ids[index]!;
    keysOut[x] = keys[index]!;
  }
  return { times, streams: streamsOut, keys: keysOut };
}

/** Records of waiting contacts, reused once answered or abandoned. */
class WaitingPool {
  arrival = new Float64Array(1024);
  deadline = new Float64Array(1024);
  next = new Int32Array(1024);
  key = new Uint32Array(1024);
  private free: number[] = [];
  private used = 0;

  take(arrival: number, deadline: number, key: number): number {
    let r = this.free.pop();
    if (r === undefined) {
      if (this.used === this.arrival.length) this.grow();
      r = this.used++;
    }
    this.arrival[r] = arrival;
    this.deadline[r] = deadline;
    this.next[r] = -1;
    this.key[r] = key;
    return r;
  }

  release(r: number): void {
    this.free.push(r);
  }

  private grow(): void {
    const n = this.arrival.length * 2;
    const arrival = new Float64Array(n);
    arrival.set(this.arrival);
    const deadline = new Float64Array(n);
    deadline.set(this.deadline);
    const next = new Int32Array(n);
    next.set(this.next);
    const key = new Uint32Array(n);
    key.set(this.key);
    this.key = key;
    this.arrival = arrival;
    this.deadline = deadline;
    this.next = next;
  }
}
