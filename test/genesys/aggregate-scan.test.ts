import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketwise, scanAggregates, visitResponse } from '../../src/genesys/aggregate-scan.js';
import type { AggregateResponse, StatisticalSummary } from '../../src/genesys/port.js';

type Seen = [Record<string, string>, string, string, string | undefined, StatisticalSummary];

function scanned(text: string): Seen[] {
  const out: Seen[] = [];
  scanAggregates(Buffer.from(text, 'utf8'), (group, interval, metric, qualifier, stats) =>
    out.push([{ ...group }, interval, metric, qualifier, { ...stats }]),
  );
  return out;
}

function visited(answer: AggregateResponse): Seen[] {
  const out: Seen[] = [];
  visitResponse(answer, (group, interval, metric, qualifier, stats) =>
    out.push([{ ...group }, interval, metric, qualifier, { ...stats }]),
  );
  return out;
}

const answer: AggregateResponse = {
  results: [
    {
      group: { userId: 'u1' },
      data: [
        {
          interval: '2026-03-03T14:00:00.000Z/2026-03-03T14:30:00.000Z',
          metrics: [
            { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 1277000 } },
            { metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 523000 } },
          ],
        },
        {
          interval: '2026-03-03T14:30:00.000Z/2026-03-03T15:00:00.000Z',
          metrics: [{ metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 1800000 } }],
        },
      ],
    },
    {
      group: { queueId: 'q1', mediaType: 'voice' },
      data: [
        {
          interval: '2026-03-03T14:00:00.000Z/2026-03-03T14:30:00.000Z',
          metrics: [
            { metric: 'nOffered', stats: { count: 12 } },
            { metric: 'tHandle', stats: { count: 3, sum: 812.5, min: -1e-3, max: 1.5e21 } },
            {
              metric: 'oServiceLevel',
              stats: { ratio: 0.8, numerator: 8, denominator: 10, target: 0.8 },
            },
          ],
        },
      ],
    },
  ],
};

/** Aggregates-shaped answers: groups, intervals, metrics, qualifiers and stats of any text and number. */
const text = fc.string({ unit: 'binary', maxLength: 12 });
const statsArb = fc.record(
  {
    count: fc.nat(),
    sum: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    min: fc.integer(),
    max: fc.double({ noNaN: true, noDefaultInfinity: true }),
    ratio: fc.double({ min: 0, max: 1, noNaN: true }),
    numerator: fc.nat(),
    denominator: fc.nat(),
    target: fc.double({ min: 0, max: 1, noNaN: true }),
  },
  { requiredKeys: [] },
);
const answerArb = fc.record({
  results: fc.array(
    fc.record({
      group: fc.dictionary(text, text, { maxKeys: 3 }),
      data: fc.array(
        fc.record({
          interval: fc.oneof(text, fc.constant('2026-03-03T14:00:00.000Z/2026-03-03T14:30:00.000Z')),
          metrics: fc.array(
            fc.record(
              {
                metric: fc.oneof(text, fc.constantFrom('tAgentRoutingStatus', 'nOffered', 'tHandle')),
                qualifier: fc.oneof(text, fc.constantFrom('IDLE', 'INTERACTING')),
                stats: statsArb,
              },
              { requiredKeys: ['metric', 'stats'] },
            ),
            { maxLength: 4 },
          ),
        }),
        { maxLength: 4 },
      ),
    }),
    { maxLength: 4 },
  ),
});

/** The same answer with each object's keys in reverse order and extra keys of every JSON kind. */
function shuffled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffled);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries([
    ['extra', { a: [1, -2.5e-3, 'x\\"y', true, false, null, {}, []], b: 'é' }],
    ...entries.map(([k, v]) => [k, shuffled(v)]),
  ]);
}

describe('scanAggregates', () => {
  it('visits what visitResponse visits in the parsed answer, in the same order', () => {
    const seen = scanned(JSON.stringify(answer));
    expect(seen).toEqual(visited(answer));
    expect(seen).toHaveLength(6);
    expect(seen[3]).toEqual([
      { queueId: 'q1', mediaType: 'voice' },
      '2026-03-03T14:00:00.000Z/2026-03-03T14:30:00.000Z',
      'nOffered',
      undefined,
      { count: 12 },
    ]);
  });

  it('agrees with JSON.parse for any answer, compact or indented, keys in any order, unknown keys skipped', () => {
    fc.assert(
      fc.property(answerArb, (a) => {
        const expected = visited(JSON.parse(JSON.stringify(a)) as AggregateResponse);
        expect(scanned(JSON.stringify(a))).toEqual(expected);
        expect(scanned(JSON.stringify(a, null, '\t'))).toEqual(expected);
        expect(scanned(` \r\n${JSON.stringify(shuffled(a), null, 2)}\n`)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes escapes and non-ASCII text as JSON.parse does (bytes that are not UTF-8 as U+FFFD)', () => {
    const weird = {
      results: [
        {
          group: { 'user\\Id': 'a\u00e9\u4e2d\ud83d\ude00"\n', userId: 'x' },
          data: [1, 2].map(() => ({
            interval: 'i\u2028/\u0001',
            metrics: [{ metric: 'm\\', qualifier: 'q\t', stats: { sum: 1 } }],
          })),
        },
      ],
    };
    const seen = scanned(JSON.stringify(weird));
    expect(seen).toEqual(visited(weird as AggregateResponse));
    expect(scanned(JSON.stringify(weird).replace(/é/g, '\\u00e9'))).toEqual(seen);
    const notUtf8 = Buffer.concat([
      Buffer.from('{"results":[{"group":{"g":"'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('"},"data":[{"interval":"i","metrics":[{"metric":"m"}]}]}]}'),
    ]);
    const seenBad: string[] = [];
    scanAggregates(notUtf8, (group) => seenBad.push(group.g ?? ''));
    expect(seenBad).toEqual([
      (JSON.parse(notUtf8.toString('utf8')) as AggregateResponse).results[0]?.group.g,
    ]);
  });

  it('matches a bucket or statistic head learned earlier only where the bytes are the same', () => {
    const stat = (metric: string, qualifier: string | undefined, stats: StatisticalSummary) =>
      qualifier === undefined ? { metric, stats } : { metric, qualifier, stats };
    const buckets = (intervals: string[]) =>
      intervals.map((interval, i) => ({
        interval,
        metrics: [
          stat('tAgentRoutingStatus', 'IDLE', { sum: i }),
          stat('tAgentRoutingStatus', 'BUSY', { sum: 10 + i }), // as long as IDLE
          stat('tAgentRoutingStatus', 'IDLE', { count: 2, sum: 20 + i }), // another first figure
          stat('tAgentRoutingStatus', undefined, { sum: 30 + i }),
          stat('tAgentRoutingStatuz', 'IDLE', { sum: 40 + i }),
          stat('nOffered', undefined, { count: i }),
        ],
      }));
    const a = '2026-03-03T14:00:00.000Z/2026-03-03T14:30:00.000Z';
    const b = '2026-03-03T14:30:00.000Z/2026-03-03T15:00:00.000Z';
    const parsed = {
      results: [
        { group: { userId: 'u1' }, data: buckets([a, b, a, b]) },
        { group: { userId: 'u2' }, data: buckets([b, a, a]) },
      ],
    };
    const compact = JSON.stringify(parsed);
    const expected = visited(parsed);
    expect(scanned(compact)).toEqual(expected);
    // the same strings written with escapes, or with whitespace, where a learned head would otherwise match
    const edits: [string, string][] = [
      ['"IDLE","stats":{"sum":1}', '"\\u0049DLE","stats":{"sum":1}'],
      [
        `"interval":"${b}","metrics":[{"metric":"tAgentRoutingStatus","qualifier":"IDLE","stats":{"sum":3}`,
        `"interval":"2026\\u002d03-03T14:30:00.000Z/2026-03-03T15:00:00.000Z","metrics":[{"metric":"tAgentRoutingStatus","qualifier":"IDLE","stats":{"sum":3}`,
      ],
      ['{"metric":"nOffered","stats":{"count":2}', '{"metric":"nOffered","stats":{ "count":2}'],
    ];
    let escaped = compact;
    for (const [from, to] of edits) {
      expect(escaped).toContain(from);
      escaped = escaped.replace(from, to);
    }
    expect(scanned(escaped)).toEqual(visited(JSON.parse(escaped) as AggregateResponse));
    expect(scanned(escaped)).toEqual(expected);
  });

  it('keeps a group key named __proto__ as an own key, as JSON.parse does', () => {
    const text =
      '{"results":[{"group":{"__proto__":"x","q":"1"},"data":[{"interval":"i","metrics":[{"metric":"n","stats":{"count":1}}]}]}]}';
    const seen = scanned(text);
    expect(seen).toEqual(visited(JSON.parse(text) as AggregateResponse));
    expect(Object.keys(seen[0]![0])).toEqual(['__proto__', 'q']);
  });

  it('ignores what is not an aggregates answer but is JSON', () => {
    for (const t of ['{}', '[]', 'null', '{"results":null}', '{"results":[1,"x",{"data":7}]}', '"x"'])
      expect(scanned(t)).toEqual([]);
    // data before its group, metrics before the interval: read again once they are known
    expect(
      scanned(
        '{"results":[{"data":[{"metrics":[{"stats":{"count":2},"metric":"n"}],"interval":"i"}],"group":{"g":"1"}}]}',
      ),
    ).toEqual([[{ g: '1' }, 'i', 'n', undefined, { count: 2 }]]);
  });

  it('refuses malformed JSON with the byte it stopped at', () => {
    const good = JSON.stringify(answer);
    for (const bad of [
      good.slice(0, -1),
      good.slice(0, 200),
      `${good}x`,
      good.replace('1277000', '01277000'),
      good.replace('1277000', '1277000.'),
      good.replace('1277000', '-'),
      good.replace('1277000', '1e'),
      good.replace('"IDLE"', '"IDLE'),
      good.replace(',"qualifier"', ' "qualifier"'),
      good.replace('{"sum":523000}', '{"sum" 523000}'),
      good.replace('"INTERACTING"', 'INTERACTING'),
      good.replace('"IDLE"', '"ID\\qLE"'),
      '',
      '{"results":[}',
    ]) {
      expect(() => scanned(bad), bad.slice(0, 60)).toThrow(/malformed aggregates answer: .* at byte \d+/);
    }
  });
});

describe('bucketwise', () => {
  it('hands on each bucket whole, by metric name, the same from the bytes and from the parsed answer', () => {
    const twice = {
      results: [
        {
          group: { queueId: 'q' },
          data: [
            { interval: 'a', metrics: [{ metric: 'n', stats: { count: 1 } }] },
            // the same interval again is another bucket; a name twice keeps the last
            {
              interval: 'a',
              metrics: [
                { metric: 'n', stats: { count: 2 } },
                { metric: 'n', stats: { count: 3 } },
                { metric: 't', stats: { sum: 4 } },
              ],
            },
            { interval: 'b', metrics: [] },
          ],
        },
      ],
    };
    for (const read of [
      (visit: Parameters<typeof visitResponse>[1]) => visitResponse(twice, visit),
      (visit: Parameters<typeof visitResponse>[1]) =>
        scanAggregates(Buffer.from(JSON.stringify(twice)), visit),
    ]) {
      const seen: unknown[] = [];
      const fold = bucketwise((group, interval, metrics) => seen.push([group, interval, metrics]));
      read(fold.visit);
      expect(seen).toHaveLength(1); // the last bucket waits for flush
      fold.flush();
      fold.flush();
      expect(seen).toEqual([
        [{ queueId: 'q' }, 'a', { n: { count: 1 } }],
        [{ queueId: 'q' }, 'a', { n: { count: 3 }, t: { sum: 4 } }],
      ]);
    }
  });
});
