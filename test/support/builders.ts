import type { LiveUser } from '../../src/genesys/port.js';
import type { LiveOrg } from '../../src/apply/types.js';
import { defaultSettings } from '../../src/state/index.js';
import type { DesiredProfile, DesiredState, OwnershipMode, Settings } from '../../src/state/model.js';

export function settings(overrides: Partial<Settings['guardrails']> = {}): Settings {
  const base = defaultSettings();
  return { ...base, guardrails: { ...base.guardrails, ...overrides } };
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
