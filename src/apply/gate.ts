import { parse } from 'yaml';
import type { SettingsData } from '../state/schema.js';
import { settingsFromData } from '../state/settings.js';
import type { Guardrails } from '../state/model.js';
import { appliedTagMessages, fileAtCommit, type AppliedTag } from './git.js';
import { ownedFromRecords } from './ownership.js';
import { ownedWeightsFromRecords } from './weight-ownership.js';
import { BehindError, readAppliedHistory, refuseBackwards } from './history.js';

export interface GateInput {
  /** the repository work tree (audit tags are read from its git) */
  cwd: string;
  /** the desired-state dir */
  dir: string;
  commit: string | undefined;
  /** a dry run writes nothing, so it is never refused */
  dryRun: boolean;
  /** under GitHub Actions: the default branch and the commit at its tip */
  tip?: () => Promise<{ branch: string; sha: string | undefined }>;
}

export interface GateResult {
  /** the most recent apply on this commit or an ancestor */
  last: AppliedTag | undefined;
  /** the guardrails of the last applied commit; a loosening counts only once applied */
  appliedGuardrails: Guardrails | undefined;
  /** users apply took over (audit records): email → the skills they held before */
  owned: Map<string, Record<string, number>>;
  /** queues whose weights apply took over (audit records): queue → the rows (skill → weight) before */
  ownedWeights: Map<string, Record<string, number>>;
}

/**
 * Before apply reads the org: refuses a commit behind one already applied (throws `BehindError`), and reads the
 * guardrails of the last applied commit.
 */
export async function gateApply(input: GateInput): Promise<GateResult> {
  const history = await readAppliedHistory(input.cwd, input.commit);
  if (input.commit && !input.dryRun) {
    const tip = input.tip ? await input.tip() : undefined;
    const refusal = refuseBackwards({ commit: input.commit, later: history.later, ...(tip ? { tip } : {}) });
    if (refusal) throw new BehindError(refusal);
  }
  const last = history.last;
  return {
    last,
    appliedGuardrails: last ? await guardrailsAt(input.dir, last.commit) : undefined,
    owned: await readOwned(input.cwd, input.commit),
    ownedWeights: await readOwnedWeights(input.cwd, input.commit),
  };
}

/** Users apply took over, from the audit records reachable from `commit`. */
export async function readOwned(
  cwd: string,
  commit: string | undefined,
): Promise<Map<string, Record<string, number>>> {
  return ownedFromRecords(commit ? await appliedTagMessages(cwd, commit) : []);
}

/** Queues whose weights apply took over, from the audit records reachable from `commit`. */
export async function readOwnedWeights(
  cwd: string,
  commit: string | undefined,
): Promise<Map<string, Record<string, number>>> {
  return ownedWeightsFromRecords(commit ? await appliedTagMessages(cwd, commit) : []);
}

/** The guardrails settings.yaml held at `commit` (defaults when it had none or cannot be read as YAML). */
export async function guardrailsAt(dir: string, commit: string): Promise<Guardrails> {
  const text =
    (await fileAtCommit(dir, commit, 'settings.yaml')) ?? (await fileAtCommit(dir, commit, 'settings.yml'));
  let data: SettingsData | undefined;
  try {
    data = text === undefined ? undefined : (parse(text) as SettingsData | undefined);
  } catch {
    data = undefined;
  }
  return settingsFromData(data && typeof data === 'object' ? data : undefined).guardrails;
}
