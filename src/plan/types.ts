import type { LiveQueue, LiveSkill, LiveUser } from '../genesys/port.js';

/** Change records: what the applier will do, `{target, action, before, after}`. */

export type Action = 'create' | 'update' | 'delete';

export interface SkillChange {
  skill: string;
  skillId: string | undefined;
  action: Action;
  before: number | undefined;
  after: number | undefined;
}

export interface UserSkillsChange {
  kind: 'user-skills';
  target: { userId: string; email: string; name: string };
  mode: 'authoritative' | 'additive';
  changes: SkillChange[];
  /** the user's full owned skill set after apply (for PUT bulk) */
  desired: Record<string, number>;
}

export interface WeightChange {
  kind: 'weight';
  target: { key: string; queue: string; skill: string };
  action: Action;
  before: number | undefined;
  after: number | undefined;
}

export type Change = UserSkillsChange | WeightChange;

/** The live org as the reconciler sees it (read in few calls). */
export interface LiveOrg {
  users: LiveUser[];
  skills: LiveSkill[];
  queues: LiveQueue[];
  weights:
    { tableId: string; tableName: string; rows: { key: string; weight: number | undefined }[] } | undefined;
}
