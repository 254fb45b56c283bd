/**
 * The on-disk format of desired state, defined once with TypeBox: the JSON Schemas in schemas/ and the
 * TypeScript types of parsed files both come from here. Settings defaults live in ./defaults.ts.
 */
import { Type } from '@sinclair/typebox';
import type { Static, TSchema, TUnsafe } from '@sinclair/typebox';
import { DEFAULT_SETTINGS } from './defaults.js';

export const API_VERSION = 'routing-gitops/v1';
export const SCHEMA_BASE = 'https://routing-gitops.dev/schemas/';
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** A plausible email address (the reference check against the org decides whether it exists). */
export const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
/** Skill and queue names: not empty, no `|` (the weights table key is `queue|skill`), no control characters. */
export const NAME_PATTERN = '^[^|\\u0000-\\u001f]+$';
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const PROFILES_FILE_PATTERN = '^routing-profiles/([^/\\\\]+/)*[^/\\\\]+\\.ya?ml$';

/** ajv format (registered in ./validate-schema.ts): a time zone this runtime knows. */
export const TIME_ZONE_FORMAT = 'iana-time-zone';

export function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Human wording for key patterns, used in error messages. */
export const PATTERN_WORDING: Readonly<Record<string, string>> = {
  [EMAIL_PATTERN]: 'is not a valid email address',
  [NAME_PATTERN]: 'is not a valid name (empty, or contains "|" or a control character)',
  [TIME_PATTERN]: 'must be a time "HH:MM" (24-hour)',
  [PROFILES_FILE_PATTERN]: 'must be a .yaml file under routing-profiles/',
  [TIME_ZONE_FORMAT]: 'is not an IANA time zone (e.g. Europe/London)',
};

function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

function header<K extends string>(kind: K) {
  return {
    apiVersion: Type.Literal(API_VERSION, { description: 'format version of this file' }),
    kind: Type.Literal(kind),
  };
}

function fileOptions(name: string, title: string, description: string) {
  return { $schema: DRAFT, $id: `${SCHEMA_BASE}${name}`, title, description, additionalProperties: false };
}

const Email = Type.String({ pattern: EMAIL_PATTERN });
const OWNERSHIP_MODES = ['authoritative', 'additive'] as const;
const OWNERSHIP_WORDING =
  'authoritative: skills not listed are removed from the user; additive: listed skills are added or updated, others kept';
const Ownership = StringEnum(OWNERSHIP_MODES, { description: OWNERSHIP_WORDING });

export const Proficiency = Type.Number({ minimum: 0, maximum: 5, description: 'proficiency 0–5' });
export const Weight = Type.Integer({ minimum: 1, maximum: 100, description: 'weight 1–100' });

export const RoutingProfilesFile = Type.Object(
  {
    ...header('RoutingProfiles'),
    profiles: Type.Record(
      Email,
      Type.Object(
        {
          skills: Type.Record(Type.String({ pattern: NAME_PATTERN }), Proficiency, {
            additionalProperties: false,
            description: 'skill name → proficiency 0–5, e.g. {Billing: 4, Sales: 2.5}',
          }),
          languages: Type.Optional(
            Type.Record(Type.String({ pattern: NAME_PATTERN }), Proficiency, {
              additionalProperties: false,
              description:
                "routing language name → proficiency 0–5, e.g. {Spanish: 4}; when left out, the user's languages are not managed",
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { additionalProperties: false, description: 'users by email' },
    ),
  },
  fileOptions(
    'routing-profiles.schema.json',
    'Routing profiles',
    "Users' routing skills and proficiencies (desired-state/routing-profiles/*.yaml)",
  ),
);

export const RuleWeightsFile = Type.Object(
  {
    ...header('RuleWeights'),
    queues: Type.Record(
      Type.String({ pattern: NAME_PATTERN }),
      Type.Record(Type.String({ pattern: NAME_PATTERN }), Weight, {
        additionalProperties: false,
        description: 'skill name → weight 1–100',
      }),
      { additionalProperties: false, description: 'queue name → skill weights' },
    ),
  },
  fileOptions(
    'rule-weights.schema.json',
    'Rule weights',
    'Per-queue skill weights, written to the Architect data table (desired-state/rule-weights.yaml)',
  ),
);

const D = DEFAULT_SETTINGS;
const P = D.planner;

function num(description: string, def: number, range: { minimum?: number; maximum?: number } = {}) {
  return Type.Optional(Type.Number({ description, default: def, ...range }));
}
function int(description: string, def: number, range: { minimum?: number; maximum?: number } = {}) {
  return Type.Optional(Type.Integer({ description, default: def, ...range }));
}
function fraction(description: string, def: number) {
  return num(description, def, { minimum: 0, maximum: 1 });
}
function section<T extends Record<string, TSchema>>(description: string, properties: T) {
  return Type.Optional(Type.Object(properties, { description, additionalProperties: false }));
}

export const OffPeakWindowSchema = Type.Object(
  {
    start: Type.String({ pattern: TIME_PATTERN, description: 'start, "HH:MM" local time' }),
    end: Type.String({ pattern: TIME_PATTERN, description: 'end, "HH:MM"; before start = over midnight' }),
    timeZone: Type.String({ format: TIME_ZONE_FORMAT, description: 'IANA time zone, e.g. Europe/London' }),
    days: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
        minItems: 1,
        uniqueItems: true,
        description: 'ISO weekdays 1 (Mon)–7 (Sun); every day when absent',
      }),
    ),
  },
  { additionalProperties: false, description: 'apply writes only inside this window (optional)' },
);

export const SettingsFile = Type.Object(
  {
    ...header('Settings'),
    weightsTable: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Architect data table holding the weights',
        default: D.weightsTable,
      }),
    ),
    newUsersFile: Type.Optional(
      Type.String({
        pattern: PROFILES_FILE_PATTERN,
        description: 'file that receives users the planner adds',
        default: 'routing-profiles/unassigned.yaml',
      }),
    ),
    ownership: section('what the reconciler may change for each user', {
      default: Type.Optional(
        StringEnum(OWNERSHIP_MODES, { description: OWNERSHIP_WORDING, default: D.ownership.default }),
      ),
      files: Type.Optional(
        Type.Record(Type.String({ pattern: PROFILES_FILE_PATTERN }), Ownership, {
          additionalProperties: false,
          description: 'per routing-profiles file (path relative to the desired-state folder)',
        }),
      ),
      users: Type.Optional(
        Type.Record(Email, Ownership, { additionalProperties: false, description: 'per user email' }),
      ),
      onRelease: Type.Optional(
        StringEnum(['restore', 'leave'] as const, {
          description:
            'when a user leaves git: restore the skills recorded when apply took the user over (restore), or leave the user as is and say so (leave)',
          default: 'restore',
        }),
      ),
    }),
    guardrails: section('limits on every apply', {
      maxChangesPerRun: int('most changes (skill adds, updates, removals, weight rows) per apply', 500, {
        minimum: 0,
      }),
      maxRemovals: int('most skill removals and weight-row deletions per apply', 100, { minimum: 0 }),
      protectedUsers: Type.Optional(
        Type.Array(Email, { uniqueItems: true, description: 'emails apply never writes', default: [] }),
      ),
      serviceLevelFloor: fraction('lowest projected service level (0–1) a plan or apply may cause', 0.6),
      window: Type.Optional(OffPeakWindowSchema),
    }),
    apply: section('how apply finishes a run', {
      sweepBudgetSeconds: int(
        'the final sweep re-reads and re-writes writes that failed for a retryable reason (429, 5xx, reset, timeout) for at most this many seconds',
        D.apply.sweepBudgetSeconds,
        { minimum: 0, maximum: 3600 },
      ),
    }),
    report: section('how reports show times and numbers', {
      timeZone: Type.Optional(
        Type.String({
          format: TIME_ZONE_FORMAT,
          description: "IANA time zone the PR body writes dates and times in (the org's), e.g. Europe/Berlin",
          default: 'UTC',
        }),
      ),
      csvLocale: Type.Optional(
        Type.String({
          pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$',
          description:
            'locale of the CSV report: en (comma, decimal point) or e.g. de-DE / fr-FR (semicolon, decimal comma); --csv-locale wins',
          default: 'en',
        }),
      ),
    }),
    planner: section('how plan proposes changes from analytics', {
      policy: Type.Optional(
        StringEnum(['staffing', 'answer-rate'] as const, {
          description:
            'staffing: skills and languages the centre model shows raise service level (Erlang C per skill when the org gives no users aggregates); answer-rate: per-agent handled/offered (tAlert) thresholds',
          default: P.policy,
        }),
      ),
      days: int('days of analytics to read', P.days, { minimum: 1, maximum: 366 }),
      chunkDays: int('analytics query size in days', P.chunkDays, { minimum: 1, maximum: 31 }),
      serviceLevelTarget: fraction('service level to staff for (0–1)', P.serviceLevelTarget),
      answerWithinSeconds: num('service-level threshold in seconds', P.answerWithinSeconds, { minimum: 1 }),
      shrinkage: num(
        "share of paid time agents are unavailable (0–0.95). Not applied by plan: it works from each agent's measured on-queue time, which already nets shrinkage out (applying it again would count it twice); for positions to staff use erlang --shrinkage",
        P.shrinkage,
        {
          minimum: 0,
          maximum: 0.95,
        },
      ),
      maxOccupancy: num('highest planned agent occupancy (0.1–1)', P.maxOccupancy, {
        minimum: 0.1,
        maximum: 1,
      }),
      newSkillProficiency: num('proficiency of skills the planner adds', P.newSkillProficiency, {
        minimum: 0,
        maximum: 5,
      }),
      maxUsersChangedPerPlan: int('most users one plan changes', P.maxUsersChangedPerPlan, { minimum: 0 }),
      answerRate: section('thresholds of the answer-rate policy', {
        removeBelow: fraction('remove a skill when handled/offered is below this…', P.answerRate.removeBelow),
        removeMinHandled: int('…and more than this many were handled', P.answerRate.removeMinHandled, {
          minimum: 0,
        }),
        addAbove: fraction('add a skill when handled/offered is above this…', P.answerRate.addAbove),
        addMinOffered: int('…and more than this many were offered', P.answerRate.addMinOffered, {
          minimum: 0,
        }),
      }),
      weightsPolicy: Type.Optional(
        StringEnum(['model', 'formula'] as const, {
          description:
            'model: weights the centre model shows raise service level, never starving a stream (needs users aggregates); formula: score = volume·v + wait·w (planner.weights), checked by the model',
          default: 'model',
        }),
      ),
      weights: section('queue weights: score = volume·v + wait·w, mapped to 1–100', {
        volume: num('factor of normalised volume', P.weights.volume, { minimum: 0 }),
        wait: num('factor of normalised average wait', P.weights.wait, { minimum: 0 }),
        hysteresis: int('a weight moves only by at least this many points', P.weights.hysteresis, {
          minimum: 0,
          maximum: 99,
        }),
      }),
    }),
    wrapupSkills: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.String({ pattern: NAME_PATTERN }), {
        additionalProperties: false,
        description: 'wrap-up code name → skill name (weights from wrap-up aggregates)',
      }),
    ),
  },
  fileOptions(
    'settings.schema.json',
    'Settings',
    'Planner policy, ownership and guardrails (desired-state/settings.yaml); every field is optional',
  ),
);

export type RoutingProfilesData = Static<typeof RoutingProfilesFile>;
export type RuleWeightsData = Static<typeof RuleWeightsFile>;
export type SettingsData = Static<typeof SettingsFile>;

export type Kind = 'RoutingProfiles' | 'RuleWeights' | 'Settings';

export const SCHEMAS: Readonly<Record<Kind, { fileName: string; schema: TSchema }>> = {
  RoutingProfiles: { fileName: 'routing-profiles.schema.json', schema: RoutingProfilesFile },
  RuleWeights: { fileName: 'rule-weights.schema.json', schema: RuleWeightsFile },
  Settings: { fileName: 'settings.schema.json', schema: SettingsFile },
};
