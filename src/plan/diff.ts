import type { DesiredState } from '../state/model.js';
import type { Change, LiveOrg, SkillChange, UserSkillsChange, WeightChange } from './types.js';

/** Proficiencies are compared at the precision Genesys keeps (two decimals). */
function sameProficiency(a: number, b: number): boolean {
  return Math.round(a * 100) === Math.round(b * 100);
}

function byName(a: { skill: string }, b: { skill: string }): number {
  return a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0;
}

/**
 * What must change in the org so that every object git owns matches git. Pure: no I/O, no clock.
 * Users not named in `desired` are never touched; for additive users, skills not listed are kept.
 * Only weight keys of queues named in desired state are owned.
 */
export function diff(desired: DesiredState, live: LiveOrg): Change[] {
  const changes: Change[] = [...diffProfiles(desired, live), ...diffWeights(desired, live)];
  return changes;
}

function diffProfiles(desired: DesiredState, live: LiveOrg): UserSkillsChange[] {
  const usersByEmail = new Map(live.users.map((u) => [u.email.toLowerCase(), u]));
  const skillIds = new Map(live.skills.map((s) => [s.name, s.id]));
  const out: UserSkillsChange[] = [];
  const profiles = [...desired.profiles].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  for (const profile of profiles) {
    const user = usersByEmail.get(profile.email);
    if (!user) continue;
    const liveSkills = new Map(user.skills.map((s) => [s.name, s]));
    const skillChanges: SkillChange[] = [];
    for (const [skill, after] of Object.entries(profile.skills)) {
      const current = liveSkills.get(skill);
      const skillId = current?.id ?? skillIds.get(skill);
      if (!current) skillChanges.push({ skill, skillId, action: 'create', before: undefined, after });
      else if (!sameProficiency(current.proficiency, after))
        skillChanges.push({ skill, skillId, action: 'update', before: current.proficiency, after });
    }
    const desiredSet: Record<string, number> = { ...profile.skills };
    if (profile.ownership === 'authoritative') {
      for (const s of user.skills) {
        if (!Object.hasOwn(profile.skills, s.name))
          skillChanges.push({
            skill: s.name,
            skillId: s.id,
            action: 'delete',
            before: s.proficiency,
            after: undefined,
          });
      }
    } else {
      for (const s of user.skills) if (!Object.hasOwn(desiredSet, s.name)) desiredSet[s.name] = s.proficiency;
    }
    if (skillChanges.length === 0) continue;
    out.push({
      kind: 'user-skills',
      target: { userId: user.id, email: profile.email, name: user.name },
      mode: profile.ownership,
      changes: skillChanges.sort(byName),
      desired: desiredSet,
    });
  }
  return out;
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

/** A change's target, unique within one diff: `user:<email>` or `weight:<queue|skill>` (journal, sweep). */
export function changeTarget(change: Change): string {
  return change.kind === 'weight' ? `weight:${change.target.key}` : `user:${change.target.email}`;
}

/** Counts for summaries: individual skill and weight changes. */
export interface ChangeCounts {
  users: number;
  skillsAdded: number;
  skillsRemoved: number;
  proficiencyChanged: number;
  weightsCreated: number;
  weightsUpdated: number;
  weightsDeleted: number;
  /** every individual change (skill or weight row) */
  total: number;
  /** skill removals + weight-row deletions */
  removals: number;
}

export function countChanges(changes: readonly Change[]): ChangeCounts {
  const c: ChangeCounts = {
    users: 0,
    skillsAdded: 0,
    skillsRemoved: 0,
    proficiencyChanged: 0,
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
    c.users++;
    for (const s of change.changes) {
      if (s.action === 'create') c.skillsAdded++;
      else if (s.action === 'update') c.proficiencyChanged++;
      else c.skillsRemoved++;
    }
  }
  c.total =
    c.skillsAdded +
    c.skillsRemoved +
    c.proficiencyChanged +
    c.weightsCreated +
    c.weightsUpdated +
    c.weightsDeleted;
  c.removals = c.skillsRemoved + c.weightsDeleted;
  return c;
}
