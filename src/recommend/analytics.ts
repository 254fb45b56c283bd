/**
 * Reads the conversation aggregates the planner needs into an {@link AnalyticsTable} (thin I/O; the policies
 * are pure and take the table).
 *
 * Queries (all `POST /api/v2/analytics/conversations/aggregates/query`), run one after the other so that only
 * one answer is held in memory at a time; each answer is folded into typed arrays and dropped:
 * 1. queue × requested skill at PT30M (`nOffered, nConnected, tAnswered, tHandle, tAbandon, tWait, tAcw`):
 *    offered load per interval. Asked in windows of `chunkDays`.
 * 2. user at PT30M (`tHandle`): who was working in which half hour (on-shift estimate) and each agent's
 *    handled time (occupancy). Only `userId` is grouped: per user × skill × interval rows would be far too
 *    many at 10,000 agents. Asked in windows of at most one day (an answer for 10,000 agents × 48 intervals
 *    stays in the tens of MB; a 30-day answer would not fit the memory budget).
 * 3. user × requested skill over the whole period (`tAlert, tHandle`): each agent's offers (alerts) and activity
 *    on each skill.
 *    `queueId` is not grouped: neither policy needs it and it multiplies the rows.
 * 4. queue × wrap-up code over the whole period (`tHandle, tWait, tAnswered`): volume and wait for weights.
 * Whole-period queries pass the full interval; the port splits it into chunks and merges the answers, and the
 * chunks' data entries are summed here. Counts are `stats.count`, times `stats.sum` (milliseconds).
 */
import { bucketwise } from '../genesys/aggregate-scan.js';
import type { AggregateQuery, AggregateResponse, GenesysPort, StatisticalSummary } from '../genesys/port.js';
import { createTableBuilder, type Named, type TableBuilder } from './table-builder.js';
import { SLOT_MS, slotLookup, type AnalyticsTable } from './table.js';

export interface FetchAnalyticsOptions {
  now: Date;
  /** length of the period, ending at `now` rounded down to 30 minutes */
  days: number;
  /** window size in days for the per-interval queue×skill query */
  chunkDays: number;
  /** queues and skills the caller has already read (saves listing them again) */
  queues?: { id: string; name: string }[];
  skills?: { id: string; name: string }[];
  /** only demand per queue × skill and agents active per half hour (what the what-if needs; apply's floor check) */
  demandOnly?: boolean;
}

export const QUEUE_SKILL_METRICS = [
  'nOffered',
  'nConnected',
  'tAnswered',
  'tHandle',
  'tAbandon',
  'tWait',
  'tAcw',
];
export const USER_ACTIVITY_METRICS = ['tHandle'];
/** `tAlert` counts are the offers to an agent (Genesys attributes no `nOffered` to a user); `nOffered` is kept
 * only for orgs or fakes that still answer it */
export const USER_SKILL_METRICS = ['tAlert', 'nOffered', 'tHandle'];
export const QUEUE_WRAPUP_METRICS = ['tHandle', 'tWait', 'tAnswered'];
const DAY_MS = 24 * 3600 * 1000;
const KNOWN_METRICS = Object.fromEntries(
  [...QUEUE_SKILL_METRICS, ...USER_SKILL_METRICS, ...QUEUE_WRAPUP_METRICS].map((m) => [m, true]),
);

/** The analysed period: `days` long, ending at `now` rounded down to a 30-minute boundary. */
export function analyticsPeriod(now: Date, days: number): { start: Date; end: Date } {
  const end = Math.floor(now.getTime() / SLOT_MS) * SLOT_MS;
  return { start: new Date(end - days * DAY_MS), end: new Date(end) };
}

export async function fetchAnalytics(
  port: GenesysPort,
  opts: FetchAnalyticsOptions,
): Promise<AnalyticsTable> {
  const reader = await analyticsReader(port, opts);
  // in the order the queries were always made: queue × skill, agents' activity, agent × skill, queue × wrap-up
  await reader.steps.queueSkills();
  await reader.steps.userActivity();
  if (!opts.demandOnly) {
    await reader.steps.userSkills();
    await reader.steps.queueWrapups();
  }
  return reader.build();
}

/**
 * The queries of {@link fetchAnalytics} in two parts that may run at different times (or not at all): the
 * per-queue ones, and the per-agent ones (activity per half hour and agent × skill: 10,000 agents' half hours
 * are most of the bytes) that only the table-based staffing policies and the Erlang what-if read. A part not
 * read leaves its part of the table empty.
 */
export interface AnalyticsReader {
  /** queue × skill per half hour and (unless `demandOnly`) queue × wrap-up */
  readQueues(): Promise<void>;
  /** per agent: activity per half hour and (unless `demandOnly`) agent × skill */
  readAgents(): Promise<void>;
  build(): AnalyticsTable;
  /** each query on its own */
  steps: Record<'queueSkills' | 'queueWrapups' | 'userActivity' | 'userSkills', () => Promise<void>>;
}

export async function analyticsReader(
  port: GenesysPort,
  opts: FetchAnalyticsOptions,
): Promise<AnalyticsReader> {
  const { start, end } = analyticsPeriod(opts.now, opts.days);
  const [queues, skills, wrapups] = await Promise.all([
    opts.queues ?? port.listQueues(),
    opts.skills ?? port.listSkills(),
    opts.demandOnly ? [] : port.listWrapupCodes(),
  ]);
  const queue = resolver(queues);
  const skill = resolver(skills);
  const wrapup = resolver(wrapups);
  const builder = createTableBuilder({ start, days: opts.days });
  const slotOf = slotLookup({ start: builder.start, slots: builder.slots });
  const whole = `${start.toISOString()}/${end.toISOString()}`;

  async function queueSkills(): Promise<void> {
    // windows are asked one after the other and folded in order (the table keeps the order series appear in)
    for (const interval of windows(start, end, opts.chunkDays)) {
      const query: AggregateQuery = {
        interval,
        granularity: 'PT30M',
        groupBy: ['queueId', 'requestedRoutingSkillId'],
        metrics: QUEUE_SKILL_METRICS,
      };
      if (port.scanAggregates) {
        // bucket by bucket as the answer is read from its bytes (genesys/aggregate-scan.ts)
        const fold = bucketwise((group, at, m) =>
          foldQueueSkill(group, at, m, builder, slotOf, queue, skill),
        );
        await port.scanAggregates(query, fold.visit);
        fold.flush();
      } else foldQueueSkills(await port.queryAggregates(query), builder, slotOf, queue, skill);
    }
  }

  async function queueWrapups(): Promise<void> {
    const perWrapup = await port.queryAggregates({
      interval: whole,
      groupBy: ['queueId', 'wrapUpCode'],
      metrics: QUEUE_WRAPUP_METRICS,
    });
    for (const row of perWrapup.results) {
      const queueId = row.group.queueId;
      const code = row.group.wrapUpCode;
      if (!queueId || !code) continue;
      for (const entry of row.data) {
        const m = metricsOf(entry.metrics);
        builder.addQueueWrapup(queue(queueId), wrapup(code), {
          handled: m.tHandle?.count ?? 0,
          handleMs: m.tHandle?.sum ?? 0,
          waited: m.tWait?.count ?? 0,
          waitMs: m.tWait?.sum ?? 0,
          answered: m.tAnswered?.count ?? 0,
          answeredMs: m.tAnswered?.sum ?? 0,
        });
      }
    }
  }

  async function userActivity(): Promise<void> {
    for (const interval of windows(start, end, Math.min(opts.chunkDays, 1))) {
      const answer = await port.queryAggregates({
        interval,
        granularity: 'PT30M',
        groupBy: ['userId'],
        metrics: USER_ACTIVITY_METRICS,
      });
      foldUserActivity(answer, builder, slotOf);
    }
  }

  async function userSkills(): Promise<void> {
    const perSkill = await port.queryAggregates({
      interval: whole,
      groupBy: ['userId', 'requestedRoutingSkillId'],
      metrics: USER_SKILL_METRICS,
    });
    for (const row of perSkill.results) {
      const userId = row.group.userId;
      const skillId = row.group.requestedRoutingSkillId;
      if (!userId || !skillId) continue;
      for (const entry of row.data) {
        const m = metricsOf(entry.metrics);
        builder.addUserSkill(userId, skill(skillId), {
          offered: m.tAlert?.count ?? m.nOffered?.count ?? 0,
          handled: m.tHandle?.count ?? 0,
          handleMs: m.tHandle?.sum ?? 0,
        });
      }
    }
  }

  return {
    async readQueues() {
      await queueSkills();
      if (!opts.demandOnly) await queueWrapups();
    },
    async readAgents() {
      await userActivity();
      if (!opts.demandOnly) await userSkills();
    },
    build: () => builder.build(),
    steps: { queueSkills, queueWrapups, userActivity, userSkills },
  };
}

function foldQueueSkills(
  answer: AggregateResponse,
  builder: TableBuilder,
  slotOf: (interval: string) => number,
  queue: (id: string) => Named,
  skill: (id: string) => Named,
): void {
  for (const row of answer.results) {
    for (const entry of row.data)
      foldQueueSkill(row.group, entry.interval, metricsOf(entry.metrics), builder, slotOf, queue, skill);
  }
}

function foldQueueSkill(
  group: Readonly<Record<string, string>>,
  interval: string,
  m: Record<string, StatisticalSummary>,
  builder: TableBuilder,
  slotOf: (interval: string) => number,
  queue: (id: string) => Named,
  skill: (id: string) => Named,
): void {
  const queueId = group.queueId;
  const skillId = group.requestedRoutingSkillId;
  if (!queueId || !skillId) return;
  const slot = slotOf(interval);
  if (slot < 0) return;
  builder.addQueueSkill(queue(queueId), skill(skillId), slot, {
    offered: m.nOffered?.count,
    connected: m.nConnected?.count,
    answered: m.tAnswered?.count,
    answeredMs: m.tAnswered?.sum,
    handled: m.tHandle?.count,
    handleMs: m.tHandle?.sum,
    abandoned: m.tAbandon?.count,
    abandonMs: m.tAbandon?.sum,
    waited: m.tWait?.count,
    waitMs: m.tWait?.sum,
    acwMs: m.tAcw?.sum,
  });
}

function foldUserActivity(
  answer: AggregateResponse,
  builder: TableBuilder,
  slotOf: (interval: string) => number,
): void {
  for (const row of answer.results) {
    const userId = row.group.userId;
    if (!userId) continue;
    for (const entry of row.data) {
      const handle = entry.metrics.find((m) => m.metric === 'tHandle')?.stats;
      if (!handle?.count) continue;
      const slot = slotOf(entry.interval);
      if (slot >= 0) builder.addUserActivity(userId, slot, handle.count, handle.sum ?? 0);
    }
  }
}

function metricsOf(
  metrics: { metric: string; stats: StatisticalSummary }[],
): Record<string, StatisticalSummary> {
  const out: Record<string, StatisticalSummary> = {};
  for (const m of metrics) if (Object.hasOwn(KNOWN_METRICS, m.metric)) out[m.metric] = m.stats;
  return out;
}

/** id → {id, name}; ids the org no longer lists (deleted objects) keep their id as name. */
function resolver(list: Named[]): (id: string) => Named {
  const byId = new Map(list.map((x) => [x.id, { id: x.id, name: x.name }]));
  return (id) => byId.get(id) ?? { id, name: id };
}

/** Consecutive "start/end" intervals of at most `days` days covering [start, end). */
export function windows(start: Date, end: Date, days: number): string[] {
  const step = Math.max(SLOT_MS, Math.floor((days * DAY_MS) / SLOT_MS) * SLOT_MS);
  const out: string[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += step) {
    const until = Math.min(t + step, end.getTime());
    out.push(`${new Date(t).toISOString()}/${new Date(until).toISOString()}`);
  }
  return out;
}
