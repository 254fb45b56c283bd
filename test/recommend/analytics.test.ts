import { describe, expect, it } from 'vitest';
import type { AggregateQuery, AggregateResponse, GenesysPort } from '../../src/genesys/port.js';
import { analyticsReader, fetchAnalytics, windows } from '../../src/recommend/analytics.js';
import { isActive, sum } from '../../src/recommend/table.js';

const HALF_HOUR = 30 * 60 * 1000;

function slotInterval(startIso: string, slot: number): string {
  const t = Date.parse(startIso) + slot * HALF_HOUR;
  return `${new Date(t).toISOString()}/${new Date(t + HALF_HOUR).toISOString()}`;
}

function stats(count: number, sum?: number) {
  return sum === undefined ? { count } : { count, sum };
}

/** A port that records analytics queries and answers them from a function; everything else is unused. */
function fakePort(answer: (q: AggregateQuery) => AggregateResponse): {
  port: GenesysPort;
  queries: AggregateQuery[];
} {
  const queries: AggregateQuery[] = [];
  const unused = () => Promise.reject(new Error('not used by fetchAnalytics'));
  const port: GenesysPort = {
    listUsers: unused,
    listSkills: () => Promise.resolve([{ id: 's1', name: 'Billing' }]),
    createSkill: unused,
    listQueues: () => Promise.resolve([{ id: 'q1', name: 'Support' }]),
    listQueueMembers: unused,
    listWrapupCodes: () => Promise.resolve([{ id: 'w1', name: 'Refund' }]),
    findDataTable: unused,
    listDataTableRows: unused,
    createDataTableRow: unused,
    updateDataTableRow: unused,
    deleteDataTableRow: unused,
    replaceUserSkills: unused,
    patchUserSkills: unused,
    deleteUserSkill: unused,
    listInactiveUsers: unused,
    listLanguages: unused,
    patchUserLanguages: unused,
    deleteUserLanguage: unused,
    queryAggregates: (q) => {
      queries.push(structuredClone(q));
      return Promise.resolve(answer(q));
    },
    queryAudits: unused,
    stats: { requests: 0, retries: 0, writes: 0 },
  };
  return { port, queries };
}

const NOW = new Date('2024-05-10T12:47:13.250Z');
const START = '2024-05-08T12:30:00.000Z';
const END = '2024-05-10T12:30:00.000Z';

function answer(q: AggregateQuery): AggregateResponse {
  const windowStart = q.interval.split('/')[0]!;
  const key = q.groupBy?.join(',');
  if (key === 'queueId,requestedRoutingSkillId') {
    const firstWindow = windowStart === START;
    return {
      results: [
        {
          group: { queueId: 'q1', requestedRoutingSkillId: 's1' },
          data: [
            {
              interval: firstWindow ? slotInterval(START, 0) : slotInterval(START, 95),
              metrics: [
                { metric: 'nOffered', stats: stats(3) },
                { metric: 'nConnected', stats: stats(2) },
                { metric: 'tAnswered', stats: stats(2, 20_000) },
                { metric: 'tHandle', stats: stats(2, 600_000) },
                { metric: 'tAbandon', stats: stats(1, 45_000) },
                { metric: 'tWait', stats: stats(3, 65_000) },
                { metric: 'tAcw', stats: stats(2, 60_000) },
              ],
            },
            {
              interval: '2024-05-01T00:00:00.000Z/2024-05-01T00:30:00.000Z',
              metrics: [{ metric: 'nOffered', stats: stats(99) }],
            },
          ],
        },
        {
          group: { queueId: 'q1', requestedRoutingSkillId: 's-gone' },
          data: [{ interval: slotInterval(START, 1), metrics: [{ metric: 'nOffered', stats: stats(1) }] }],
        },
        {
          group: { queueId: 'q1' },
          data: [{ interval: slotInterval(START, 1), metrics: [{ metric: 'nOffered', stats: stats(50) }] }],
        },
      ],
    };
  }
  if (key === 'userId') {
    const base = (Date.parse(windowStart) - Date.parse(START)) / HALF_HOUR;
    return {
      results: [
        {
          group: { userId: 'u1' },
          data: [
            {
              interval: slotInterval(START, base + 2),
              metrics: [{ metric: 'tHandle', stats: stats(2, 900_000) }],
            },
            { interval: slotInterval(START, base + 3), metrics: [{ metric: 'tHandle', stats: stats(0, 0) }] },
          ],
        },
      ],
    };
  }
  if (key === 'userId,requestedRoutingSkillId') {
    const chunk = {
      interval: q.interval,
      metrics: [
        { metric: 'nOffered', stats: stats(10) },
        { metric: 'tHandle', stats: stats(7, 2_100_000) },
      ],
    };
    return { results: [{ group: { userId: 'u1', requestedRoutingSkillId: 's1' }, data: [chunk, chunk] }] };
  }
  if (key === 'queueId,wrapUpCode') {
    return {
      results: [
        {
          group: { queueId: 'q1', wrapUpCode: 'w1' },
          data: [
            {
              interval: q.interval,
              metrics: [
                { metric: 'tHandle', stats: stats(5, 1_500_000) },
                { metric: 'tWait', stats: stats(5, 100_000) },
                { metric: 'tAnswered', stats: stats(5, 90_000) },
              ],
            },
          ],
        },
        {
          group: { queueId: 'q1', wrapUpCode: 'ININ-WRAP-UP-TIMEOUT' },
          data: [{ interval: q.interval, metrics: [{ metric: 'tHandle', stats: stats(1, 1000) }] }],
        },
      ],
    };
  }
  throw new Error(`unexpected query ${key}`);
}

describe('fetchAnalytics', () => {
  it('asks for the four aggregates over the 30-minute aligned period', async () => {
    const { port, queries } = fakePort(answer);
    await fetchAnalytics(port, { now: NOW, days: 2, chunkDays: 1 });
    const mid = '2024-05-09T12:30:00.000Z';
    const qs = ['nOffered', 'nConnected', 'tAnswered', 'tHandle', 'tAbandon', 'tWait', 'tAcw'];
    expect(queries).toEqual([
      {
        interval: `${START}/${mid}`,
        granularity: 'PT30M',
        groupBy: ['queueId', 'requestedRoutingSkillId'],
        metrics: qs,
      },
      {
        interval: `${mid}/${END}`,
        granularity: 'PT30M',
        groupBy: ['queueId', 'requestedRoutingSkillId'],
        metrics: qs,
      },
      { interval: `${START}/${mid}`, granularity: 'PT30M', groupBy: ['userId'], metrics: ['tHandle'] },
      { interval: `${mid}/${END}`, granularity: 'PT30M', groupBy: ['userId'], metrics: ['tHandle'] },
      {
        interval: `${START}/${END}`,
        groupBy: ['userId', 'requestedRoutingSkillId'],
        metrics: ['tAlert', 'nOffered', 'tHandle'],
      },
      {
        interval: `${START}/${END}`,
        groupBy: ['queueId', 'wrapUpCode'],
        metrics: ['tHandle', 'tWait', 'tAnswered'],
      },
    ]);
  });

  it('reads the per-queue and the per-agent parts on their own, and builds the same table from both', async () => {
    const { port, queries } = fakePort(answer);
    const reader = await analyticsReader(port, { now: NOW, days: 2, chunkDays: 1 });
    await reader.readQueues();
    expect(queries.map((q) => q.groupBy?.join(','))).toEqual([
      'queueId,requestedRoutingSkillId',
      'queueId,requestedRoutingSkillId',
      'queueId,wrapUpCode',
    ]);
    const queuesOnly = reader.build();
    expect(queuesOnly.users.ids).toEqual([]);
    expect(queuesOnly.userSkills).toEqual([]);
    expect(queuesOnly.queueWrapups).toHaveLength(2);
    await reader.readAgents();
    expect(queries.slice(3).map((q) => q.groupBy?.join(','))).toEqual([
      'userId',
      'userId',
      'userId,requestedRoutingSkillId',
    ]);
    const whole = await fetchAnalytics(fakePort(answer).port, { now: NOW, days: 2, chunkDays: 1 });
    expect(reader.build()).toEqual(whole);
  });

  it('asks per-user activity in windows of at most a day even with bigger chunks', async () => {
    const { port, queries } = fakePort(answer);
    await fetchAnalytics(port, { now: NOW, days: 2, chunkDays: 7 });
    const byGroup = (g: string) => queries.filter((q) => q.groupBy?.join(',') === g).map((q) => q.interval);
    expect(byGroup('queueId,requestedRoutingSkillId')).toEqual([`${START}/${END}`]);
    expect(byGroup('userId')).toHaveLength(2);
  });

  it('folds the answers into the table: counts from stats.count, times from stats.sum, names resolved', async () => {
    const { port } = fakePort(answer);
    const table = await fetchAnalytics(port, { now: NOW, days: 2, chunkDays: 1 });
    expect([table.start, table.end, table.slots, table.days]).toEqual([START, END, 96, 2]);
    const billing = table.queueSkills.find((s) => s.skill === 'Billing')!;
    expect(billing).toMatchObject({ queue: 'Support', queueId: 'q1', skillId: 's1' });
    expect([billing.offered[0], billing.offered[95], sum(billing.offered)]).toEqual([3, 3, 6]);
    expect([billing.handled[0], billing.handleMs[0], billing.answeredMs[0], billing.abandonMs[0]]).toEqual([
      2, 600_000, 20_000, 45_000,
    ]);
    expect([billing.waited[0], billing.waitMs[0], billing.acwMs[0], billing.connected[0]]).toEqual([
      3, 65_000, 60_000, 2,
    ]);
    expect(table.queueSkills.map((s) => s.skill).sort()).toEqual(['Billing', 's-gone']);

    const u = table.users.index.get('u1')!;
    expect([2, 3, 50, 51].map((slot) => isActive(table.users, u, slot))).toEqual([true, false, true, false]);
    expect([table.users.handled[u], table.users.handleMs[u], table.users.activeSlots[u]]).toEqual([
      4, 1_800_000, 2,
    ]);
    expect(table.users.activePerSlot[2]).toBe(1);

    expect(table.userSkills).toEqual([
      { userId: 'u1', skillId: 's1', skill: 'Billing', offered: 20, handled: 14, handleMs: 4_200_000 },
    ]);
    expect(table.queueWrapups.map((w) => [w.queue, w.wrapup, w.handled, w.waitMs, w.answeredMs])).toEqual([
      ['Support', 'Refund', 5, 100_000, 90_000],
      ['Support', 'ININ-WRAP-UP-TIMEOUT', 1, 0, 0],
    ]);
  });

  it('splits a period into whole half-hour windows', () => {
    expect(windows(new Date(START), new Date(END), 0.75)).toEqual([
      `${START}/2024-05-09T06:30:00.000Z`,
      '2024-05-09T06:30:00.000Z/2024-05-10T00:30:00.000Z',
      `2024-05-10T00:30:00.000Z/${END}`,
    ]);
  });
});
