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

export function emptyTotals(): Totals {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    inSla: 0,
    overSla: 0,
    waitSum: 0,
    answerWaitSum: 0,
    abandonWaitSum: 0,
    handleSum: 0,
    talkSum: 0,
    acwSum: 0,
    alertSum: 0,
    alerts: 0,
    target: undefined,
  };
}

export function addTarget(totals: Totals, target: number): void {
  if (totals.target === undefined) totals.target = target;
  else if (totals.target !== target) totals.target = Number.NaN;
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
