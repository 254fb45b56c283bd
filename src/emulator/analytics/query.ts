/** Validation of a ConversationAggregationQuery body into what the emulator's engine executes. */
import { badRequest, EmulatorRequestError } from '../errors.js';
import { SLOT_MS } from '../model.js';
import type { Dimensions } from '../streams.js';
import { Buckets, checkTimeZone, parsePeriod } from './buckets.js';
import { parseInterval } from './iso.js';

/** Longest interval one aggregates query may cover (clients split longer ranges into chunks). */
export const DEFAULT_MAX_QUERY_DAYS = 31;

export interface Predicate {
  dimension: string;
  operator: 'matches' | 'exists' | 'notExists';
  value: string | undefined;
}

export interface Clause {
  type: 'and' | 'or';
  predicates: Predicate[];
}

export interface Filter {
  type: 'and' | 'or';
  predicates: Predicate[];
  clauses: Clause[];
}

export interface ParsedQuery {
  start: number;
  end: number;
  /** nominal bucket length in ms (undefined: the whole interval, or months) */
  granularity: number | undefined;
  /** the buckets granularity and timeZone cut the interval into */
  buckets: Buckets;
  groupBy: string[];
  metrics: string[];
  filter: Filter | undefined;
}

export function parseQuery(
  body: unknown,
  allowed: { metrics: readonly string[]; groupBy: readonly string[]; filter: readonly string[] },
  maxDays: number,
): ParsedQuery {
  if (!isObject(body)) throw badRequest('The request body must be a ConversationAggregationQuery object');
  const { start, end } = parseInterval(body.interval);
  if (end - start > maxDays * 86_400_000) {
    throw new EmulatorRequestError(
      400,
      'analytics.query.interval.too.long',
      `The query interval may span at most ${maxDays} days; split the range into several queries`,
      [{ fieldName: 'interval' }],
    );
  }
  if (body.timeZone !== undefined && typeof body.timeZone !== 'string')
    throw badRequest('timeZone must be a string', 'timeZone');
  const timeZone = body.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  let granularity: number | undefined;
  let buckets = Buckets.whole(start, end);
  if (body.granularity !== undefined) {
    if (typeof body.granularity !== 'string')
      throw badRequest('granularity must be an ISO-8601 duration', 'granularity');
    const period = parsePeriod(body.granularity);
    if (period === undefined) {
      throw badRequest(
        `granularity "${body.granularity}" is not an ISO-8601 duration such as PT30M, P1D or P1M`,
        'granularity',
      );
    }
    if (period.ms % SLOT_MS !== 0) {
      throw badRequest(
        `granularity "${body.granularity}" must be a multiple of PT30M in this emulator`,
        'granularity',
      );
    }
    buckets = Buckets.of(start, end, period, timeZone);
    if (buckets.count > 1 && period.months === 0) granularity = period.days * 86_400_000 + period.ms;
  }
  const metrics = stringList(body.metrics, 'metrics', allowed.metrics);
  if (metrics.length === 0) throw badRequest('metrics must name at least one metric', 'metrics');
  const groupBy = body.groupBy === undefined ? [] : stringList(body.groupBy, 'groupBy', allowed.groupBy);
  const filter = body.filter === undefined ? undefined : parseFilter(body.filter, allowed.filter);
  for (const key of ['views', 'queryType', 'sortMetric', 'limit', 'alternateTimeDimension'] as const) {
    if (body[key] !== undefined && !(key === 'queryType' && body[key] === 'groupBy')) {
      throw badRequest(`${key} is not supported by the emulator`, key);
    }
  }
  return { start, end, granularity, buckets, groupBy, metrics, filter };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, field: string, allowed: readonly string[]): string[] {
  if (!Array.isArray(value)) throw badRequest(`${field} must be an array of strings`, field);
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !allowed.includes(item)) {
      throw badRequest(`${field} contains an unknown value ${JSON.stringify(item)}`, field);
    }
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

function parseFilter(value: unknown, dimensions: readonly string[]): Filter {
  if (!isObject(value)) throw badRequest('filter must be an object', 'filter');
  const type = junction(value.type, 'filter.type');
  const predicates = predicateList(value.predicates, 'filter.predicates', dimensions);
  const clauses: Clause[] = [];
  if (value.clauses !== undefined) {
    if (!Array.isArray(value.clauses)) throw badRequest('filter.clauses must be an array', 'filter.clauses');
    for (const [i, clause] of value.clauses.entries()) {
      if (!isObject(clause)) throw badRequest(`filter.clauses[${i}] must be an object`, 'filter.clauses');
      clauses.push({
        type: junction(clause.type, `filter.clauses[${i}].type`),
        predicates: predicateList(clause.predicates, `filter.clauses[${i}].predicates`, dimensions),
      });
    }
  }
  if (predicates.length === 0 && clauses.length === 0) {
    throw badRequest('filter needs at least one predicate or clause', 'filter');
  }
  return { type, predicates, clauses };
}

function junction(value: unknown, field: string): 'and' | 'or' {
  if (value === 'and' || value === 'or') return value;
  throw badRequest(`${field} must be "and" or "or"`, field);
}

function predicateList(value: unknown, field: string, dimensions: readonly string[]): Predicate[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest(`${field} must be an array`, field);
  return value.map((p, i) => {
    const where = `${field}[${i}]`;
    if (!isObject(p)) throw badRequest(`${where} must be an object`, field);
    if (p.type !== undefined && p.type !== 'dimension') {
      throw badRequest(`${where}: only dimension predicates are supported by the emulator`, field);
    }
    if (typeof p.dimension !== 'string' || !dimensions.includes(p.dimension)) {
      throw badRequest(`${where}.dimension is not a known dimension`, field);
    }
    const operator = p.operator ?? 'matches';
    if (operator !== 'matches' && operator !== 'exists' && operator !== 'notExists') {
      throw badRequest(`${where}.operator must be matches, exists or notExists`, field);
    }
    if (operator === 'matches' && typeof p.value !== 'string') {
      throw badRequest(`${where}.value is required for operator matches`, field);
    }
    return { dimension: p.dimension, operator, value: typeof p.value === 'string' ? p.value : undefined };
  });
}

export function matchesFilter(filter: Filter | undefined, dims: Dimensions): boolean {
  if (!filter) return true;
  const results = [
    ...filter.predicates.map((p) => matchesPredicate(p, dims)),
    ...filter.clauses.map((c) => {
      const inner = c.predicates.map((p) => matchesPredicate(p, dims));
      return c.type === 'and' ? inner.every(Boolean) : inner.some(Boolean);
    }),
  ];
  return filter.type === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/** A multi-valued dimension matches when any of its values does; an empty list does not exist. */
function matchesPredicate(p: Predicate, dims: Dimensions): boolean {
  const value = dims[p.dimension];
  const present = typeof value === 'string' || (value !== undefined && value.length > 0);
  if (p.operator === 'exists') return present;
  if (p.operator === 'notExists') return !present;
  if (typeof value === 'string') return value === p.value;
  return value !== undefined && p.value !== undefined && value.includes(p.value);
}

export function filterMentions(filter: Filter | undefined, dimension: string): boolean {
  if (!filter) return false;
  return (
    filter.predicates.some((p) => p.dimension === dimension) ||
    filter.clauses.some((c) => c.predicates.some((p) => p.dimension === dimension))
  );
}
