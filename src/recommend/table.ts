/**
 * The planner's analytics, as one tidy in-memory table with compact columns.
 *
 * Time runs in 30-minute slots from `start` (slot 0) to `end` (exclusive). Per-slot series exist only where they
 * are needed (queue×skill traffic, per-user presence); everything else is aggregated over the whole period as
 * soon as it is read, so the table stays small for 10,000 users × 30 days.
 */

export const SLOT_MS = 30 * 60 * 1000;

/** Per-slot series of one queue × requested skill pair (all from the queue×skill aggregates). */
export interface QueueSkillSeries {
  queueId: string;
  queue: string;
  skillId: string;
  skill: string;
  /** nOffered.count */
  offered: Float64Array;
  /** tAnswered.count / .sum (ms waited by answered conversations) */
  answered: Float64Array;
  answeredMs: Float64Array;
  /** tHandle.count / .sum (ms) */
  handled: Float64Array;
  handleMs: Float64Array;
  /** tAbandon.count / .sum (ms waited before abandoning) */
  abandoned: Float64Array;
  abandonMs: Float64Array;
  /** tWait.count / .sum (ms) */
  waited: Float64Array;
  waitMs: Float64Array;
  /** tAcw.sum (ms) */
  acwMs: Float64Array;
  /** nConnected.count */
  connected: Float64Array;
}

/** Whole-period totals of one agent on one requested skill (agent×skill aggregates). */
export interface UserSkillTotals {
  userId: string;
  skillId: string;
  skill: string;
  /** nOffered.count: conversations offered (alerted) to the agent */
  offered: number;
  /** tHandle.count / .sum (ms) */
  handled: number;
  handleMs: number;
}

/** Whole-period totals of one queue × wrap-up code (handled conversations only). */
export interface QueueWrapupTotals {
  queueId: string;
  queue: string;
  wrapupId: string;
  wrapup: string;
  /** tHandle.count / .sum (ms) */
  handled: number;
  handleMs: number;
  /** tWait.count / .sum (ms) */
  waited: number;
  waitMs: number;
  /** tAnswered.count / .sum (ms) */
  answered: number;
  answeredMs: number;
}

/**
 * Per-user activity, the on-shift estimate: a user is active in a slot when at least one conversation they
 * handled falls in it, or when it lies in a quiet spell of at most 2 hours between two such slots (an agent
 * waiting for work is still on shift; analytics only show the slots in which they handled something).
 * `presence` is a bitset, `stride` bytes per user: bit (slot & 7) of byte `index * stride + (slot >> 3)`.
 */
export interface UserActivity {
  ids: string[];
  index: ReadonlyMap<string, number>;
  stride: number;
  presence: Uint8Array;
  /** per user: tHandle.count, tHandle.sum (ms) and number of active (on-shift) slots over the period */
  handled: Float64Array;
  handleMs: Float64Array;
  activeSlots: Uint32Array;
  /** per slot: distinct active (on-shift) users */
  activePerSlot: Uint32Array;
}

export interface AnalyticsTable {
  /** ISO start (inclusive) and end (exclusive) of the period, aligned to 30 minutes */
  start: string;
  end: string;
  days: number;
  slots: number;
  queueSkills: QueueSkillSeries[];
  userSkills: UserSkillTotals[];
  queueWrapups: QueueWrapupTotals[];
  users: UserActivity;
}

export function isActive(users: UserActivity, userIndex: number, slot: number): boolean {
  const byte = users.presence[userIndex * users.stride + (slot >> 3)] ?? 0;
  return (byte & (1 << (slot & 7))) !== 0;
}

/** Calls `fn` for every slot in which the user was active, in ascending order. */
export function forEachActiveSlot(users: UserActivity, userIndex: number, fn: (slot: number) => void): void {
  const base = userIndex * users.stride;
  for (let b = 0; b < users.stride; b++) {
    let byte = users.presence[base + b] ?? 0;
    while (byte !== 0) {
      const bit = 31 - Math.clz32(byte & -byte);
      fn(b * 8 + bit);
      byte &= byte - 1;
    }
  }
}

/** Index of the 30-minute slot an ISO interval ("start/end" or just start) begins in, or -1 when outside. */
export function slotOf(table: Pick<AnalyticsTable, 'start' | 'slots'>, interval: string): number {
  const slash = interval.indexOf('/');
  const at = Date.parse(slash < 0 ? interval : interval.slice(0, slash));
  if (Number.isNaN(at)) return -1;
  const slot = Math.floor((at - Date.parse(table.start)) / SLOT_MS);
  return slot >= 0 && slot < table.slots ? slot : -1;
}

/** `slotOf` with a cache: an answer repeats the same few interval strings for every group. */
export function slotLookup(table: Pick<AnalyticsTable, 'start' | 'slots'>): (interval: string) => number {
  const cache = new Map<string, number>();
  return (interval) => {
    let slot = cache.get(interval);
    if (slot === undefined) {
      slot = slotOf(table, interval);
      if (cache.size < 100_000) cache.set(interval, slot);
    }
    return slot;
  };
}

export function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
