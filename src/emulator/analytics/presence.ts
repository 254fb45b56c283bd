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
import { SLOT_MS, type OrgUser } from '../model.js';
import type { EmulatorOrg } from '../org.js';
import { hashSeed, Rng } from '../random.js';
import { DEFAULT_MAX_QUERY_DAYS, matchesFilter, parseQuery, type Filter } from './query.js';

const METRICS = ['tAgentRoutingStatus', 'tOrganizationPresence', 'tSystemPresence'];
const SYSTEM = ['ON_QUEUE', 'MEAL', 'BREAK', 'AVAILABLE', 'BUSY', 'AWAY', 'OFFLINE'];
const MAX_USER_PREDICATES = 100;

interface Bucket {
  routing: Map<string, number>;
  system: Map<string, number>;
}

export function organizationPresences(org: EmulatorOrg): Record<string, string> {
  const rng = new Rng(hashSeed('presences', org.seed));
  return Object.fromEntries(SYSTEM.map((s) => [s, rng.uuid()]));
}

export function queryUserAggregates(
  org: EmulatorOrg,
  body: unknown,
  maxQueryDays = DEFAULT_MAX_QUERY_DAYS,
): Record<string, unknown> {
  const query = parseQuery(body, { metrics: METRICS, groupBy: ['userId'], filter: ['userId'] }, maxQueryDays);
  if (countPredicates(query.filter) > MAX_USER_PREDICATES) {
    throw badRequest(`A query may name at most ${MAX_USER_PREDICATES} users; split it`, 'filter');
  }
  const byUser = query.groupBy.includes('userId');
  const users = org.users.filter((u) => u.shift && matchesFilter(query.filter, { userId: u.id }));
  const groups = new Map<string, Map<number, Bucket>>();
  const fromSlot = Math.ceil(query.start / SLOT_MS);
  const toSlot = Math.ceil(query.end / SLOT_MS);
  org.history.forEachSlot(fromSlot, toSlot, (ref, absolute) => {
    const { block, slot } = ref;
    const bucket = Math.max(0, query.buckets.indexOf(absolute * SLOT_MS));
    for (const user of users) {
      const w = slot - (user.shift as NonNullable<OrgUser['shift']>).startSlot;
      if (w < 0 || w >= WINDOW) continue;
      const o = (user.index * WINDOW + w) * USER_WIDTH;
      const onQueue = block.presence[o + U.onQueue] ?? 0;
      const away = block.presence[o + U.away] ?? 0;
      if (onQueue === 0 && away === 0) continue;
      const interacting = Math.min(block.presence[o + U.interacting] ?? 0, onQueue);
      const notResponding = Math.min(block.presence[o + U.notResponding] ?? 0, onQueue - interacting);
      const key = byUser ? user.id : '';
      let buckets = groups.get(key);
      if (!buckets) groups.set(key, (buckets = new Map<number, Bucket>()));
      let b = buckets.get(bucket);
      if (!b) buckets.set(bucket, (b = { routing: new Map(), system: new Map() }));
      add(b.routing, 'INTERACTING', interacting);
      add(b.routing, 'NOT_RESPONDING', notResponding);
      add(b.routing, 'IDLE', onQueue - interacting - notResponding);
      add(b.routing, 'OFF_QUEUE', away);
      add(b.system, 'ON_QUEUE', onQueue);
      const kind = block.presence[o + U.awayKind] ?? 0;
      add(b.system, kind === AWAY.meal ? 'MEAL' : 'BREAK', away);
    }
  });
  const presences = organizationPresences(org);
  const results = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([userId, buckets]) => ({
      group: byUser ? { userId } : {},
      data: [...buckets.entries()]
        .sort(([a], [b]) => a - b)
        .map(([bucket, b]) => ({
          interval: query.buckets.interval(bucket),
          metrics: query.metrics.flatMap((metric) => figures(metric, b, presences)),
        })),
    }));
  return {
    systemToOrganizationMappings: Object.fromEntries(SYSTEM.map((s) => [s, [presences[s] ?? '']])),
    results,
  };
}

function figures(metric: string, b: Bucket, presences: Record<string, string>) {
  const source = metric === 'tAgentRoutingStatus' ? b.routing : b.system;
  return [...source.entries()]
    .filter(([, seconds]) => seconds > 0)
    .map(([qualifier, seconds]) => ({
      metric,
      qualifier: metric === 'tOrganizationPresence' ? (presences[qualifier] ?? qualifier) : qualifier,
      stats: { sum: Math.round(seconds * 1000) },
    }));
}

function add(map: Map<string, number>, key: string, seconds: number): void {
  if (seconds > 0) map.set(key, (map.get(key) ?? 0) + seconds);
}

function countPredicates(filter: Filter | undefined): number {
  if (!filter) return 0;
  return filter.predicates.length + filter.clauses.reduce((a, c) => a + c.predicates.length, 0);
}
