import type { LiveUser } from '../../src/genesys/port.js';
import type { LiveOrg } from '../../src/plan/types.js';
import type { DesiredProfile, DesiredState, OwnershipMode, Settings } from '../../src/state/model.js';

export function settings(overrides: Partial<Settings['guardrails']> = {}): Settings {
  return {
    weightsTable: 'Routing Skill Weights',
    ownership: { default: 'authoritative', files: {}, users: {} },
    guardrails: {
      maxChangesPerRun: 500,
      maxRemovals: 100,
      protectedUsers: [],
      serviceLevelFloor: 0.6,
      ...overrides,
    },
    planner: {
      policy: 'staffing',
      days: 30,
      chunkDays: 7,
      serviceLevelTarget: 0.8,
      answerWithinSeconds: 20,
      shrinkage: 0.3,
      maxOccupancy: 0.85,
      newSkillProficiency: 3,
      maxUsersChangedPerPlan: 50,
      answerRate: { removeBelow: 0.3, removeMinHandled: 10, addAbove: 0.85, addMinOffered: 100 },
      weights: { volume: 0.6, wait: 0.4, hysteresis: 5 },
    },
    wrapupSkills: {},
  };
}

export function profile(
  email: string,
  skills: Record<string, number>,
  ownership: OwnershipMode = 'authoritative',
): DesiredProfile {
  return { email, skills, ownership, source: { file: 'routing-profiles/team.yaml', line: 1, col: 1 } };
}

export function desired(
  profiles: DesiredProfile[],
  weights: Record<string, Record<string, number>> = {},
  guardrails: Partial<Settings['guardrails']> = {},
): DesiredState {
  return { dir: 'desired-state', profiles, weights, weightsSource: {}, settings: settings(guardrails) };
}

export const SKILLS = ['Billing', 'Sales', 'Spanish', 'Technical Support', 'Retention'];

export function user(id: string, email: string, skills: Record<string, number>): LiveUser {
  return {
    id,
    email,
    name: `User ${id}`,
    skills: Object.entries(skills).map(([name, proficiency]) => ({ id: `skill-${name}`, name, proficiency })),
  };
}

export function liveOrg(users: LiveUser[], rows: Record<string, number> = {}, tableExists = true): LiveOrg {
  return {
    users,
    skills: SKILLS.map((name) => ({ id: `skill-${name}`, name })),
    queues: [],
    weights: tableExists
      ? {
          tableId: 'table-1',
          tableName: 'Routing Skill Weights',
          rows: Object.entries(rows).map(([key, weight]) => ({ key, weight })),
        }
      : undefined,
  };
}
