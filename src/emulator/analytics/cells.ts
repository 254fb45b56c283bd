/** Reading history cells into query groups. */
import { P, PAIR_WIDTH, S, WINDOW, type DayBlock, type SlotRef } from '../history.js';
import type { EmulatorOrg } from '../org.js';
import { apportion, Rng, unitHash } from '../random.js';
import { addTarget, T } from './metrics.js';
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
    const abandoned = v[o + S.abandoned] ?? 0;
    const overSla = v[o + S.overSla] ?? 0;
    const answerWait = v[o + S.answerWaitSum] ?? 0;
    const abandonWait = v[o + S.abandonWaitSum] ?? 0;
    for (const template of templates) {
      const r = aggregator.row(template, bucket);
      const t = aggregator.data;
      add(t, r + T.offered, offered);
      add(t, r + T.answered, answered);
      add(t, r + T.abandoned, abandoned);
      add(t, r + T.inSla, inSla);
      add(t, r + T.overSla, overSla);
      add(t, r + T.waitSum, answerWait + abandonWait);
      add(t, r + T.answerWaitSum, answerWait);
      add(t, r + T.abandonWaitSum, abandonWait);
      addHandling(t, r, v, o, 1);
      addTarget(t, r, template.target);
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
    const r = aggregator.row(template, bucket);
    const t = aggregator.data;
    addTarget(t, r, template.target);
    if (template.wrapupIndex === -2) {
      const abandoned = v[o + S.abandoned] ?? 0;
      add(t, r + T.offered, abandoned);
      add(t, r + T.abandoned, abandoned);
      add(t, r + T.overSla, (v[o + S.overSla] ?? 0) - (answered - inSla));
      add(t, r + T.waitSum, v[o + S.abandonWaitSum] ?? 0);
      add(t, r + T.abandonWaitSum, v[o + S.abandonWaitSum] ?? 0);
      continue;
    }
    const count = counts[template.wrapupIndex] ?? 0;
    if (count === 0) continue;
    const share = count / answered;
    const within = inSlaByCode[template.wrapupIndex] ?? 0;
    add(t, r + T.offered, count);
    add(t, r + T.answered, count);
    add(t, r + T.inSla, within);
    add(t, r + T.overSla, count - within);
    add(t, r + T.waitSum, (v[o + S.answerWaitSum] ?? 0) * share);
    add(t, r + T.answerWaitSum, (v[o + S.answerWaitSum] ?? 0) * share);
    addHandling(t, r, v, o, share);
  }
}

function addHandling(t: Float64Array, r: number, v: Float32Array, o: number, share: number): void {
  add(t, r + T.handleSum, (v[o + S.handleSum] ?? 0) * share);
  add(t, r + T.talkSum, (v[o + S.talkSum] ?? 0) * share);
  add(t, r + T.acwSum, (v[o + S.acwSum] ?? 0) * share);
  add(t, r + T.alertSum, (v[o + S.alertSum] ?? 0) * share);
}

/**
 * Adds one day of agent × stream totals. When the query covers the whole day within one bucket the daily
 * totals are used as they are. Otherwise each agent's day is cut by the slots in which they answered (kept per
 * slot of their shift window), so their handling falls only inside their on-queue time; declined alerts follow
 * the answered ones, and times follow each slot's share of the answered contacts.
 */
export function addUserDay(
  org: EmulatorOrg,
  block: DayBlock,
  templates: Template[][],
  buckets: number[],
  from: number,
  to: number,
  whole: boolean,
  aggregator: Aggregator,
): void {
  const rows = Math.min(templates.length, block.pairRows);
  const row = new Array<number>(to - from).fill(0);
  for (let p = 0; p < rows; p++) {
    const list = templates[p];
    if (!list || list.length === 0) continue;
    const o = p * PAIR_WIDTH;
    const alerts = block.pairs[o + P.alerts] ?? 0;
    const answered = block.pairs[o + P.answered] ?? 0;
    if (alerts === 0 && answered === 0) continue;
    if (whole) {
      for (const template of list) {
        const r = aggregator.row(template, buckets[0] ?? 0);
        addPair(aggregator.data, r, block.pairs, o, 1, alerts, answered);
      }
      continue;
    }
    const start = org.users[org.history.pairs.users[p] ?? 0]?.shift?.startSlot ?? 0;
    let total = 0;
    for (let s = from; s < to; s++) {
      const w = s - start;
      const a = w >= 0 && w < WINDOW ? (block.pairSlots[p * WINDOW + w] ?? 0) : 0;
      row[s - from] = a;
    }
    for (let w = 0; w < WINDOW; w++) total += block.pairSlots[p * WINDOW + w] ?? 0;
    const declined = Math.max(0, alerts - answered);
    const declines =
      declined > 0 && total > 0 ? spread(Math.round((declined * sumOf(row)) / total), row) : undefined;
    for (let s = from; s < to; s++) {
      const a = row[s - from] ?? 0;
      const l = a + (declines?.[s - from] ?? 0);
      if (a === 0 && l === 0) continue;
      for (const template of list) {
        const r = aggregator.row(template, buckets[s - from] ?? 0);
        addPair(aggregator.data, r, block.pairs, o, total > 0 ? a / total : 0, l, a);
      }
    }
  }
}

function sumOf(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

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

/** Adds to one figure of a row of totals. */
function add(t: Float64Array, i: number, x: number): void {
  t[i] = (t[i] as number) + x;
}

function addPair(
  t: Float64Array,
  r: number,
  v: Float32Array,
  o: number,
  share: number,
  alerts: number,
  answered: number,
): void {
  add(t, r + T.alerts, alerts);
  add(t, r + T.answered, answered);
  add(t, r + T.handleSum, (v[o + P.handleSum] ?? 0) * share);
  add(t, r + T.talkSum, (v[o + P.talkSum] ?? 0) * share);
  add(t, r + T.acwSum, (v[o + P.acwSum] ?? 0) * share);
  add(t, r + T.alertSum, (v[o + P.alertSum] ?? 0) * share);
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
