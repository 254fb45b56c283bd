import type { AgentInput, StreamInput } from './types.js';

/**
 * Agents who can take exactly the same streams are interchangeable to the router, so the simulation tracks
 * groups of them (counts of idle and busy agents) instead of 10,000 individuals.
 */
export interface AgentGroups {
  /** group index of each agent (-1: the agent can take no stream) */
  groupOf: Int32Array;
  /** streams each group can take */
  streamsOf: Int32Array[];
  /** groups that can take each stream */
  groupsOf: Int32Array[];
  count: number;
  /** each group's own utilization (its agents', who share it), when the agents carry one */
  capacityOf?: (Readonly<Record<string, number>> | undefined)[];
}

/** An agent can take a stream when they are a member of its queue, hold all its skills and its language. */
export function canTake(agent: AgentInput, stream: StreamInput, queues: ReadonlySet<string>): boolean {
  if (!queues.has(stream.queueId)) return false;
  for (const skill of stream.skills) if (!((agent.skills[skill] ?? 0) > 0)) return false;
  return stream.language === undefined || agent.languages.includes(stream.language);
}

export function groupAgents(agents: readonly AgentInput[], streams: readonly StreamInput[]): AgentGroups {
  const byQueue = new Map<string, number[]>();
  streams.forEach((s, i) => {
    const list = byQueue.get(s.queueId) ?? [];
    list.push(i);
    byQueue.set(s.queueId, list);
  });
  const groupOf = new Int32Array(agents.length).fill(-1);
  const keyToGroup = new Map<string, number>();
  const streamsOf: Int32Array[] = [];
  const capacityOf: (Readonly<Record<string, number>> | undefined)[] = [];
  agents.forEach((agent, a) => {
    const queues = new Set(agent.queueIds);
    const eligible: number[] = [];
    for (const q of queues)
      for (const s of byQueue.get(q) ?? []) {
        const stream = streams[s];
        if (stream && canTake(agent, stream, queues)) eligible.push(s);
      }
    if (eligible.length === 0) return;
    eligible.sort((x, y) => x - y);
    const own = agent.capacity
      ? Object.entries(agent.capacity)
          .sort(([x], [y]) => (x < y ? -1 : 1))
          .map(([m, c]) => `${m}=${c}`)
          .join(';')
      : '';
    const key = `${eligible.join(',')}|${own}`;
    let g = keyToGroup.get(key);
    if (g === undefined) {
      g = streamsOf.length;
      keyToGroup.set(key, g);
      streamsOf.push(Int32Array.from(eligible));
      capacityOf.push(agent.capacity);
    }
    groupOf[a] = g;
  });
  const lists: number[][] = streams.map(() => []);
  streamsOf.forEach((list, g) => {
    for (const s of list) lists[s]?.push(g);
  });
  return {
    groupOf,
    streamsOf,
    groupsOf: lists.map((l) => Int32Array.from(l)),
    count: streamsOf.length,
    capacityOf,
  };
}

/**
 * Log-in (+1) and log-out (-1) events of each group, per slot, from each agent's on-queue seconds per slot.
 * Aggregates give seconds, not times, so a partly filled slot is placed next to its on-queue neighbour: at
 * its end when the shift starts, at its start when the shift ends, around a break in the middle.
 * Returned per slot as flat arrays (time in seconds from slot 0, group, delta), sorted by time.
 */
export function presenceEvents(
  agents: readonly AgentInput[],
  groupOf: Int32Array,
  slots: number,
  slotSeconds: number,
): { times: Float64Array; groups: Int32Array; deltas: Int8Array }[] {
  return groupPresence(agentPresence(agents, slots, slotSeconds), groupOf);
}

/** Each agent's log-in and log-out events per slot, sorted by time (log-outs first on a tie, then agents' order). */
export interface AgentPresence {
  agents: number;
  slots: { times: Float64Array; agents: Int32Array; deltas: Int8Array }[];
}

/** The agents' events as their groups' (agents in no group left out): see `presenceEvents`. */
export function groupPresence(
  presence: AgentPresence,
  groupOf: Int32Array,
): { times: Float64Array; groups: Int32Array; deltas: Int8Array }[] {
  return presence.slots.map(({ times, agents, deltas }) => {
    let n = 0;
    for (let k = 0; k < agents.length; k++) if (groupOf[agents[k]!]! >= 0) n += 1;
    const outTimes = new Float64Array(n);
    const outGroups = new Int32Array(n);
    const outDeltas = new Int8Array(n);
    let at = 0;
    for (let k = 0; k < agents.length; k++) {
      const g = groupOf[agents[k]!]!;
      if (g < 0) continue;
      outTimes[at] = times[k]!;
      outGroups[at] = g;
      outDeltas[at] = deltas[k]!;
      at += 1;
    }
    return { times: outTimes, groups: outGroups, deltas: outDeltas };
  });
}

/**
 * Every agent's events (whatever their skills): they depend on presence only, so the runs of one window that
 * differ in skills can share them and only regroup them (`groupPresence`).
 */
export function agentPresence(
  agents: readonly Pick<AgentInput, 'onQueueSeconds'>[],
  slots: number,
  slotSeconds: number,
): AgentPresence {
  const perSlot: { t: number[]; g: number[]; d: number[] }[] = Array.from({ length: slots }, () => ({
    t: [],
    g: [],
    d: [],
  }));
  const full = slotSeconds - 1;
  agents.forEach((agent, g) => {
    let present = false;
    const at = (slot: number, t: number, on: boolean): void => {
      if (on === present) return;
      present = on;
      const bucket = perSlot[Math.min(slots - 1, slot)];
      bucket?.t.push(t);
      bucket?.g.push(g);
      bucket?.d.push(on ? 1 : -1);
    };
    for (let slot = 0; slot < slots; slot++) {
      const s0 = slot * slotSeconds;
      const f = Math.min(slotSeconds, Math.max(0, agent.onQueueSeconds[slot] ?? 0));
      if (f >= full) {
        at(slot, s0, true);
        continue;
      }
      if (f <= 0) {
        at(slot, s0, false);
        continue;
      }
      const before = slot > 0 && (agent.onQueueSeconds[slot - 1] ?? 0) > 0;
      const after = slot + 1 < slots && (agent.onQueueSeconds[slot + 1] ?? 0) > 0;
      if (before && !after) {
        at(slot, s0, true);
        at(slot, s0 + f, false);
      } else if (!before && after) {
        at(slot, s0, false);
        at(slot, s0 + slotSeconds - f, true);
      } else if (before && after) {
        at(slot, s0, true);
        at(slot, s0 + f / 2, false);
        at(slot, s0 + slotSeconds - f / 2, true);
      } else {
        at(slot, s0, false);
        at(slot, s0 + (slotSeconds - f) / 2, true);
        at(slot, s0 + (slotSeconds + f) / 2, false);
      }
    }
    if (present) at(slots - 1, slots * slotSeconds, false);
  });
  const out = perSlot.map(({ t, g, d }, slot) => {
    // sort by time, then log-outs before log-ins, with one native sort of packed keys: time within the slot in
    // 2^15 steps, the delta's sign (1 bit), the event's index (< 2^31); exact in a double (< 2^53)
    const n = t.length;
    const keys = new Float64Array(n);
    const s0 = slot * slotSeconds;
    const steps = 32_767 / slotSeconds;
    for (let i = 0; i < n; i++) {
      const rt = Math.min(32_767, Math.max(0, Math.round(((t[i] ?? s0) - s0) * steps)));
      keys[i] = rt * 2 ** 32 + ((d[i] ?? 0) > 0 ? 2 ** 31 : 0) + i;
    }
    keys.sort();
    const times = new Float64Array(n);
    const owners = new Int32Array(n);
    const deltas = new Int8Array(n);
    for (let k = 0; k < n; k++) {
      const i = (keys[k] ?? 0) % 2 ** 31;
      times[k] = t[i] ?? 0;
      owners[k] = g[i] ?? 0;
      deltas[k] = d[i] ?? 0;
    }
    return { times, agents: owners, deltas };
  });
  return { agents: agents.length, slots: out };
}
