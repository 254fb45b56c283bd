import type { GenesysPort, LiveUser } from '../genesys/port.js';
import { changeTarget, diff } from './diff.js';
import { kindOf } from './kinds.js';
import type { Change, LiveOrg } from './types.js';
import type { DesiredState } from '../state/model.js';
import { executeChanges, type ChangeResult, type ExecuteOptions } from './execute.js';
import { KIND_WRITERS } from './kind-writers.js';
import { isRetryableApiError } from './retryable.js';

export interface SweepOptions extends Pick<ExecuteOptions, 'onStart' | 'onResult'> {
  /** longest time the sweep may spend, waits included */
  budgetMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** wait before the first round (default 1 s); doubles per round up to `maxDelayMs` (default 15 s) */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface SweepSummary {
  /** rounds run (each: wait, re-read the failed targets, re-diff, write what still differs) */
  rounds: number;
  /** write operations the sweep sent */
  writes: number;
  /** targets whose first write failed for a retryable reason */
  retriedTargets: number;
  /** of those, settled by the sweep */
  recovered: number;
  budgetMs: number;
  elapsedMs: number;
}

/**
 * The final sweep: writes that failed for a reason that may pass (429, 5xx, reset, timeout, version conflict)
 * are re-read, re-diffed and written again, in rounds with backoff, until they converge, a non-retryable error
 * appears, or the time budget runs out. A re-read shows what a failed attempt did after all, so nothing is
 * written that no longer differs. Returns the results with each retried target's final outcome.
 */
export async function sweepFailures(
  port: GenesysPort,
  desired: DesiredState,
  live: LiveOrg,
  results: readonly ChangeResult[],
  options: SweepOptions,
): Promise<{ results: ChangeResult[]; summary: SweepSummary }> {
  const out = [...results];
  const pending = new Map<string, number>();
  out.forEach((r, i) => {
    if (r.status === 'failed' && r.retryable) pending.set(changeTarget(r.change), i);
  });
  const summary: SweepSummary = {
    rounds: 0,
    writes: 0,
    retriedTargets: pending.size,
    recovered: 0,
    budgetMs: options.budgetMs,
    elapsedMs: 0,
  };
  const started = options.now().getTime();
  let waited = 0;
  const elapsed = (): number => Math.max(options.now().getTime() - started, waited);
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 15_000;
  while (pending.size > 0) {
    const delay = Math.min(cap, base * 2 ** summary.rounds);
    if (elapsed() + delay > options.budgetMs) break;
    await options.sleep(delay);
    waited += delay;
    summary.rounds++;
    const round = summary.rounds;
    const targets = [...pending.keys()];
    const failedChanges = targets
      .map((t) => out[pending.get(t) ?? -1]?.change)
      .filter((c) => c !== undefined);
    let fresh: LiveOrg;
    try {
      fresh = await reread(port, live, failedChanges);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const index of pending.values()) {
        const r = out[index];
        if (r) out[index] = { ...r, error: `re-reading it failed: ${message}`, sweepRounds: round };
      }
      if (!isRetryableApiError(error)) break;
      continue;
    }
    const again = diff(only(desired, failedChanges), fresh).filter((c) => pending.has(changeTarget(c)));
    const stillDifferent = new Set(again.map(changeTarget));
    for (const target of targets) {
      if (stillDifferent.has(target)) continue;
      // an earlier attempt reached the org after all: nothing left to write
      settle(out, pending, target, (r) => ({
        ...r,
        status: 'applied',
        error: undefined,
        sweepRounds: round,
      }));
      summary.recovered++;
    }
    const written = await executeChanges(port, fresh, again, {
      ...(options.onStart ? { onStart: options.onStart } : {}),
      ...(options.onResult ? { onResult: options.onResult } : {}),
    });
    for (const w of written) {
      summary.writes += w.calls;
      const target = changeTarget(w.change);
      const index = pending.get(target);
      const r = index === undefined ? undefined : out[index];
      if (index === undefined || !r) continue;
      const calls = r.calls + w.calls;
      if (w.status === 'applied') {
        settle(out, pending, target, () => ({
          ...r,
          status: 'applied',
          error: undefined,
          calls,
          sweepRounds: round,
        }));
        summary.recovered++;
      } else if (!w.retryable) {
        settle(out, pending, target, () => ({ ...w, change: r.change, calls, sweepRounds: round }));
      } else {
        out[index] = { ...w, change: r.change, calls, sweepRounds: round };
      }
    }
  }
  for (const index of pending.values()) {
    const r = out[index];
    if (!r) continue;
    const rounds = r.sweepRounds ?? 0;
    out[index] = {
      ...r,
      error:
        `still failing after ${rounds} sweep ${rounds === 1 ? 'round' : 'rounds'} ` +
        `(sweep budget ${Math.round(options.budgetMs / 1000)} s): ${r.error ?? 'unknown error'}`,
    };
  }
  summary.elapsedMs = elapsed();
  return { results: out.map(clean), summary };
}

function settle(
  out: ChangeResult[],
  pending: Map<string, number>,
  target: string,
  update: (r: ChangeResult) => ChangeResult,
): void {
  const index = pending.get(target);
  const r = index === undefined ? undefined : out[index];
  if (index === undefined || !r) return;
  out[index] = update(r);
  pending.delete(target);
}

/** Drops fields set to undefined, so JSON reports stay tidy. */
function clean(r: ChangeResult): ChangeResult {
  const copy: ChangeResult = { change: r.change, status: r.status, calls: r.calls };
  if (r.error !== undefined) copy.error = r.error;
  if (r.retryable !== undefined && r.status === 'failed') copy.retryable = r.retryable;
  if (r.sweepRounds !== undefined) copy.sweepRounds = r.sweepRounds;
  return copy;
}

/** Desired state narrowed to the users and weight queues of `changes`. */
function only(desired: DesiredState, changes: readonly Change[]): DesiredState {
  const emails = new Set(changes.flatMap((c) => (c.kind === 'weight' ? [] : [c.target.email])));
  const queues = new Set(changes.flatMap((c) => (c.kind === 'weight' ? [c.target.queue] : [])));
  return {
    ...desired,
    profiles: desired.profiles.filter((p) => emails.has(p.email)),
    weights: Object.fromEntries(Object.entries(desired.weights).filter(([q]) => queues.has(q))),
  };
}

/**
 * The live org again, for just the users and rows in `changes`: one read per user and kind that failed (e.g.
 * `GET …/routingskills`), one for the data table.
 */
async function reread(port: GenesysPort, live: LiveOrg, changes: readonly Change[]): Promise<LiveOrg> {
  const userChanges = changes.filter((c) => c.kind !== 'weight');
  const byId = new Map(live.users.map((u) => [u.id, u]));
  const fresh = new Map<string, LiveUser>();
  let listed: Promise<LiveUser[]> | undefined;
  const listedUser = async (id: string): Promise<LiveUser | undefined> => {
    listed ??= port.listUsers();
    return (await listed).find((u) => u.id === id);
  };
  await Promise.all(
    userChanges.map(async (change) => {
      const base = byId.get(change.target.userId);
      if (!base) return;
      const kind = kindOf(change.kind);
      const items = await (KIND_WRITERS[change.kind].reread(port, base.id) ??
        listedUser(base.id).then((u) => (u ? kind.live(u) : [])));
      const user = fresh.get(base.id) ?? { ...base };
      user[kind.field] = [...items];
      fresh.set(base.id, user);
    }),
  );
  const needsRows = changes.some((c) => c.kind === 'weight');
  const weights =
    needsRows && live.weights
      ? {
          ...live.weights,
          rows: (await port.listDataTableRows(live.weights.tableId)).map((r) => ({
            key: r.key,
            weight: typeof r.weight === 'number' ? r.weight : undefined,
          })),
        }
      : undefined;
  return { ...live, users: [...fresh.values()], weights };
}
