import { ValidationError } from '../errors.js';
import type { SourceProblem } from '../errors.js';
import type { DirectoryUser, GenesysPort } from '../genesys/port.js';
import { diff } from '../plan/diff.js';
import type { Change, LiveOrg } from '../plan/types.js';
import { checkReferences, checkWeightsTable, findInactiveNamed, loadDesiredState } from '../state/index.js';
import type { DesiredState } from '../state/model.js';
import { readLiveOrg } from './live.js';

export interface Prepared {
  desired: DesiredState;
  live: LiveOrg;
  changes: Change[];
  /** what goes on without them: inactive users git names are skipped (one warning each) */
  warnings: SourceProblem[];
  /** the inactive users git names (the planner proposes removing their entries) */
  inactive: DirectoryUser[];
}

/** Loads and validates git's state, reads the live org, checks references and diffs. No writes. */
export async function loadValidateAndDiff(dir: string, port: () => Promise<GenesysPort>): Promise<Prepared> {
  const loaded = await loadDesiredState(dir);
  if (!loaded.value || loaded.errors.length > 0) throw new ValidationError(loaded.errors);
  const desired = loaded.value;
  const genesys = await port();
  const live = await readLiveOrg(genesys, desired.settings.weightsTable);
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
