import { ValidationError } from '../errors.js';
import type { SourceProblem } from '../errors.js';
import type { DirectoryUser, GenesysPort } from '../genesys/port.js';
import { diff } from './diff.js';
import type { Change, LiveOrg } from './types.js';
import { checkReferences, checkWeightsTable, findInactiveNamed, loadDesiredState } from '../state/index.js';
import type { DesiredState } from '../state/model.js';
import { readLiveOrg } from './live.js';
import { readInRounds, type Rounds } from './read-rounds.js';

export interface Prepared {
  desired: DesiredState;
  live: LiveOrg;
  changes: Change[];
  /** what goes on without them: inactive users git names are skipped (one warning each) */
  warnings: SourceProblem[];
  /** the inactive users git names (the planner proposes removing their entries) */
  inactive: DirectoryUser[];
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
  const inactive = await findInactiveNamed(genesys, desired, live.users);
  const problems = [
    ...checkReferences(desired, { ...live, inactiveUsers: inactive }),
    ...checkWeightsTable(desired, {
      found: live.weights !== undefined,
      keys: live.weights?.rows.map((r) => r.key) ?? [],
      queues: live.queues.map((q) => q.name),
    }),
  ];
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length > 0) throw new ValidationError(errors);
  const warnings = problems.filter((p) => p.severity === 'warning');
  return { desired, live, changes: diff(desired, live), warnings, inactive };
}
