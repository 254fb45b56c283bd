import { ValidationError } from '../errors.js';
import type { GenesysPort } from '../genesys/port.js';
import { diff } from '../plan/diff.js';
import type { Change, LiveOrg } from '../plan/types.js';
import { checkReferences, loadDesiredState } from '../state/index.js';
import type { DesiredState } from '../state/model.js';
import { readLiveOrg } from './live.js';
import { readInRounds, type Rounds } from './read-rounds.js';

export interface Prepared {
  desired: DesiredState;
  live: LiveOrg;
  changes: Change[];
}

/**
 * Loads and validates git's state, reads the live org, checks references and diffs. No writes. With `rounds`
 * (apply), a read that fails for a retryable reason is read again within the settings' sweep budget.
 */
export async function loadValidateAndDiff(
  dir: string,
  port: () => Promise<GenesysPort>,
  rounds?: Omit<Rounds, 'budgetMs'> & { budgetMs?: number },
): Promise<Prepared> {
  const loaded = await loadDesiredState(dir);
  if (!loaded.value || loaded.errors.length > 0) throw new ValidationError(loaded.errors);
  const desired = loaded.value;
  const genesys = await port();
  const read = () => readLiveOrg(genesys, desired.settings.weightsTable);
  const live = rounds
    ? await readInRounds(read, {
        ...rounds,
        budgetMs: rounds.budgetMs ?? desired.settings.apply.sweepBudgetSeconds * 1000,
      })
    : await read();
  const problems = checkReferences(desired, live);
  if (problems.length > 0) throw new ValidationError(problems);
  return { desired, live, changes: diff(desired, live) };
}
