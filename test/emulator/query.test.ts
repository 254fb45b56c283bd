import { describe, expect, it } from 'vitest';
import { parseDuration, parseInterval } from '../../src/emulator/analytics/iso.js';
import { matchesFilter, parseQuery } from '../../src/emulator/analytics/query.js';
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
    ['a month granularity', { interval, metrics: ['nOffered'], granularity: 'P1M' }],
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
