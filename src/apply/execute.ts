import type { GenesysPort } from '../genesys/port.js';
import type { Change, LiveOrg, WeightChange } from './types.js';
import { KIND_WRITERS, type Tally } from './kind-writers.js';
import { isRetryableApiError } from './retryable.js';

export type ChangeStatus = 'applied' | 'failed' | 'skipped';

export interface ChangeResult {
  change: Change;
  status: ChangeStatus;
  error?: string;
  /** the failure may pass on its own (429, 5xx, reset, timeout, version conflict): the sweep tries again */
  retryable?: boolean;
  /** write operations started for this change (each may be retried by the client on its own) */
  calls: number;
  /** final-sweep rounds that re-read and re-wrote this change (absent when the first write settled it) */
  sweepRounds?: number;
}

export interface ExecuteOptions {
  /** changes written at once (the client paces and limits further) */
  concurrency?: number;
  /** called just before a change is written */
  onStart?: (change: Change) => void | Promise<void>;
  onResult?: (result: ChangeResult) => void | Promise<void>;
}

/**
 * Writes each change with as few calls as the API allows; a failure is recorded and the rest continue.
 * Every write is idempotent (a full replace or an upsert), so re-running after a crash converges.
 */
export async function executeChanges(
  port: GenesysPort,
  live: LiveOrg,
  changes: readonly Change[],
  options: ExecuteOptions = {},
): Promise<ChangeResult[]> {
  const results: ChangeResult[] = new Array<ChangeResult>(changes.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < changes.length) {
      const index = next++;
      const change = changes[index];
      if (!change) continue;
      await options.onStart?.(change);
      const result = await executeOne(port, change, live);
      results[index] = result;
      await options.onResult?.(result);
    }
  }
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, () => worker());
  await Promise.all(workers);
  return results;
}

async function executeOne(port: GenesysPort, change: Change, live: LiveOrg): Promise<ChangeResult> {
  const tally: Tally = { calls: 0 };
  try {
    if (change.kind === 'weight') await writeWeight(port, change, live.weights?.tableId, tally);
    else await KIND_WRITERS[change.kind].write(port, change, live, tally);
    return { change, status: 'applied', calls: tally.calls };
  } catch (error) {
    return {
      change,
      status: 'failed',
      error: error instanceof Error ? error.message : String(error),
      retryable: isRetryableApiError(error),
      calls: tally.calls,
    };
  }
}

async function writeWeight(
  port: GenesysPort,
  change: WeightChange,
  tableId: string | undefined,
  tally: Tally,
): Promise<void> {
  if (tableId === undefined) throw new Error('the weights data table does not exist in the org');
  const row = { key: change.target.key, weight: change.after };
  tally.calls++;
  if (change.action === 'create') await port.createDataTableRow(tableId, row);
  else if (change.action === 'update') await port.updateDataTableRow(tableId, row);
  else await port.deleteDataTableRow(tableId, change.target.key);
}
