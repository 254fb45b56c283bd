import { describe, expect, it } from 'vitest';
import { parseDuration, parseInterval } from '../../src/emulator/analytics/iso.js';
import { matchesFilter, parseQuery } from '../../src/emulator/analytics/query.js';
import { queryAggregates } from '../../src/emulator/analytics/engine.js';
import { queryUserAggregates } from '../../src/emulator/analytics/presence.js';
import { EmulatorOrg } from '../../src/emulator/org.js';
import { T0 } from './helpers.js';
import {
  FILTER_DIMENSIONS,
  GROUP_BY_DIMENSIONS,
  QUERY_METRICS,
} from '../../src/emulator/analytics/vocabulary.js';

const H = 3_600_000;
const allowed = { metrics: QUERY_METRICS, groupBy: GROUP_BY_DIMENSIONS, filter: FILTER_DIMENSIONS };

describe('ISO-8601 durations and intervals', () => {
  it.each([
    ['PT30M', 0.5 * H],
    ['PT1H', H],
    ['P1D', 24 * H],
    ['P1DT12H', 36 * H],
    ['P1W', 168 * H],
    ['PT90S', 90_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['P1M', 'P', 'PT', '30M', 'P0D', 'one hour'])('%s is not a fixed duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    ['2026-03-01T00:00:00Z/2026-03-02T00:00:00Z', 0, 24 * H],
    ['2026-03-01T00:00:00.000Z/P1D', 0, 24 * H],
    ['PT2H/2026-03-01T02:00:00Z', 0, 2 * H],
    ['2026-03-01T01:00:00+01:00/2026-03-01T02:00:00+01:00', 0, H],
    ['2026-03-01T00:00:00/2026-03-01T06:00:00', 0, 6 * H],
  ])('%s', (text, from, to) => {
    const base = Date.parse('2026-03-01T00:00:00Z');
    expect(parseInterval(text)).toEqual({ start: base + from, end: base + to });
  });

  it.each([
    '2026-03-02T00:00:00Z/2026-03-01T00:00:00Z',
    '2026-03-01',
    'P1D/P2D',
    42,
    '2026-13-01T00:00:00Z/P1D',
  ])('rejects %j with 400', (text) => {
    expect(() => parseInterval(text)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('aggregates query validation', () => {
  const interval = '2026-03-01T00:00:00Z/2026-03-08T00:00:00Z';

  it('normalises a valid query', () => {
    const q = parseQuery(
      {
        interval,
        granularity: 'P1D',
        groupBy: ['queueId', 'queueId'],
        metrics: ['nOffered'],
        filter: { type: 'or', predicates: [{ dimension: 'queueId', value: 'q1' }] },
      },
      allowed,
      31,
    );
    expect(q).toMatchObject({ granularity: 24 * H, groupBy: ['queueId'], metrics: ['nOffered'] });
    expect(q.filter!.predicates[0]).toEqual({ dimension: 'queueId', operator: 'matches', value: 'q1' });
  });

  it.each([
    ['no body', undefined],
    ['no metrics', { interval }],
    [
      'a metric predicate',
      {
        interval,
        metrics: ['nOffered'],
        filter: { type: 'and', predicates: [{ type: 'metric', metric: 'tHandle' }] },
      },
    ],
    ['an empty filter', { interval, metrics: ['nOffered'], filter: { type: 'and' } }],
    [
      'a filter junction "xor"',
      {
        interval,
        metrics: ['nOffered'],
        filter: { type: 'xor', predicates: [{ dimension: 'queueId', value: 'q' }] },
      },
    ],
    [
      'matches without value',
      { interval, metrics: ['nOffered'], filter: { type: 'and', predicates: [{ dimension: 'queueId' }] } },
    ],
    ['topN', { interval, metrics: ['nOffered'], queryType: 'topN' }],
    [
      'an unknown time zone',
      { interval, metrics: ['nOffered'], granularity: 'P1D', timeZone: 'Mars/Olympus' },
    ],
    ['a year granularity', { interval, metrics: ['nOffered'], granularity: 'P1Y' }],
  ])('rejects %s with 400', (_, body) => {
    expect(() => parseQuery(body, allowed, 31)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('evaluates and/or predicates and clauses, exists and notExists', () => {
    const dims = { queueId: 'q1', requestedRoutingSkillId: 's1', wrapUpCode: undefined };
    const filter = (f: unknown) =>
      parseQuery({ interval, metrics: ['nOffered'], filter: f }, allowed, 31).filter;
    expect(
      matchesFilter(
        filter({
          type: 'and',
          predicates: [
            { dimension: 'queueId', value: 'q1' },
            { dimension: 'wrapUpCode', operator: 'notExists' },
          ],
        }),
        dims,
      ),
    ).toBe(true);
    expect(
      matchesFilter(
        filter({
          type: 'and',
          predicates: [
            { dimension: 'queueId', value: 'q1' },
            { dimension: 'wrapUpCode', operator: 'exists' },
          ],
        }),
        dims,
      ),
    ).toBe(false);
    expect(
      matchesFilter(
        filter({
          type: 'or',
          predicates: [{ dimension: 'queueId', value: 'q2' }],
          clauses: [{ type: 'and', predicates: [{ dimension: 'requestedRoutingSkillId', value: 's1' }] }],
        }),
        dims,
      ),
    ).toBe(true);
  });
});

describe('timeZone for granularities of a day or longer', () => {
  const intervals = (body: Record<string, unknown>) => {
    const q = parseQuery({ metrics: ['nOffered'], ...body }, allowed, 31);
    return Array.from({ length: q.buckets.count }, (_, i) => q.buckets.interval(i));
  };

  it('cuts P1D at local midnight, 23 hours on the day the clocks go forward', () => {
    // Europe/London: 2026-03-29 01:00 UTC the clocks go from GMT to BST
    expect(
      intervals({
        interval: '2026-03-28T00:00:00Z/2026-03-30T23:00:00Z',
        granularity: 'P1D',
        timeZone: 'Europe/London',
      }),
    ).toEqual([
      '2026-03-28T00:00:00.000Z/2026-03-29T00:00:00.000Z',
      '2026-03-29T00:00:00.000Z/2026-03-29T23:00:00.000Z',
      '2026-03-29T23:00:00.000Z/2026-03-30T23:00:00.000Z',
    ]);
    // without a zone (UTC) the same interval steps by 24 hours
    expect(
      intervals({ interval: '2026-03-28T00:00:00Z/2026-03-30T23:00:00Z', granularity: 'P1D' }).at(-1),
    ).toBe('2026-03-30T00:00:00.000Z/2026-03-30T23:00:00.000Z');
  });

  it('cuts P7D and P1M by the local calendar, and keeps sub-day granularities fixed', () => {
    expect(
      intervals({
        interval: '2026-03-01T05:00:00Z/2026-03-15T04:00:00Z',
        granularity: 'P7D',
        timeZone: 'America/New_York',
      }),
    ).toEqual([
      '2026-03-01T05:00:00.000Z/2026-03-08T05:00:00.000Z',
      // 2026-03-08 the clocks go forward: local midnight is 04:00 UTC from then on
      '2026-03-08T05:00:00.000Z/2026-03-15T04:00:00.000Z',
    ]);
    expect(
      intervals({
        interval: '2026-02-15T23:00:00Z/2026-03-16T23:00:00Z',
        granularity: 'P1M',
        timeZone: 'Europe/Paris',
      }),
    ).toEqual([
      '2026-02-15T23:00:00.000Z/2026-03-15T23:00:00.000Z',
      '2026-03-15T23:00:00.000Z/2026-03-16T23:00:00.000Z',
    ]);
    expect(
      intervals({
        interval: '2026-03-08T06:00:00Z/2026-03-08T08:00:00Z',
        granularity: 'PT1H',
        timeZone: 'America/New_York',
      }),
    ).toEqual([
      '2026-03-08T06:00:00.000Z/2026-03-08T07:00:00.000Z',
      '2026-03-08T07:00:00.000Z/2026-03-08T08:00:00.000Z',
    ]);
  });

  it('answers conversation and user aggregates in local days that add up to the whole', () => {
    const org = new EmulatorOrg({
      seed: 3,
      users: 60,
      queues: 3,
      skills: 5,
      days: 10,
      now: () => new Date(T0),
    });
    // local midnights in New York, across the 2026-03-08 change
    const interval = '2026-03-03T05:00:00Z/2026-03-10T04:00:00Z';
    const zone = { interval, granularity: 'P1D', timeZone: 'America/New_York' };
    const days = queryAggregates(org, { ...zone, metrics: ['nOffered'] }).results[0]!.data;
    expect(days.map((d) => d.interval)).toEqual(intervals(zone));
    expect(days.map((d) => d.interval.slice(11, 16))).toContain('04:00');
    const count = (data: typeof days) => data.reduce((a, d) => a + (d.metrics[0]?.stats.count ?? 0), 0);
    const whole = queryAggregates(org, { interval, metrics: ['nOffered'] }).results[0]!.data;
    expect(count(days)).toBe(count(whole));
    // the first local day differs from the first UTC day
    const utc = queryAggregates(org, { interval, granularity: 'P1D', metrics: ['nOffered'] }).results[0]!
      .data;
    expect(utc[0]!.interval).toBe('2026-03-03T05:00:00.000Z/2026-03-04T05:00:00.000Z');
    expect(days.at(-1)!.interval).toBe('2026-03-09T04:00:00.000Z/2026-03-10T04:00:00.000Z');
    expect(utc.at(-1)!.interval).toBe('2026-03-09T05:00:00.000Z/2026-03-10T04:00:00.000Z');

    const users = queryUserAggregates(org, { ...zone, metrics: ['tSystemPresence'] }) as {
      results: { data: { interval: string; metrics: { stats: { sum: number } }[] }[] }[];
    };
    const presence = users.results[0]!.data;
    expect(presence.map((d) => d.interval)).toEqual(
      intervals(zone).filter((i) => presence.some((d) => d.interval === i)),
    );
    expect(presence.some((d) => d.interval === '2026-03-09T04:00:00.000Z/2026-03-10T04:00:00.000Z')).toBe(
      true,
    );
  });
});
