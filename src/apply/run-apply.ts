import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem } from '../errors.js';
import type { GenesysPort } from '../genesys/port.js';
import { setTimeout as delay } from 'node:timers/promises';
import { changeTarget, countChanges } from './diff.js';
import type { Change } from './types.js';
import type { WhatIfResult } from '../simulate/types.js';
import { stateDigest } from '../state/index.js';
import type { DesiredState, Guardrails } from '../state/model.js';
import { attributeDrift } from './drift.js';
import { lastCommitTime } from './git.js';
import { executeChanges, type ChangeResult } from './execute.js';
import { checkServiceLevelFloor } from './floor-check.js';
import { ownershipChanges } from './ownership.js';
import { weightOwnershipChanges } from './weight-ownership.js';
import { checkGuardrails, effectiveGuardrails, heldNote } from './guardrails.js';
import { Journal } from './journal.js';
import type { ApplyOutcome } from './outcome.js';
import { loadValidateAndDiff } from './prepare.js';
import { readInRounds } from './read-rounds.js';
import { sweepFailures } from './sweep.js';
import { isInWindow, nextWindowStart } from './window.js';

export interface ApplyOptions {
  dir: string;
  dryRun: boolean;
  ignoreWindow: boolean;
  now: () => Date;
  commit: string | undefined;
  journalPath: string;
  clientId: string | undefined;
  port: () => Promise<GenesysPort>;
  onProgress?: (done: number, total: number) => void;
  /** the guardrails of the last applied commit (src/apply/gate.ts): a loosening counts only once applied */
  appliedGuardrails?: Guardrails | undefined;
  /** users apply took over earlier (audit records): email → skills before; see src/apply/ownership.ts */
  owned?: ReadonlyMap<string, Record<string, number>>;
  /** queues whose weights apply took over earlier (audit records): queue → rows before; ./weight-ownership.ts */
  ownedWeights?: ReadonlyMap<string, Record<string, number>>;
  /** time base for the sweep's waits (default: real timers); tests pass one that returns at once */
  sleep?: (ms: number) => Promise<void>;
  /** the final sweep's time budget in ms (default: settings.yaml apply.sweepBudgetSeconds) */
  sweepBudgetMs?: number;
  /** the sweep's first wait between rounds in ms (default 1000, doubling up to 15 s) */
  sweepDelayMs?: number;
}

/**
 * The plan's what-if (written by `plan` beside the YAML), only when it was computed for exactly this desired
 * state: after hand edits, or for a later commit, an old what-if says nothing and is ignored.
 */
export async function readPlanWhatIf(dir: string, desired: DesiredState): Promise<WhatIfResult | undefined> {
  try {
    const whatIf = JSON.parse(await readFile(join(dir, 'plan', 'what-if.json'), 'utf8')) as WhatIfResult & {
      stateDigest?: string;
    };
    return whatIf.stateDigest === stateDigest(desired) ? whatIf : undefined;
  } catch {
    return undefined;
  }
}

/**
 * validate → read live → diff → guardrails → window → write → final sweep of retryable failures, with a
 * journal for crash recovery.
 */
export async function runApply(options: ApplyOptions): Promise<ApplyOutcome> {
  const started = options.now();
  const journal = new Journal(options.journalPath);
  const interrupted = await journal.lastInterrupted();
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const { desired, live, changes, warnings } = await loadValidateAndDiff(options.dir, options.port, {
    now: options.now,
    sleep,
    ...(options.sweepBudgetMs === undefined ? {} : { budgetMs: options.sweepBudgetMs }),
    ...(options.sweepDelayMs === undefined ? {} : { baseDelayMs: options.sweepDelayMs }),
  });
  const ownership = ownershipChanges(desired, live, changes, options.owned ?? new Map());
  const weightOwnership = weightOwnershipChanges(desired, live, changes, options.ownedWeights ?? new Map());
  changes.push(...ownership.restore, ...weightOwnership.restore);
  const port = await options.port();
  const whatIf = await readPlanWhatIf(options.dir, desired);
  const drift = await attributeDrift(
    port,
    changes,
    started,
    options.clientId,
    await lastCommitTime(options.dir),
  );
  const outcome: ApplyOutcome = {
    status: 'in-sync',
    runAt: started.toISOString(),
    commit: options.commit,
    dir: options.dir,
    csvLocale: desired.settings.report.csvLocale,
    changes,
    counts: countChanges(changes),
    results: [],
    applied: 0,
    failed: 0,
    violations: [],
    drift,
    ...(warnings.length > 0 ? { warnings: warnings.map(formatProblem) } : {}),
    apiCalls: { total: 0, reads: 0, writes: 0, retries: 0 },
    writes: { planned: 0, retried: 0, total: 0 },
    sweep: { rounds: 0, retriedTargets: 0, recovered: 0, budgetSeconds: 0 },
    durationMs: 0,
    ...(interrupted ? { interrupted } : {}),
    ownership: {
      taken: ownership.taken,
      released: ownership.released,
      takenWeights: weightOwnership.taken,
      releasedWeights: weightOwnership.released,
    },
    ...(whatIf ? { serviceLevels: whatIf.queues } : {}),
  };
  const finish = (): ApplyOutcome => {
    outcome.apiCalls = {
      total: port.stats.requests,
      reads: port.stats.requests - port.stats.writes,
      writes: port.stats.writes,
      retries: port.stats.retries,
    };
    outcome.durationMs = options.now().getTime() - started.getTime();
    return outcome;
  };
  if (changes.length === 0) {
    if (interrupted)
      await journal.record({
        event: 'end',
        runId: interrupted.runId,
        at: started.toISOString(),
        applied: 0,
        failed: 0,
      });
    return finish();
  }
  const guarded = effectiveGuardrails(desired.settings.guardrails, options.appliedGuardrails);
  const settings = { ...desired.settings, guardrails: guarded.guardrails };
  // the floor of exactly this change, computed here; the plan's what-if is only shown
  // reads analytics and queue members: a read that meets a burst of faults is read again within the budget
  const floor = await readInRounds(
    () => checkServiceLevelFloor({ port, live, changes, settings, now: started }),
    {
      now: options.now,
      sleep,
      budgetMs: options.sweepBudgetMs ?? settings.apply.sweepBudgetSeconds * 1000,
      ...(options.sweepDelayMs === undefined ? {} : { baseDelayMs: options.sweepDelayMs }),
    },
  );
  if (floor.queues) outcome.serviceLevels = floor.queues;
  outcome.violations = checkGuardrails(changes, settings, floor.belowFloor);
  if (outcome.violations.length > 0 && guarded.held.length > 0)
    outcome.violations.push({ rule: 'heldLoosening', message: heldNote(guarded.held) });
  if (outcome.violations.length > 0) {
    outcome.status = 'blocked';
    return finish();
  }
  const window = settings.guardrails.window;
  if (window && !options.ignoreWindow && !options.dryRun && !isInWindow(window, started)) {
    outcome.status = 'deferred';
    outcome.deferredUntil = nextWindowStart(window, started)?.toISOString();
    return finish();
  }
  if (options.dryRun) {
    outcome.status = 'dry-run';
    return finish();
  }
  const runId = randomUUID();
  let done = 0;
  await journal.record({
    event: 'start',
    runId,
    at: started.toISOString(),
    commit: options.commit,
    planned: changes.length,
  });
  const journaled = {
    onStart: (change: Change) =>
      journal.record({
        event: 'write',
        runId,
        at: options.now().toISOString(),
        target: changeTarget(change),
      }),
    onResult: (result: ChangeResult) =>
      journal.record({
        event: 'done',
        runId,
        at: options.now().toISOString(),
        target: changeTarget(result.change),
        status: result.status === 'applied' ? 'applied' : 'failed',
        ...(result.error ? { error: result.error } : {}),
      }),
  };
  const first = await executeChanges(port, live, changes, {
    onStart: journaled.onStart,
    onResult: async (result) => {
      done++;
      options.onProgress?.(done, changes.length);
      await journaled.onResult(result);
    },
  });
  const budgetMs = options.sweepBudgetMs ?? desired.settings.apply.sweepBudgetSeconds * 1000;
  const swept = await sweepFailures(port, desired, live, first, {
    ...journaled,
    budgetMs,
    now: options.now,
    sleep,
    ...(options.sweepDelayMs === undefined ? {} : { baseDelayMs: options.sweepDelayMs }),
  });
  outcome.results = swept.results;
  const planned = first.reduce((sum, r) => sum + r.calls, 0);
  outcome.writes = { planned, retried: swept.summary.writes, total: planned + swept.summary.writes };
  outcome.sweep = {
    rounds: swept.summary.rounds,
    retriedTargets: swept.summary.retriedTargets,
    recovered: swept.summary.recovered,
    budgetSeconds: Math.round(budgetMs / 1000),
  };
  outcome.applied = outcome.results.filter((r) => r.status === 'applied').length;
  outcome.failed = outcome.results.filter((r) => r.status === 'failed').length;
  outcome.status = outcome.failed > 0 ? 'partial' : 'applied';
  await journal.record({
    event: 'end',
    runId,
    at: options.now().toISOString(),
    applied: outcome.applied,
    failed: outcome.failed,
  });
  return finish();
}
