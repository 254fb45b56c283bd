import type { LiveUser } from '../genesys/port.js';
import type { DesiredProfile, DesiredState } from '../state/model.js';
import { USER_KINDS, type ManagedKind } from './kinds.js';
import type { Change, LiveOrg, SkillChange, UserItemsChange, WeightChange } from './types.js';

/** Proficiencies are compared at the precision Genesys keeps (two decimals). */
function sameProficiency(a: number, b: number): boolean {
  return Math.round(a * 100) === Math.round(b * 100);
}

function byName(a: { skill: string }, b: { skill: string }): number {
  return a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0;
}

/**
 * What must change in the org so that every object git owns matches git. Pure: no I/O, no clock.
 * Users not named in `desired` are never touched; each managed kind of a user's set (skills, languages: see
 * ./kinds.ts) is diffed alike; for additive users, items not listed are kept.
 * Only weight keys of queues named in desired state are owned.
 */
export function diff(desired: DesiredState, live: LiveOrg): Change[] {
  const changes: Change[] = [...diffProfiles(desired, live), ...diffWeights(desired, live)];
  return changes;
}

function diffProfiles(desired: DesiredState, live: LiveOrg): UserItemsChange[] {
  const usersByEmail = new Map(live.users.map((u) => [u.email.toLowerCase(), u]));
  const out: UserItemsChange[] = [];
  const profiles = [...desired.profiles].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  for (const profile of profiles) {
    const user = usersByEmail.get(profile.email);
    if (!user) continue;
    for (const kind of USER_KINDS) {
      const change = diffUserSet(kind, profile, user, live);
      if (change) out.push(change);
    }
  }
  return out;
}

/** One user's set of one kind: what to add, update and (when authoritative) remove. */
function diffUserSet(
  kind: ManagedKind,
  profile: DesiredProfile,
  user: LiveUser,
  live: LiveOrg,
): UserItemsChange | undefined {
  const wanted = kind.desired(profile);
  if (wanted === undefined) return undefined;
  const ids = new Map(kind.catalogue(live).map((s) => [s.name, s.id]));
  const current = kind.live(user);
  const liveItems = new Map(current.map((s) => [s.name, s]));
  const changes: SkillChange[] = [];
  for (const [name, after] of Object.entries(wanted)) {
    const item = liveItems.get(name);
    const skillId = item?.id ?? ids.get(name);
    if (!item) changes.push({ skill: name, skillId, action: 'create', before: undefined, after });
    else if (!sameProficiency(item.proficiency, after))
      changes.push({ skill: name, skillId, action: 'update', before: item.proficiency, after });
  }
  const desiredSet: Record<string, number> = { ...wanted };
  for (const s of current) {
    if (Object.hasOwn(wanted, s.name)) continue;
    if (profile.ownership === 'authoritative')
      changes.push({
        skill: s.name,
        skillId: s.id,
        action: 'delete',
        before: s.proficiency,
        after: undefined,
      });
    else desiredSet[s.name] = s.proficiency;
  }
  if (changes.length === 0) return undefined;
  return {
    kind: kind.kind,
    target: { userId: user.id, email: profile.email, name: user.name },
    mode: profile.ownership,
    changes: changes.sort(byName),
    desired: desiredSet,
  };
}

function diffWeights(desired: DesiredState, live: LiveOrg): WeightChange[] {
  const queues = Object.keys(desired.weights);
  if (queues.length === 0 && !live.weights) return [];
  const liveRows = new Map((live.weights?.rows ?? []).map((r) => [r.key, r.weight]));
  const named = new Set(queues);
  const owners = [...new Set([...queues, ...live.queues.map((q) => q.name)])].sort(
    (a, b) => b.length - a.length,
  );
  const out: WeightChange[] = [];
  const wanted = new Set<string>();
  for (const queue of queues.sort()) {
    const skills = desired.weights[queue] ?? {};
    for (const skill of Object.keys(skills).sort()) {
      const after = skills[skill];
      if (after === undefined) continue;
      const key = `${queue}|${skill}`;
      wanted.add(key);
      const target = { key, queue, skill };
      if (!liveRows.has(key))
        out.push({ kind: 'weight', target, action: 'create', before: undefined, after });
      else if (liveRows.get(key) !== after)
        out.push({ kind: 'weight', target, action: 'update', before: liveRows.get(key), after });
    }
  }
  for (const [key, before] of [...liveRows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (wanted.has(key)) continue;
    // the longest queue name that prefixes the key owns it ("Sales|EU|Billing" is Sales|EU's, not Sales's)
    const queue = owners.find((q) => key.startsWith(`${q}|`));
    if (queue === undefined || !named.has(queue)) continue;
    out.push({
      kind: 'weight',
      target: { key, queue, skill: key.slice(queue.length + 1) },
      action: 'delete',
      before,
      after: undefined,
    });
  }
  return out;
}

/**
 * A change's target, unique within one diff (journal, sweep): `user:<email>` (skills), `languages:<email>`,
 * `weight:<queue|skill>`.
 */
export function changeTarget(change: Change): string {
  if (change.kind === 'weight') return `weight:${change.target.key}`;
  return change.kind === 'user-languages'
    ? `languages:${change.target.email}`
    : `user:${change.target.email}`;
}

/** Counts for summaries: individual skill and weight changes. */
export interface ChangeCounts {
  /** distinct users with any change */
  users: number;
  skillsAdded: number;
  skillsRemoved: number;
  proficiencyChanged: number;
  languagesAdded: number;
  languagesRemoved: number;
  /** language proficiencies changed */
  languageProficiencyChanged: number;
  weightsCreated: number;
  weightsUpdated: number;
  weightsDeleted: number;
  /** every individual change (skill, language or weight row) */
  total: number;
  /** skill and language removals + weight-row deletions */
  removals: number;
}

export function countChanges(changes: readonly Change[]): ChangeCounts {
  const users = new Set<string>();
  const c: ChangeCounts = {
    users: 0,
    skillsAdded: 0,
    skillsRemoved: 0,
    proficiencyChanged: 0,
    languagesAdded: 0,
    languagesRemoved: 0,
    languageProficiencyChanged: 0,
    weightsCreated: 0,
    weightsUpdated: 0,
    weightsDeleted: 0,
    total: 0,
    removals: 0,
  };
  for (const change of changes) {
    if (change.kind === 'weight') {
      if (change.action === 'create') c.weightsCreated++;
      else if (change.action === 'update') c.weightsUpdated++;
      else c.weightsDeleted++;
      continue;
    }
    users.add(change.target.email);
    const field =
      change.kind === 'user-languages'
        ? ({
            create: 'languagesAdded',
            update: 'languageProficiencyChanged',
            delete: 'languagesRemoved',
          } as const)
        : ({ create: 'skillsAdded', update: 'proficiencyChanged', delete: 'skillsRemoved' } as const);
    for (const s of change.changes) c[field[s.action]]++;
  }
  c.users = users.size;
  c.total =
    c.skillsAdded +
    c.skillsRemoved +
    c.proficiencyChanged +
    c.languagesAdded +
    c.languagesRemoved +
    c.languageProficiencyChanged +
    c.weightsCreated +
    c.weightsUpdated +
    c.weightsDeleted;
  c.removals = c.skillsRemoved + c.languagesRemoved + c.weightsDeleted;
  return c;
}
