/**
 * What the what-if evaluates: per queue and interval, one Erlang queue per "unit" with the agents each scenario
 * gives it. Without queue membership a unit is the whole queue (agents from allocation.ts); with it, a unit is one
 * queue × skill stream (agents from membership.ts), because skill-based routing keeps the streams apart.
 */
import { groupSkillSets, queueAgents, skillAgents } from './allocation.js';
import type { GroupedDemand } from './demand.js';
import { streamAgents, streamEligibility } from './membership.js';
import type { StreamKey } from './membership.js';
import type { WhatIfInput } from './types.js';

export interface Unit {
  /** the requested skill of a stream unit; undefined for a whole queue */
  skill: string | undefined;
  offered: number;
  ahtSeconds: number;
  /** agents in each scenario (before any calibration factor) */
  current: number;
  proposed: number;
  /** offered contacts whose wait was measured */
  measuredOffered: number;
}

export interface QueueInterval {
  start: string;
  offered: number;
  units: Unit[];
}

/** queue id → its intervals in time order */
export type QueueUnits = Map<string, QueueInterval[]>;

export interface UnitOptions {
  intervalSeconds: number;
  onShiftAt: (start: string) => number;
}

export function evaluationUnits(
  input: WhatIfInput,
  grouped: GroupedDemand,
  options: UnitOptions,
): QueueUnits {
  return input.queueMembers
    ? streamUnits(input, input.queueMembers, grouped, options)
    : queueUnits(input, grouped, options);
}

/** One unit per queue and interval: every holder of a skill serves every queue requesting it. */
function queueUnits(input: WhatIfInput, grouped: GroupedDemand, options: UnitOptions): QueueUnits {
  const current = groupSkillSets(input.current);
  const proposed = groupSkillSets(input.proposed);
  const out: QueueUnits = new Map();
  for (const interval of grouped.intervals) {
    const onShift = options.onShiftAt(interval.start);
    const bySkill = {
      current: skillAgents(current, interval.skillWork, onShift),
      proposed: skillAgents(proposed, interval.skillWork, onShift),
    };
    for (const queue of interval.queues.values()) {
      const unit: Unit = {
        skill: undefined,
        offered: queue.offered,
        ahtSeconds: queue.workSeconds / queue.offered,
        current: queueAgents(queue, bySkill.current, interval.skillWork),
        proposed: queueAgents(queue, bySkill.proposed, interval.skillWork),
        measuredOffered: queue.measuredOffered,
      };
      push(out, queue.queueId, { start: interval.start, offered: queue.offered, units: [unit] });
    }
  }
  return out;
}

/** One unit per queue × skill stream and interval, served by the queue's members holding the skill. */
function streamUnits(
  input: WhatIfInput,
  queueMembers: Record<string, string[]>,
  grouped: GroupedDemand,
  options: UnitOptions,
): QueueUnits {
  const { keys, index } = streamIndex(grouped);
  const current = streamEligibility(input.current, queueMembers, keys);
  const proposed = streamEligibility(input.proposed, queueMembers, keys);
  const load = new Float64Array(keys.length);
  const pressure = new Float64Array(keys.length);
  const agents = { current: new Float64Array(keys.length), proposed: new Float64Array(keys.length) };
  const out: QueueUnits = new Map();
  for (const interval of grouped.intervals) {
    load.fill(0);
    for (const queue of interval.queues.values()) {
      const own = index.get(queue.queueId);
      for (const [skill, demand] of queue.streams) {
        load[own?.get(skill) ?? 0] = demand.workSeconds / options.intervalSeconds;
      }
    }
    const onShift = options.onShiftAt(interval.start);
    streamAgents(current, load, onShift, agents.current, pressure);
    streamAgents(proposed, load, onShift, agents.proposed, pressure);
    for (const queue of interval.queues.values()) {
      const own = index.get(queue.queueId);
      const units: Unit[] = [];
      for (const [skill, demand] of queue.streams) {
        const j = own?.get(skill) ?? 0;
        units.push({
          skill,
          offered: demand.offered,
          ahtSeconds: demand.workSeconds / demand.offered,
          current: agents.current[j] ?? 0,
          proposed: agents.proposed[j] ?? 0,
          measuredOffered: demand.measuredOffered,
        });
      }
      push(out, queue.queueId, { start: interval.start, offered: queue.offered, units });
    }
  }
  return out;
}

/** Every queue × skill stream with demand, numbered; `index` is queue id → skill → number. */
function streamIndex(grouped: GroupedDemand): {
  keys: StreamKey[];
  index: Map<string, Map<string, number>>;
} {
  const keys: StreamKey[] = [];
  const index = new Map<string, Map<string, number>>();
  for (const interval of grouped.intervals) {
    for (const queue of interval.queues.values()) {
      let own = index.get(queue.queueId);
      if (!own) {
        own = new Map<string, number>();
        index.set(queue.queueId, own);
      }
      for (const skill of queue.streams.keys()) {
        if (own.has(skill)) continue;
        own.set(skill, keys.length);
        keys.push({
          queueId: queue.queueId,
          queue: grouped.queues.get(queue.queueId)?.queue ?? queue.queueId,
          skill,
        });
      }
    }
  }
  return { keys, index };
}

function push(out: QueueUnits, queueId: string, interval: QueueInterval): void {
  const list = out.get(queueId);
  if (list) list.push(interval);
  else out.set(queueId, [interval]);
}
