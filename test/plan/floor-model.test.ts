import { describe, expect, it } from 'vitest';
import type {
  AggregateQuery,
  AggregateResponse,
  GenesysPort,
  LiveUser,
  UserAggregateQuery,
} from '../../src/genesys/port.js';
import { fetchCentreData } from '../../src/recommend/centre-analytics.js';
import { checkServiceLevelFloor } from '../../src/recommend/plan/floor.js';

const NOW = new Date('2026-11-20T00:00:00Z');
const DAYS = 2;
const SLOT = 1800_000;
const start = NOW.getTime() - DAYS * 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const slotInterval = (slot: number) => `${iso(start + slot * SLOT)}/${iso(start + (slot + 1) * SLOT)}`;
/** open 08:00–16:00 */
const open = (slot: number) => slot % 48 >= 16 && slot % 48 < 32;

const users: LiveUser[] = Array.from({ length: 6 }, (_, i) => ({
  id: `u${i}`,
  name: `User ${i}`,
  email: `u${i}@example.com`,
  skills: [{ id: 's1', name: 'Billing', proficiency: 3 }],
  languages: i < 2 ? [{ id: 'es', name: 'Spanish', proficiency: 4 }] : [],
}));

function stats(count: number, sum = 0) {
  return { count, sum };
}

/** 24 Billing calls per open half hour, 4 of them also requesting Sales (so counted twice by skill) */
function conversations(query: AggregateQuery): AggregateResponse {
  const group = query.groupBy ?? [];
  if (group.includes('userId'))
    return {
      results: users.map((u) => ({
        group: { userId: u.id },
        data: [
          {
            interval: query.interval,
            metrics: [
              { metric: 'tAlert', stats: stats(100) },
              { metric: 'tHandle', stats: stats(90) },
            ],
          },
        ],
      })),
    };
  const [from, to] = query.interval.split('/').map((x) => Date.parse(x ?? ''));
  const rows = (skill: string | undefined, perSlot: number) => {
    const data = [];
    for (let t = from!; t < to!; t += SLOT) {
      const slot = (t - start) / SLOT;
      if (!open(slot)) continue;
      data.push({
        interval: slotInterval(slot),
        metrics: [
          { metric: 'nOffered', stats: stats(perSlot) },
          { metric: 'tAnswered', stats: stats(perSlot - 1, perSlot * 5000) },
          { metric: 'nOverSla', stats: stats(2) },
          { metric: 'tAbandon', stats: stats(1, 30_000) },
          { metric: 'tHandle', stats: stats(perSlot - 1, (perSlot - 1) * 240_000) },
        ],
      });
    }
    return {
      group: { queueId: 'q1', mediaType: 'voice', ...(skill ? { requestedRoutingSkillId: skill } : {}) },
      data,
    };
  };
  if (group.includes('requestedRoutingSkillId')) return { results: [rows('s1', 24), rows('s2', 4)] };
  return { results: [rows(undefined, 24)] };
}

function presence(query: UserAggregateQuery): AggregateResponse {
  const [from, to] = query.interval.split('/').map((x) => Date.parse(x ?? ''));
  return {
    results: (query.filter?.predicates ?? []).map((p) => {
      const data = [];
      for (let t = from!; t < to!; t += SLOT) {
        const slot = (t - start) / SLOT;
        if (!open(slot)) continue;
        data.push({
          interval: slotInterval(slot),
          metrics: [
            { metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 600_000 } },
            { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 1_100_000 } },
            { metric: 'tAgentRoutingStatus', qualifier: 'NOT_RESPONDING', stats: { sum: 100_000 } },
          ],
        });
      }
      return { group: { userId: p.value }, data };
    }),
  };
}

function fakePort(): { port: GenesysPort; userQueries: UserAggregateQuery[] } {
  const userQueries: UserAggregateQuery[] = [];
  const port = {
    queryAggregates: (q: AggregateQuery) => Promise.resolve(conversations(q)),
    queryUserAggregates: (q: UserAggregateQuery) => {
      userQueries.push(q);
      return Promise.resolve(presence(q));
    },
  } as unknown as GenesysPort;
  return { port, userQueries };
}

async function read() {
  const { port, userQueries } = fakePort();
  const data = await fetchCentreData(port, {
    now: NOW,
    days: DAYS,
    chunkDays: 1,
    queues: [
      { id: 'q1', name: 'Support', mediaServiceLevels: { voice: { percentage: 0.8, durationMs: 30_000 } } },
    ],
    skills: [
      { id: 's1', name: 'Billing' },
      { id: 's2', name: 'Sales' },
    ],
    userIds: users.map((u) => u.id),
  });
  return { data, userQueries };
}

describe('centre inputs and the floor check', () => {
  it('reads presence per user and half hour (on-queue statuses only), per-media thresholds and two-skill traffic', async () => {
    const { data, userQueries } = await read();
    expect(userQueries.every((q) => (q.filter?.predicates.length ?? 0) <= 100)).toBe(true);
    expect(userQueries[0]?.metrics).toEqual(['tAgentRoutingStatus']);
    const u0 = data.presence?.get('u0');
    expect(u0?.[16]).toBe(1700);
    expect(u0?.[0]).toBe(0);
    expect(data.thresholds.get('q1')?.get('voice')).toBe(30);
    const keys = data.streams.map((s) => `${s.skills.join('+')}:${s.offered[16]}`);
    expect(keys).toEqual(['Billing+Sales:4', 'Billing:20', 'Sales:0']);
    const m = data.measured.get('q1|voice');
    expect(m?.offered).toBe(24 * 16 * DAYS);
    expect(data.offers.get('u3')).toEqual({ alerted: 100, handled: 90 });
  });

  it('finds no breach for the current state and one when the desired state strips the skill', async () => {
    const { data } = await read();
    const skills = Object.fromEntries(users.map((u) => [u.id, { Billing: 3, Sales: 3 }]));
    const base = {
      data,
      users,
      queueMembers: { q1: users.map((u) => u.id) },
      current: skills,
      currentWeights: {},
      desiredWeights: {},
      serviceLevelFloor: 0.6,
      answerWithinSeconds: 20,
      serviceLevelTarget: 0.8,
      replications: 1,
    };
    const same = checkServiceLevelFloor({ ...base, desired: skills });
    expect(same.breaches).toEqual([]);
    const measured = 24 * 16 * DAYS;
    expect(same.whatIf?.media[0]?.current.serviceLevel).toBeCloseTo(
      (measured - (measured / 24) * 3) / measured,
      2,
    );
    const stripped: Record<string, Record<string, number>> = Object.fromEntries(
      users.map((u, i): [string, Record<string, number>] => [u.id, i < 3 ? {} : { Billing: 3, Sales: 3 }]),
    );
    const worse = checkServiceLevelFloor({ ...base, desired: stripped });
    expect(worse.breaches.map((b) => b.queue)).toEqual(['Support']);
  });
});
