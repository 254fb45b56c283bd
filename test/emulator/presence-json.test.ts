import { describe, expect, it } from 'vitest';
import { queryUserAggregates, userAggregatesJson } from '../../src/emulator/analytics/presence.js';
import { JsonBytes } from '../../src/emulator/http/json-bytes.js';
import { EmulatorOrg } from '../../src/emulator/org.js';
import { simulateHistory } from '../../src/emulator/parallel.js';
import { T0 } from './helpers.js';

const DAY = 86_400_000;
const SLOT = 1_800_000;
const options = { seed: 3, users: 60, queues: 3, skills: 5, days: 4, now: () => new Date(T0) };
const iso = (ms: number) => new Date(ms).toISOString();

describe('users aggregates written as bytes', () => {
  const org = new EmulatorOrg(options);
  const ids = org.users.slice(0, 30).map((u) => u.id);
  const filter = { type: 'or', predicates: ids.map((value) => ({ dimension: 'userId', value })) };
  const bodies = [
    {
      interval: `${iso(T0 - 4 * DAY)}/${iso(T0)}`,
      granularity: 'PT30M',
      groupBy: ['userId'],
      metrics: ['tAgentRoutingStatus'],
      filter,
    },
    {
      interval: `${iso(T0 - 3 * DAY + 3 * SLOT)}/${iso(T0 - 5 * SLOT)}`,
      granularity: 'PT2H',
      groupBy: ['userId'],
      metrics: ['tSystemPresence', 'tAgentRoutingStatus', 'tOrganizationPresence'],
    },
    {
      interval: `${iso(T0 - 4 * DAY)}/${iso(T0)}`,
      granularity: 'P1D',
      timeZone: 'America/New_York',
      metrics: ['tAgentRoutingStatus', 'tSystemPresence'],
      filter,
    },
    {
      interval: `${iso(T0 - 4 * DAY)}/${iso(T0)}`,
      groupBy: ['userId'],
      metrics: ['tSystemPresence'],
      filter: { type: 'and', predicates: [{ dimension: 'userId', value: ids[2] }] },
    },
    {
      interval: `${iso(T0 + DAY)}/${iso(T0 + 2 * DAY)}`,
      groupBy: ['userId'],
      metrics: ['tAgentRoutingStatus'],
    },
  ];

  it('are the bytes JSON.stringify gives for the same answer as objects', () => {
    for (const body of bodies) {
      const objects = queryUserAggregates(org, body) as { results: { data: unknown[] }[] };
      expect(userAggregatesJson(org, body).toString('utf8')).toBe(JSON.stringify(objects));
    }
    const first = queryUserAggregates(org, bodies[0]) as { results: { data: unknown[] }[] };
    expect(first.results.length).toBeGreaterThan(10);
    expect(first.results.length).toBeLessThanOrEqual(30);
  });

  it('are the same whether the history was simulated up front or on first read', async () => {
    const upFront = new EmulatorOrg(options);
    await simulateHistory(upFront, () => undefined);
    expect(upFront.history.days.every((b) => b.simulated)).toBe(true);
    for (const body of bodies)
      expect(userAggregatesJson(upFront, body).toString('utf8')).toBe(
        userAggregatesJson(org, body).toString('utf8'),
      );
  });
});

describe('JsonBytes', () => {
  it('writes numbers and strings as JSON.stringify does', () => {
    const values = [0, 7, 10, 99, 100, 123456789, -42, 2 ** 53 - 1, 1.5, -0, Number.NaN, 1e21];
    const out = new JsonBytes(4);
    out.raw('[');
    values.forEach((v, i) => (i > 0 ? out.raw(',') : out).number(v));
    out.raw(',').string('é "q"\n').raw(']');
    expect(out.bytes().toString('utf8')).toBe(JSON.stringify([...values, 'é "q"\n']));
  });
});
