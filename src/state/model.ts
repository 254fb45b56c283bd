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
  /** routing language name → proficiency 0–5; absent: the user's languages are not managed by git */
  languages?: Record<string, number>;
  ownership: OwnershipMode;
  source: SourceRef;
  /** where each skill's proficiency is written (for messages); absent when built in code */
  skillSources?: Record<string, SourceRef>;
  /** where each language's proficiency is written (for messages); absent when built in code */
  languageSources?: Record<string, SourceRef>;
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

export interface ApplySettings {
  /** the final sweep re-reads and re-writes retryable failures for at most this long */
  sweepBudgetSeconds: number;
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
  /** model: weights the centre model shows raise service level (default); formula: 0.6 · volume + 0.4 · wait */
  weightsPolicy?: 'model' | 'formula';
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
    /** a user who leaves git: restore what apply recorded when it took the user over (default), or leave */
    onRelease?: 'restore' | 'leave';
  };
  guardrails: Guardrails;
  apply: ApplySettings;
  /** how reports show times and numbers */
  report: { timeZone: string; csvLocale: string };
  planner: PlannerSettings;
  /** wrap-up code name → skill name */
  wrapupSkills: Record<string, string>;
  /** file (relative to the desired-state dir) that receives users the planner adds; default routing-profiles/unassigned.yaml */
  newUsersFile?: string;
}

export interface DesiredState {
  /** the desired-state dir (absolute when loaded from disk) */
  dir: string;
  profiles: DesiredProfile[];
  /** queue name → skill name → weight 1–100 */
  weights: Record<string, Record<string, number>>;
  /** queue name → where the queue is written */
  weightsSource: Record<string, SourceRef>;
  settings: Settings;
  /** the dir as the user gave it (e.g. `desired-state`): prefix of file names in messages; defaults to `dir` */
  displayDir?: string;
  /** weightKey(queue, skill) → where that weight is written */
  weightSources?: Record<string, SourceRef>;
  /** JSON pointer into settings (e.g. `/wrapupSkills/Billing question`) → where that value is written */
  settingsSources?: Record<string, SourceRef>;
}

export function weightKey(queue: string, skill: string): string {
  return `${queue}|${skill}`;
}
