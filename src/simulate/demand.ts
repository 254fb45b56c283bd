import { SimulationError } from './errors.js';
import { estimatePatienceSeconds } from './patience.js';
import type { WhatIfDemand, WhatIfInput } from './types.js';

/** One queue's demand in one interval, split by requested skill. */
export interface QueueDemand {
  queueId: string;
  offered: number;
  /** offered × AHT, seconds of work */
  workSeconds: number;
  /** skill → seconds of work */
  skillWork: Map<string, number>;
}

export interface IntervalDemand {
  start: string;
  /** queue id → demand */
  queues: Map<string, QueueDemand>;
  /** skill → seconds of work over all queues */
  skillWork: Map<string, number>;
}

export interface QueueInfo {
  queueId: string;
  queue: string;
  patienceSeconds: number | undefined;
}

export interface GroupedDemand {
  /** sorted by start */
  intervals: IntervalDemand[];
  /** queue id → name and patience */
  queues: Map<string, QueueInfo>;
}

/** Groups demand rows by interval, queue and skill; rows with nothing offered are left out. */
export function groupDemand(input: WhatIfInput): GroupedDemand {
  const byStart = new Map<string, IntervalDemand>();
  const abandonStats = new Map<string, { name: string; abandoned: number; waitSeconds: number }>();
  for (const row of input.demand) {
    checkRow(row);
    if (!(row.offered > 0)) continue;
    const interval = getOrAdd(byStart, row.start, (): IntervalDemand => ({
      start: row.start,
      queues: new Map(),
      skillWork: new Map(),
    }));
    const queue = getOrAdd(interval.queues, row.queueId, (): QueueDemand => ({
      queueId: row.queueId,
      offered: 0,
      workSeconds: 0,
      skillWork: new Map(),
    }));
    const work = row.offered * row.ahtSeconds;
    queue.offered += row.offered;
    queue.workSeconds += work;
    addTo(queue.skillWork, row.skill, work);
    addTo(interval.skillWork, row.skill, work);
    const stats = getOrAdd(abandonStats, row.queueId, () => ({
      name: row.queue,
      abandoned: 0,
      waitSeconds: 0,
    }));
    stats.abandoned += row.abandoned ?? 0;
    stats.waitSeconds += row.totalWaitSeconds ?? 0;
  }
  const queues = new Map<string, QueueInfo>();
  for (const [queueId, stats] of abandonStats) {
    const given = input.patienceSeconds?.[queueId] ?? input.patienceSeconds?.[stats.name];
    const patienceSeconds =
      given !== undefined && given > 0 ? given : estimatePatienceSeconds(stats.abandoned, stats.waitSeconds);
    queues.set(queueId, { queueId, queue: stats.name, patienceSeconds });
  }
  const intervals = [...byStart.values()].sort((a, b) => compare(a.start, b.start));
  return { intervals, queues };
}

function checkRow(row: WhatIfDemand): void {
  const where = `demand ${JSON.stringify(row.queue)} / ${JSON.stringify(row.skill)} at ${row.start}`;
  if (!(row.offered >= 0 && Number.isFinite(row.offered))) {
    throw new SimulationError(`${where}: offered must be a finite number ≥ 0, got ${row.offered}`);
  }
  if (row.offered > 0 && !(row.ahtSeconds > 0 && Number.isFinite(row.ahtSeconds))) {
    throw new SimulationError(`${where}: AHT must be a positive number of seconds, got ${row.ahtSeconds}`);
  }
  for (const [name, value] of [
    ['abandoned', row.abandoned],
    ['totalWaitSeconds', row.totalWaitSeconds],
  ] as const) {
    if (value !== undefined && !(value >= 0 && Number.isFinite(value))) {
      throw new SimulationError(`${where}: ${name} must be a finite number ≥ 0, got ${value}`);
    }
  }
}

export function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const value = create();
  map.set(key, value);
  return value;
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Locale-independent string order (stable output on every machine). */
export function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
