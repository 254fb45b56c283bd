import { beforeAll, describe, expect, it } from 'vitest';
import { queryAggregates, type AggregateResult } from '../../src/emulator/analytics/engine.js';
import { EmulatorOrg } from '../../src/emulator/org.js';
import { T0 } from './helpers.js';

/** In-process checks of the simulated history (the HTTP route runs the same engine). */
const DAY = 86_400_000;
let org: EmulatorOrg;

beforeAll(() => {
  org = new EmulatorOrg({ seed: 1, users: 200, queues: 6, skills: 10, days: 30, now: () => new Date(T0) });
});

const last = (days: number, end = T0) =>
  `${new Date(end - days * DAY).toISOString()}/${new Date(end).toISOString()}`;

function metric(result: AggregateResult | undefined, name: string, bucket = 0) {
  return result?.data[bucket]?.metrics.find((m) => m.metric === name)?.stats;
}

function sum(results: AggregateResult[], name: string, field: 'count' | 'sum' = 'count'): number {
  let total = 0;
  for (const r of results)
    for (const d of r.data) total += d.metrics.find((m) => m.metric === name)?.stats[field] ?? 0;
  return total;
}

describe('numbers that agree with each other', () => {
  const metrics = [
    'nOffered',
    'nConnected',
    'tAnswered',
    'tAbandon',
    'tWait',
    'tHandle',
    'tAcw',
    'oServiceLevel',
    'nOverSla',
  ];

  it('offered = answered + abandoned; handled = answered; SL counts within bounds; wait = answered + abandoned waits', () => {
    const { results } = queryAggregates(org, {
      interval: last(30),
      groupBy: ['queueId', 'mediaType', 'requestedRoutingSkillId', 'requestedLanguageId'],
      metrics,
    });
    expect(results).toHaveLength(org.streams.length);
    for (const r of results) {
      const offered = metric(r, 'nOffered')!.count!;
      const answered = metric(r, 'nConnected')!.count!;
      const resolved = answered + (metric(r, 'tAbandon')?.count ?? 0);
      // emails have no patience: some are still waiting when the day's data end
      if (r.group.mediaType === 'email') expect(offered).toBeGreaterThanOrEqual(resolved);
      else expect(offered).toBe(resolved);
      expect(metric(r, 'tHandle')!.count).toBe(answered);
      expect(metric(r, 'tAcw')!.sum!).toBeLessThan(metric(r, 'tHandle')!.sum!);
      const sl = metric(r, 'oServiceLevel')!;
      expect(sl.denominator).toBe(offered);
      expect(sl.numerator!).toBeLessThanOrEqual(answered);
      expect(sl.ratio).toBeCloseTo(sl.numerator! / offered, 12);
      const wait = metric(r, 'tWait')!;
      expect(wait.count).toBe(offered);
      expect(
        Math.abs(wait.sum! - metric(r, 'tAnswered')!.sum! - (metric(r, 'tAbandon')?.sum ?? 0)),
      ).toBeLessThanOrEqual(2);
    }
  });

  it('adds up across groups, across buckets, and from agents to queues', () => {
    const interval = `${new Date(T0 - 10 * DAY).toISOString()}/${new Date(T0 - 2 * DAY - 5 * 3_600_000).toISOString()}`;
    const total = queryAggregates(org, { interval, metrics })['results'];
    const byQueue = queryAggregates(org, { interval, groupBy: ['queueId'], metrics }).results;
    const daily = queryAggregates(org, { interval, granularity: 'P1D', metrics }).results;
    const hourly = queryAggregates(org, {
      interval,
      granularity: 'PT1H',
      groupBy: ['mediaType'],
      metrics,
    }).results;
    for (const name of ['nOffered', 'nConnected', 'tAbandon', 'nOverSla']) {
      const expected = sum(total, name);
      expect(expected).toBeGreaterThan(0);
      for (const other of [byQueue, daily, hourly]) expect(sum(other, name)).toBe(expected);
    }
    expect(daily[0]!.data.length).toBeGreaterThanOrEqual(8);
    expect(daily[0]!.data[0]!.interval).toBe(
      `${new Date(T0 - 10 * DAY).toISOString()}/${new Date(T0 - 9 * DAY).toISOString()}`,
    );

    const agents = queryAggregates(org, {
      interval,
      groupBy: ['userId', 'queueId', 'mediaType'],
      metrics: ['nOffered', 'nConnected', 'tHandle', 'tAlert'],
    }).results;
    // Genesys attributes offers to queues only: a group with a userId has no nOffered; tAlert counts the offers
    expect(sum(agents, 'nOffered')).toBe(0);
    const streams = queryAggregates(org, {
      interval,
      groupBy: ['queueId', 'mediaType'],
      metrics: ['nConnected', 'tHandle'],
    }).results;
    for (const s of streams) {
      const mine = agents.filter(
        (a) => a.group.queueId === s.group.queueId && a.group.mediaType === s.group.mediaType,
      );
      // answers near the interval's cut fall on the other side for agents (answer time) than for queues (arrival)
      expect(Math.abs(sum(mine, 'nConnected') - metric(s, 'nConnected')!.count!)).toBeLessThanOrEqual(2);
      // agent times are daily: cutting a day spreads an agent's handle time by their answered count
      expect(Math.abs(sum(mine, 'tHandle', 'sum') / metric(s, 'tHandle')!.sum! - 1)).toBeLessThan(0.05);
      expect(sum(mine, 'tAlert')).toBeGreaterThanOrEqual(sum(mine, 'nConnected'));
    }
    const agentDaily = queryAggregates(org, {
      interval,
      granularity: 'PT30M',
      groupBy: ['userId'],
      metrics: ['nConnected'],
    }).results;
    // an agent's answer counts in the slot it was answered, a conversation in the slot it arrived: the two
    // differ only by the contacts answered across the interval's cut
    expect(Math.abs(sum(agentDaily, 'nConnected') - sum(total, 'nConnected'))).toBeLessThanOrEqual(
      Math.max(3, 0.003 * sum(total, 'nConnected')),
    );
  });

  it('agrees exactly from agents to queues over whole days', () => {
    const midnight = Math.floor(T0 / DAY) * DAY;
    const interval = `${new Date(midnight - 7 * DAY).toISOString()}/${new Date(midnight).toISOString()}`;
    const agents = queryAggregates(org, {
      interval,
      granularity: 'P1D',
      groupBy: ['userId', 'queueId'],
      metrics: ['nConnected', 'tHandle'],
    }).results;
    // by queue: a contact requesting two skills counts under each when grouped by skill
    const skills = queryAggregates(org, {
      interval,
      granularity: 'P1D',
      groupBy: ['queueId'],
      metrics: ['nConnected', 'tHandle'],
    }).results;
    expect(sum(agents, 'nConnected')).toBe(sum(skills, 'nConnected'));
    expect(sum(agents, 'tHandle', 'sum') / sum(skills, 'tHandle', 'sum')).toBeCloseTo(1, 4);
  });

  it('counts a two-skill contact under each requested skill, for queues and for agents alike', () => {
    const midnight = Math.floor(T0 / DAY) * DAY;
    const interval = `${new Date(midnight - 7 * DAY).toISOString()}/${new Date(midnight).toISOString()}`;
    const pairs = org.streams.filter((s) => s.skillIds.length === 2);
    expect(pairs.length).toBeGreaterThan(0);
    const body = (groupBy: string[]) => ({
      interval,
      granularity: 'P1D',
      groupBy,
      metrics: ['nConnected', 'tAlert'],
    });
    const bySkill = queryAggregates(org, body(['queueId', 'requestedRoutingSkillId'])).results;
    const agentBySkill = queryAggregates(org, body(['userId', 'requestedRoutingSkillId'])).results;
    const byQueue = queryAggregates(org, body(['queueId'])).results;
    const skillOf = (list: AggregateResult[], id: string) =>
      list.filter((r) => r.group.requestedRoutingSkillId === id);
    for (const stream of pairs) {
      for (const id of stream.skillIds) {
        const queues = sum(skillOf(bySkill, id), 'nConnected');
        expect(queues).toBeGreaterThan(0);
        // whole days: what agents answered equals what the queues answered, skill by skill
        expect(sum(skillOf(agentBySkill, id), 'nConnected')).toBe(queues);
      }
    }
    // each two-skill contact counts twice, no-skill contacts not at all
    const split = sum(bySkill, 'nConnected');
    expect(split).toBeGreaterThan(
      sum(byQueue, 'nConnected') -
        sum(
          queryAggregates(org, {
            ...body(['queueId']),
            filter: {
              type: 'and',
              predicates: [{ dimension: 'requestedRoutingSkillId', operator: 'notExists' }],
            },
          }).results,
          'nConnected',
        ),
    );
    expect(sum(agentBySkill, 'nConnected')).toBe(split);
    expect(
      agentBySkill.every((r) => r.data.every((d) => d.metrics.every((m) => m.metric !== 'nOffered'))),
    ).toBe(true);
  });

  it('splits answered contacts over wrap-up codes named after topics', () => {
    const interval = last(7);
    const plain = queryAggregates(org, {
      interval,
      groupBy: ['queueId'],
      metrics: ['nOffered', 'nConnected', 'tHandle', 'tAbandon'],
    }).results;
    const codes = queryAggregates(org, {
      interval,
      groupBy: ['queueId', 'wrapUpCode'],
      metrics: ['nOffered', 'nConnected', 'tHandle'],
    }).results;
    // contacts still waiting (emails) have no wrap-up code yet
    expect(sum(codes, 'nOffered')).toBe(sum(plain, 'nConnected') + sum(plain, 'tAbandon'));
    expect(sum(codes, 'nOffered')).toBeLessThanOrEqual(sum(plain, 'nOffered'));
    expect(sum(codes, 'nConnected')).toBe(sum(plain, 'nConnected'));
    const names = new Set(
      codes.map((c) => org.wrapups.find((w) => w.id === c.group.wrapUpCode)?.name).filter(Boolean),
    );
    expect(names).toContain('Password Reset');
    expect(names).toContain('Billing Dispute');
    const billing = org.wrapups.find((w) => w.name === 'Billing Dispute')!;
    const filtered = queryAggregates(org, {
      interval,
      metrics: ['nConnected'],
      filter: { type: 'and', predicates: [{ dimension: 'wrapUpCode', value: billing.id }] },
    }).results;
    expect(sum(filtered, 'nConnected')).toBe(
      sum(
        codes.filter((c) => c.group.wrapUpCode === billing.id),
        'nConnected',
      ),
    );
  });

  it('filters on dimensions with and/or clauses', () => {
    const [a, b] = org.queues;
    const both = queryAggregates(org, {
      interval: last(3),
      groupBy: ['queueId'],
      metrics: ['nOffered'],
      filter: {
        type: 'or',
        predicates: [
          { dimension: 'queueId', value: a!.id },
          { dimension: 'queueId', value: b!.id },
        ],
      },
    }).results;
    expect(both.map((r) => r.group.queueId).sort()).toEqual([a!.id, b!.id].sort());
    const none = queryAggregates(org, {
      interval: last(3),
      metrics: ['nOffered'],
      filter: {
        type: 'and',
        clauses: [
          {
            type: 'and',
            predicates: [
              { dimension: 'queueId', value: a!.id },
              { dimension: 'queueId', value: b!.id },
            ],
          },
        ],
      },
    }).results;
    expect(none).toEqual([]);
  });
});

describe('the seeded org’s built-in imbalances', () => {
  const interval = last(30);
  const stats = (dimension: 'requestedRoutingSkillId' | 'requestedLanguageId') => {
    const results = queryAggregates(org, {
      interval,
      groupBy: [dimension],
      metrics: ['nOffered', 'oServiceLevel'],
    }).results;
    return new Map(
      results.map((r) => [
        r.group[dimension],
        { offered: metric(r, 'nOffered')!.count!, sl: metric(r, 'oServiceLevel')!.ratio! },
      ]),
    );
  };
  const active = () => org.users.filter((u) => u.state === 'active');
  const holders = (skillId: string) => active().filter((u) => u.skills.has(skillId)).length;
  const speakers = (languageId: string) => active().filter((u) => u.languages.has(languageId)).length;

  it('has an under-staffed language: few speakers, real volume, service level far below target', () => {
    const under = org.roles.under!;
    const figures = stats('requestedLanguageId').get(under.id)!;
    expect(speakers(under.id) / active().length).toBeLessThan(0.1);
    expect(figures.offered).toBeGreaterThan(1000);
    expect(figures.sl).toBeLessThan(0.5);
  });

  it('has an over-staffed language: many speakers, little volume', () => {
    const over = org.roles.over!;
    const figures = stats('requestedLanguageId');
    const total = [...stats('requestedRoutingSkillId').values()].reduce((a, s) => a + s.offered, 0);
    expect(speakers(over.id)).toBeGreaterThan(3 * speakers(org.roles.under!.id));
    expect(figures.get(over.id)!.offered / total).toBeLessThan(0.01);
  });

  it('keeps languages apart from skills', () => {
    const skillNames = new Set(org.skills.map((s) => s.name));
    expect(org.languages.map((l) => l.name)).toEqual(expect.arrayContaining(['Spanish', 'French']));
    for (const language of org.languages) expect(skillNames.has(language.name)).toBe(false);
    expect(org.streams.some((s) => s.languageId === org.roles.under!.id && s.skillIds.length === 1)).toBe(
      true,
    );
  });

  it('has agents holding skills they never use', () => {
    const unused = org.roles.unused!;
    expect(org.queues.some((q) => q.requests.some((r) => r.skillIds.includes(unused.id)))).toBe(false);
    expect(holders(unused.id)).toBeGreaterThan(5);
    const agents = queryAggregates(org, {
      interval,
      groupBy: ['userId', 'requestedRoutingSkillId'],
      metrics: ['tAlert'],
    }).results;
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.some((a) => a.group.requestedRoutingSkillId === unused.id)).toBe(false);
  });

  it('has a few agents who answer few of the alerts for a skill', () => {
    const agents = queryAggregates(org, {
      interval,
      groupBy: ['userId', 'requestedRoutingSkillId'],
      metrics: ['tAlert', 'nConnected'],
    }).results;
    // offers to an agent are their alerts (tAlert counts), as in Genesys
    const rate = (a: AggregateResult) => metric(a, 'nConnected')!.count! / metric(a, 'tAlert')!.count!;
    const handled = agents.filter((a) => (metric(a, 'nConnected')?.count ?? 0) > 10);
    const poor = handled.filter((a) => rate(a) < 0.3);
    expect(poor.length).toBeGreaterThanOrEqual(2);
    expect(poor.length).toBeLessThan(handled.length * 0.1);
    const busy = handled.filter((a) => metric(a, 'tAlert')!.count! > 100);
    expect(busy.filter((a) => rate(a) > 0.85).length).toBeGreaterThan(busy.length / 2);
  });

  it('keeps noisy weights for every queue × requested skill in the data table', () => {
    const table = org.tables.find((t) => t.name === 'Routing Skill Weights')!;
    const byStream = queryAggregates(org, {
      interval,
      groupBy: ['queueId', 'requestedRoutingSkillId'],
      metrics: ['nOffered'],
    }).results;
    const pairs: [number, number][] = [];
    for (const r of byStream) {
      // contacts requesting no skill have no row: the flow leaves them at the default priority
      if (r.group.requestedRoutingSkillId === undefined) continue;
      const key = `${org.queues.find((q) => q.id === r.group.queueId)!.name}|${org.skillName(r.group.requestedRoutingSkillId)}`;
      const weight = table.rows.get(key)?.weight;
      expect(Number.isInteger(weight), key).toBe(true);
      pairs.push([weight as number, metric(r, 'nOffered')!.count!]);
    }
    expect(Math.abs(rankCorrelation(pairs))).toBeLessThan(0.8);
  });
});

function rankCorrelation(pairs: [number, number][]): number {
  const rank = (values: number[]) => {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const out = new Array<number>(values.length);
    order.forEach(([, i], r) => (out[i] = r));
    return out;
  };
  const a = rank(pairs.map((p) => p[0]));
  const b = rank(pairs.map((p) => p[1]));
  const n = pairs.length;
  const d2 = a.reduce((acc, r, i) => acc + (r - (b[i] ?? 0)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('query limits', () => {
  it('accepts up to 31 days and rejects longer intervals with 400', () => {
    expect(() => queryAggregates(org, { interval: last(31), metrics: ['nOffered'] })).not.toThrow();
    expect(() =>
      queryAggregates(org, {
        interval: `${new Date(T0 - 31 * DAY - 1).toISOString()}/${new Date(T0).toISOString()}`,
        metrics: ['nOffered'],
      }),
    ).toThrow(expect.objectContaining({ status: 400, apiCode: 'analytics.query.interval.too.long' }));
    expect(() => queryAggregates(org, { interval: last(8), metrics: ['nOffered'] }, 7)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
