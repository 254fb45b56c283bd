/**
 * Who serves which stream when queue membership is known (`WhatIfInput.queueMembers`). A stream is one queue ×
 * requested skill; Genesys offers its contacts only to members of the queue who hold the skill. The rule, per
 * interval, is the one the emulator's ACD uses (src/emulator/simulate.ts `staff()`):
 *
 * 1. A user is eligible for stream (q, s) when they are a member of q and hold s (proficiency > 0).
 * 2. A stream's pressure is the load it would put on each eligible agent if all of them took it:
 *    p = min(load, 0.92 × n) ÷ n, with n = onShift × eligible users and load = work ÷ interval (Erlang).
 * 3. Idle time is pooled: a logged-in agent is available to each of their streams for the time the OTHER open
 *    streams do not keep them busy, 1 − Σ_{others} p, at least 0.02; when their streams together ask for more than
 *    all of their time (Σ p > 1) the pressures are scaled down to fit first (availability = p ÷ Σ p).
 * 4. Agents on a stream = onShift × Σ over eligible users of their availability to it.
 *
 * Agents are not conserved (an idle agent counts for every stream they could take, as in a real ACD), so each
 * stream is evaluated as its own queue. The on-shift fraction is the same for everyone, so users with the same set
 * of eligible streams (a "signature") get the same availability: the work per interval is per signature.
 */

/** a stream cannot keep its agents busier than this (the rest of their time stays available to other streams) */
const MAX_PRESSURE = 0.92;
/** an agent is always at least this available to each of their streams */
const MIN_AVAILABILITY = 0.02;

export interface StreamKey {
  queueId: string;
  /** queue name, to resolve `queueMembers` keyed by name */
  queue: string;
  skill: string;
}

/** Users eligible for exactly the same streams. */
export interface Signature {
  /** stream indexes, ascending */
  streams: Int32Array;
  users: number;
}

export interface StreamEligibility {
  signatures: Signature[];
  /** stream index → users eligible for it */
  eligible: Float64Array;
}

/** Groups the users of one scenario by the streams they can serve. */
export function streamEligibility(
  profiles: Record<string, Record<string, number>>,
  queueMembers: Record<string, string[]>,
  streams: readonly StreamKey[],
): StreamEligibility {
  const streamsOfQueue = new Map<string, { skill: string; index: number }[]>();
  const queuesOfUser = new Map<string, Set<string>>();
  streams.forEach((stream, index) => {
    const list = streamsOfQueue.get(stream.queueId);
    if (list) list.push({ skill: stream.skill, index });
    else streamsOfQueue.set(stream.queueId, [{ skill: stream.skill, index }]);
  });
  const named = new Map<string, string>();
  for (const s of streams) named.set(s.queueId, s.queue);
  for (const [queueId, queue] of named) {
    for (const user of membersOf(queueMembers, queueId, queue)) {
      const queues = queuesOfUser.get(user);
      if (queues) queues.add(queueId);
      else queuesOfUser.set(user, new Set([queueId]));
    }
  }
  const groups = new Map<string, Signature>();
  const eligible = new Float64Array(streams.length);
  for (const [user, skills] of Object.entries(profiles)) {
    const queues = queuesOfUser.get(user);
    if (!queues) continue;
    const served: number[] = [];
    for (const queueId of queues) {
      for (const stream of streamsOfQueue.get(queueId) ?? []) {
        if ((skills[stream.skill] ?? 0) > 0) served.push(stream.index);
      }
    }
    if (served.length === 0) continue;
    served.sort((a, b) => a - b);
    for (const index of served) eligible[index] = (eligible[index] ?? 0) + 1;
    const key = served.join(',');
    const group = groups.get(key);
    if (group) group.users += 1;
    else groups.set(key, { streams: Int32Array.from(served), users: 1 });
  }
  return { signatures: [...groups.values()], eligible };
}

/** Members of a queue, looked up by id first, then by name. */
export function membersOf(queueMembers: Record<string, string[]>, queueId: string, queue: string): string[] {
  if (Object.hasOwn(queueMembers, queueId)) return queueMembers[queueId] ?? [];
  if (Object.hasOwn(queueMembers, queue)) return queueMembers[queue] ?? [];
  return [];
}

/**
 * Agents per stream in one interval (steps 2–4), written into `agents`. `load` is in Erlang, 0 for streams
 * with no demand in the interval; `pressure` is scratch space of the same length.
 */
export function streamAgents(
  eligibility: StreamEligibility,
  load: Float64Array,
  onShift: number,
  agents: Float64Array,
  pressure: Float64Array,
): void {
  agents.fill(0);
  if (!(onShift > 0)) return;
  const { eligible, signatures } = eligibility;
  for (let j = 0; j < load.length; j++) {
    const n = onShift * (eligible[j] ?? 0);
    const l = load[j] ?? 0;
    pressure[j] = n > 0 && l > 0 ? Math.min(l, MAX_PRESSURE * n) / n : 0;
  }
  for (const { streams, users } of signatures) {
    let busy = 0;
    for (let i = 0; i < streams.length; i++) busy += pressure[streams[i] ?? 0] ?? 0;
    if (busy <= 0) continue;
    const scale = busy > 1 ? 1 / busy : 1;
    for (let i = 0; i < streams.length; i++) {
      const j = streams[i] ?? 0;
      const p = pressure[j] ?? 0;
      if (p <= 0) continue;
      const available = Math.max(MIN_AVAILABILITY, 1 - (busy - p) * scale);
      agents[j] = (agents[j] ?? 0) + users * available;
    }
  }
  for (let j = 0; j < agents.length; j++) agents[j] = (agents[j] ?? 0) * onShift;
}
