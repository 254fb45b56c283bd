import type { LiveLanguage, LiveQueue, LiveSkill, LiveUser } from '../genesys/port.js';

/** Change records: what the applier will do, `{target, action, before, after}`. */

export type Action = 'create' | 'update' | 'delete';

/** One item of a user's set (a skill or a language: see the change's `kind`). */
export interface SkillChange {
  /** the skill's or language's name */
  skill: string;
  /** its id in the org */
  skillId: string | undefined;
  action: Action;
  before: number | undefined;
  after: number | undefined;
}

/** The kinds of per-user sets the reconciler manages (see ./kinds.ts). */
export type UserKind = 'user-skills' | 'user-languages';

/** What changes in one user's set of one kind (skills, languages). */
export interface UserItemsChange<K extends UserKind = UserKind> {
  kind: K;
  target: { userId: string; email: string; name: string };
  mode: 'authoritative' | 'additive';
  changes: SkillChange[];
  /** the user's full owned set of this kind after apply (for PUT bulk) */
  desired: Record<string, number>;
}

export type UserSkillsChange = UserItemsChange<'user-skills'>;
export type UserLanguagesChange = UserItemsChange<'user-languages'>;

export interface WeightChange {
  kind: 'weight';
  target: { key: string; queue: string; skill: string };
  action: Action;
  before: number | undefined;
  after: number | undefined;
}

export type Change = UserSkillsChange | UserLanguagesChange | WeightChange;

/** The live org as the reconciler sees it (read in few calls). */
export interface LiveOrg {
  users: LiveUser[];
  skills: LiveSkill[];
  /** the org's routing languages (absent: not read, e.g. a port without languages) */
  languages?: LiveLanguage[];
  queues: LiveQueue[];
  weights:
    { tableId: string; tableName: string; rows: { key: string; weight: number | undefined }[] } | undefined;
}
