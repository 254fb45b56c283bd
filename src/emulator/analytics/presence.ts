/**
 * POST /api/v2/analytics/users/aggregates/query: agents' routing status and presence from the simulated shifts.
 * As Genesys: `groupBy` and `filter` on `userId` only (at most 100 user predicates), the status or presence of each
 * figure in the metric's `qualifier`, time in ms (`stats.sum`), and `systemToOrganizationMappings` naming the org
 * presence ids behind each system presence.
 * - tAgentRoutingStatus: OFF_QUEUE (on shift, away from the queue: lunch, breaks), IDLE, INTERACTING,
 *   NOT_RESPONDING (an alert rang out); COMMUNICATING (non-ACD calls) does not occur in the emulated centre.
 * - tSystemPresence: ON_QUEUE, MEAL, BREAK; tOrganizationPresence: the same time under the org presence ids.
 */
import { badRequest } from '../errors.js';
import { AWAY, U, USER_WIDTH, WINDOW } from '../history.js';
import { SLOT_MS, SLOTS_PER_DAY, type OrgUser } from '../model.js';
import type { EmulatorOrg } from '../org.js';
import { hashSeed, Rng } from '../random.js';
import { JsonBytes } from '../http/json-bytes.js';
import { rowHeads, type RowHeads } from './row-heads.js';
import { DEFAULT_MAX_QUERY_DAYS, matchesFilter, parseQuery, type Filter, type ParsedQuery } from './query.js';

const METRICS = ['tAgentRoutingStatus', 'tOrganizationPresence', 'tSystemPresence'];
const SYSTEM = ['ON_QUEUE', 'MEAL', 'BREAK', 'AVAILABLE', 'BUSY', 'AWAY', 'OFFLINE'];
const MAX_USER_PREDICATES = 100;

/** Statuses in the order the emulator reports them (routing status first, then system presence). */
const ROUTING = ['INTERACTING', 'NOT_RESPONDING', 'IDLE', 'OFF_QUEUE'] as const;
const SYSTEM_KINDS = ['ON_QUEUE', 'MEAL', 'BREAK'] as const;
const R = { interacting: 0, notResponding: 1, idle: 2, offQueue: 3 } as const;
const Y = { onQueue: 0, meal: 1, break: 2 } as const;

/** Seconds per routing status and system presence of one group and bucket, and the order each first appeared. */
interface Bucket {
  routing: Float64Array;
  system: Float64Array;
  /** statuses in the order they first appeared: the first `routingCount` (`systemCount`) entries */
  routingOrder: Int8Array;
  routingCount: number;
  systemOrder: Int8Array;
  systemCount: number;
}

/** Calls `visit` for every group (sorted by key) and bucket (in time order) of an answer. */
type Visitor = (key: string, bucket: number, figures: Bucket, query: ParsedQuery) => void;

/** Each org's presence ids (drawn from its seed: the same on every call), drawn once. */
const PRESENCES = new WeakMap<EmulatorOrg, Record<string, string>>();

export function organizationPresences(org: EmulatorOrg): Record<string, string> {
  let presences = PRESENCES.get(org);
  if (!presences) {
    const rng = new Rng(hashSeed('presences', org.seed));
    presences = Object.fromEntries(SYSTEM.map((s) => [s, rng.uuid()]));
    PRESENCES.set(org, presences);
  }
  return { ...presences };
}

/** A statistic's text up to its number, first in its row and after another (with the "}}," closing that one). */
type StatHead = readonly [Uint8Array, Uint8Array];

/** Per metric, the heads of its statistics by status (encoded once per org's presences). */
const STAT_HEADS = new WeakMap<EmulatorOrg, Record<string, StatHead[]>>();

function statHeads(org: EmulatorOrg, presences: Record<string, string>): Record<string, StatHead[]> {
  let known = STAT_HEADS.get(org);
  if (!known) {
    const heads = (metric: string, names: readonly string[], qualifier = (n: string) => n) =>
      names.map((n) => {
        const head = `{"metric":${JSON.stringify(metric)},"qualifier":${JSON.stringify(qualifier(n))},"stats":{"sum":`;
        return [JsonBytes.encode(head), JsonBytes.encode(`}},${head}`)] as const;
      });
    known = {
      tAgentRoutingStatus: heads('tAgentRoutingStatus', ROUTING),
      tSystemPresence: heads('tSystemPresence', SYSTEM_KINDS),
      tOrganizationPresence: heads('tOrganizationPresence', SYSTEM_KINDS, (n) => presences[n] ?? n),
    };
    STAT_HEADS.set(org, known);
  }
  return known;
}

export function queryUserAggregates(
  org: EmulatorOrg,
  body: unknown,
  maxQueryDays = DEFAULT_MAX_QUERY_DAYS,
): Record<string, unknown> {
  const results: { group: Record<string, string>; data: { interval: string; metrics: unknown[] }[] }[] = [];
  const presences = organizationPresences(org);
  const intervals = new Map<number, string>();
  let last: string | undefined;
  answer(org, body, maxQueryDays, (key, bucket, b, query) => {
    if (key !== last || results.length === 0) {
      // grouped by user, every key is a user id; otherwise the one group has none
      results.push({ group: key === '' ? {} : { userId: key }, data: [] });
      last = key;
    }
    results[results.length - 1]?.data.push({
      interval: intervalOf(query, bucket, intervals),
      metrics: query.metrics.flatMap((metric) => figures(metric, b, presences)),
    });
  });
  return { systemToOrganizationMappings: mappings(presences), results };
}

/** Bytes the next answer starts with room for: a little more than the last one. */
let sizeHint = 1 << 16;
const MAX_SIZE_HINT = 64 << 20;

/**
 * The same answer as {@link queryUserAggregates}, as the bytes `JSON.stringify` would give (same keys, order and
 * numbers), written without building the objects.
 */
export function userAggregatesJson(
  org: EmulatorOrg,
  body: unknown,
  maxQueryDays = DEFAULT_MAX_QUERY_DAYS,
): Buffer {
  const presences = organizationPresences(org);
  const out = new JsonBytes(sizeHint);
  out
    .raw('{"systemToOrganizationMappings":')
    .raw(JSON.stringify(mappings(presences)))
    .raw(',"results":[');
  const qualifiers = statHeads(org, presences);
  // per metric of the query: whether it reads routing statuses (else system presences), and its heads
  let plan: { routing: boolean; heads: StatHead[] }[] | undefined;
  const intervals = new Map<number, RowHeads>();
  let last: string | undefined;
  let groups = 0;
  let rows = 0;
  answer(org, body, maxQueryDays, (key, bucket, b, query) => {
    if (key !== last || groups === 0) {
      if (groups > 0) out.raw(']}');
      out.raw(groups > 0 ? ',{"group":' : '{"group":');
      if (key === '') out.raw('{}');
      else out.raw('{"userId":').string(key).raw('}');
      out.raw(',"data":[');
      groups++;
      rows = 0;
      last = key;
    }
    const row = rowHeads(query, bucket, intervals);
    out.piece(rows > 0 ? row.next : row.first);
    rows++;
    plan ??= query.metrics.map((metric) => ({
      routing: metric === 'tAgentRoutingStatus',
      heads: qualifiers[metric] ?? [],
    }));
    let first = true;
    for (let m = 0; m < plan.length; m++) {
      const { routing, heads } = plan[m] as { routing: boolean; heads: StatHead[] };
      const order = routing ? b.routingOrder : b.systemOrder;
      const count = routing ? b.routingCount : b.systemCount;
      const values = routing ? b.routing : b.system;
      for (let i = 0; i < count; i++) {
        const k = order[i] ?? 0;
        out.piece(heads[k]?.[first ? 0 : 1] ?? EMPTY).number(Math.round((values[k] ?? 0) * 1000));
        first = false;
      }
    }
    out.piece(first ? CLOSE_ROW : CLOSE_LAST_ROW);
  });
  if (groups > 0) out.raw(']}');
  const bytes = out.raw(']}').bytes();
  // the next answer is likely as large (the same batch size and interval): room for it up front, no regrowth
  sizeHint = Math.min(MAX_SIZE_HINT, Math.max(1 << 16, Math.ceil(bytes.length * 1.125)));
  return bytes;
}

function newBucket(): Bucket {
  return {
    routing: new Float64Array(4),
    system: new Float64Array(3),
    routingOrder: new Int8Array(4),
    routingCount: 0,
    systemOrder: new Int8Array(3),
    systemCount: 0,
  };
}

function clear(b: Bucket): void {
  // only the figures that were set (a fill() call costs more than these few stores)
  for (let i = 0; i < b.routingCount; i++) b.routing[b.routingOrder[i] ?? 0] = 0;
  for (let i = 0; i < b.systemCount; i++) b.system[b.systemOrder[i] ?? 0] = 0;
  b.routingCount = 0;
  b.systemCount = 0;
}

/** Adds one user's slot (their shift window's entry `o` of the block) to a bucket. */
function addSlot(b: Bucket, presence: Uint16Array, o: number): boolean {
  const onQueue = presence[o + U.onQueue] ?? 0;
  const away = presence[o + U.away] ?? 0;
  if (onQueue === 0 && away === 0) return false;
  const interacting = Math.min(presence[o + U.interacting] ?? 0, onQueue);
  const notResponding = Math.min(presence[o + U.notResponding] ?? 0, onQueue - interacting);
  addRouting(b, R.interacting, interacting);
  addRouting(b, R.notResponding, notResponding);
  addRouting(b, R.idle, onQueue - interacting - notResponding);
  addRouting(b, R.offQueue, away);
  addSystem(b, Y.onQueue, onQueue);
  const kind = presence[o + U.awayKind] ?? 0;
  addSystem(b, kind === AWAY.meal ? Y.meal : Y.break, away);
  return true;
}

/**
 * Runs the query, visiting its groups and buckets in answer order. Grouped by user, each user's shift windows are
 * read day by day (slots in time order, so buckets come in order and one bucket at a time is held); otherwise all
 * users' slots add up in one group, slot by slot, user by user.
 */
function answer(org: EmulatorOrg, body: unknown, maxQueryDays: number, visit: Visitor): void {
  const query = parseQuery(body, { metrics: METRICS, groupBy: ['userId'], filter: ['userId'] }, maxQueryDays);
  if (countPredicates(query.filter) > MAX_USER_PREDICATES) {
    throw badRequest(`A query may name at most ${MAX_USER_PREDICATES} users; split it`, 'filter');
  }
  const byUser = query.groupBy.includes('userId');
  const users = filteredUsers(org, query.filter);
  const { history } = org;
  const from = Math.max(history.toVirtual(Math.ceil(query.start / SLOT_MS)), history.startVirtual);
  const to = Math.min(history.toVirtual(Math.ceil(query.end / SLOT_MS)), history.endVirtual);
  if (from >= to) return;
  // bucket of each virtual slot of the query
  const bucketOf = new Int32Array(to - from);
  for (let v = from; v < to; v++)
    bucketOf[v - from] = Math.max(0, query.buckets.indexOf(history.toAbsolute(v) * SLOT_MS));
  const firstDay = Math.floor(from / SLOTS_PER_DAY);
  const lastDay = Math.floor((to - 1) / SLOTS_PER_DAY);
  if (!byUser) {
    const buckets = new Map<number, Bucket>();
    history.forEachSlot(history.toAbsolute(from), history.toAbsolute(to), (ref) => {
      const { block, slot, virtual } = ref;
      const bucket = bucketOf[virtual - from] ?? 0;
      for (const user of users) {
        const w = slot - (user.shift as NonNullable<OrgUser['shift']>).startSlot;
        if (w < 0 || w >= WINDOW) continue;
        const b = buckets.get(bucket) ?? newBucket();
        if (addSlot(b, block.presence, (user.index * WINDOW + w) * USER_WIDTH)) buckets.set(bucket, b);
      }
    });
    for (const [bucket, b] of [...buckets].sort(([a], [b]) => a - b)) visit('', bucket, b, query);
    return;
  }
  users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const b = newBucket();
  for (const user of users) {
    const start = (user.shift as NonNullable<OrgUser['shift']>).startSlot;
    let current = -1;
    for (let day = firstDay; day <= lastDay; day++) {
      const block = history.block(day);
      if (!block) continue;
      const base = day * SLOTS_PER_DAY;
      const lo = Math.max(block.from, from - base, start);
      const hi = Math.min(block.to, to - base, start + WINDOW, SLOTS_PER_DAY);
      for (let slot = lo; slot < hi; slot++) {
        const bucket = bucketOf[base + slot - from] ?? 0;
        if (bucket !== current && current >= 0 && b.routingCount + b.systemCount > 0) {
          visit(user.id, current, b, query);
          clear(b);
        }
        current = bucket;
        addSlot(b, block.presence, (user.index * WINDOW + slot - start) * USER_WIDTH);
      }
    }
    if (current >= 0 && b.routingCount + b.systemCount > 0) visit(user.id, current, b, query);
    clear(b);
  }
}

/**
 * The users with a shift that pass the query's filter, in the org's order: for the usual "any of these users"
 * filter, those users looked up by id (not every user of the org tested against it).
 */
function filteredUsers(org: EmulatorOrg, filter: Filter | undefined): OrgUser[] {
  const plain =
    filter !== undefined &&
    filter.clauses.length === 0 &&
    (filter.type === 'or' || filter.predicates.length === 1) &&
    filter.predicates.every((p) => p.dimension === 'userId' && p.operator === 'matches');
  if (!plain) return org.users.filter((u) => u.shift && matchesFilter(filter, { userId: u.id }));
  const found = new Set<OrgUser>();
  for (const p of filter.predicates) {
    const user = p.value === undefined ? undefined : org.findUser(p.value);
    if (user?.shift) found.add(user);
  }
  return [...found].sort((a, b) => a.index - b.index);
}

const EMPTY = new Uint8Array(0);
const CLOSE_ROW = JsonBytes.encode(']}');
/** closes a row's last statistic, its metrics and the row */
const CLOSE_LAST_ROW = JsonBytes.encode('}}]}');

function intervalOf(query: ParsedQuery, bucket: number, cache: Map<number, string>): string {
  let text = cache.get(bucket);
  if (text === undefined) {
    text = query.buckets.interval(bucket);
    cache.set(bucket, text);
  }
  return text;
}

function mappings(presences: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(SYSTEM.map((s) => [s, [presences[s] ?? '']]));
}

function figures(metric: string, b: Bucket, presences: Record<string, string>) {
  const routing = metric === 'tAgentRoutingStatus';
  const order = routing ? b.routingOrder : b.systemOrder;
  const count = routing ? b.routingCount : b.systemCount;
  const values = routing ? b.routing : b.system;
  return Array.from(order.subarray(0, count), (k) => {
    const name = routing ? (ROUTING[k] ?? '') : (SYSTEM_KINDS[k] ?? '');
    return {
      metric,
      qualifier: metric === 'tOrganizationPresence' ? (presences[name] ?? name) : name,
      stats: { sum: Math.round((values[k] ?? 0) * 1000) },
    };
  });
}

/** Adds seconds to a routing status, noting when it first appears (the answer lists statuses in that order). */
function addRouting(b: Bucket, k: number, seconds: number): void {
  if (!(seconds > 0)) return;
  if (b.routing[k] === 0) b.routingOrder[b.routingCount++] = k;
  b.routing[k] = (b.routing[k] ?? 0) + seconds;
}

/** Adds seconds to a system presence, as {@link addRouting}. */
function addSystem(b: Bucket, k: number, seconds: number): void {
  if (!(seconds > 0)) return;
  if (b.system[k] === 0) b.systemOrder[b.systemCount++] = k;
  b.system[k] = (b.system[k] ?? 0) + seconds;
}

function countPredicates(filter: Filter | undefined): number {
  if (!filter) return 0;
  return filter.predicates.length + filter.clauses.reduce((a, c) => a + c.predicates.length, 0);
}
