import { ValidationError } from '../errors.js';
import type { GenesysPort } from '../genesys/port.js';
import { diff } from '../plan/diff.js';
import type { Change, LiveOrg } from '../plan/types.js';
import { checkReferences, loadDesiredState } from '../state/index.js';
import type { DesiredState } from '../state/model.js';
import { readLiveOrg } from './live.js';

export interface Prepared {
  desired: DesiredState;
  live: LiveOrg;
  changes: Change[];
}

/** Loads and validates git's state, reads the live org, checks references and diffs. No writes. */
export async function loadValidateAndDiff(dir: string, port: () => Promise<GenesysPort>): Promise<Prepared> {
  const loaded = await loadDesiredState(dir);
  if (!loaded.value || loaded.errors.length > 0) throw new ValidationError(loaded.errors);
  const desired = loaded.value;
  const live = await readLiveOrg(await port(), desired.settings.weightsTable);
  const problems = checkReferences(desired, live);
  if (problems.length > 0) throw new ValidationError(problems);
  return { desired, live, changes: diff(desired, live) };
}
