import type { GenesysPort } from '../genesys/port.js';
import type { Change, LiveOrg, UserSkillsChange, WeightChange } from '../plan/types.js';
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
  const skillIds = new Map(live.skills.map((s) => [s.name, s.id]));
  const tableId = live.weights?.tableId;
  const results: ChangeResult[] = new Array<ChangeResult>(changes.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < changes.length) {
      const index = next++;
      const change = changes[index];
      if (!change) continue;
      await options.onStart?.(change);
      const result = await executeOne(port, change, skillIds, tableId);
      results[index] = result;
      await options.onResult?.(result);
    }
  }
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, () => worker());
  await Promise.all(workers);
  return results;
}

/** Counts write operations as they start, so a failed change still reports what it sent. */
interface Tally {
  calls: number;
}

async function executeOne(
  port: GenesysPort,
  change: Change,
  skillIds: Map<string, string>,
  tableId: string | undefined,
): Promise<ChangeResult> {
  const tally: Tally = { calls: 0 };
  try {
    if (change.kind === 'weight') await writeWeight(port, change, tableId, tally);
    else await writeUserSkills(port, change, skillIds, tally);
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

async function writeUserSkills(
  port: GenesysPort,
  change: UserSkillsChange,
  skillIds: Map<string, string>,
  tally: Tally,
): Promise<void> {
  const idOf = (name: string): string => {
    const id = skillIds.get(name);
    if (id === undefined) throw new Error(`skill "${name}" does not exist in the org`);
    return id;
  };
  if (change.mode === 'authoritative') {
    const skills = Object.entries(change.desired).map(([name, proficiency]) => ({
      id: idOf(name),
      proficiency,
    }));
    tally.calls++;
    await port.replaceUserSkills(change.target.userId, skills);
    return;
  }
  const upserts = change.changes
    .filter((s) => s.action !== 'delete' && s.after !== undefined)
    .map((s) => ({ id: s.skillId ?? idOf(s.skill), proficiency: s.after ?? 0 }));
  if (upserts.length > 0) {
    tally.calls++;
    await port.patchUserSkills(change.target.userId, upserts);
  }
  for (const s of change.changes.filter((c) => c.action === 'delete')) {
    tally.calls++;
    await port.deleteUserSkill(change.target.userId, s.skillId ?? idOf(s.skill));
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
