import type { Settings } from './model.js';

/** Where users the planner adds go when settings name no file. */
export const DEFAULT_NEW_USERS_FILE = 'routing-profiles/unassigned.yaml';

const DEFAULTS: Settings = {
  weightsTable: 'Routing Skill Weights',
  ownership: { default: 'authoritative', files: {}, users: {}, onRelease: 'restore' },
  guardrails: { maxChangesPerRun: 500, maxRemovals: 100, protectedUsers: [], serviceLevelFloor: 0.6 },
  apply: { sweepBudgetSeconds: 120 },
  report: { timeZone: 'UTC', csvLocale: 'en' },
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
    weightsPolicy: 'model',
  },
  wrapupSkills: {},
};

/** Settings when settings.yaml is absent or leaves a field out (documented in the settings schema). */
export const DEFAULT_SETTINGS: Readonly<Settings> = deepFreeze(DEFAULTS);

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULTS);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value))
    if (child && typeof child === 'object') deepFreeze(child as object);
  return Object.freeze(value);
}
