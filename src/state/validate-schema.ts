/**
 * JSON Schema validation (ajv, strict, allErrors) of a parsed file, every error mapped back to the YAML node's
 * `file:line:col` and worded for people who edit the file by hand.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import type { SourceProblem } from '../errors.js';
import { locate, pointerSegments, valueOffset } from './parse-yaml.js';
import { API_VERSION, isTimeZone, PATTERN_WORDING, SCHEMAS, TIME_ZONE_FORMAT } from './schema.js';
import type { Kind } from './schema.js';
import { didYouMean } from './suggest.js';

let ajv: Ajv2020 | undefined;
const validators = new Map<Kind, ValidateFunction>();

function validatorFor(kind: Kind): ValidateFunction {
  const cached = validators.get(kind);
  if (cached) return cached;
  ajv ??= new Ajv2020({ strict: true, allErrors: true, verbose: true }).addFormat(
    TIME_ZONE_FORMAT,
    isTimeZone,
  );
  const compiled = ajv.compile(SCHEMAS[kind].schema);
  validators.set(kind, compiled);
  return compiled;
}

export interface SchemaInput {
  kind: Kind;
  value: unknown;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** file name as shown in messages */
  file: string;
}

export function validateSchema(input: SchemaInput): SourceProblem[] {
  const validate = validatorFor(input.kind);
  if (validate(input.value)) return [];
  const found = new Map<string, { offset: number; message: string }>();
  for (const error of validate.errors ?? []) {
    const described = describeError(error, input);
    found.set(`${described.offset}\u0000${described.message}`, described);
  }
  return [...found.values()]
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, message }) => ({ file: input.file, ...input.lineCounter.linePos(offset), message }));
}

type SchemaLike = Record<string, unknown>;

function describeError(error: ErrorObject, input: SchemaInput): { offset: number; message: string } {
  const segments = pointerSegments(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaLike;
  const label = segments.length > 0 ? labelOf(segments) : input.kind;
  const here = locate(input.doc, segments);
  const at = (message: string) => ({ offset: valueOffset(here), message });
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const prefix = segments.length > 0 ? `${label}: ` : '';
      return {
        offset: here.pair?.key.range?.[0] ?? here.offset,
        message: `${prefix}missing required field "${missing}"`,
      };
    }
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const offset = locate(input.doc, [...segments, key]).offset;
      const patterns = Object.keys(parent.patternProperties ?? {});
      const pattern = patterns[0];
      if (pattern !== undefined) {
        return {
          offset,
          message: `${JSON.stringify(key)} ${PATTERN_WORDING[pattern] ?? `must match ${pattern}`}`,
        };
      }
      const known = Object.keys(parent.properties ?? {});
      return { offset, message: `unknown field ${JSON.stringify(key)}${didYouMean(key, known)}` };
    }
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return at(`${label} must be ${expected(parent)}, got ${show(error.data)}`);
    case 'const':
      if (segments.join('/') === 'apiVersion') {
        return at(
          `unsupported apiVersion ${show(error.data)}; this version of routing-gitops reads "${API_VERSION}"`,
        );
      }
      return at(`${label} must be ${JSON.stringify(parent.const)}, got ${show(error.data)}`);
    case 'enum':
      return at(
        `${label} must be one of ${(parent.enum as unknown[]).map(show).join(', ')}, got ${show(error.data)}`,
      );
    case 'pattern':
      return at(
        `${label} ${PATTERN_WORDING[String(parent.pattern)] ?? `must match ${String(parent.pattern)}`}, got ${show(error.data)}`,
      );
    case 'format':
      return at(
        `${label} ${show(error.data)} ${PATTERN_WORDING[String(parent.format)] ?? `is not a valid ${String(parent.format)}`}`,
      );
    case 'minLength':
    case 'minItems':
      return at(`${label} must not be empty`);
    case 'uniqueItems': {
      const { j } = error.params as { i: number; j: number };
      const item = locate(input.doc, [...segments, String(j)]);
      return {
        offset: valueOffset(item),
        message: `${label} lists ${show((error.data as unknown[])[j])} twice`,
      };
    }
    default:
      return at(`${label} ${error.message ?? 'is invalid'}`);
  }
}

function labelOf(segments: readonly string[]): string {
  const last = segments.at(-1) ?? '';
  if (/^\d+$/.test(last) && segments.length > 1) return `${labelOf(segments.slice(0, -1))}[${last}]`;
  return /^[\w@.+-]+$/.test(last) ? last : JSON.stringify(last);
}

function expected(schema: SchemaLike): string {
  const type = schema.type;
  if (type === 'integer' || type === 'number') {
    const what = type === 'integer' ? 'an integer' : 'a number';
    const min = schema.minimum as number | undefined;
    const max = schema.maximum as number | undefined;
    if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max}`;
    if (min !== undefined) return `${what} of at least ${min}`;
    if (max !== undefined) return `${what} of at most ${max}`;
    return what;
  }
  if (type === 'object') return 'a map (key: value)';
  if (type === 'array') return 'a list';
  if (type === 'string') return 'a string';
  if (type === 'boolean') return 'true or false';
  return String(type);
}

export function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}
