import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { combineStats, mergeAggregateResponses, splitInterval } from '../../src/genesys/aggregates.js';
import type { AggregateQuery } from '../../src/genesys/index.js';
import { API, fakeClock, json, mockAgent, mockToken, testClient } from './helpers.js';

let agent: MockAgent | undefined;
afterEach(async () => {
  agent?.assertNoPendingInterceptors();
  await agent?.close();
  agent = undefined;
});

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const thirtyDays = `${iso(START)}/${iso(START + 30 * DAY)}`;
const AGGREGATES = '/api/v2/analytics/conversations/aggregates/query';

describe('splitInterval', () => {
  it('cuts 30 days into 7-day chunks that cover the interval exactly', () => {
    const chunks = splitInterval(thirtyDays, 7, 'PT30M');
    expect(chunks).toEqual([
      '2025-01-01T00:00:00.000Z/2025-01-08T00:00:00.000Z',
      '2025-01-08T00:00:00.000Z/2025-01-15T00:00:00.000Z',
      '2025-01-15T00:00:00.000Z/2025-01-22T00:00:00.000Z',
      '2025-01-22T00:00:00.000Z/2025-01-29T00:00:00.000Z',
      '2025-01-29T00:00:00.000Z/2025-01-31T00:00:00.000Z',
    ]);
  });

  it.each([
    ['fits in one chunk', `${iso(START)}/${iso(START + 5 * DAY)}`, 7, undefined, 1],
    [
      'chunk rounded down to whole granularity periods',
      `${iso(START)}/${iso(START + 30 * DAY)}`,
      7,
      'P2D',
      5,
    ],
    ['chunk never below one granularity period', `${iso(START)}/${iso(START + 21 * DAY)}`, 1, 'P7D', 3],
    ['chunkDays clamped to 31', `${iso(START)}/${iso(START + 90 * DAY)}`, 400, undefined, 3],
    ['months cannot be split safely', thirtyDays, 7, 'P1M', 1],
    ['unparseable interval left alone', 'P30D/2025-01-31T00:00:00Z', 7, undefined, 1],
  ])('%s', (_name, interval, chunkDays, granularity, count) => {
    const chunks = splitInterval(interval, chunkDays, granularity);
    expect(chunks).toHaveLength(count);
    if (count > 1) {
      expect(chunks[0]!.split('/')[0]).toBe(iso(Date.parse(interval.split('/')[0]!)));
      expect(chunks.at(-1)!.split('/')[1]).toBe(iso(Date.parse(interval.split('/')[1]!)));
    }
  });
});

describe('queryAggregates', () => {
  it('splits a 30-day query into 5 requests and merges the results by group', async () => {
    agent = mockAgent();
    mockToken(agent);
    const seen: string[] = [];
    agent
      .get(API)
      .intercept({
        path: AGGREGATES,
        method: 'POST',
        body: (text: string) => {
          const body = JSON.parse(text) as AggregateQuery;
          return body.granularity === 'P1D' && body.metrics.join() === 'nOffered';
        },
      })
      .reply(
        200,
        ({ body }) => {
          const { interval } = JSON.parse(body as string) as AggregateQuery;
          seen.push(interval);
          const from = interval.split('/')[0]!;
          const result = (queueId: string, count: number) => ({
            group: { queueId, mediaType: 'voice' },
            data: [{ interval: `${from}/P1D`, metrics: [{ metric: 'nOffered', stats: { count } }] }],
          });
          // queue B only answers in some chunks; chunks arrive in any order
          return {
            results: from.startsWith('2025-01-15') ? [result('A', 1)] : [result('B', 2), result('A', 1)],
          };
        },
        json,
      )
      .times(5);
    const { client } = testClient(agent, fakeClock(), { chunkDays: 7 });
    const query: AggregateQuery = {
      interval: thirtyDays,
      granularity: 'P1D',
      groupBy: ['queueId'],
      metrics: ['nOffered'],
    };
    const response = await client.queryAggregates(query);
    expect(client.stats.requests).toBe(5);
    expect(seen.sort()).toEqual(splitInterval(thirtyDays, 7, 'P1D').sort());
    expect(response.results.map((r) => r.group.queueId).sort()).toEqual(['A', 'B']);
    const a = response.results.find((r) => r.group.queueId === 'A')!;
    expect(a.data).toHaveLength(5);
    expect(a.data.map((d) => d.interval.slice(0, 10))).toEqual([
      '2025-01-01',
      '2025-01-08',
      '2025-01-15',
      '2025-01-22',
      '2025-01-29',
    ]);
    expect(response.results.find((r) => r.group.queueId === 'B')!.data).toHaveLength(4);
  });

  it('sends a short query once, unchanged', async () => {
    agent = mockAgent();
    mockToken(agent);
    const query: AggregateQuery = {
      interval: '2025-01-01T00:00:00Z/2025-01-02T00:00:00Z',
      metrics: ['tHandle'],
    };
    agent
      .get(API)
      .intercept({ path: AGGREGATES, method: 'POST', body: JSON.stringify(query) })
      .reply(200, {}, json);
    const { client } = testClient(agent, fakeClock());
    expect(await client.queryAggregates(query)).toEqual({ results: [] });
  });
});

describe('merging without a granularity', () => {
  it('adds counts and sums, keeps min/max, recomputes ratios', () => {
    const query: AggregateQuery = { interval: thirtyDays, metrics: ['tHandle', 'oServiceLevel'] };
    const chunk = (stats: object, sl: object) => ({
      results: [
        {
          group: { queueId: 'A' },
          data: [
            {
              interval: 'x',
              metrics: [
                { metric: 'tHandle', stats },
                { metric: 'oServiceLevel', stats: sl },
              ],
            },
          ],
        },
      ],
    });
    const merged = mergeAggregateResponses(query, [
      chunk(
        { count: 2, sum: 600, min: 100, max: 500 },
        { ratio: 0.5, numerator: 1, denominator: 2, target: 0.8 },
      ),
      chunk(
        { count: 3, sum: 300, min: 50, max: 150 },
        { ratio: 1, numerator: 2, denominator: 2, target: 0.8 },
      ),
    ]);
    expect(merged.results).toEqual([
      {
        group: { queueId: 'A' },
        data: [
          {
            interval: thirtyDays,
            metrics: [
              { metric: 'tHandle', stats: { count: 5, sum: 900, min: 50, max: 500 } },
              { metric: 'oServiceLevel', stats: { numerator: 3, denominator: 4, ratio: 0.75, target: 0.8 } },
            ],
          },
        ],
      },
    ]);
  });

  it('puts chunked buckets in time order, and leaves an answer already in order as it is', () => {
    const query = {
      interval: '2024-05-01T00:00:00Z/2024-05-01T02:00:00Z',
      granularity: 'PT30M',
      metrics: ['nOffered'],
    };
    const bucket = (hour: string, n: number) => ({
      interval: `2024-05-01T${hour}:00.000Z/2024-05-01T23:00:00.000Z`,
      metrics: [{ metric: 'nOffered', stats: { count: n } }],
    });
    const later = { results: [{ group: { queueId: 'A' }, data: [bucket('01:00', 3), bucket('01:30', 4)] }] };
    const earlier = {
      results: [{ group: { queueId: 'A' }, data: [bucket('00:00', 1), bucket('00:30', 2)] }],
    };
    const merged = mergeAggregateResponses(query, [later, earlier]);
    expect(merged.results[0]?.data.map((d) => d.metrics[0]?.stats.count)).toEqual([1, 2, 3, 4]);
    const single = mergeAggregateResponses(query, [earlier]);
    expect(single.results[0]?.data.map((d) => d.metrics[0]?.stats.count)).toEqual([1, 2]);
    // one answer out of order, or with a group twice, is still merged and sorted
    const reversed = {
      results: [{ group: { queueId: 'A' }, data: [bucket('00:30', 2), bucket('00:00', 1)] }],
    };
    expect(
      mergeAggregateResponses(query, [reversed]).results[0]?.data.map((d) => d.metrics[0]?.stats.count),
    ).toEqual([1, 2]);
    const twice = { results: [...later.results, ...earlier.results] };
    expect(mergeAggregateResponses(query, [twice]).results).toHaveLength(1);
  });

  it('combineStats keeps a ratio it cannot recompute', () => {
    expect(combineStats({ ratio: 0.4 }, {})).toEqual({ ratio: 0.4 });
  });
});
