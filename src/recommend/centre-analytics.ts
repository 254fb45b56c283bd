/**
 * Reads what the centre model needs from the APIs that hold it (thin I/O; the model is pure):
 * 1. `POST /api/v2/analytics/conversations/aggregates/query` grouped by queue × `mediaType` ×
 *    `requestedRoutingSkillId` × `requestedLanguageId` at PT30M (`nOffered, tAnswered, tAbandon, tHandle,
 *    nOverSla`): the demand of every stream, per media (voice is never averaged with email). A conversation that
 *    requests no skill has no `requestedRoutingSkillId` in its group; one that requests two appears under both,
 *    and is told apart by a second query grouped without the skill (see `splitMultiSkill`).
 * 2. `POST /api/v2/analytics/users/aggregates/query` (`tAgentRoutingStatus`, PT30M, ≤ 100 users a query): the
 *    seconds each agent was on queue (IDLE, INTERACTING, COMMUNICATING) per half hour.
 * 3. conversation aggregates grouped by `userId` over the period (`tAlert, tHandle`): offers to each agent and
 *    what they handled (Genesys has no per-user `nOffered`; alerts are the offers).
 * Service-level thresholds come from each queue's `mediaSettings` (LiveQueue.mediaServiceLevels).
 */
import { bucketwise, visitResponse } from '../genesys/aggregate-scan.js';
import type {
  AggregateQuery,
  AggregateVisitor,
  GenesysPort,
  LiveQueue,
  StatisticalSummary,
  UserAggregateQuery,
} from '../genesys/port.js';
import { userBatchQueries } from '../genesys/users-aggregates.js';
import { analyticsPeriod, windows } from './analytics.js';
import { byKey } from '../state/yaml-text.js';
import { SLOT_MS, slotLookup } from './table.js';

/** Routing statuses that count as time the router could use the agent. NOT_RESPONDING and OFF_QUEUE do not. */
export const ON_QUEUE_STATUSES = ['IDLE', 'INTERACTING', 'COMMUNICATING'] as const;

export const STREAM_METRICS = [
  'nOffered',
  'tAnswered',
  'tAbandon',
  'tHandle',
  'nOverSla',
  'oServiceLevel',
  'tAlert',
];

export interface StreamSeries {
  key: string;
  queueId: string;
  queue: string;
  media: string;
  /** requested skill names, sorted (empty: none) */
  skills: string[];
  /** requested language id */
  language: string | undefined;
  offered: Float64Array;
  answered: number;
  /** answered within the queue's threshold (tAnswered − nOverSla) */
  within: number;
  abandoned: number;
  answeredWaitMs: number;
  abandonWaitMs: number;
  handled: number;
  handleMs: number;
  /** alerts of answered contacts and their total ms (the time from offer to answer, part of the wait) */
  alerts: number;
  alertMs: number;
  /** half hours with handled contacts, and Σ (handle ms in the slot)² ÷ handled in the slot, for the spread of
   * handle times (see `handleTimeCv`) */
  handleSlots: number;
  handleSlotSquares: number;
}

export interface MeasuredOutcome {
  queueId: string;
  media: string;
  offered: number;
  answered: number;
  /** answered within the queue's threshold for the media (tAnswered − nOverSla) */
  within: number;
  abandoned: number;
  answeredWaitMs: number;
  abandonWaitMs: number;
  /** handle and alert time of the answered contacts, ms (each conversation once) */
  handleMs: number;
  alertMs: number;
  /** per slot: offered and answered within the threshold (for calibrating on part of the period) */
  slotOffered: Float32Array;
  slotWithin: Float32Array;
  /** per slot: abandoned (for fitting patience on part of the period) */
  slotAbandoned?: Float32Array;
}

export interface CentreData {
  start: string;
  slots: number;
  slotSeconds: number;
  streams: StreamSeries[];
  /** user id → seconds on queue per slot; undefined when the org gave no users aggregates */
  presence: Map<string, Float32Array> | undefined;
  /** seconds of each routing status over all users and the period (e.g. INTERACTING, for concurrency) */
  statusSeconds?: Record<string, number>;
  /** presence covers only the period's most recent days (`presenceDays` of the options); absent: all of it */
  presenceDays?: number;
  /** queue id|media → measured outcomes over the period (grouped without skills: each conversation once) */
  measured: Map<string, MeasuredOutcome>;
  /** user id → alerts (offers) and handled conversations over the period */
  offers: Map<string, { alerted: number; handled: number }>;
  /** queue id → media → threshold seconds (from mediaSettings) */
  thresholds: Map<string, Map<string, number>>;
  /** agents' configured utilization, read for a sample of each queue's members; undefined when the port cannot
   * read it (no route, no permission) */
  utilization?: MeasuredUtilization;
}

/** Contacts of each media agents take at once, from their utilization settings (not estimated). */
export interface MeasuredUtilization {
  /** analytics media type (voice, message, …) → contacts at once, for the model (whole, at least 1) */
  capacity: Record<string, number>;
  /** queue id → media → mean maximum capacity of its sampled members */
  byQueue: Map<string, Record<string, number>>;
  /** users whose utilization was read */
  sampled: number;
  /** user id → media → contacts at once, for the users read */
  byUser: Map<string, Record<string, number>>;
}

type QueueMembers = Readonly<Record<string, readonly string[]>>;

export interface CentreAnalyticsOptions {
  now: Date;
  days: number;
  chunkDays: number;
  queues: readonly LiveQueue[];
  skills: readonly { id: string; name: string }[];
  userIds: readonly string[];
  /** queue id → member user ids: whose utilization is read, up to `utilizationSample` per queue. Without it no
   * utilization is read (the model keeps its INTERACTING-time estimate). May be a promise: the presence reads do
   * not wait for it */
  queueMembers?: QueueMembers | Promise<QueueMembers>;
  /** members per queue whose utilization is read (default {@link UTILIZATION_SAMPLE}) */
  utilizationSample?: number;
  /** agents' on-queue time per half hour is read for the period's most recent `presenceDays` days only (the
   * slots before stay 0); the routing-status totals still cover the whole period, from one bucket per user and
   * chunk. A large org's model simulates only its most recent days, and its half-hourly presence is most of the
   * bytes the planner reads (10,000 agents × 30 days: about 800 MB of JSON). Default: the whole period */
  presenceDays?: number;
}

export async function fetchCentreData(port: GenesysPort, opts: CentreAnalyticsOptions): Promise<CentreData> {
  const { start, end } = analyticsPeriod(opts.now, opts.days);
  const slots = Math.round((end.getTime() - start.getTime()) / SLOT_MS);
  const slotOf = slotLookup({ start: start.toISOString(), slots });
  const queueName = new Map(opts.queues.map((q) => [q.id, q.name]));
  const skillName = new Map(opts.skills.map((s) => [s.id, s.name]));
  const thresholds = new Map<string, Map<string, number>>();
  for (const q of opts.queues) {
    const perMedia = new Map<string, number>();
    for (const [media, sl] of Object.entries(q.mediaServiceLevels ?? {}))
      perMedia.set(media, sl.durationMs / 1000);
    if (!perMedia.has('voice') && q.serviceLevel) perMedia.set('voice', q.serviceLevel.durationMs / 1000);
    thresholds.set(q.id, perMedia);
  }
  const base = { start: start.toISOString(), slots, slotSeconds: SLOT_MS / 1000, thresholds };
  // the members are awaited only for utilization, after presence: their failure is the caller's to report
  Promise.resolve(opts.queueMembers).catch(() => undefined);
  // presence first: without it there is no model to feed, and the demand queries are not worth their cost. They
  // start once one presence answer shows the org serves it, and overlap the rest of the presence reads
  const statusSeconds: Record<string, number> = {};
  const bySkill = new Map<string, StreamSeries>();
  const totals = new Map<string, Float64Array>();
  const measured = new Map<string, MeasuredOutcome>();
  const readDemand = async () => {
    // both queries of every chunk, a few at a time (the client paces them within the rate limit); folding only
    // adds, so the order answers come in does not matter
    const scan = conversationsScanner(port);
    const demand = eachLimited(windows(start, end, opts.chunkDays), PARALLEL_QUERIES, async (interval) => {
      // each answer folded bucket by bucket as it is read from its bytes (genesys/aggregate-scan.ts)
      // a group's series are looked up once for its buckets (they come group by group)
      const streamOfGroup = lastOf((group: Readonly<Record<string, string>>) =>
        streamOf(group, bySkill, slots, queueName, skillName),
      );
      const streams = bucketwise((group, at, m) => {
        const series = streamOfGroup(group);
        if (series) foldStreamBucket(series, slotOf(at), m);
      });
      const cellOf = lastOf((group: Readonly<Record<string, string>>) => {
        const queueId = group.queueId ?? '';
        const media = group.mediaType ?? 'voice';
        const key = streamKey(queueId, media, [], group.requestedLanguageId);
        const series = totals.get(key) ?? new Float64Array(slots);
        totals.set(key, series);
        const outcomeKey = `${queueId}|${media}`;
        const outcome = measured.get(outcomeKey) ?? emptyOutcome(queueId, media, slots);
        measured.set(outcomeKey, outcome);
        return { series, outcome };
      });
      const cells = bucketwise((group, at, m) => {
        const { series, outcome } = cellOf(group);
        const slot = slotOf(at);
        if (slot < 0) return;
        const offered = m.nOffered?.count ?? 0;
        series[slot] = (series[slot] ?? 0) + offered;
        const answered = m.tAnswered?.count ?? 0;
        const within = withinOf(m);
        outcome.offered += offered;
        outcome.answered += answered;
        outcome.within += within;
        outcome.slotOffered[slot] = (outcome.slotOffered[slot] ?? 0) + offered;
        outcome.slotWithin[slot] = (outcome.slotWithin[slot] ?? 0) + within;
        outcome.abandoned += m.tAbandon?.count ?? 0;
        if (outcome.slotAbandoned)
          outcome.slotAbandoned[slot] = (outcome.slotAbandoned[slot] ?? 0) + (m.tAbandon?.count ?? 0);
        outcome.answeredWaitMs += m.tAnswered?.sum ?? 0;
        outcome.abandonWaitMs += m.tAbandon?.sum ?? 0;
        outcome.handleMs += m.tHandle?.sum ?? 0;
        outcome.alertMs += m.tAlert?.sum ?? 0;
      });
      await Promise.all([
        scan(
          {
            interval,
            granularity: 'PT30M',
            groupBy: ['queueId', 'mediaType', 'requestedRoutingSkillId', 'requestedLanguageId'],
            metrics: STREAM_METRICS,
          },
          streams.visit,
        ),
        scan(
          {
            interval,
            granularity: 'PT30M',
            groupBy: ['queueId', 'mediaType', 'requestedLanguageId'],
            metrics: STREAM_METRICS,
          },
          cells.visit,
        ),
      ]);
      streams.flush();
      cells.flush();
    });
    const [, offers, [perUser, queueMembers]] = await Promise.all([
      demand,
      readOffers(port, start, end),
      Promise.resolve(opts.queueMembers).then(
        async (m) => [await readUtilization(port, opts, m), m] as const,
      ),
    ]);
    return { offers, perUser, queueMembers };
  };
  let served: () => void = () => undefined;
  const firstAnswer = new Promise<boolean>((resolve) => (served = () => resolve(true)));
  const presenceRead = readPresence(port, opts, start, end, slots, slotOf, statusSeconds, () => served());
  const started = await Promise.race([
    firstAnswer,
    presenceRead.then(
      () => false,
      () => false,
    ),
  ]);
  const demandRead = started ? readDemand() : undefined;
  demandRead?.catch(() => undefined); // a failure is reported below, after presence's own
  const presence = await presenceRead;
  if (!presence) {
    await demandRead?.catch(() => undefined);
    return { ...base, streams: [], presence, measured: new Map(), offers: new Map() };
  }
  const { offers, perUser, queueMembers } = await (demandRead ?? readDemand());
  // answers arrive in any order (several queries in flight): every map is put in one order before anything
  // iterates it, so the same analytics always give the same model input, and the same plan
  const streams = sortedByKey(splitMultiSkill(sortedByKey([...bySkill.values()]), totals));
  const utilization =
    perUser &&
    summariseUtilization(
      inOrderOf(opts.userIds, perUser),
      { userIds: opts.userIds, ...(queueMembers ? { queueMembers } : {}) },
      measured,
    );
  return {
    ...base,
    streams,
    presence: inOrderOf(opts.userIds, presence),
    statusSeconds,
    ...(presenceFrom(start, end, opts.presenceDays) > start.getTime()
      ? { presenceDays: opts.presenceDays }
      : {}),
    measured: new Map([...measured].sort(([a], [b]) => byKey(a, b))),
    offers: inOrderOf(opts.userIds, offers),
    ...(utilization ? { utilization } : {}),
  };
}

/** Members per queue whose utilization is read: enough for a mean, bounded for a 10,000-agent org. */
export const UTILIZATION_SAMPLE = 100;
/** Utilization reads in flight at once (the client paces them within the rate limit as well). */
const PARALLEL_UTILIZATION = 8;
/** Genesys utilization media keys → analytics media types. */
const UTILIZATION_MEDIA: Record<string, string> = { call: 'voice' };

/** Up to `n` ids spread evenly over the list (deterministic; not just the first n). */
function spread(ids: readonly string[], n: number): string[] {
  if (ids.length <= n) return [...ids];
  return Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)] as string);
}

/**
 * Reads the utilization of up to `utilizationSample` members of each queue. Undefined when no queue members were
 * given, the port has no utilization route, or every read was refused (403/404: a client without `routing:utilization:view`).
 */
async function readUtilization(
  port: GenesysPort,
  opts: Pick<CentreAnalyticsOptions, 'utilizationSample'>,
  queueMembers: QueueMembers | undefined,
): Promise<Map<string, Record<string, number>> | undefined> {
  const get = port.getUserUtilization?.bind(port);
  if (!get || !queueMembers) return undefined;
  const n = Math.max(1, opts.utilizationSample ?? UTILIZATION_SAMPLE);
  const groups = Object.values(queueMembers);
  const ids = [...new Set(groups.flatMap((members) => spread(members, n)))];
  const read = new Map<string, Record<string, number>>();
  await eachLimited(ids, PARALLEL_UTILIZATION, async (id) => {
    const answer = await get(id);
    if (!answer) return;
    const capacity: Record<string, number> = {};
    for (const [key, max] of Object.entries(answer.capacity)) capacity[UTILIZATION_MEDIA[key] ?? key] = max;
    read.set(id, capacity);
  });
  return read.size > 0 ? read : undefined;
}

/**
 * Per queue, the mean capacity of its sampled members; per media, the queues' means weighted by the contacts of
 * that media each queue was offered (the model has one capacity per media, so it takes the one the traffic
 * meets), rounded to a whole number of contacts.
 */
export function summariseUtilization(
  perUser: ReadonlyMap<string, Readonly<Record<string, number>>>,
  opts: { queueMembers?: QueueMembers; userIds: readonly string[] },
  measured: ReadonlyMap<string, Pick<MeasuredOutcome, 'queueId' | 'media' | 'offered'>>,
): MeasuredUtilization {
  const members = opts.queueMembers ?? { '': opts.userIds };
  const byQueue = new Map<string, Record<string, number>>();
  for (const [queueId, ids] of Object.entries(members)) {
    const sum: Record<string, number> = {};
    const count: Record<string, number> = {};
    for (const id of ids) {
      for (const [media, max] of Object.entries(perUser.get(id) ?? {})) {
        sum[media] = (sum[media] ?? 0) + max;
        count[media] = (count[media] ?? 0) + 1;
      }
    }
    const mean = Object.fromEntries(Object.entries(sum).map(([m, v]) => [m, v / (count[m] ?? 1)]));
    if (Object.keys(mean).length > 0) byQueue.set(queueId, mean);
  }
  const capacity: Record<string, number> = {};
  const media = new Set([...byQueue.values()].flatMap((means) => Object.keys(means)));
  for (const m of media) {
    let sum = 0;
    let weight = 0;
    let plain = 0;
    let queues = 0;
    for (const [queueId, means] of byQueue) {
      const mean = means[m];
      if (mean === undefined) continue;
      const offered = measured.get(`${queueId}|${m}`)?.offered ?? 0;
      sum += mean * offered;
      weight += offered;
      plain += mean;
      queues += 1;
    }
    // media no queue was offered: the plain mean over queues
    capacity[m] = Math.max(1, Math.round(weight > 0 ? sum / weight : plain / queues));
  }
  const byUser = new Map([...perUser].map(([id, c]) => [id, { ...c }]));
  return { capacity, byQueue, sampled: perUser.size, byUser };
}

/**
 * Each agent's own utilization for the centre model: read for the users sampled, else the (rounded) mean of the
 * sampled members of their first queue that has one; agents unchanged when nothing was read.
 */
export function withAgentCapacity<A extends { id: string; queueIds: readonly string[] }>(
  agents: readonly A[],
  data: Pick<CentreData, 'utilization'>,
): (A & { capacity?: Record<string, number> })[] {
  const u = data.utilization;
  if (!u) return [...agents];
  return agents.map((a) => {
    const own = u.byUser.get(a.id);
    if (own) return { ...a, capacity: own };
    const queueId = a.queueIds.find((q) => u.byQueue.has(q));
    const mean = queueId === undefined ? undefined : u.byQueue.get(queueId);
    if (!mean) return a;
    return {
      ...a,
      capacity: Object.fromEntries(Object.entries(mean).map(([m, c]) => [m, Math.max(1, Math.round(c))])),
    };
  });
}

/**
 * The capacity the centre model should use: the measured utilization when the org served it, else `fallback`
 * (e.g. Genesys's defaults) with the model's concurrency estimate kept (what-if's effectiveCapacity raises
 * the fallback to it). With measured utilization the estimate is dropped (`concurrency: undefined`).
 */
export function modelCapacity(
  data: Pick<CentreData, 'utilization'>,
  fallback: Readonly<Record<string, number>>,
): { capacity: Readonly<Record<string, number>>; measured: boolean } {
  return data.utilization
    ? { capacity: { ...fallback, ...data.utilization.capacity }, measured: true }
    : { capacity: fallback, measured: false };
}

/** Aggregates queries in flight at once: enough to overlap the API's work with ours, few enough for its limits. */
const PARALLEL_QUERIES = 4;

/** The map's entries in the order of `ids` (those it lacks skipped), then any others in their own order. */
function inOrderOf<V>(ids: readonly string[], map: ReadonlyMap<string, V>): Map<string, V> {
  const out = new Map<string, V>();
  for (const id of ids) {
    const value = map.get(id);
    if (value !== undefined) out.set(id, value);
  }
  for (const [id, value] of map) if (!out.has(id)) out.set(id, value);
  return out;
}

function sortedByKey<T extends { key: string }>(items: T[]): T[] {
  return items.sort((a, b) => byKey(a.key, b.key));
}

/** Runs `fn` over the items with at most `limit` at once; rejects with the first error. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function emptyOutcome(queueId: string, media: string, slots: number): MeasuredOutcome {
  return {
    queueId,
    media,
    offered: 0,
    answered: 0,
    within: 0,
    abandoned: 0,
    answeredWaitMs: 0,
    abandonWaitMs: 0,
    handleMs: 0,
    alertMs: 0,
    slotOffered: new Float32Array(slots),
    slotWithin: new Float32Array(slots),
    slotAbandoned: new Float32Array(slots),
  };
}

/**
 * Contacts answered within the queue's threshold: the numerator of `oServiceLevel`, Genesys's own service level
 * for the queue's settings. Without it, answered − `nOverSla` (a lower bound: contacts abandoned after the
 * threshold count as over it too).
 */
function withinOf(m: Record<string, StatisticalSummary>): number {
  const numerator = m.oServiceLevel?.numerator;
  if (typeof numerator === 'number') return numerator;
  return Math.max(0, (m.tAnswered?.count ?? 0) - (m.nOverSla?.count ?? 0));
}

/**
 * Coefficient of variation of one contact's handle time, from how the half-hourly means spread around the
 * stream's mean (Var(mean of n) = σ² ÷ n); aggregates carry no per-contact spread. Undefined with too few slots.
 */
export function handleTimeCv(
  s: Pick<StreamSeries, 'handled' | 'handleMs' | 'handleSlots' | 'handleSlotSquares'>,
): number | undefined {
  if (s.handleSlots < 10 || s.handled <= s.handleSlots) return undefined;
  const mean = s.handleMs / s.handled;
  if (!(mean > 0)) return undefined;
  const variance = (s.handleSlotSquares - (s.handleMs * s.handleMs) / s.handled) / (s.handleSlots - 1);
  return Math.sqrt(Math.max(0, variance)) / mean;
}

export function streamKey(
  queueId: string,
  media: string,
  skills: readonly string[],
  language?: string,
): string {
  return `${queueId}|${media}|${skills.join('+')}|${language ?? ''}`;
}

/** The port's conversation aggregates, statistic by statistic: scanned from the bytes when it can, else its
 * parsed answer. */
function conversationsScanner(
  port: GenesysPort,
): (query: AggregateQuery, visit: AggregateVisitor) => Promise<void> {
  if (port.scanAggregates) return port.scanAggregates.bind(port);
  return async (query, visit) => visitResponse(await port.queryAggregates(query), visit);
}

/** The last result of `fn`, computed again only when its argument changes (compared by identity). */
function lastOf<A, R>(fn: (arg: A) => R): (arg: A) => R {
  let last: { arg: A; result: R } | undefined;
  return (arg) => {
    if (last?.arg !== arg) last = { arg, result: fn(arg) };
    return last.result;
  };
}

/** The stream of a group of the queue × media × skill × language answer (added when new); none without a queue. */
function streamOf(
  group: Readonly<Record<string, string>>,
  into: Map<string, StreamSeries>,
  slots: number,
  queueName: Map<string, string>,
  skillName: Map<string, string>,
): StreamSeries | undefined {
  const queueId = group.queueId;
  if (!queueId) return undefined;
  const media = group.mediaType ?? 'voice';
  const skillId = group.requestedRoutingSkillId;
  const skills = skillId ? [skillName.get(skillId) ?? skillId] : [];
  const language = group.requestedLanguageId;
  const key = streamKey(queueId, media, skills, language);
  let series = into.get(key);
  if (!series) {
    series = {
      key,
      queueId,
      queue: queueName.get(queueId) ?? queueId,
      media,
      skills,
      language,
      offered: new Float64Array(slots),
      answered: 0,
      within: 0,
      abandoned: 0,
      answeredWaitMs: 0,
      abandonWaitMs: 0,
      handled: 0,
      handleMs: 0,
      alerts: 0,
      alertMs: 0,
      handleSlots: 0,
      handleSlotSquares: 0,
    };
    into.set(key, series);
  }
  return series;
}

/** One bucket of the queue × media × skill × language answer into its stream. */
function foldStreamBucket(series: StreamSeries, slot: number, m: Record<string, StatisticalSummary>): void {
  if (slot < 0) return;
  series.offered[slot] = (series.offered[slot] ?? 0) + (m.nOffered?.count ?? 0);
  const answered = m.tAnswered?.count ?? 0;
  series.answered += answered;
  series.within += withinOf(m);
  series.answeredWaitMs += m.tAnswered?.sum ?? 0;
  series.abandoned += m.tAbandon?.count ?? 0;
  series.abandonWaitMs += m.tAbandon?.sum ?? 0;
  const handled = m.tHandle?.count ?? 0;
  const handleMs = m.tHandle?.sum ?? 0;
  series.handled += handled;
  series.handleMs += handleMs;
  if (handled > 0) {
    series.handleSlots += 1;
    // a whole multiple of 1024 ms²: such terms add exactly (to 2⁶³), so chunks answered in any order give the
    // same sum (a relative error of 1e-10 on a slot's term)
    series.handleSlotSquares += Math.round((handleMs * handleMs) / handled / 1024) * 1024;
  }
  series.alerts += m.tAlert?.count ?? 0;
  series.alertMs += m.tAlert?.sum ?? 0;
}

/**
 * A conversation requesting two skills is counted under each of them when grouped by skill, so per queue, media,
 * language and slot the skill rows add up to more than the conversations that requested any skill. The excess
 * is the number of two-skill conversations; it is taken out of the two busiest single-skill streams of that slot
 * (paired in proportion to their traffic) and becomes a stream requesting both. Exact when one pair dominates;
 * an estimate otherwise (aggregates do not say which skills were requested together).
 */
export function splitMultiSkill(
  rows: readonly StreamSeries[],
  totals: ReadonlyMap<string, Float64Array>,
): StreamSeries[] {
  const byCell = new Map<string, StreamSeries[]>();
  for (const r of rows) {
    const cell = streamKey(r.queueId, r.media, [], r.language);
    const list = byCell.get(cell) ?? [];
    list.push(r);
    byCell.set(cell, list);
  }
  const out: StreamSeries[] = [];
  for (const [cell, list] of byCell) {
    const total = totals.get(cell);
    const skillless = list.find((r) => r.skills.length === 0);
    const skilled = list.filter((r) => r.skills.length > 0);
    out.push(...list);
    if (!total || skilled.length < 2) continue;
    const pairs = new Map<string, StreamSeries>();
    const slots = total.length;
    for (let slot = 0; slot < slots; slot++) {
      let sum = 0;
      for (const r of skilled) sum += r.offered[slot] ?? 0;
      const excess = sum - ((total[slot] ?? 0) - (skillless?.offered[slot] ?? 0));
      if (!(excess >= 0.5)) continue;
      const ranked = skilled
        .filter((r) => (r.offered[slot] ?? 0) > 0)
        .sort((a, b) => (b.offered[slot] ?? 0) - (a.offered[slot] ?? 0));
      const [a, b] = ranked;
      if (!a || !b) continue;
      const n = Math.min(excess, a.offered[slot] ?? 0, b.offered[slot] ?? 0);
      const skills = [...a.skills, ...b.skills].sort();
      const key = streamKey(a.queueId, a.media, skills, a.language);
      let pair = pairs.get(key);
      if (!pair) {
        pair = { ...a, key, skills, offered: new Float64Array(slots), answered: 0, within: 0, abandoned: 0 };
        pair.answeredWaitMs = 0;
        pair.abandonWaitMs = 0;
        pair.handled = 0;
        pair.handleMs = 0;
        pair.alerts = 0;
        pair.alertMs = 0;
        pair.handleSlots = 0;
        pair.handleSlotSquares = 0;
        pairs.set(key, pair);
      }
      pair.offered[slot] = (pair.offered[slot] ?? 0) + n;
      for (const r of [a, b]) r.offered[slot] = (r.offered[slot] ?? 0) - n;
    }
    for (const pair of pairs.values()) {
      // a pair's handle time is not measured on its own: the mean of its parents' (outcomes are measured per
      // queue × media, see CentreData.measured)
      const parents = skilled.filter((r) => pair.skills.includes(r.skills[0] ?? ''));
      pair.handled = parents.reduce((sum, r) => sum + r.handled, 0);
      pair.handleMs = parents.reduce((sum, r) => sum + r.handleMs, 0);
      pair.alerts = parents.reduce((sum, r) => sum + r.alerts, 0);
      pair.alertMs = parents.reduce((sum, r) => sum + r.alertMs, 0);
      pair.handleSlots = parents.reduce((sum, r) => sum + r.handleSlots, 0);
      pair.handleSlotSquares = parents.reduce((sum, r) => sum + r.handleSlotSquares, 0);
      out.push(pair);
    }
  }
  return out;
}

/** where the half-hourly presence starts (ms): `days` before the end, whole half hours, never before the start */
function presenceFrom(start: Date, end: Date, days: number | undefined): number {
  if (days === undefined || !(days > 0)) return start.getTime();
  const from = end.getTime() - Math.round((days * 86_400_000) / SLOT_MS) * SLOT_MS;
  return Math.max(start.getTime(), from);
}

async function readPresence(
  port: GenesysPort,
  opts: CentreAnalyticsOptions,
  start: Date,
  end: Date,
  slots: number,
  slotOf: (interval: string) => number,
  statusSeconds: Record<string, number>,
  /** called when the first answer has been read */
  onAnswer: () => void = () => undefined,
): Promise<Map<string, Float32Array> | undefined> {
  const scan = userAggregatesScanner(port);
  if (!scan) return undefined;
  const presence = new Map<string, Float32Array>();
  const onQueue = new Set<string>(ON_QUEUE_STATUSES);
  const from = new Date(presenceFrom(start, end, opts.presenceDays));
  const queries = windows(from, end, opts.chunkDays).flatMap((interval) =>
    userBatchQueries(opts.userIds, { interval, granularity: 'PT30M', metrics: ['tAgentRoutingStatus'] }),
  );
  // before the half-hourly part: the routing-status totals only, one bucket per user and chunk (no granularity)
  const totalsOnly = new Set(
    from > start
      ? windows(start, from, opts.chunkDays).flatMap((interval) =>
          userBatchQueries(opts.userIds, { interval, metrics: ['tAgentRoutingStatus'] }),
        )
      : [],
  );
  queries.push(...totalsOnly);
  /** per routing status: its ms over all users and slots, and whether it is on-queue time */
  const statuses = new Map<string, { ms: number; onQueue: boolean }>();
  const statusOf = (qualifier: string | undefined): { ms: number; onQueue: boolean } => {
    const name = qualifier ?? '';
    let known = statuses.get(name);
    if (!known) {
      known = { ms: 0, onQueue: onQueue.has(name) };
      statuses.set(name, known);
    }
    return known;
  };
  const foldTotal: AggregateVisitor = (group, _interval, metric, qualifier, stats) => {
    if (metric === 'tAgentRoutingStatus' && group.userId) statusOf(qualifier).ms += stats.sum ?? 0;
  };
  // folded statistic by statistic as each answer is read (a month of 10,000 agents' half hours is most of a
  // gigabyte of JSON: never held whole, never built as objects). The scanner hands the same group, interval and
  // qualifier strings again and again: what they give is looked up when they change, not for every statistic
  let lastGroup: Readonly<Record<string, string>> | undefined;
  let userId: string | undefined;
  let series: Float32Array | undefined;
  let lastInterval: string | undefined;
  let slot = -1;
  let lastQualifier: string | undefined;
  let status: { ms: number; onQueue: boolean } | undefined;
  const fold: AggregateVisitor = (group, interval, metric, qualifier, stats) => {
    if (metric !== 'tAgentRoutingStatus') return;
    if (group !== lastGroup) {
      lastGroup = group;
      userId = group.userId;
      series = userId ? presence.get(userId) : undefined;
    }
    if (!userId) return;
    if (interval !== lastInterval) {
      lastInterval = interval;
      slot = slotOf(interval);
    }
    if (slot < 0) return;
    if (qualifier !== lastQualifier || status === undefined) {
      lastQualifier = qualifier;
      status = statusOf(qualifier);
    }
    const ms = stats.sum ?? 0;
    status.ms += ms;
    if (!status.onQueue) return;
    if (!series) {
      series = new Float32Array(slots);
      presence.set(userId, series);
    }
    series[slot] = (series[slot] ?? 0) + ms / 1000;
  };
  let missing = false;
  await eachLimited(queries, PARALLEL_QUERIES, async (query) => {
    if (missing) return;
    try {
      await scan(query, totalsOnly.has(query) ? foldTotal : fold);
      onAnswer();
    } catch (error) {
      // an org (or a role) without the users aggregates: the planner falls back to its Erlang what-if
      if (isMissingRoute(error)) {
        missing = true;
        return;
      }
      throw error;
    }
  });
  if (missing) return undefined;
  // whole milliseconds add exactly in any order; seconds are taken once at the end
  for (const name of [...statuses.keys()].sort()) statusSeconds[name] = (statuses.get(name)?.ms ?? 0) / 1000;
  return presence.size > 0 ? presence : undefined;
}

/** The port's users aggregates, statistic by statistic: scanned from the bytes when it can, else its parsed answer. */
function userAggregatesScanner(
  port: GenesysPort,
): ((query: UserAggregateQuery, visit: AggregateVisitor) => Promise<void>) | undefined {
  if (port.scanUserAggregates) return port.scanUserAggregates.bind(port);
  const ask = port.queryUserAggregates?.bind(port);
  return ask && (async (query, visit) => visitResponse(await ask(query), visit));
}

async function readOffers(
  port: GenesysPort,
  start: Date,
  end: Date,
): Promise<Map<string, { alerted: number; handled: number }>> {
  const out = new Map<string, { alerted: number; handled: number }>();
  // read from the answers' bytes (10,000 agents' groups), each bucket's figures added to its agent's
  const fold = bucketwise((group, _interval, m) => {
    const userId = group.userId;
    if (!userId) return;
    const seen = out.get(userId) ?? { alerted: 0, handled: 0 };
    seen.alerted += m.tAlert?.count ?? 0;
    seen.handled += m.tHandle?.count ?? 0;
    out.set(userId, seen);
  });
  await conversationsScanner(port)(
    {
      interval: `${start.toISOString()}/${end.toISOString()}`,
      groupBy: ['userId'],
      metrics: ['tAlert', 'tHandle'],
    },
    fold.visit,
  );
  fold.flush();
  return out;
}

/** 404 (no such route) or 403 (the role lacks analytics:userAggregate:view): no presence to be had. */
function isMissingRoute(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 404 || status === 403;
}
