/**
 * Fresh desired-state files (export, new files the planner creates). Users and skills in code-point order;
 * skills as a flow map `{Billing: 4, Sales: 2.5}` (one line per user reads well in diffs) unless the line would
 * be too long.
 */
import { API_VERSION } from './schema.js';
import { byKey, flowMap, sortedEntries, yamlNumber, yamlString } from './yaml-text.js';

export const SCHEMA_REFS = {
  RoutingProfiles: '../../schemas/routing-profiles.schema.json',
  RuleWeights: '../schemas/rule-weights.schema.json',
  Settings: '../schemas/settings.schema.json',
} as const;

export const MAX_FLOW_LINE = 110;

export interface RenderOptions {
  /** `$schema` for the editor line, relative to the file (default: the repository's schemas/ folder) */
  schemaRef?: string;
  /** comment lines written under the schema line (without `#`) */
  comment?: readonly string[];
  /** routing profiles: each listed user's `languages:` (users left out have no `languages` key) */
  languages?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function fileHeader(kind: keyof typeof SCHEMA_REFS, options: RenderOptions = {}): string[] {
  return [
    `# yaml-language-server: $schema=${options.schemaRef ?? SCHEMA_REFS[kind]}`,
    ...(options.comment ?? []).map((line) => (line ? `# ${line}` : '#')),
    `apiVersion: ${API_VERSION}`,
    `kind: ${kind}`,
  ];
}

/** A map of numbers under `key`, at `indent`: one flow line when it fits, else a block. */
export function numberMapLines(
  key: string,
  map: Readonly<Record<string, number>>,
  indent: number,
  step = 2,
): string[] {
  const entries = sortedEntries(map);
  const pad = ' '.repeat(indent);
  const flow = `${pad}${key}: ${flowMap(entries)}`;
  if (entries.length === 0 || flow.length <= MAX_FLOW_LINE) return [flow];
  const inner = ' '.repeat(indent + step);
  return [`${pad}${key}:`, ...entries.map(([k, v]) => `${inner}${yamlString(k)}: ${yamlNumber(v)}`)];
}

/** `alice@example.com:` + `skills: {…}` (+ `languages: {…}` when given) at the given indentation. */
export function profileEntryLines(
  email: string,
  skills: Readonly<Record<string, number>>,
  indent: number,
  step = 2,
  languages?: Readonly<Record<string, number>>,
): string[] {
  return [
    `${' '.repeat(indent)}${yamlString(email)}:`,
    ...numberMapLines('skills', skills, indent + step, step),
    ...(languages ? numberMapLines('languages', languages, indent + step, step) : []),
  ];
}

/** `Support: {Billing: 80}` at the given indentation. */
export function queueEntryLines(
  queue: string,
  skills: Readonly<Record<string, number>>,
  indent: number,
  step = 2,
): string[] {
  return numberMapLines(yamlString(queue), skills, indent, step);
}

export function renderProfilesFile(
  profiles: Readonly<Record<string, Readonly<Record<string, number>>>>,
  options: RenderOptions = {},
): string {
  const emails = Object.keys(profiles).sort(byKey);
  const body =
    emails.length === 0
      ? ['profiles: {}']
      : [
          'profiles:',
          ...emails.flatMap((e) =>
            profileEntryLines(e, profiles[e] ?? {}, 2, 2, options.languages && options.languages[e]),
          ),
        ];
  return `${[...fileHeader('RoutingProfiles', options), ...body].join('\n')}\n`;
}

export function renderWeightsFile(
  weights: Readonly<Record<string, Readonly<Record<string, number>>>>,
  options: RenderOptions = {},
): string {
  const queues = Object.keys(weights).sort(byKey);
  const body =
    queues.length === 0
      ? ['queues: {}']
      : ['queues:', ...queues.flatMap((q) => queueEntryLines(q, weights[q] ?? {}, 2))];
  return `${[...fileHeader('RuleWeights', options), ...body].join('\n')}\n`;
}
