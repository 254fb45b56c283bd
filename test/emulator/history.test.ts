import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, start, T0, token, type Json, type TestClock } from './helpers.js';

const DAY = 86_400_000;
const SLOT = 1_800_000;

async function languageServiceLevel(
  emulator: RunningEmulator,
  bearer: string,
  languageId: string,
  end: number,
) {
  const answer = await call(emulator, 'POST', '/api/v2/analytics/conversations/aggregates/query', {
    token: bearer,
    body: {
      interval: `${new Date(end - 30 * DAY).toISOString()}/${new Date(end).toISOString()}`,
      metrics: ['nOffered', 'oServiceLevel', 'tWait'],
      filter: {
        type: 'and',
        predicates: [
          { type: 'dimension', dimension: 'requestedLanguageId', operator: 'matches', value: languageId },
        ],
      },
    },
  });
  expect(answer.status).toBe(200);
  const metrics = answer.body.results[0].data[0].metrics as {
    metric: string;
    stats: Record<string, number>;
  }[];
  const get = (name: string) => metrics.find((m) => m.metric === name)!.stats;
  return {
    sl: get('oServiceLevel').ratio!,
    asa: get('tWait').sum! / get('tWait').count! / 1000,
    offered: get('nOffered').count!,
  };
}

describe('advance: more history with the org as configured now', () => {
  let changed: RunningEmulator;
  let control: RunningEmulator;

  beforeAll(async () => {
    ({ emulator: changed } = await start());
    ({ emulator: control } = await start());
  });

  afterAll(async () => {
    await Promise.all([changed.close(), control.close()]);
  });

  it('shows the effect of adding speakers of the under-staffed language, and the history still ends at now', async () => {
    const org = changed.org;
    const under = org.roles.under!;
    const admin = await token(changed, 'admin-ui', 'admin-ui-secret');
    const api = await token(changed);
    const end = Math.floor(T0 / SLOT) * SLOT;
    const before = await languageServiceLevel(changed, api, under.id, end);

    const requesting = org.queues.filter((q) => q.requests.some((r) => r.languageId === under.id));
    let added = 0;
    for (const queue of requesting) {
      const wanted = queue.requests.find((r) => r.languageId === under.id)!.skillIds;
      const members = org.users
        .filter(
          (u) =>
            queue.memberIds.includes(u.id) &&
            !u.languages.has(under.id) &&
            wanted.every((id) => u.skills.has(id)),
        )
        .slice(0, 6);
      for (const user of members) {
        const answer = await call(changed, 'PATCH', `/api/v2/users/${user.id}/routinglanguages/bulk`, {
          token: admin,
          body: [{ id: under.id, proficiency: 3 }],
        });
        expect(answer.status).toBe(200);
        added++;
      }
    }
    expect(added).toBeGreaterThan(10);

    const advanced = await call(changed, 'POST', '/__emulator/advance', { body: { days: 30 } });
    await call(control, 'POST', '/__emulator/advance', { body: { days: 30 } });
    expect(advanced.status).toBe(200);
    expect(advanced.body).toMatchObject({
      days: 30,
      slots: 1440,
      now: new Date(T0).toISOString(),
      historyEnd: new Date(Math.floor(T0 / SLOT) * SLOT).toISOString(),
      historyStart: new Date(Math.floor(T0 / SLOT) * SLOT - 60 * DAY).toISOString(),
    });
    expect(advanced.body.offered).toBeGreaterThan(0);

    const after = await languageServiceLevel(changed, api, under.id, end);
    const unchanged = await languageServiceLevel(control, await token(control), under.id, end);
    expect(after.sl).toBeGreaterThan(before.sl + 0.15);
    expect(after.asa).toBeLessThan(before.asa * 0.8);
    expect(Math.abs(unchanged.sl - before.sl)).toBeLessThan(0.08);
    expect(after.offered / before.offered).toBeGreaterThan(0.85);
    expect(after.offered / before.offered).toBeLessThan(1.15);

    // the older history moved back: the 30 days before the new ones are the original month
    const older = await languageServiceLevel(changed, api, under.id, end - 30 * DAY);
    expect(older.offered).toBe(before.offered);
    expect(older.sl).toBeCloseTo(before.sl, 10);
  });

  it('rejects bad advance requests', async () => {
    for (const body of [{}, { days: 0 }, { days: 1.5 }, { days: 'ten' }]) {
      expect((await call(changed, 'POST', '/__emulator/advance', { body })).status).toBe(400);
    }
  });
});

describe('the history follows the clock', () => {
  let emulator: RunningEmulator;
  let clock: TestClock;

  beforeAll(async () => {
    ({ emulator, clock } = await start({ users: 80, queues: 3, skills: 6, days: 5 }));
  });

  afterAll(async () => {
    await emulator.close();
  });

  const state = async () =>
    (
      await call<{ now: string; history: { start: string; end: string } }>(
        emulator,
        'GET',
        '/__emulator/state',
      )
    ).body;

  it('ends at the current 30-minute slot and grows as time passes', async () => {
    const first = await state();
    expect(first.now).toBe(new Date(T0).toISOString());
    expect(first.history).toEqual({
      start: new Date(Math.floor(T0 / SLOT) * SLOT - 5 * DAY).toISOString(),
      end: new Date(Math.floor(T0 / SLOT) * SLOT).toISOString(),
    });
    const bearer = await token(emulator);
    const recent = async () =>
      (
        await call(emulator, 'POST', '/api/v2/analytics/conversations/aggregates/query', {
          token: bearer,
          body: {
            interval: `${new Date(clock.ms - 3 * 3_600_000).toISOString()}/${new Date(clock.ms + DAY).toISOString()}`,
            granularity: 'PT30M',
            metrics: ['nOffered'],
          },
        })
      ).body.results[0].data.map((d: { interval: string }) => d.interval) as string[];
    const before = await recent();
    clock.advance(3 * 3600);
    const after = await recent();
    expect(after.length).toBeGreaterThan(4);
    expect(after.at(-1)).not.toEqual(before.at(-1));
    const lastStart = Date.parse(after.at(-1)!.split('/')[0]!);
    expect(lastStart).toBeLessThan(clock.ms);
    expect(clock.ms - lastStart).toBeLessThanOrEqual(2 * SLOT);
    expect((await state()).history.end).toBe(new Date(Math.floor(clock.ms / SLOT) * SLOT).toISOString());
  });

  it('moves the history back by whole days when the clock goes back', async () => {
    clock.ms = T0 - 2 * DAY;
    const moved = await state();
    expect(moved.history.end).toBe(new Date(Math.floor(clock.ms / SLOT) * SLOT).toISOString());
    clock.ms = T0;
  });
});

describe('determinism', () => {
  it('builds the same org and history for the same seed, and another for another seed', async () => {
    const [a, b, c] = await Promise.all([
      start({ seed: 7, users: 60 }),
      start({ seed: 7, users: 60 }),
      start({ seed: 8, users: 60 }),
    ]);
    try {
      const query = {
        interval: `${new Date(T0 - 7 * DAY).toISOString()}/${new Date(T0).toISOString()}`,
        granularity: 'P1D',
        groupBy: ['queueId', 'userId'],
        metrics: ['nOffered', 'nConnected', 'tHandle'],
      };
      const answers = await Promise.all(
        [a, b, c].map(async ({ emulator }) => {
          const state = (await call(emulator, 'GET', '/__emulator/state')).body;
          const bearer = await token(emulator);
          const analytics = (
            await call(emulator, 'POST', '/api/v2/analytics/conversations/aggregates/query', {
              token: bearer,
              body: query,
            })
          ).body;
          return { state, analytics };
        }),
      );
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]!.state.users.map((u: { email: string }) => u.email)).not.toEqual(
        answers[0]!.state.users.map((u: { email: string }) => u.email),
      );
      expect(answers[0]!.state.users[0].email).toMatch(/^[a-z]+\.[a-z]+\d*@[a-z]+\.example$/);
    } finally {
      await Promise.all([a, b, c].map(({ emulator }) => emulator.close()));
    }
  });
});

describe('audits', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    ({ emulator } = await start({ users: 40, queues: 2, skills: 4, days: 1 }));
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('attribute changes to the API client or to the colleague in the admin UI', async () => {
    const [u1, u2] = emulator.org.users;
    const skill = emulator.org.skills[0]!;
    const api = await token(emulator);
    const admin = await token(emulator, 'admin-ui', 'admin-ui-secret');
    await call(emulator, 'PATCH', `/api/v2/users/${u1!.id}/routingskills/bulk`, {
      token: api,
      body: [{ id: skill.id, proficiency: 4.5 }],
    });
    await call(emulator, 'DELETE', `/api/v2/users/${u2!.id}/routingskills/${[...u2!.skills.keys()][0]!}`, {
      token: admin,
    });
    const interval = `${new Date(T0 - DAY).toISOString()}/${new Date(T0 + 60_000).toISOString()}`;
    const query = async (filters: { property: string; value: string }[]) =>
      (
        await call<{ entities: Json[] }>(emulator, 'POST', '/api/v2/audits/query/realtime', {
          token: api,
          body: { interval, serviceName: 'Routing', filters },
        })
      ).body;

    const mine = await query([{ property: 'EntityId', value: u1!.id }]);
    expect(mine.entities).toHaveLength(1);
    expect(mine.entities[0]).toMatchObject({
      user: { name: 'routing-gitops' },
      client: { id: 'emulator-client' },
      entityType: 'User',
      entity: { id: u1!.id, name: u1!.name },
      eventDate: new Date(T0).toISOString(),
    });
    expect(mine.entities[0].propertyChanges).toEqual([
      { property: `routingSkills.${skill.name}`, oldValues: expect.any(Array), newValues: ['4.5'] },
    ]);

    const drift = await query([{ property: 'ClientId', value: 'admin-ui' }]);
    expect(drift.entities).toHaveLength(1);
    expect(drift.entities[0]).toMatchObject({
      user: { name: 'Dana Admin' },
      action: 'Delete',
      entity: { id: u2!.id },
    });

    const outside = await call(emulator, 'POST', '/api/v2/audits/query/realtime', {
      token: api,
      body: { interval: `${new Date(T0 - 3 * DAY).toISOString()}/${new Date(T0 - 2 * DAY).toISOString()}` },
    });
    expect(outside.body.total).toBe(0);
    emulator.org.audits[0]!.eventDate = new Date(T0 - 15 * DAY).toISOString();
    const wide = await call(emulator, 'POST', '/api/v2/audits/query/realtime', {
      token: api,
      body: { interval: `${new Date(T0 - 20 * DAY).toISOString()}/${new Date(T0 + DAY).toISOString()}` },
    });
    expect(wide.status).toBe(200);
    expect(wide.body.total).toBe(1);
  });
});
