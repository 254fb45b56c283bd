/** Reading history cells into query groups. */
import { P, PAIR_WIDTH, S, type DayBlock, type SlotRef } from '../history.js';
import type { EmulatorOrg } from '../org.js';
import { apportion, Rng, unitHash } from '../random.js';
import { addTarget, type Totals } from './metrics.js';
import { matchesFilter, type ParsedQuery } from './query.js';
import type { Aggregator } from './engine.js';
import { groupingSets, streamDimensions, type Dimensions } from '../streams.js';

export interface Template {
  key: string;
  group: Record<string, string>;
  target: number;
  /** −1: the whole stream; ≥ 0: the answered contacts with that wrap-up code; −2: the abandoned contacts */
  wrapupIndex: number;
}

/** Per stream, the groups its contacts fall into (empty when the filter excludes them). */
export function conversationTemplates(org: EmulatorOrg, query: ParsedQuery, wrapups: boolean): Template[][] {
  return org.streams.map((stream) => {
    const dims = streamDimensions(stream);
    const templates = (d: Dimensions, wrapupIndex: number): Template[] =>
      matchesFilter(query.filter, d)
        ? groupingSets(d, query.groupBy).map((set) => ({
            ...makeTemplate(query, set, stream.slaTarget),
            wrapupIndex,
          }))
        : [];
    if (!wrapups) return templates(dims, -1);
    const list: Template[] = [];
    for (const [i, code] of stream.wrapups.entries())
      list.push(...templates({ ...dims, wrapUpCode: code.codeId }, i));
    list.push(...templates(dims, -2));
    return list;
  });
}

export function addConversationSlot(
  org: EmulatorOrg,
  ref: SlotRef,
  k: number,
  templates: Template[],
  bucket: number,
  aggregator: Aggregator,
  wrapups: boolean,
): void {
  const v = ref.block.streams;
  const o = ref.block.streamOffset(ref.slot, k);
  const offered = v[o + S.offered] ?? 0;
  if (offered === 0) return;
  const answered = v[o + S.answered] ?? 0;
  const inSla = v[o + S.answeredInSla] ?? 0;
  if (!wrapups) {
    for (const template of templates) {
      const t = aggregator.totals(template, bucket);
      t.offered += offered;
      t.answered += answered;
      t.abandoned += v[o + S.abandoned] ?? 0;
      t.inSla += inSla;
      t.overSla += v[o + S.overSla] ?? 0;
      t.waitSum += v[o + S.waitSum] ?? 0;
      t.answerWaitSum += v[o + S.answerWaitSum] ?? 0;
      t.abandonWaitSum += v[o + S.abandonWaitSum] ?? 0;
      addHandling(t, v, o, 1);
      addTarget(t, template.target);
    }
    return;
  }
  const stream = org.streams[k];
  if (!stream) return;
  const rng = new Rng(Math.floor(unitHash(org.seed, ref.serial, k) * 4294967296));
  const counts = apportion(
    answered,
    stream.wrapups.map((w) => w.share),
    rng,
  );
  const inSlaByCode = apportion(inSla, counts, rng);
  for (const template of templates) {
    const t = aggregator.totals(template, bucket);
    addTarget(t, template.target);
    if (template.wrapupIndex === -2) {
      const abandoned = v[o + S.abandoned] ?? 0;
      t.offered += abandoned;
      t.abandoned += abandoned;
      t.overSla += (v[o + S.overSla] ?? 0) - (answered - inSla);
      t.waitSum += v[o + S.abandonWaitSum] ?? 0;
      t.abandonWaitSum += v[o + S.abandonWaitSum] ?? 0;
      continue;
    }
    const count = counts[template.wrapupIndex] ?? 0;
    if (count === 0) continue;
    const share = count / answered;
    const within = inSlaByCode[template.wrapupIndex] ?? 0;
    t.offered += count;
    t.answered += count;
    t.inSla += within;
    t.overSla += count - within;
    t.waitSum += (v[o + S.answerWaitSum] ?? 0) * share;
    t.answerWaitSum += (v[o + S.answerWaitSum] ?? 0) * share;
    addHandling(t, v, o, share);
  }
}

function addHandling(t: Totals, v: Float32Array, o: number, share: number): void {
  t.handleSum += (v[o + S.handleSum] ?? 0) * share;
  t.talkSum += (v[o + S.talkSum] ?? 0) * share;
  t.acwSum += (v[o + S.acwSum] ?? 0) * share;
  t.alertSum += (v[o + S.alertSum] ?? 0) * share;
}

/**
 * Adds one day of agent × stream totals. When the query covers the whole day within one bucket the daily
 * totals are used as they are. Otherwise each stream's day is spread jointly: every agent's answered contacts
 * are interleaved evenly over the stream's answered contacts of each slot, so that per agent and per slot the
 * counts add up exactly; alerts and times follow each agent's answered contacts.
 */
export function addUserDay(
  org: EmulatorOrg,
  block: DayBlock,
  templates: (Template | undefined)[],
  buckets: number[],
  from: number,
  to: number,
  whole: boolean,
  aggregator: Aggregator,
): void {
  const rows = Math.min(templates.length, block.pairRows);
  const byStream = new Map<number, number[]>();
  for (let p = 0; p < rows; p++) {
    const template = templates[p];
    if (!template) continue;
    const o = p * PAIR_WIDTH;
    const alerts = block.pairs[o + P.alerts] ?? 0;
    const answered = block.pairs[o + P.answered] ?? 0;
    if (alerts === 0 && answered === 0) continue;
    if (whole) {
      addPair(aggregator.totals(template, buckets[0] ?? 0), block.pairs, o, 1, alerts, answered);
      continue;
    }
    const k = org.history.pairs.streams[p] ?? 0;
    const list = byStream.get(k) ?? [];
    list.push(p);
    byStream.set(k, list);
  }
  for (const [k, pairs] of byStream) {
    const columns = streamDayAnswered(block, k);
    const answered = pairs.map((p) => block.pairs[p * PAIR_WIDTH + P.answered] ?? 0);
    const matrix = interleave(answered, columns);
    for (const [i, p] of pairs.entries()) {
      const template = templates[p] as Template;
      const o = p * PAIR_WIDTH;
      const row = matrix[i] ?? [];
      const total = answered[i] ?? 0;
      const declined = Math.max(0, (block.pairs[o + P.alerts] ?? 0) - total);
      const declines =
        declined > 0 ? spread(declined, total > 0 ? row : fallbackWeights(columns)) : undefined;
      for (let s = from; s < to; s++) {
        const j = s - block.from;
        const a = row[j] ?? 0;
        const l = a + (declines?.[j] ?? 0);
        if (a === 0 && l === 0) continue;
        addPair(
          aggregator.totals(template, buckets[s - from] ?? 0),
          block.pairs,
          o,
          total > 0 ? a / total : 0,
          l,
          a,
        );
      }
    }
  }
}

/**
 * An integer matrix with the given row sums (agents) and column sums (slots): every agent's units are placed at
 * evenly spaced positions, all units are merged by position and dealt out to the slots in time order.
 */
export function interleave(rowSums: number[], columnSums: number[]): number[][] {
  const matrix = rowSums.map(() => new Array<number>(columnSums.length).fill(0));
  let units = 0;
  for (const n of rowSums) units += n;
  const totalColumns = columnSums.reduce((a, b) => a + b, 0);
  if (totalColumns !== units || rowSums.length >= ROW_LIMIT) return proportional(rowSums, columnSums);
  // key = position (to 1e-9) · 2^16 + row: one numeric sort, ties broken by row
  const keys = new Float64Array(units);
  let u = 0;
  for (const [row, n] of rowSums.entries()) {
    for (let i = 0; i < n; i++) keys[u++] = Math.round(((i + 0.5) / n) * 1e9) * ROW_LIMIT + row;
  }
  keys.sort();
  let column = 0;
  let left = columnSums[0] ?? 0;
  for (const key of keys) {
    while (left === 0 && column < columnSums.length - 1) left = columnSums[++column] ?? 0;
    const r = matrix[key % ROW_LIMIT] as number[];
    r[column] = (r[column] ?? 0) + 1;
    left--;
  }
  return matrix;
}

const ROW_LIMIT = 65_536;

/** Splits an integer total in proportion to weights, in order, by cumulative rounding (exact sum, no sorting). */
export function spread(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  const parts = new Array<number>(weights.length).fill(0);
  if (total <= 0 || sum <= 0) return parts;
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i] ?? 0;
    const upTo = i === weights.length - 1 ? total : Math.round((total * cumulative) / sum);
    parts[i] = upTo - given;
    given = upTo;
  }
  return parts;
}

/** Fallback when the day's totals disagree (never expected): each row spread by the column weights alone. */
function proportional(rowSums: number[], columnSums: number[]): number[][] {
  const weights = fallbackWeights(columnSums);
  return rowSums.map((n) => spread(n, weights));
}

function fallbackWeights(columns: number[]): number[] {
  return columns.some((c) => c > 0) ? columns : columns.map(() => 1);
}

function addPair(
  t: Totals,
  v: Float32Array,
  o: number,
  share: number,
  alerts: number,
  answered: number,
): void {
  t.alerts += alerts;
  t.answered += answered;
  t.handleSum += (v[o + P.handleSum] ?? 0) * share;
  t.talkSum += (v[o + P.talkSum] ?? 0) * share;
  t.acwSum += (v[o + P.acwSum] ?? 0) * share;
  t.alertSum += (v[o + P.alertSum] ?? 0) * share;
}

/** The stream's answered contacts per filled slot of the day. */
function streamDayAnswered(block: DayBlock, k: number): number[] {
  const answered: number[] = [];
  for (let s = block.from; s < block.to; s++)
    answered.push(block.streams[block.streamOffset(s, k) + S.answered] ?? 0);
  return answered;
}

export function makeTemplate(
  query: ParsedQuery,
  dims: Record<string, string | undefined>,
  target: number,
): Template {
  const group: Record<string, string> = {};
  const parts: string[] = [];
  for (const d of query.groupBy) {
    const value = dims[d];
    parts.push(value ?? '\u0001');
    if (value !== undefined) group[d] = value;
  }
  group.mediaType = dims.mediaType ?? 'voice';
  return { key: parts.join('\u0000'), group, target, wrapupIndex: -1 };
}
