/**
 * Executes an aggregates query against the simulated history. Conversation-level queries read the per-stream
 * slot data (wrap-up codes split the answered contacts by the stream's code mix, deterministically); queries
 * about agents (groupBy/filter userId) read the daily agent × stream totals, spread over slots in proportion
 * to the stream's answered contacts when the query cuts a day.
 */
import { badRequest } from '../errors.js';
import { SLOT_MS, SLOTS_PER_DAY } from '../model.js';
import type { EmulatorOrg } from '../org.js';
import { conversationStats, emptyTotals, userStats, type Stats, type Totals } from './metrics.js';
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

interface Group {
  group: Record<string, string>;
  buckets: Map<number, Totals>;
}

export class Aggregator {
  private readonly groups = new Map<string, Group>();

  constructor(readonly query: ParsedQuery) {}

  bucketOf(slotStartMs: number): number {
    return Math.max(0, this.query.buckets.indexOf(slotStartMs));
  }

  totals(template: Template, bucket: number): Totals {
    let group = this.groups.get(template.key);
    if (!group) {
      group = { group: template.group, buckets: new Map() };
      this.groups.set(template.key, group);
    }
    let totals = group.buckets.get(bucket);
    if (!totals) {
      totals = emptyTotals();
      group.buckets.set(bucket, totals);
    }
    return totals;
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
    const keys = [...this.groups.keys()].sort();
    for (const key of keys) {
      const group = this.groups.get(key);
      if (!group) continue;
      const data: AggregateResult['data'] = [];
      for (const bucket of [...group.buckets.keys()].sort((a, b) => a - b)) {
        const totals = group.buckets.get(bucket);
        if (!totals) continue;
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
  return aggregator.results(userMode);
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
  const templates = userTemplates(org, query);
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

/**
 * Per registered agent × stream pair: the groups its contacts count in (none when the filter excludes it). A
 * stream requesting two skills counts under each skill when grouped by `requestedRoutingSkillId`, for agents as
 * for queues (see {@link groupingSets}).
 */
function userTemplates(org: EmulatorOrg, query: ParsedQuery): Template[][] {
  const { pairs } = org.history;
  const out: Template[][] = [];
  for (let p = 0; p < pairs.size; p++) {
    const stream = org.streams[pairs.streams[p] ?? 0];
    const user = org.users[pairs.users[p] ?? 0];
    if (!stream || !user) {
      out.push([]);
      continue;
    }
    const dims = { ...streamDimensions(stream), userId: user.id };
    out.push(
      matchesFilter(query.filter, dims)
        ? groupingSets(dims, query.groupBy).map((set) => makeTemplate(query, set, stream.slaTarget))
        : [],
    );
  }
  return out;
}

/** Validates and runs an aggregates query body in-process (as the HTTP route does); throws EmulatorRequestError. */
export function queryAggregates(
  org: EmulatorOrg,
  body: unknown,
  maxQueryDays = DEFAULT_MAX_QUERY_DAYS,
): { results: AggregateResult[] } {
  const query = parseQuery(
    body,
    { metrics: QUERY_METRICS, groupBy: GROUP_BY_DIMENSIONS, filter: FILTER_DIMENSIONS },
    maxQueryDays,
  );
  return { results: runAggregateQuery(org, query) };
}
