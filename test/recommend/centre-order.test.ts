import { describe, expect, it } from 'vitest';
import type {
  AggregateQuery,
  AggregateResponse,
  GenesysPort,
  UserAggregateQuery,
} from '../../src/genesys/port.js';
import { fetchCentreData, type CentreData } from '../../src/recommend/centre-analytics.js';

/**
 * The planner reads several analytics queries at once, and a real org answers them in any order. The centre
 * inputs must not depend on that order: before, the first answer to arrive decided the order of the agents (and
 * so of the simulation's draws), and the same analytics gave another plan on the next night's run.
 */
const NOW = new Date('2026-11-20T00:00:00Z');
const DAYS = 3;
const start = NOW.getTime() - DAYS * 86_400_000;
const slotInterval = (slot: number) =>
  `${new Date(start + slot * 1800_000).toISOString()}/${new Date(start + (slot + 1) * 1800_000).toISOString()}`;
const slotsOf = (interval: string) => {
  const [from, to] = interval.split('/').map((t) => Date.parse(t));
  const first = Math.round((from! - start) / 1800_000);
  return Array.from({ length: Math.round((to! - from!) / 1800_000) }, (_, i) => first + i);
};
const users = Array.from({ length: 230 }, (_, i) => `u${String(i).padStart(3, '0')}`);
const queues = [
  { id: 'q1', name: 'Sales' },
  { id: 'q2', name: 'Support' },
];
const members = { q1: users.slice(0, 150), q2: users.slice(100) };

function conversations(query: AggregateQuery): AggregateResponse {
  if (query.groupBy?.includes('userId'))
    return {
      results: users.slice(0, 40).map((userId, i) => ({
        group: { userId },
        data: [
          {
            interval: query.interval,
            metrics: [
              { metric: 'tAlert', stats: { count: 10 + i, sum: 4000 * (10 + i) } },
              { metric: 'tHandle', stats: { count: 9 + i, sum: 300_000 * (9 + i) } },
            ],
          },
        ],
      })),
    };
  const bySkill = query.groupBy?.includes('requestedRoutingSkillId');
  const results = [];
  for (const [q, queueId] of ['q1', 'q2'].entries())
    for (const mediaType of ['voice', 'message']) {
      const data = slotsOf(query.interval).map((slot) => ({
        interval: slotInterval(slot),
        metrics: [
          { metric: 'nOffered', stats: { count: 5 + ((slot + q) % 7) } },
          { metric: 'tAnswered', stats: { count: 4 + ((slot + q) % 7), sum: 15_000 } },
          { metric: 'tHandle', stats: { count: 4 + ((slot + q) % 7), sum: 1_200_000 + 7919 * slot } },
        ],
      }));
      results.push({
        group: { queueId, mediaType, ...(bySkill ? { requestedRoutingSkillId: 's1' } : {}) },
        data,
      });
    }
  return { results };
}

function presence(query: UserAggregateQuery): AggregateResponse {
  return {
    results: (query.filter?.predicates ?? []).map((p, i) => ({
      group: { userId: p.value },
      data: slotsOf(query.interval)
        .filter((slot) => (slot + i) % 3 !== 0)
        .map((slot) => ({
          interval: slotInterval(slot),
          metrics: [
            {
              metric: 'tAgentRoutingStatus',
              qualifier: 'IDLE',
              stats: { sum: 600_000 + 1000 * (slot % 11) },
            },
            { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 900_000 } },
          ],
        })),
    })),
  };
}

/** A port whose n-th answer waits `delay(n)` turns of the event loop: answers overtake each other. */
function port(delay: (n: number) => number): GenesysPort {
  let n = 0;
  const later = async <T>(value: T): Promise<T> => {
    for (let i = delay(n++); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
    return value;
  };
  return {
    queryAggregates: (q: AggregateQuery) => later(conversations(q)),
    queryUserAggregates: (q: UserAggregateQuery) => later(presence(q)),
    getUserUtilization: (id: string) =>
      later({ capacity: { call: 1, message: id < 'u100' ? 4 : 2 }, level: 'Organization' }),
  } as unknown as GenesysPort;
}

/** Everything the model reads, maps as their entries in order (the order is what this test is about). */
function snapshot(data: CentreData): string {
  return JSON.stringify(data, (_key, value: unknown) =>
    value instanceof Map
      ? { map: [...value] }
      : ArrayBuffer.isView(value)
        ? Array.from(value as Float32Array)
        : value,
  );
}

const read = (p: GenesysPort) =>
  fetchCentreData(p, {
    now: NOW,
    days: DAYS,
    chunkDays: 1,
    queues,
    skills: [{ id: 's1', name: 'Billing' }],
    userIds: users,
    queueMembers: members,
    utilizationSample: 5,
  });

describe('centre inputs do not depend on the order answers arrive in', () => {
  it('answers in order, reversed and shuffled give the same inputs, maps in the same order', async () => {
    const inOrder = snapshot(await read(port(() => 0)));
    const reversed = snapshot(await read(port((n) => 40 - n)));
    const shuffled = snapshot(await read(port((n) => (n * 7919) % 13)));
    expect(inOrder).toContain('"map":[["u000"');
    expect(reversed).toBe(inOrder);
    expect(shuffled).toBe(inOrder);
  });
});
