/**
 * Live org → desired-state files (pure). One routing-profiles file per team, a team being the user's primary
 * queue: of the queues the user is a member of, the one whose weights name most of the user's skills (ties: by
 * name). Users in no queue go to unassigned.yaml. Users with neither skills nor a queue (admins, supervisors)
 * are left out: not naming a user means never touching them (with --group-by none, which reads no memberships,
 * users without skills are left out). What desired state cannot hold (an invalid email,
 * a proficiency outside 0–5, a weight row with a bad key or value or naming no live queue or skill) is skipped
 * with a warning, so the export always validates and loads back to exactly what it wrote.
 */
import type { DataTableRow, LiveQueue, LiveSkill, LiveUser } from '../genesys/port.js';
import type { Settings } from './model.js';
import { DEFAULT_NEW_USERS_FILE } from './defaults.js';
import { getOwn, setOwn } from './own.js';
import { renderProfilesFile, renderWeightsFile } from './render.js';
import { renderSettingsFile } from './render-settings.js';
import { EMAIL_PATTERN, NAME_PATTERN, SCHEMAS } from './schema.js';
import { byKey } from './yaml-text.js';

export interface ExportInput {
  users: readonly LiveUser[];
  skills: readonly LiveSkill[];
  queues: readonly LiveQueue[];
  /** queue id → member user ids; undefined = do not group by queue (one routing-profiles/all.yaml) */
  members: ReadonlyMap<string, readonly string[]> | undefined;
  /** the weights table's rows; undefined when the table does not exist */
  rows: readonly DataTableRow[] | undefined;
  settings: Settings;
  /** write settings.yaml (false when the target already has one) */
  writeSettings: boolean;
}

export interface ExportOptions {
  /** directory of the JSON Schemas relative to the desired-state dir, e.g. `../schemas` or `schemas` */
  schemaDir: string;
}

export interface ExportResult {
  /** relative path → content */
  files: Record<string, string>;
  warnings: string[];
  counts: { users: number; profileFiles: number; queues: number; weights: number };
}

const email = new RegExp(EMAIL_PATTERN, 'u');
const name = new RegExp(NAME_PATTERN, 'u');

export function buildExport(input: ExportInput, options: ExportOptions): ExportResult {
  const warnings: string[] = [];
  const skillNames = new Set(input.skills.map((s) => s.name));
  const queueNames = new Set(input.queues.map((q) => q.name));
  const weights = exportWeights(input.rows, queueNames, skillNames, warnings);
  const profiles = exportProfiles(input.users, warnings);
  const teams = assignTeams(profiles, input, weights);

  const ref = (depth: number, file: string) => `${'../'.repeat(depth)}${options.schemaDir}/${file}`;
  const files: Record<string, string> = {};
  for (const [file, team] of teams) {
    const comment = team.queue ? [`Team: users whose primary queue is ${team.queue}.`] : [team.comment];
    const schemaRef = ref(1, SCHEMAS.RoutingProfiles.fileName);
    files[file] = renderProfilesFile(team.profiles, { schemaRef, comment, languages: team.languages });
  }
  const weightsComment = [
    `Weights 1–100 per queue and skill, kept in the data table "${input.settings.weightsTable}".`,
  ];
  files['rule-weights.yaml'] = renderWeightsFile(weights, {
    schemaRef: ref(0, SCHEMAS.RuleWeights.fileName),
    comment: weightsComment,
  });
  if (input.writeSettings) {
    files['settings.yaml'] = renderSettingsFile(input.settings, {
      schemaRef: ref(0, SCHEMAS.Settings.fileName),
    });
  }
  if (input.rows === undefined) {
    warnings.push(`data table "${input.settings.weightsTable}" not found: rule-weights.yaml has no queues`);
  }
  const weightCount = Object.values(weights).reduce((n, w) => n + Object.keys(w).length, 0);
  return {
    files,
    warnings,
    counts: {
      users: [...teams.values()].reduce((n, t) => n + Object.keys(t.profiles).length, 0),
      profileFiles: teams.size,
      queues: Object.keys(weights).length,
      weights: weightCount,
    },
  };
}

interface ExportedUser {
  id: string;
  skills: Record<string, number>;
  /** the user's routing languages, when they have any */
  languages?: Record<string, number>;
}

function exportProfiles(users: readonly LiveUser[], warnings: string[]): Map<string, ExportedUser> {
  const out = new Map<string, ExportedUser>();
  const sorted = [...users].sort((a, b) => byKey(a.id, b.id));
  for (const user of sorted) {
    if (user.state === 'deleted') continue;
    const address = (user.email ?? '').toLowerCase();
    if (!email.test(address)) {
      warnings.push(
        `user ${user.id} (${user.name}) has no usable email ${JSON.stringify(user.email ?? '')}; skipped`,
      );
      continue;
    }
    if (out.has(address)) {
      warnings.push(`user ${user.id} shares the email ${address} with another user; skipped`);
      continue;
    }
    // a user is exported with all their skills and languages or not at all: leaving one out would make apply
    // remove it
    const unwritable = [...user.skills, ...(user.languages ?? [])].filter(
      (skill) =>
        !name.test(skill.name) ||
        !Number.isFinite(skill.proficiency) ||
        skill.proficiency < 0 ||
        skill.proficiency > 5,
    );
    if (unwritable.length > 0) {
      warnings.push(
        `${address}: left out (never touched by apply): ${user.skills.includes(unwritable[0]!) ? 'skill' : 'language'} ${JSON.stringify(unwritable[0]?.name)} with proficiency ` +
          `${unwritable[0]?.proficiency} cannot be written in desired state (a name with "|" or a control character, ` +
          'or a proficiency outside 0–5); fix it in Genesys Cloud to manage this user from git',
      );
      continue;
    }
    const skills: Record<string, number> = {};
    for (const skill of user.skills) setOwn(skills, skill.name, skill.proficiency);
    const exported: ExportedUser = { id: user.id, skills };
    if (user.languages && user.languages.length > 0) {
      const languages: Record<string, number> = {};
      for (const language of user.languages) setOwn(languages, language.name, language.proficiency);
      exported.languages = languages;
    }
    out.set(address, exported);
  }
  return out;
}

function exportWeights(
  rows: readonly DataTableRow[] | undefined,
  queues: ReadonlySet<string>,
  skills: ReadonlySet<string>,
  warnings: string[],
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows ?? []) {
    const parts = row.key.split('|');
    const [queue, skill] = parts;
    const weight = row.weight;
    const why =
      parts.length !== 2 || !queue || !skill
        ? 'key is not "queue|skill"'
        : typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100
          ? `weight ${JSON.stringify(weight)} is not an integer 1–100`
          : !queues.has(queue)
            ? `queue ${JSON.stringify(queue)} does not exist`
            : !skills.has(skill)
              ? `skill ${JSON.stringify(skill)} does not exist`
              : undefined;
    if (why || !queue || !skill || typeof weight !== 'number') {
      warnings.push(
        `weights row ${JSON.stringify(row.key)}: ${why ?? 'invalid'}; skipped (rows not exported are never changed)`,
      );
      continue;
    }
    const queueWeights = getOwn(out, queue) ?? {};
    setOwn(queueWeights, skill, weight);
    setOwn(out, queue, queueWeights);
  }
  return out;
}

interface Team {
  queue?: string;
  comment: string;
  profiles: Record<string, Record<string, number>>;
  /** users with routing languages: email → language → proficiency */
  languages: Record<string, Record<string, number>>;
}

function assignTeams(
  users: ReadonlyMap<string, ExportedUser>,
  input: ExportInput,
  weights: Record<string, Record<string, number>>,
): Map<string, Team> {
  const teams = new Map<string, Team>();
  const add = (
    file: string,
    team: Omit<Team, 'profiles' | 'languages'>,
    address: string,
    user: ExportedUser,
  ) => {
    const entry = teams.get(file) ?? { ...team, profiles: {}, languages: {} };
    setOwn(entry.profiles, address, user.skills);
    if (user.languages) setOwn(entry.languages, address, user.languages);
    teams.set(file, entry);
  };
  if (!input.members) {
    for (const [address, user] of users) {
      if (Object.keys(user.skills).length === 0 && !user.languages) continue;
      add('routing-profiles/all.yaml', { comment: 'All users with routing skills.' }, address, user);
    }
    return sortTeams(teams);
  }
  const queuesOf = new Map<string, LiveQueue[]>();
  const byId = new Map(input.queues.map((q) => [q.id, q]));
  for (const [queueId, ids] of input.members) {
    const queue = byId.get(queueId);
    if (!queue) continue;
    for (const id of ids) queuesOf.set(id, [...(queuesOf.get(id) ?? []), queue]);
  }
  const fileNames = teamFileNames(input.queues);
  for (const [address, user] of users) {
    const memberOf = queuesOf.get(user.id) ?? [];
    if (memberOf.length === 0 && Object.keys(user.skills).length === 0 && !user.languages) continue;
    const primary = primaryQueue(memberOf, user.skills, weights);
    if (!primary) {
      const comment = 'Users in no queue.';
      add(DEFAULT_NEW_USERS_FILE, { comment }, address, user);
      continue;
    }
    add(
      fileNames.get(primary.id) ?? DEFAULT_NEW_USERS_FILE,
      { queue: primary.name, comment: '' },
      address,
      user,
    );
  }
  return sortTeams(teams);
}

function primaryQueue(
  queues: readonly LiveQueue[],
  skills: Record<string, number>,
  weights: Record<string, Record<string, number>>,
): LiveQueue | undefined {
  const score = (q: LiveQueue) => {
    const covered = getOwn(weights, q.name) ?? {};
    return Object.keys(skills).filter((s) => Object.hasOwn(covered, s)).length;
  };
  return [...queues].sort((a, b) => score(b) - score(a) || byKey(a.name, b.name) || byKey(a.id, b.id))[0];
}

/** queue id → `routing-profiles/<slug>.yaml`, unique, never the unassigned file. */
function teamFileNames(queues: readonly LiveQueue[]): Map<string, string> {
  const taken = new Set([DEFAULT_NEW_USERS_FILE]);
  const out = new Map<string, string>();
  for (const queue of [...queues].sort((a, b) => byKey(a.name, b.name) || byKey(a.id, b.id))) {
    const slug =
      queue.name
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'queue';
    let file = `routing-profiles/${slug}.yaml`;
    for (let n = 2; taken.has(file); n++) file = `routing-profiles/${slug}-${n}.yaml`;
    taken.add(file);
    out.set(queue.id, file);
  }
  return out;
}

function sortTeams(teams: Map<string, Team>): Map<string, Team> {
  return new Map([...teams].sort(([a], [b]) => byKey(a, b)));
}
