import type { DesiredProfile } from '../state/model.js';
import type { LiveOrg, UserKind } from './types.js';

/** An entry of a user's set as the org lists it. */
export interface LiveItem {
  id: string;
  name: string;
  proficiency: number;
}

/**
 * A kind of per-user set the reconciler manages. The diff, the writers (../apply/kind-writers.ts), the sweep
 * and the reports iterate over `USER_KINDS`; a new kind (queue membership, utilization…) is one more entry
 * here and one writer, not a copy of the skills path.
 */
export interface ManagedKind {
  kind: UserKind;
  /** singular noun for messages and report rows: "skill", "language" */
  noun: string;
  /** the field in desired state and in the schema (`skills`, `languages`) */
  field: 'skills' | 'languages';
  /** git's set for this user, or undefined when git does not manage this kind for the user */
  desired(profile: DesiredProfile): Readonly<Record<string, number>> | undefined;
  /** the org's set for this user */
  live(user: LiveOrg['users'][number]): readonly LiveItem[];
  /** every item of this kind in the org (names → ids) */
  catalogue(live: LiveOrg): readonly { id: string; name: string }[];
}

export const SKILLS: ManagedKind = {
  kind: 'user-skills',
  noun: 'skill',
  field: 'skills',
  desired: (profile) => profile.skills,
  live: (user) => user.skills,
  catalogue: (live) => live.skills,
};

/** Routing languages: managed for a user only when git lists `languages` for them. */
export const LANGUAGES: ManagedKind = {
  kind: 'user-languages',
  noun: 'language',
  field: 'languages',
  desired: (profile) => profile.languages,
  live: (user) => user.languages ?? [],
  catalogue: (live) => live.languages ?? [],
};

export const USER_KINDS: readonly ManagedKind[] = [SKILLS, LANGUAGES];

export function kindOf(kind: UserKind): ManagedKind {
  return kind === 'user-languages' ? LANGUAGES : SKILLS;
}
