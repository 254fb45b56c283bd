import { ApiError } from '../errors.js';
import { scanAggregates, visitResponse, type AggregateVisitor } from './aggregate-scan.js';
import type { CallFn } from './pipeline.js';
import type {
  AggregateDataContainer,
  AggregateQuery,
  AggregateResponse,
  StatisticalSummary,
  UserAggregateQuery,
} from './port.js';

const DAY_MS = 86_400_000;

/**
 * The longest interval the client puts in one aggregates query. Genesys does not page aggregates and refuses
 * very long intervals; 31 days is the conservative bound used here (chunkDays is clamped to it).
 */
export const MAX_CHUNK_DAYS = 31;

/**
 * Splits `start/end` into consecutive chunks of `chunkDays` (rounded down to whole granularity periods, so
 * every bucket falls inside one chunk). Intervals that cannot be parsed, or that fit in one chunk, stay whole.
 */
export function splitInterval(interval: string, chunkDays: number, granularity?: string): string[] {
  const range = parseInterval(interval);
  if (!range) return [interval];
  let chunkMs = Math.min(Math.max(chunkDays, 1 / 24), MAX_CHUNK_DAYS) * DAY_MS;
  if (granularity !== undefined) {
    const step = parseDuration(granularity);
    if (step === undefined || step <= 0 || step > MAX_CHUNK_DAYS * DAY_MS) return [interval];
    chunkMs = Math.max(step, Math.floor(chunkMs / step) * step);
  }
  if (range.end - range.start <= chunkMs) return [interval];
  const chunks: string[] = [];
  for (let t = range.start; t < range.end; t += chunkMs) {
    chunks.push(`${iso(t)}/${iso(Math.min(t + chunkMs, range.end))}`);
  }
  return chunks;
}

/**
 * Merges the answers for the chunks of one query, group by group. With a granularity the buckets are
 * concatenated in time order; without one each group gets a single bucket for the whole interval, with the
 * chunks' statistics combined (counts and sums added, min/max kept, ratios recomputed).
 */
export function mergeAggregateResponses(
  query: AggregateQuery,
  responses: AggregateResponse[],
): AggregateResponse {
  const [only] = responses;
  if (responses.length === 1 && only && query.granularity !== undefined && inOrder(only)) {
    return { results: only.results ?? [] }; // one chunk, its buckets in time order: nothing to merge
  }
  const groups = new Map<string, AggregateDataContainer>();
  for (const response of responses) {
    for (const container of response.results ?? []) {
      const group = container.group ?? {};
      const key = groupKey(group);
      const existing = groups.get(key);
      if (existing) existing.data.push(...(container.data ?? []));
      else groups.set(key, { ...container, group, data: [...(container.data ?? [])] });
    }
  }
  const results = [...groups.values()];
  // each distinct interval parsed once (an answer repeats the same few hundred for every group)
  const starts = new Map<string, number>();
  const startOf = (interval: string): number => {
    let start = starts.get(interval);
    if (start === undefined) {
      start = intervalStart(interval);
      starts.set(interval, start);
    }
    return start;
  };
  for (const container of results) {
    container.data =
      query.granularity === undefined
        ? [combineBuckets(query.interval, container.data)]
        : inTimeOrder(container.data, startOf);
  }
  return { results };
}

/**
 * Whether every group's buckets are in time order, compared as text: the API writes every interval in the same
 * ISO-8601 UTC form, whose text order is time order. An answer in any other form counts as not in order.
 */
function inOrder(response: AggregateResponse): boolean {
  const keys = new Set<string>();
  for (const container of response.results ?? []) {
    const data = container.data as Bucket[] | undefined;
    if (!container.group || !Array.isArray(data)) return false;
    const key = groupKey(container.group);
    if (keys.has(key)) return false; // a group twice: merged as chunks would be
    keys.add(key);
    for (let i = 1; i < data.length; i++) {
      const a = (data[i - 1] as Bucket).interval;
      const b = (data[i] as Bucket).interval;
      if (!(a < b) || a.length !== b.length || !UTC_INTERVAL.test(a) || !UTC_INTERVAL.test(b)) return false;
    }
  }
  return true;
}

const UTC_INTERVAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z\//;

/** The buckets sorted by start; as they are when already in order (one chunk's answer, as the API gives it). */
function inTimeOrder(data: Bucket[], startOf: (interval: string) => number): Bucket[] {
  let sorted = true;
  for (let i = 1; i < data.length && sorted; i++)
    sorted = startOf((data[i - 1] as Bucket).interval) <= startOf((data[i] as Bucket).interval);
  return sorted ? data : data.sort((a, b) => startOf(a.interval) - startOf(b.interval));
}

type Bucket = AggregateDataContainer['data'][number];
type MetricEntry = Bucket['metrics'][number] & { qualifier?: string };

function combineBuckets(interval: string, buckets: Bucket[]): Bucket {
  const metrics = new Map<string, MetricEntry>();
  for (const bucket of buckets) {
    for (const entry of bucket.metrics as MetricEntry[]) {
      const key = `${entry.metric}|${entry.qualifier ?? ''}`;
      const seen = metrics.get(key);
      metrics.set(key, seen ? { ...seen, stats: combineStats(seen.stats, entry.stats) } : { ...entry });
    }
  }
  return { interval, metrics: [...metrics.values()] };
}

export function combineStats(a: StatisticalSummary, b: StatisticalSummary): StatisticalSummary {
  const out: StatisticalSummary = {};
  const count = add(a.count, b.count);
  const sum = add(a.sum, b.sum);
  const min = pick(a.min, b.min, Math.min);
  const max = pick(a.max, b.max, Math.max);
  const numerator = add(a.numerator, b.numerator);
  const denominator = add(a.denominator, b.denominator);
  if (count !== undefined) out.count = count;
  if (sum !== undefined) out.sum = sum;
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  if (numerator !== undefined) out.numerator = numerator;
  if (denominator !== undefined) out.denominator = denominator;
  if (numerator !== undefined && denominator !== undefined && denominator > 0)
    out.ratio = numerator / denominator;
  else if (a.ratio !== undefined || b.ratio !== undefined) out.ratio = a.ratio ?? b.ratio;
  const target = a.target ?? b.target;
  if (target !== undefined) out.target = target;
  return out;
}

function add(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function pick(a: number | undefined, b: number | undefined, choose: (x: number, y: number) => number) {
  if (a === undefined) return b;
  return b === undefined ? a : choose(a, b);
}

function groupKey(group: Record<string, string>): string {
  return JSON.stringify(Object.entries(group).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

function intervalStart(interval: string): number {
  return parseInterval(interval)?.start ?? 0;
}

export function parseInterval(interval: string): { start: number; end: number } | undefined {
  const [from, to, extra] = interval.split('/');
  if (from === undefined || to === undefined || extra !== undefined) return undefined;
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return undefined;
  return { start, end };
}

/** ISO-8601 durations in weeks, days, hours, minutes, seconds (months and years vary in length: undefined). */
export function parseDuration(text: string): number | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return ((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60_000 + (s ?? 0) * 1000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * POSTs an aggregates query (conversations or users). The API has no paging, so long intervals are split into
 * chunks of `chunkDays`, queried together (within the client's concurrency limit) and merged by group.
 */
export async function queryInChunks(
  call: CallFn,
  request: { path: string; permission: string },
  query: AggregateQuery | UserAggregateQuery,
  chunkDays: number,
): Promise<AggregateResponse> {
  const chunks = splitInterval(query.interval, chunkDays, query.granularity);
  const responses = await Promise.all(
    chunks.map(async (interval) => {
      const result = await call({
        method: 'POST',
        path: request.path,
        body: { ...query, interval },
        permission: request.permission,
      });
      return (result.body ?? {}) as AggregateResponse;
    }),
  );
  return mergeAggregateResponses({ ...query }, responses);
}

/**
 * As {@link queryInChunks}, but each chunk's answer is read from its bytes by {@link scanAggregates} and handed
 * to `visit` statistic by statistic, never built as objects (an answer for 100 agents' month of half hours is
 * tens of megabytes of JSON). Chunks are asked together (within the client's concurrency limit) and visited
 * one whole answer at a time, in the chunks' order; within an answer, in its own order. Folds that only add up
 * figures get the same totals as from {@link queryInChunks}.
 */
export async function scanInChunks(
  call: CallFn,
  request: { path: string; permission: string },
  query: AggregateQuery | UserAggregateQuery,
  chunkDays: number,
  visit: AggregateVisitor,
): Promise<void> {
  const chunks = splitInterval(query.interval, chunkDays, query.granularity);
  // asked together, visited in the chunks' order (so a fold sees the same order on every run)
  const answers = chunks.map((interval) =>
    call({
      method: 'POST',
      path: request.path,
      body: { ...query, interval },
      permission: request.permission,
      rawBody: true,
    }),
  );
  // a chunk that failed fails the query; the others are awaited so that none rejects unhandled
  const settled = Promise.allSettled(answers);
  try {
    for (const answer of answers) {
      const result = await answer;
      const bytes = result.body;
      if (bytes === undefined || (bytes instanceof Uint8Array && bytes.length === 0)) continue; // no content
      if (!(bytes instanceof Uint8Array)) {
        visitResponse(bytes as AggregateResponse, visit); // a port or fake that parsed it already
        continue;
      }
      try {
        scanAggregates(bytes, visit);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw new ApiError(
          {
            status: result.status,
            method: 'POST',
            path: request.path,
            message: `the answer is not valid JSON (${error.message})`,
          },
          { cause: error },
        );
      }
    }
  } finally {
    await settled;
  }
}
