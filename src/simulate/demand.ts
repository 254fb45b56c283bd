import { SimulationError } from './errors.js';
import { estimatePatienceSeconds } from './patience.js';
import type { WhatIfDemand, WhatIfInput } from './types.js';

/** Contacts, work and how many of them had their wait measured (rows with `totalWaitSeconds`). */
export interface StreamDemand {
  offered: number;
  /** offered × AHT, seconds of work */
  workSeconds: number;
  /** offered contacts of rows that carry `totalWaitSeconds` */
  measuredOffered: number;
}

/** One queue's demand in one interval, split by requested skill. */
export interface QueueDemand extends StreamDemand {
  queueId: string;
  /** skill → seconds of work */
  skillWork: Map<string, number>;
  /** skill → the queue × skill stream's demand */
  streams: Map<string, StreamDemand>;
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
  /** over the whole period: offered contacts whose wait was measured, and the sum of those waits */
  measuredOffered: number;
  measuredWaitSeconds: number;
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
  const abandonStats = new Map<string, QueueTotals>();
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
      ...emptyDemand(),
      skillWork: new Map(),
      streams: new Map(),
    }));
    const work = row.offered * row.ahtSeconds;
    const measured = row.totalWaitSeconds === undefined ? 0 : row.offered;
    addDemand(queue, row.offered, work, measured);
    addDemand(getOrAdd(queue.streams, row.skill, emptyDemand), row.offered, work, measured);
    addTo(queue.skillWork, row.skill, work);
    addTo(interval.skillWork, row.skill, work);
    const stats = getOrAdd(abandonStats, row.queueId, () => ({
      name: row.queue,
      abandoned: 0,
      waitSeconds: 0,
      measuredOffered: 0,
    }));
    stats.abandoned += row.abandoned ?? 0;
    stats.waitSeconds += row.totalWaitSeconds ?? 0;
    stats.measuredOffered += measured;
  }
  const queues = new Map<string, QueueInfo>();
  for (const [queueId, stats] of abandonStats) {
    const given = input.patienceSeconds?.[queueId] ?? input.patienceSeconds?.[stats.name];
    const patienceSeconds =
      given !== undefined && given > 0 ? given : estimatePatienceSeconds(stats.abandoned, stats.waitSeconds);
    queues.set(queueId, {
      queueId,
      queue: stats.name,
      patienceSeconds,
      measuredOffered: stats.measuredOffered,
      measuredWaitSeconds: stats.waitSeconds,
    });
  }
  const intervals = [...byStart.values()].sort((a, b) => compare(a.start, b.start));
  return { intervals, queues };
}

interface QueueTotals {
  name: string;
  abandoned: number;
  waitSeconds: number;
  measuredOffered: number;
}

function emptyDemand(): StreamDemand {
  return { offered: 0, workSeconds: 0, measuredOffered: 0 };
}

function addDemand(to: StreamDemand, offered: number, work: number, measured: number): void {
  to.offered += offered;
  to.workSeconds += work;
  to.measuredOffered += measured;
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
