/**
 * POST /api/v2/analytics/conversations/aggregates/query answered as bytes: the text `JSON.stringify` gives for
 * the answer of `queryAggregates` (engine.ts) (same keys, order and numbers), written straight from the query's rows of
 * totals without building an object per group, bucket and statistic (a week of half hours for every queue,
 * media, skill and language is hundreds of thousands of them). The figures follow metrics.ts
 * (`conversationStats`, `userStats`); test/emulator/aggregates-json.test.ts holds the two to the same text.
 */
import { ALERT_TIMEOUT_SECONDS } from '../des.js';
import { JsonBytes } from '../http/json-bytes.js';
import type { EmulatorOrg } from '../org.js';
import { aggregate, parseAggregatesQuery, type Aggregator } from './engine.js';
import { T } from './metrics.js';
import { DEFAULT_MAX_QUERY_DAYS } from './query.js';
import { rowHeads, type RowHeads } from './row-heads.js';

/** What a metric's statistics are made of. */
const enum F {
  None,
  /** {count} of a figure */
  Count,
  /** {count, sum}: a count and a time in seconds (written in ms) */
  Timed,
  /** oServiceLevel: {ratio, numerator, denominator, target?} */
  ServiceLevel,
  /** agents: alerts with the declined ones' timeout added to the time */
  UserAlert,
  /** agents: the declined alerts and their timeout */
  UserNotResponding,
}

/** How a metric is written: its kind and the row's fields it reads. */
interface Figure {
  kind: F;
  count: number;
  sum: number;
}

const NONE: Figure = { kind: F.None, count: 0, sum: 0 };
const count = (field: number): Figure => ({ kind: F.Count, count: field, sum: 0 });
const timed = (field: number, sum: number): Figure => ({ kind: F.Timed, count: field, sum });

/** As `conversationStats` (metrics.ts). */
const CONVERSATION: Record<string, Figure> = {
  nOffered: count(T.offered),
  nConversations: count(T.offered),
  nConnected: count(T.answered),
  nOverSla: count(T.overSla),
  oServiceLevel: { kind: F.ServiceLevel, count: T.offered, sum: T.inSla },
  tAnswered: timed(T.answered, T.answerWaitSum),
  tAbandon: timed(T.abandoned, T.abandonWaitSum),
  tWait: timed(T.offered, T.waitSum),
  tAcd: timed(T.offered, T.waitSum),
  tHandle: timed(T.answered, T.handleSum),
  tTalk: timed(T.answered, T.talkSum),
  tTalkComplete: timed(T.answered, T.talkSum),
  tConnected: timed(T.answered, T.talkSum),
  tAcw: timed(T.answered, T.acwSum),
  tAlert: timed(T.answered, T.alertSum),
};

/** As `userStats` (metrics.ts). */
const USER: Record<string, Figure> = {
  nConnected: count(T.answered),
  tAnswered: timed(T.answered, T.alertSum),
  tAlert: { kind: F.UserAlert, count: T.alerts, sum: T.alertSum },
  tNotResponding: { kind: F.UserNotResponding, count: T.alerts, sum: 0 },
  tHandle: timed(T.answered, T.handleSum),
  tTalk: timed(T.answered, T.talkSum),
  tTalkComplete: timed(T.answered, T.talkSum),
  tConnected: timed(T.answered, T.talkSum),
  tAcw: timed(T.answered, T.acwSum),
};

const COUNT = JsonBytes.encode('"count":');
const SUM = JsonBytes.encode(',"sum":');
const RATIO = JsonBytes.encode('"ratio":');
const NUMERATOR = JsonBytes.encode(',"numerator":');
const DENOMINATOR = JsonBytes.encode(',"denominator":');
const TARGET = JsonBytes.encode(',"target":');
/** closes a statistic's stats and the statistic */
const CLOSE_STAT = JsonBytes.encode('}}');
/** closes a row's metrics and the row, or a group's data and the group */
const CLOSE_LIST = JsonBytes.encode(']}');

/** `{"metric":"…","stats":{` of a metric, first in its row and after another. */
const METRIC_HEADS = new Map<string, readonly [Uint8Array, Uint8Array]>();

function metricHeads(metric: string): readonly [Uint8Array, Uint8Array] {
  let heads = METRIC_HEADS.get(metric);
  if (!heads) {
    const text = `{"metric":${JSON.stringify(metric)},"stats":{`;
    heads = [JsonBytes.encode(text), JsonBytes.encode(`,${text}`)];
    if (METRIC_HEADS.size < 1000) METRIC_HEADS.set(metric, heads);
  }
  return heads;
}

/** Bytes the next answer starts with room for: a little more than the last one. */
let sizeHint = 1 << 16;
const MAX_SIZE_HINT = 64 << 20;

/** Validates and runs a conversation aggregates query body, answering the JSON text as bytes. */
export function aggregatesJson(
  org: EmulatorOrg,
  body: unknown,
  maxQueryDays = DEFAULT_MAX_QUERY_DAYS,
): Buffer {
  const { aggregator, userMode } = aggregate(org, parseAggregatesQuery(body, maxQueryDays));
  const out = new JsonBytes(sizeHint);
  out.raw('{"results":[');
  writeResults(out, aggregator, userMode);
  const bytes = out.raw(']}').bytes();
  // the next answer is likely as large (the same query shape for the next chunk): room for it up front
  sizeHint = Math.min(MAX_SIZE_HINT, Math.max(1 << 16, Math.ceil(bytes.length * 1.125)));
  return bytes;
}

/** The `results` array's elements: groups by key, buckets in time order, rows and groups without figures left out. */
export function writeResults(out: JsonBytes, aggregator: Aggregator, userMode: boolean): void {
  const { query } = aggregator;
  const table = userMode ? USER : CONVERSATION;
  const figures = query.metrics.map((m) => (Object.hasOwn(table, m) ? (table[m] ?? NONE) : NONE));
  const heads = query.metrics.map(metricHeads);
  const rowCache = new Map<number, RowHeads>();
  const data = aggregator.data;
  let groups = 0;
  for (const group of aggregator.sortedGroups()) {
    const groupStart = out.length;
    out.text(`${groups > 0 ? ',' : ''}{"group":${JSON.stringify(group.group)},"data":[`);
    let rows = 0;
    for (let i = 0; i < group.buckets.length; i++) {
      const rowStart = out.length;
      const row = rowHeads(query, group.buckets[i] ?? 0, rowCache);
      out.piece(rows > 0 ? row.next : row.first);
      const r = group.rows[i] ?? 0;
      let written = 0;
      for (let m = 0; m < figures.length; m++) {
        const head = heads[m] as readonly [Uint8Array, Uint8Array];
        if (writeFigure(out, figures[m] as Figure, head[written > 0 ? 1 : 0], data, r)) written++;
      }
      if (written === 0) out.truncate(rowStart);
      else {
        out.piece(CLOSE_LIST);
        rows++;
      }
    }
    if (rows === 0) out.truncate(groupStart);
    else {
      out.piece(CLOSE_LIST);
      groups++;
    }
  }
}

/** One statistic of a row (false, nothing written, when the metric has none there). */
function writeFigure(out: JsonBytes, figure: Figure, head: Uint8Array, d: Float64Array, r: number): boolean {
  switch (figure.kind) {
    case F.Count: {
      const n = d[r + figure.count] ?? 0;
      if (!(n > 0)) return false;
      out.piece(head).piece(COUNT).number(Math.round(n));
      break;
    }
    case F.Timed: {
      const n = d[r + figure.count] ?? 0;
      if (n <= 0) return false;
      writeTimed(out.piece(head), n, d[r + figure.sum] ?? 0);
      break;
    }
    case F.UserAlert: {
      const n = d[r + T.alerts] ?? 0;
      if (n <= 0) return false;
      const declined = Math.max(0, n - (d[r + T.answered] ?? 0));
      writeTimed(out.piece(head), n, (d[r + T.alertSum] ?? 0) + declined * ALERT_TIMEOUT_SECONDS);
      break;
    }
    case F.UserNotResponding: {
      const declined = Math.max(0, (d[r + T.alerts] ?? 0) - (d[r + T.answered] ?? 0));
      if (declined <= 0) return false;
      writeTimed(out.piece(head), declined, declined * ALERT_TIMEOUT_SECONDS);
      break;
    }
    case F.ServiceLevel: {
      const offered = d[r + T.offered] ?? 0;
      if (offered <= 0) return false;
      const within = d[r + T.inSla] ?? 0;
      out
        .piece(head)
        .piece(RATIO)
        .number(within / offered);
      out.piece(NUMERATOR).number(within).piece(DENOMINATOR).number(offered);
      const target = d[r + T.target] ?? 0;
      if (d[r + T.targetSet] !== 0 && !Number.isNaN(target)) out.piece(TARGET).number(target);
      break;
    }
    default:
      return false;
  }
  out.piece(CLOSE_STAT);
  return true;
}

function writeTimed(out: JsonBytes, n: number, seconds: number): void {
  out
    .piece(COUNT)
    .number(Math.round(n))
    .piece(SUM)
    .number(Math.round(seconds * 1000));
}
