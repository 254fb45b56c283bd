/** Turning accumulated sums into Genesys metric statistics: {count, sum} for counts and times, ratios for o-metrics. */
import { ALERT_TIMEOUT_SECONDS } from '../des.js';

export interface Totals {
  offered: number;
  answered: number;
  abandoned: number;
  inSla: number;
  overSla: number;
  waitSum: number;
  answerWaitSum: number;
  abandonWaitSum: number;
  handleSum: number;
  talkSum: number;
  acwSum: number;
  alertSum: number;
  /** agent alerts (user mode only) */
  alerts: number;
  /** service-level target of the contributing queues; NaN when they differ */
  target: number | undefined;
}

/**
 * The same figures kept as one row of a Float64Array per group and bucket (see engine.ts Aggregator): the field
 * of each figure in its row. `targetSet` is 0 until a queue's target is added; `target` is NaN when they differ.
 */
export const T = {
  offered: 0,
  answered: 1,
  abandoned: 2,
  inSla: 3,
  overSla: 4,
  waitSum: 5,
  answerWaitSum: 6,
  abandonWaitSum: 7,
  handleSum: 8,
  talkSum: 9,
  acwSum: 10,
  alertSum: 11,
  alerts: 12,
  targetSet: 13,
  target: 14,
} as const;
export const TOTALS_WIDTH = 15;

/** The row at `row` of `data` as {@link Totals}. */
export function totalsAt(data: Float64Array, row: number): Totals {
  const at = (field: number) => data[row + field] ?? 0;
  return {
    offered: at(T.offered),
    answered: at(T.answered),
    abandoned: at(T.abandoned),
    inSla: at(T.inSla),
    overSla: at(T.overSla),
    waitSum: at(T.waitSum),
    answerWaitSum: at(T.answerWaitSum),
    abandonWaitSum: at(T.abandonWaitSum),
    handleSum: at(T.handleSum),
    talkSum: at(T.talkSum),
    acwSum: at(T.acwSum),
    alertSum: at(T.alertSum),
    alerts: at(T.alerts),
    target: at(T.targetSet) === 0 ? undefined : at(T.target),
  };
}

/** Notes a contributing queue's service-level target in a row (NaN once two differ). */
export function addTarget(data: Float64Array, row: number, target: number): void {
  if (data[row + T.targetSet] === 0) {
    data[row + T.targetSet] = 1;
    data[row + T.target] = target;
  } else if (data[row + T.target] !== target) data[row + T.target] = Number.NaN;
}

/** Metrics the emulator produces, per mode. Others are accepted and absent, as Genesys omits empty metrics. */
export const CONVERSATION_METRICS = [
  'nOffered',
  'nConnected',
  'nOverSla',
  'nConversations',
  'oServiceLevel',
  'tAnswered',
  'tAbandon',
  'tWait',
  'tAcd',
  'tHandle',
  'tTalk',
  'tTalkComplete',
  'tConnected',
  'tAcw',
  'tAlert',
];
/**
 * No `nOffered` here: Genesys attributes offers to the queue, not to a user ("'Offer count' is a metric about the
 * queue"); the offers to an agent are the `tAlert` counts, so a group with a `userId` carries no `nOffered`.
 */
export const USER_METRICS = [
  'nConnected',
  'tAnswered',
  'tAlert',
  'tNotResponding',
  'tHandle',
  'tTalk',
  'tTalkComplete',
  'tConnected',
  'tAcw',
];

export interface Stats {
  count?: number;
  sum?: number;
  ratio?: number;
  numerator?: number;
  denominator?: number;
  target?: number;
}

function timed(count: number, seconds: number): Stats | undefined {
  if (count <= 0) return undefined;
  return { count: Math.round(count), sum: Math.round(seconds * 1000) };
}

function counted(count: number): Stats | undefined {
  return count > 0 ? { count: Math.round(count) } : undefined;
}

export function conversationStats(metric: string, t: Totals): Stats | undefined {
  switch (metric) {
    case 'nOffered':
    case 'nConversations':
      return counted(t.offered);
    case 'nConnected':
      return counted(t.answered);
    case 'nOverSla':
      return counted(t.overSla);
    case 'oServiceLevel': {
      if (t.offered <= 0) return undefined;
      const stats: Stats = { ratio: t.inSla / t.offered, numerator: t.inSla, denominator: t.offered };
      if (t.target !== undefined && !Number.isNaN(t.target)) stats.target = t.target;
      return stats;
    }
    case 'tAnswered':
      return timed(t.answered, t.answerWaitSum);
    case 'tAbandon':
      return timed(t.abandoned, t.abandonWaitSum);
    case 'tWait':
    case 'tAcd':
      return timed(t.offered, t.waitSum);
    case 'tHandle':
      return timed(t.answered, t.handleSum);
    case 'tTalk':
    case 'tTalkComplete':
    case 'tConnected':
      return timed(t.answered, t.talkSum);
    case 'tAcw':
      return timed(t.answered, t.acwSum);
    case 'tAlert':
      return timed(t.answered, t.alertSum);
    default:
      return undefined;
  }
}

export function userStats(metric: string, t: Totals): Stats | undefined {
  const declined = Math.max(0, t.alerts - t.answered);
  switch (metric) {
    case 'nConnected':
      return counted(t.answered);
    case 'tAnswered':
      return timed(t.answered, t.alertSum);
    case 'tAlert':
      return timed(t.alerts, t.alertSum + declined * ALERT_TIMEOUT_SECONDS);
    case 'tNotResponding':
      return timed(declined, declined * ALERT_TIMEOUT_SECONDS);
    case 'tHandle':
      return timed(t.answered, t.handleSum);
    case 'tTalk':
    case 'tTalkComplete':
    case 'tConnected':
      return timed(t.answered, t.talkSum);
    case 'tAcw':
      return timed(t.answered, t.acwSum);
    default:
      return undefined;
  }
}
