/**
 * Writing desired-state changes back to the files they belong in: a user's change goes to the file that lists the
 * user, a new user to settings' newUsersFile (default routing-profiles/unassigned.yaml), a queue's weights to the
 * file that lists the queue, a new queue to rule-weights.yaml. Pure planning (`planDesiredStateWrites`) and a
 * thin writer (`writeDesiredState`).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DesiredState } from './model.js';
import { DEFAULT_NEW_USERS_FILE } from './defaults.js';
import { renderProfilesFile, renderWeightsFile } from './render.js';
import { SCHEMAS } from './schema.js';
import { updateProfilesFile, updateWeightsFile } from './update.js';
import { byKey } from './yaml-text.js';

type NumberMap = Record<string, number>;

/**
 * Changes to desired state. Each named user (queue) gets exactly the given skills (weights); `null` removes it
 * from desired state. Users and queues not named are left as they are. `languages` gives named users their whole
 * language map (written in the same edit as the skills); a user who will not be in desired state is ignored.
 */
export interface DesiredStateChanges {
  profiles?: Readonly<Record<string, Readonly<NumberMap> | null>>;
  weights?: Readonly<Record<string, Readonly<NumberMap> | null>>;
  languages?: Readonly<Record<string, Readonly<NumberMap>>>;
}

const DEFAULT_WEIGHTS_FILE = 'rule-weights.yaml';

/** `$schema` path from a file in the desired-state dir to the repository's schemas/ folder. */
export function schemaRefFor(rel: string, schemaFile: string): string {
  const depth = rel.split('/').length - 1;
  return `${'../'.repeat(depth + 1)}schemas/${schemaFile}`;
}

/**
 * New contents of every file that changes (relative path → text). `read` returns a file's current text, or
 * undefined when it does not exist.
 */
export function planDesiredStateWrites(
  changes: DesiredStateChanges,
  current: DesiredState,
  read: (rel: string) => string | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  const profileFiles = new Map<string, Map<string, Readonly<NumberMap>>>();
  const fileOf = new Map<string, string>();
  for (const p of current.profiles) {
    fileOf.set(p.email, p.source.file);
    const users = profileFiles.get(p.source.file) ?? new Map<string, Readonly<NumberMap>>();
    users.set(p.email, p.skills);
    profileFiles.set(p.source.file, users);
  }
  const newUsersFile = current.settings.newUsersFile ?? DEFAULT_NEW_USERS_FILE;
  const touched = new Set<string>();
  for (const [rawEmail, skills] of Object.entries(changes.profiles ?? {})) {
    const email = rawEmail.toLowerCase();
    const file = fileOf.get(email) ?? newUsersFile;
    const users = profileFiles.get(file) ?? new Map<string, Readonly<NumberMap>>();
    if (skills === null) users.delete(email);
    else users.set(email, skills);
    profileFiles.set(file, users);
    touched.add(file);
  }
  const languages: Record<string, Readonly<NumberMap>> = {};
  for (const [rawEmail, map] of Object.entries(changes.languages ?? {})) {
    const email = rawEmail.toLowerCase();
    languages[email] = map;
    const file = fileOf.get(email);
    if (file !== undefined) touched.add(file);
  }
  for (const file of [...touched].sort(byKey)) {
    const next = Object.fromEntries(profileFiles.get(file) ?? []);
    const old = read(file);
    const schemaRef = schemaRefFor(file, SCHEMAS.RoutingProfiles.fileName);
    const text =
      old === undefined
        ? renderProfilesFile(next, { schemaRef, languages })
        : updateProfilesFile(old, next, languages);
    if (text !== old) out.set(file, text);
  }

  const weightFiles = new Map<string, Map<string, Readonly<NumberMap>>>();
  for (const [queue, map] of Object.entries(current.weights)) {
    const file = current.weightsSource[queue]?.file ?? DEFAULT_WEIGHTS_FILE;
    weightFiles.set(file, (weightFiles.get(file) ?? new Map<string, Readonly<NumberMap>>()).set(queue, map));
  }
  const weightsHome =
    weightFiles.has(DEFAULT_WEIGHTS_FILE) || weightFiles.size === 0
      ? DEFAULT_WEIGHTS_FILE
      : ([...weightFiles.keys()].sort(byKey)[0] ?? DEFAULT_WEIGHTS_FILE);
  const touchedWeights = new Set<string>();
  for (const [queue, map] of Object.entries(changes.weights ?? {})) {
    const file = current.weightsSource[queue]?.file ?? weightsHome;
    const queues = weightFiles.get(file) ?? new Map<string, Readonly<NumberMap>>();
    if (map === null) queues.delete(queue);
    else queues.set(queue, map);
    weightFiles.set(file, queues);
    touchedWeights.add(file);
  }
  for (const file of [...touchedWeights].sort(byKey)) {
    const next = Object.fromEntries(weightFiles.get(file) ?? []);
    const old = read(file);
    const schemaRef = schemaRefFor(file, SCHEMAS.RuleWeights.fileName);
    const text = old === undefined ? renderWeightsFile(next, { schemaRef }) : updateWeightsFile(old, next);
    if (text !== old) out.set(file, text);
  }
  return out;
}

/** Applies changes to the files under `dir`; returns the relative paths written (only files whose bytes change). */
export async function writeDesiredState(
  dir: string,
  next: DesiredStateChanges,
  current: DesiredState,
): Promise<string[]> {
  const texts = new Map<string, string | undefined>();
  const candidates = new Set<string>([
    current.settings.newUsersFile ?? DEFAULT_NEW_USERS_FILE,
    DEFAULT_WEIGHTS_FILE,
    ...current.profiles.map((p) => p.source.file),
    ...Object.values(current.weightsSource).map((s) => s.file),
  ]);
  for (const rel of candidates) {
    texts.set(rel, await readFile(path.join(dir, rel), 'utf8').catch(missingAsUndefined));
  }
  const planned = planDesiredStateWrites(next, current, (rel) => texts.get(rel));
  for (const [rel, text] of planned) {
    const target = path.join(dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, target);
  }
  return [...planned.keys()];
}

function missingAsUndefined(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}
