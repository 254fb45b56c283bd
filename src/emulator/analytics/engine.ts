/**
 * Executes an aggregates query against the simulated history. Conversation-level queries read the per-stream
 * slot data (wrap-up codes split the answered contacts by the stream's code mix, deterministically); queries
 * about agents (groupBy/filter userId) read the daily agent × stream totals, spread over slots in proportion
 * to the stream's answered contacts when the query cuts a day.
 */
import { badRequest } from '../errors.js';
import { SLOT_MS, SLOTS_PER_DAY } from '../model.js';
import type { EmulatorOrg } from '../org.js';
import { conversationStats, totalsAt, TOTALS_WIDTH, userStats, type Stats } from './metrics.js';
import {
  DEFAULT_MAX_QUERY_DAYS,
  filterMentions,
  matchesFilter,
  parseQuery,
  type ParsedQuery,
} from './query.js';
import { FILTER_DIMENSIONS, GROUP_BY_DIMENSIONS, QUERY_METRICS } from './vocabulary.js';
import { groupingSets, streamDimensions } from '../streams.js';
import {
  addConversationSlot,
  addUserDay,
  conversationTemplates,
  makeTemplate,
  type Template,
} from './cells.js';

export interface AggregateResult {
  group: Record<string, string>;
  data: { interval: string; metrics: { metric: string; stats: Stats }[] }[];
}

/** A group of the answer: its buckets (in the order first added) and their rows in {@link Aggregator.data}. */
export interface GroupRows {
  key: string;
  group: Record<string, string>;
  buckets: number[];
  rows: number[];
}

/**
 * The answer's figures while a query runs: one row of {@link TOTALS_WIDTH} numbers per group and bucket, in one
 * growing Float64Array (no object per group and bucket). The answer is then built as objects ({@link results})
 * or written as JSON text (aggregates-json.ts).
 */
export class Aggregator {
  /** the rows; may be replaced by a larger copy whenever {@link row} adds one */
  data = new Float64Array(TOTALS_WIDTH * 256);
  private used = 0;
  private readonly groups = new Map<string, GroupRows>();
  /** (group's index · buckets + bucket) → row */
  private readonly rowOf = new Map<number, number>();
  private readonly groupIndex = new Map<string, number>();

  constructor(readonly query: ParsedQuery) {}

  bucketOf(slotStartMs: number): number {
    return Math.max(0, this.query.buckets.indexOf(slotStartMs));
  }

  /** The offset in {@link data} of the template's group's row for a bucket (added, zeroed, when new). */
  row(template: Template, bucket: number): number {
    let g = this.groupIndex.get(template.key);
    let group: GroupRows | undefined;
    if (g === undefined) {
      g = this.groupIndex.size;
      group = { key: template.key, group: template.group, buckets: [], rows: [] };
      this.groupIndex.set(template.key, g);
      this.groups.set(template.key, group);
    }
    const id = g * (this.query.buckets.count + 1) + bucket;
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.used;
      this.used += TOTALS_WIDTH;
      if (this.used > this.data.length) {
        const grown = new Float64Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      this.rowOf.set(id, row);
      group ??= this.groups.get(template.key) as GroupRows;
      group.buckets.push(bucket);
      group.rows.push(row);
    }
    return row;
  }

  /** The groups sorted by key, each with its buckets in time order. */
  sortedGroups(): GroupRows[] {
    const keys = [...this.groups.keys()].sort();
    return keys.map((key) => {
      const group = this.groups.get(key) as GroupRows;
      const { buckets, rows } = group;
      let sorted = true;
      for (let i = 1; i < buckets.length && sorted; i++) sorted = (buckets[i - 1] ?? 0) < (buckets[i] ?? 0);
      if (sorted) return group;
      const order = buckets.map((_, i) => i).sort((a, b) => (buckets[a] ?? 0) - (buckets[b] ?? 0));
      return { ...group, buckets: order.map((i) => buckets[i] ?? 0), rows: order.map((i) => rows[i] ?? 0) };
    });
  }

  private readonly intervals = new Map<number, string>();

  /** "start/end" of a bucket (computed once per bucket, shared by all groups) */
  interval(bucket: number): string {
    let text = this.intervals.get(bucket);
    if (text === undefined) {
      text = this.query.buckets.interval(bucket);
      this.intervals.set(bucket, text);
    }
    return text;
  }

  results(userMode: boolean): AggregateResult[] {
    const { metrics } = this.query;
    const out: AggregateResult[] = [];
    for (const group of this.sortedGroups()) {
      const data: AggregateResult['data'] = [];
      for (const [i, bucket] of group.buckets.entries()) {
        const totals = totalsAt(this.data, group.rows[i] ?? 0);
        const list: { metric: string; stats: Stats }[] = [];
        for (const metric of metrics) {
          const stats = userMode ? userStats(metric, totals) : conversationStats(metric, totals);
          if (stats) list.push({ metric, stats });
        }
        if (list.length === 0) continue;
        data.push({ interval: this.interval(bucket), metrics: list });
      }
      if (data.length > 0) out.push({ group: group.group, data });
    }
    return out;
  }
}

export function runAggregateQuery(org: EmulatorOrg, query: ParsedQuery): AggregateResult[] {
  const { aggregator, userMode } = aggregate(org, query);
  return aggregator.results(userMode);
}

/** Runs the query into an {@link Aggregator}; `userMode` when it is about agents (groupBy or filter userId). */
export function aggregate(
  org: EmulatorOrg,
  query: ParsedQuery,
): { aggregator: Aggregator; userMode: boolean } {
  const userMode = query.groupBy.includes('userId') || filterMentions(query.filter, 'userId');
  const wrapups = query.groupBy.includes('wrapUpCode') || filterMentions(query.filter, 'wrapUpCode');
  if (userMode && wrapups) {
    throw badRequest('Combining userId and wrapUpCode is not supported by the emulator', 'groupBy');
  }
  const aggregator = new Aggregator(query);
  const fromSlot = Math.ceil(query.start / SLOT_MS);
  const toSlot = Math.ceil(query.end / SLOT_MS);
  if (userMode) runUserMode(org, query, aggregator, fromSlot, toSlot);
  else runConversationMode(org, query, aggregator, fromSlot, toSlot, wrapups);
  return { aggregator, userMode };
}

function runConversationMode(
  org: EmulatorOrg,
  query: ParsedQuery,
  aggregator: Aggregator,
  fromSlot: number,
  toSlot: number,
  wrapups: boolean,
): void {
  const templates = conversationTemplates(org, query, wrapups);
  if (templates.every((t) => t.length === 0)) return;
  org.history.forEachSlot(fromSlot, toSlot, (ref, absolute) => {
    const bucket = aggregator.bucketOf(absolute * SLOT_MS);
    for (const [k, list] of templates.entries()) {
      if (list.length === 0) continue;
      addConversationSlot(org, ref, k, list, bucket, aggregator, wrapups);
    }
  });
}

function runUserMode(
  org: EmulatorOrg,
  query: ParsedQuery,
  aggregator: Aggregator,
  fromSlot: number,
  toSlot: number,
): void {
  const { history } = org;
  const templates = query.filter === undefined ? cachedUserTemplates(org, query) : userTemplates(org, query);
  const fromVirtual = Math.max(history.toVirtual(fromSlot), history.startVirtual);
  const toVirtual = Math.min(history.toVirtual(toSlot), history.endVirtual);
  if (fromVirtual >= toVirtual) return;
  const firstDay = Math.floor(fromVirtual / SLOTS_PER_DAY);
  const lastDay = Math.floor((toVirtual - 1) / SLOTS_PER_DAY);
  for (let day = firstDay; day <= lastDay; day++) {
    const block = history.block(day);
    if (!block) continue;
    const base = day * SLOTS_PER_DAY;
    const from = Math.max(block.from, fromVirtual - base);
    const to = Math.min(block.to, toVirtual - base);
    if (from >= to) continue;
    const buckets = slotBuckets(org, aggregator, base, from, to);
    const whole = from === block.from && to === block.to && buckets.every((b) => b === buckets[0]);
    addUserDay(org, block, templates, buckets, from, to, whole, aggregator);
  }
}

/** Bucket index of each slot of the block in [from, to). */
function slotBuckets(
  org: EmulatorOrg,
  aggregator: Aggregator,
  base: number,
  from: number,
  to: number,
): number[] {
  const out: number[] = [];
  for (let s = from; s < to; s++) out.push(aggregator.bucketOf(org.history.toAbsolute(base + s) * SLOT_MS));
  return out;
}

/** The unfiltered agent queries' templates of recent grouping shapes, per org (asked again for every chunk). */
const TEMPLATES = new WeakMap<EmulatorOrg, Map<string, Template[][]>>();
const MAX_CACHED_SHAPES = 2;

/**
 * {@link userTemplates} of an unfiltered query, kept for the next query of the same grouping while no agent ×
 * stream pair is added (streams, their targets and user ids do not change after seeding).
 */
function cachedUserTemplates(org: EmulatorOrg, query: ParsedQuery): Template[][] {
  let cache = TEMPLATES.get(org);
  if (!cache) {
    cache = new Map();
    TEMPLATES.set(org, cache);
  }
  const key = `${org.history.pairs.size}|${JSON.stringify(query.groupBy)}`;
  let templates = cache.get(key);
  if (!templates) {
    templates = userTemplates(org, query);
    if (cache.size >= MAX_CACHED_SHAPES) cache.delete(cache.keys().next().value as string);
    cache.set(key, templates);
  }
  return templates;
}

/**
 * Per registered agent × stream pair: the groups its contacts count in (none when the filter excludes it). A
 * stream requesting two skills counts under each skill when grouped by `requestedRoutingSkillId`, for agents as
 * for queues (see {@link groupingSets}).
 */
function userTemplates(org: EmulatorOrg, query: ParsedQuery): Template[][] {
  const { pairs } = org.history;
  // a stream's grouping sets, worked out once: an agent's are the same with their userId added (userId is
  // single-valued), and unless the filter names agents it keeps or drops all of a stream's agents alike
  const byUser = filterMentions(query.filter, 'userId');
  const streams = org.streams.map((stream) => {
    const dims = streamDimensions(stream);
    const sets = byUser
      ? undefined
      : matchesFilter(query.filter, dims)
        ? groupingSets(dims, query.groupBy)
        : [];
    return { dims, sets };
  });
  const out: Template[][] = [];
  for (let p = 0; p < pairs.size; p++) {
    const k = pairs.streams[p] ?? 0;
    const stream = org.streams[k];
    const user = org.users[pairs.users[p] ?? 0];
    const of = streams[k];
    if (!stream || !user || !of) {
      out.push([]);
      continue;
    }
    let sets = of.sets;
    if (sets === undefined) {
      const dims = { ...of.dims, userId: user.id };
      sets = matchesFilter(query.filter, dims) ? groupingSets(dims, query.groupBy) : [];
    }
    out.push(sets.map((set) => makeTemplate(query, { ...set, userId: user.id }, stream.slaTarget)));
  }
  return out;
}

/** Validates and runs an aggregates query body in-process (as the HTTP route does); throws EmulatorRequestError. */
export function queryAggregates(
  org: EmulatorOrg,
  body: unknown,
  maxQueryDays = DEFAULT_MAX_QUERY_DAYS,
): { results: AggregateResult[] } {
  return { results: runAggregateQuery(org, parseAggregatesQuery(body, maxQueryDays)) };
}

/** A conversation aggregates query body, validated (400 as EmulatorRequestError). */
export function parseAggregatesQuery(body: unknown, maxQueryDays = DEFAULT_MAX_QUERY_DAYS): ParsedQuery {
  return parseQuery(
    body,
    { metrics: QUERY_METRICS, groupBy: GROUP_BY_DIMENSIONS, filter: FILTER_DIMENSIONS },
    maxQueryDays,
  );
}
