import { describe, expect, it } from 'vitest';
import type {
  AggregateQuery,
  AggregateResponse,
  GenesysPort,
  UserAggregateQuery,
  UserUtilization,
} from '../../src/genesys/port.js';
import {
  fetchCentreData,
  modelCapacity,
  summariseUtilization,
} from '../../src/recommend/centre-analytics.js';

const NOW = new Date('2026-11-20T00:00:00Z');
const start = NOW.getTime() - 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const slot16 = `${iso(start + 16 * 1800_000)}/${iso(start + 17 * 1800_000)}`;

/** q1: 12 members who take 4 messages; q2: 5 members who take 1; q1 is offered 30 messages, q2 10 */
const members: Record<string, string[]> = {
  q1: Array.from({ length: 12 }, (_, i) => `a${i}`),
  q2: Array.from({ length: 5 }, (_, i) => `b${i}`),
};
const messagesAtOnce = (id: string) => (id.startsWith('a') ? 4 : 1);

function conversations(query: AggregateQuery): AggregateResponse {
  if (query.groupBy?.includes('userId')) return { results: [] };
  const row = (queueId: string, offered: number) => ({
    group: { queueId, mediaType: 'message' },
    data: [{ interval: slot16, metrics: [{ metric: 'nOffered', stats: { count: offered } }] }],
  });
  return { results: [row('q1', 30), row('q2', 10)] };
}

function presence(query: UserAggregateQuery): AggregateResponse {
  return {
    results: (query.filter?.predicates ?? []).map((p) => ({
      group: { userId: p.value },
      data: [
        {
          interval: slot16,
          metrics: [{ metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 1_800_000 } }],
        },
      ],
    })),
  };
}

function fakePort(utilization: ((id: string) => UserUtilization | undefined) | undefined) {
  const reads: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const port = {
    queryAggregates: (q: AggregateQuery) => Promise.resolve(conversations(q)),
    queryUserAggregates: (q: UserAggregateQuery) => Promise.resolve(presence(q)),
    ...(utilization
      ? {
          getUserUtilization: async (id: string) => {
            reads.push(id);
            peak = Math.max(peak, ++inFlight);
            await new Promise((resolve) => setImmediate(resolve));
            inFlight -= 1;
            return utilization(id);
          },
        }
      : {}),
  } as unknown as GenesysPort;
  return { port, reads, peak: () => peak };
}

const read = (port: GenesysPort, sample?: number) =>
  fetchCentreData(port, {
    now: NOW,
    days: 1,
    chunkDays: 1,
    queues: [
      { id: 'q1', name: 'Chat A' },
      { id: 'q2', name: 'Chat B' },
    ],
    skills: [],
    userIds: [...members.q1!, ...members.q2!],
    queueMembers: members,
    ...(sample === undefined ? {} : { utilizationSample: sample }),
  });

describe('agents’ utilization in the centre inputs', () => {
  it('reads a bounded, spread sample per queue, a few at a time, and weights queues by their offered media', async () => {
    const fake = fakePort((id) => ({
      capacity: { call: 1, message: messagesAtOnce(id) },
      level: id.startsWith('b') ? 'Agent' : 'Organization',
    }));
    const data = await read(fake.port, 4);
    // 4 of q1's 12 members spread over the list, 4 of q2's 5
    expect(fake.reads.filter((id) => id.startsWith('a'))).toEqual(['a0', 'a3', 'a6', 'a9']);
    expect(fake.reads.filter((id) => id.startsWith('b'))).toHaveLength(4);
    expect(fake.peak()).toBeGreaterThan(1);
    expect(fake.peak()).toBeLessThanOrEqual(8);
    expect(data.utilization?.sampled).toBe(8);
    expect(data.utilization?.byQueue.get('q2')).toEqual({ voice: 1, message: 1 });
    // (4 · 30 + 1 · 10) ÷ 40 = 3.25 messages at once; call is the analytics' voice
    expect(data.utilization?.capacity).toEqual({ voice: 1, message: 3 });
    expect(modelCapacity(data, { voice: 1, message: 1, email: 1 })).toEqual({
      capacity: { voice: 1, message: 3, email: 1 },
      measured: true,
    });
  });

  it('reads at most 100 members per queue by default', async () => {
    const many = { q1: Array.from({ length: 250 }, (_, i) => `a${i}`) };
    const summary = summariseUtilization(
      new Map(many.q1.map((id) => [id, { message: 2 }])),
      { queueMembers: many, userIds: many.q1 },
      new Map(),
    );
    expect(summary.capacity).toEqual({ message: 2 });
    const fake = fakePort(() => ({ capacity: { message: 2 }, level: 'Organization' }));
    await fetchCentreData(fake.port, {
      now: NOW,
      days: 1,
      chunkDays: 1,
      queues: [{ id: 'q1', name: 'Chat A' }],
      skills: [],
      userIds: many.q1,
      queueMembers: many,
    });
    expect(new Set(fake.reads).size).toBe(100);
  });

  it('falls back to the estimate without queue members, without a utilization route, or when every read is refused', async () => {
    const without = await read(fakePort(undefined).port);
    expect(without.utilization).toBeUndefined();
    const unasked = fakePort(() => ({ capacity: { message: 2 }, level: 'Organization' }));
    const noMembers = {
      now: NOW,
      days: 1,
      chunkDays: 1,
      queues: [{ id: 'q1', name: 'Chat A' }],
      skills: [],
      userIds: members.q1!,
    };
    expect((await fetchCentreData(unasked.port, noMembers)).utilization).toBeUndefined();
    expect(unasked.reads).toEqual([]);
    const refused = await read(fakePort(() => undefined).port);
    expect(refused.utilization).toBeUndefined();
    expect(refused.presence?.size).toBe(17);
    expect(modelCapacity(refused, { voice: 1, message: 1 })).toEqual({
      capacity: { voice: 1, message: 1 },
      measured: false,
    });
  });
});

describe('presence and demand reads', () => {
  it('asks no conversation aggregates when the org serves no presence (403), and overlaps them with presence otherwise', async () => {
    const asked: string[] = [];
    const refused = {
      queryAggregates: (q: AggregateQuery) => {
        asked.push(`conversations ${q.groupBy?.join(',') ?? ''}`);
        return Promise.resolve(conversations(q));
      },
      queryUserAggregates: () => Promise.reject(Object.assign(new Error('forbidden'), { status: 403 })),
      stats: { requests: 0, retries: 0, writes: 0 },
    } as unknown as GenesysPort;
    const none = await read(refused);
    expect(none.presence).toBeUndefined();
    expect(asked).toEqual([]);
    // served: the conversation queries start after the first presence answer, before the last one
    let presenceAnswers = 0;
    const served = {
      queryAggregates: (q: AggregateQuery) => {
        asked.push(`conversations after ${presenceAnswers} presence answers`);
        return Promise.resolve(conversations(q));
      },
      queryUserAggregates: async (q: UserAggregateQuery) => {
        await new Promise((resolve) => setImmediate(resolve));
        presenceAnswers += 1;
        return presence(q);
      },
      stats: { requests: 0, retries: 0, writes: 0 },
    } as unknown as GenesysPort;
    const many = Array.from({ length: 950 }, (_, i) => `a${i}`);
    const data = await fetchCentreData(served, {
      now: NOW,
      days: 1,
      chunkDays: 1,
      queues: [{ id: 'q1', name: 'Chat A' }],
      skills: [],
      userIds: many,
    });
    expect(data.presence?.size).toBe(950);
    expect(presenceAnswers).toBe(10);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked[0]).toMatch(/after [1-9] presence answers/);
  });
});
