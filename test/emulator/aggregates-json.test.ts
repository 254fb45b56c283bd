import { describe, expect, it } from 'vitest';
import { aggregatesJson } from '../../src/emulator/analytics/aggregates-json.js';
import { queryAggregates } from '../../src/emulator/analytics/engine.js';
import { CONVERSATION_METRICS, USER_METRICS } from '../../src/emulator/analytics/metrics.js';
import { EmulatorOrg } from '../../src/emulator/org.js';
import { validateResponse } from '../support/openapi.js';
import { T0 } from './helpers.js';

const DAY = 86_400_000;
const SLOT = 1_800_000;
const PATH = '/api/v2/analytics/conversations/aggregates/query';
const iso = (ms: number) => new Date(ms).toISOString();

describe('conversation aggregates written as bytes', () => {
  const org = new EmulatorOrg({ seed: 5, users: 60, queues: 4, skills: 6, days: 4, now: () => new Date(T0) });
  const last4Days = `${iso(T0 - 4 * DAY)}/${iso(T0)}`;
  const cut = `${iso(T0 - 3 * DAY + 3 * SLOT + 7 * 60_000)}/${iso(T0 - 5 * SLOT)}`;
  const queueId = org.queues[1]!.id;
  const userIds = org.users.slice(0, 12).map((u) => u.id);
  const groupings = [
    [],
    ['queueId'],
    ['queueId', 'mediaType', 'requestedRoutingSkillId', 'requestedLanguageId'],
    ['mediaType', 'queueId', 'requestedLanguageId'],
    ['queueId', 'wrapUpCode'],
    ['requestedRoutingSkillId'],
    ['userId'],
    ['userId', 'requestedRoutingSkillId'],
  ];
  const shapes: Record<string, unknown>[] = [
    { interval: last4Days, granularity: 'PT30M' },
    { interval: cut, granularity: 'PT2H' },
    { interval: last4Days, granularity: 'P1D', timeZone: 'America/New_York' },
    { interval: cut },
  ];
  // every grouping in every shape, with every metric either mode answers (and one it never does)
  const metrics = [...new Set([...CONVERSATION_METRICS, ...USER_METRICS]), 'tFlowOut'];
  const bodies: Record<string, unknown>[] = groupings.flatMap((groupBy) =>
    shapes.map((shape) => ({ ...shape, groupBy, metrics })),
  );
  bodies.push(
    // filtered: one queue's voice, a few agents, and nothing at all
    {
      interval: last4Days,
      granularity: 'PT30M',
      groupBy: ['requestedRoutingSkillId'],
      metrics: ['oServiceLevel', 'nOffered'],
      filter: {
        type: 'and',
        predicates: [
          { dimension: 'queueId', value: queueId },
          { dimension: 'mediaType', value: 'voice' },
        ],
      },
    },
    {
      interval: cut,
      granularity: 'PT30M',
      groupBy: ['userId'],
      metrics: ['tAlert', 'tHandle', 'tNotResponding'],
      filter: { type: 'or', predicates: userIds.map((value) => ({ dimension: 'userId', value })) },
    },
    {
      interval: last4Days,
      groupBy: ['queueId'],
      metrics: ['nOffered'],
      filter: { type: 'and', predicates: [{ dimension: 'queueId', value: 'no-such-queue' }] },
    },
    // after the history: no results
    { interval: `${iso(T0 + DAY)}/${iso(T0 + 2 * DAY)}`, groupBy: ['queueId'], metrics: ['nOffered'] },
  );

  it('are the bytes JSON.stringify gives for the answer built as objects', () => {
    let nonEmpty = 0;
    for (const body of bodies) {
      const objects = queryAggregates(org, body);
      if (objects.results.length > 0) nonEmpty++;
      expect(aggregatesJson(org, body).toString('utf8'), JSON.stringify(body)).toBe(JSON.stringify(objects));
    }
    expect(nonEmpty).toBeGreaterThan(bodies.length - 4);
  });

  it('write ratios, targets and absent metrics as the object path does', () => {
    const text = aggregatesJson(org, {
      interval: last4Days,
      metrics: ['oServiceLevel', 'tFlowOut'],
    }).toString();
    const answer = JSON.parse(text) as {
      results: { data: { metrics: { stats: Record<string, number> }[] }[] }[];
    };
    const stats = answer.results[0]!.data[0]!.metrics[0]!.stats;
    expect(stats.ratio).toBeCloseTo(stats.numerator! / stats.denominator!, 12);
    expect(stats.ratio).not.toBe(Math.round(stats.ratio!)); // a fraction, written as JSON.stringify does
    expect(answer.results[0]!.data[0]!.metrics).toHaveLength(1); // tFlowOut has no figures in the emulator
    const byQueue = queryAggregates(org, {
      interval: last4Days,
      groupBy: ['queueId'],
      metrics: ['oServiceLevel'],
    });
    const targets = new Set(byQueue.results.map((r) => r.data[0]!.metrics[0]!.stats.target));
    // queues with different targets: the whole-org figure carries none
    if (targets.size > 1) expect(stats.target).toBeUndefined();
    else expect(stats.target).toBe([...targets][0]);
  });

  it('are valid ConversationAggregateQueryResponse answers', () => {
    for (const body of bodies) {
      const answer: unknown = JSON.parse(aggregatesJson(org, body).toString('utf8'));
      expect(validateResponse('POST', PATH, 200, answer), JSON.stringify(body)).toEqual([]);
    }
  });

  it('refuse what the object path refuses, with the same error', () => {
    for (const body of [
      { interval: last4Days, groupBy: ['userId', 'wrapUpCode'], metrics: ['nOffered'] },
      { interval: last4Days, metrics: [] },
      { interval: `${iso(T0 - 40 * DAY)}/${iso(T0)}`, metrics: ['nOffered'] },
    ]) {
      let message = '';
      try {
        queryAggregates(org, body);
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      expect(message).not.toBe('');
      expect(() => aggregatesJson(org, body)).toThrow(message);
    }
  });
});
