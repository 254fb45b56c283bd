/**
 * The desired state, normalised (what the loader returns and the rest of the product consumes).
 * The on-disk YAML format and its JSON Schemas live in src/state/ and schemas/.
 */

export type OwnershipMode = 'authoritative' | 'additive';

export interface SourceRef {
  /** path relative to the desired-state dir, with forward slashes */
  file: string;
  line: number;
  col: number;
}

export interface DesiredProfile {
  /** lower-cased email */
  email: string;
  /** skill name → proficiency 0–5 */
  skills: Record<string, number>;
  ownership: OwnershipMode;
  source: SourceRef;
}

export interface OffPeakWindow {
  /** "HH:MM" local time */
  start: string;
  /** "HH:MM" local time; may be before start (window over midnight) */
  end: string;
  /** IANA time zone, e.g. "Europe/London" */
  timeZone: string;
  /** ISO weekday numbers 1 (Mon)–7 (Sun); all days when absent */
  days?: number[];
}

export interface Guardrails {
  /** most individual changes (skill adds/removes/updates + weight rows) in one apply */
  maxChangesPerRun: number;
  /** most skill removals (prune) and weight-row deletions in one apply */
  maxRemovals: number;
  /** emails never written by apply */
  protectedUsers: string[];
  window?: OffPeakWindow;
  /** minimum projected service level (0–1) per queue, enforced by planner and applier */
  serviceLevelFloor: number;
}

export interface PlannerSettings {
  policy: 'staffing' | 'answer-rate';
  days: number;
  /** analytics query chunk size in days */
  chunkDays: number;
  serviceLevelTarget: number;
  answerWithinSeconds: number;
  shrinkage: number;
  maxOccupancy: number;
  /** proficiency given to newly added skills */
  newSkillProficiency: number;
  maxUsersChangedPerPlan: number;
  answerRate: { removeBelow: number; removeMinHandled: number; addAbove: number; addMinOffered: number };
  weights: { volume: number; wait: number; hysteresis: number };
}

export interface Settings {
  /** name of the Architect data table holding the weights */
  weightsTable: string;
  ownership: {
    default: OwnershipMode;
    /** per file (relative path) */
    files: Record<string, OwnershipMode>;
    /** per email */
    users: Record<string, OwnershipMode>;
  };
  guardrails: Guardrails;
  planner: PlannerSettings;
  /** wrap-up code name → skill name */
  wrapupSkills: Record<string, string>;
}

export interface DesiredState {
  dir: string;
  profiles: DesiredProfile[];
  /** queue name → skill name → weight 1–100 */
  weights: Record<string, Record<string, number>>;
  weightsSource: Record<string, SourceRef>;
  settings: Settings;
}

export function weightKey(queue: string, skill: string): string {
  return `${queue}|${skill}`;
}
