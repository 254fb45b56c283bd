/**
 * Ownership of a queue's weight rows, the way ./ownership.ts handles users: the first apply that writes a queue's
 * rows records the rows that queue held before in the audit record (`weights`); when git stops naming the queue
 * (a `git revert`, or the queue's lines deleted), `diff` says "no longer managed" and apply puts the recorded rows
 * back (rows created since are deleted, changed ones restored, deleted ones re-created), or, with
 * `ownership.onRelease: leave`, leaves them and says so. The audit record then lists the queue as released.
 */
import { diff } from './diff.js';
import type { Change, LiveOrg, WeightChange } from './types.js';
import type { DesiredState } from '../state/model.js';
import { OWNERSHIP_PREFIX } from './ownership.js';

/** The weight part of an audit record's ownership line. */
export interface WeightOwnershipRecord {
  /** queues whose rows apply took over in this run: queue → skill → weight before */
  weights?: Record<string, Record<string, number>>;
  /** queues that left git in this run */
  releasedWeights?: string[];
}

export interface ReleasedWeights {
  queue: string;
  /** the rows recorded when apply took the queue's weights over: skill → weight */
  before: Record<string, number>;
  action: 'restore' | 'leave';
}

/** Queues whose weights apply owns now, from the audit tag messages oldest first: queue → rows before (pure). */
export function ownedWeightsFromRecords(messages: readonly string[]): Map<string, Record<string, number>> {
  const owned = new Map<string, Record<string, number>>();
  for (const message of messages) {
    for (const line of message.split('\n')) {
      if (!line.startsWith(OWNERSHIP_PREFIX)) continue;
      try {
        const record = JSON.parse(line.slice(OWNERSHIP_PREFIX.length)) as WeightOwnershipRecord;
        for (const queue of record.releasedWeights ?? []) owned.delete(queue);
        for (const [queue, rows] of Object.entries(record.weights ?? {})) owned.set(queue, rows);
      } catch {
        // a hand-made tag with a broken record: ignored, it cannot be restored from
      }
    }
  }
  return owned;
}

/** The live rows `queue` owns (the longest queue name that prefixes a key owns it, as in apply/diff.ts). */
function rowsOf(queue: string, live: LiveOrg, names: readonly string[]): Record<string, number> {
  const owners = [...new Set([queue, ...names])].sort((a, b) => b.length - a.length);
  const rows: Record<string, number> = {};
  for (const row of live.weights?.rows ?? []) {
    if (row.weight === undefined) continue;
    if (owners.find((q) => row.key.startsWith(`${q}|`)) !== queue) continue;
    rows[row.key.slice(queue.length + 1)] = row.weight;
  }
  return rows;
}

/**
 * Queues git no longer names whose weights apply took over earlier: the changes that put their recorded rows
 * back (`ownership.onRelease: leave` keeps them as they are), and the queues a change in `changes` takes over now,
 * with the rows they hold before it (pure).
 */
export function weightOwnershipChanges(
  desired: DesiredState,
  live: LiveOrg,
  changes: readonly Change[],
  owned: ReadonlyMap<string, Record<string, number>>,
): { released: ReleasedWeights[]; restore: WeightChange[]; taken: Record<string, Record<string, number>> } {
  const action = desired.settings.ownership.onRelease ?? 'restore';
  const named = new Set(Object.keys(desired.weights));
  const released: ReleasedWeights[] = live.weights
    ? [...owned].filter(([queue]) => !named.has(queue)).map(([queue, before]) => ({ queue, before, action }))
    : [];
  const restoreWeights = Object.fromEntries(
    released.filter((r) => r.action === 'restore').map((r) => [r.queue, r.before]),
  );
  const restore =
    Object.keys(restoreWeights).length === 0
      ? []
      : diff({ ...desired, profiles: [], weights: restoreWeights }, live).filter(
          (c): c is WeightChange => c.kind === 'weight',
        );
  const names = [...named, ...live.queues.map((q) => q.name)];
  const taken: Record<string, Record<string, number>> = {};
  for (const c of changes) {
    if (c.kind !== 'weight' || owned.has(c.target.queue) || c.target.queue in taken) continue;
    taken[c.target.queue] = rowsOf(c.target.queue, live, names);
  }
  return { released, restore, taken };
}

/** What `diff` and `apply` print for queues whose weights left git. */
export function releasedWeightsText(released: readonly ReleasedWeights[]): string {
  return released
    .map((r) => {
      const rows = Object.entries(r.before)
        .map(([skill, weight]) => `${skill} ${weight}`)
        .join(', ');
      return r.action === 'restore'
        ? `no longer managed: weights of queue ${r.queue}: apply restores the rows recorded when it took them over (${rows || 'none'})\n`
        : `no longer managed: weights of queue ${r.queue}: left as they are (settings.yaml ownership.onRelease: leave)\n`;
    })
    .join('');
}
