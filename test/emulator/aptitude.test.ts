import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import type { OrgUser, Stream } from '../../src/emulator/model.js';
import { Rng } from '../../src/emulator/random.js';
import { aptitudeFor, fitFor } from '../../src/emulator/roster.js';
import { proficiency } from '../../src/emulator/seed-users.js';
import { call, start, T0, token, type Json } from './helpers.js';

const DAY = 86_400_000;
const SLOT = 1_800_000;
const END = Math.floor(T0 / SLOT) * SLOT;
const SMALL = { seed: 7, users: 50, queues: 3, skills: 5, days: 3 } as const;

/** Handle time, service level and waits per queue and media, per day, over the given days before `end`. */
async function aggregates(emulator: RunningEmulator, end: number, days: number): Promise<Json> {
  const answer = await call(emulator, 'POST', '/api/v2/analytics/conversations/aggregates/query', {
    token: await token(emulator),
    body: {
      interval: `${new Date(end - days * DAY).toISOString()}/${new Date(end).toISOString()}`,
      granularity: 'P1D',
      groupBy: ['queueId', 'mediaType'],
      metrics: ['nOffered', 'nConnected', 'tHandle', 'tTalk', 'tAcw', 'tWait', 'oServiceLevel'],
    },
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

const digest = (body: Json) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

describe('handle-time aptitude: history of an org nobody has written to', () => {
  it('is the history the emulator gave before aptitude was hidden (digest recorded from that code)', async () => {
    const { emulator } = await start(SMALL);
    try {
      const body = await aggregates(emulator, END, SMALL.days);
      expect(body.results.length).toBeGreaterThan(3);
      // recorded by running this test on the code before the change (commit b31375c), not typed by hand
      expect(digest(body)).toMatchSnapshot();
    } finally {
      await emulator.close();
    }
  });
});

/** Writes every skill each user holds at `proficiency` through the API (PATCH …/routingskills/bulk). */
async function rateEveryone(emulator: RunningEmulator, proficiency: number): Promise<number> {
  const bearer = await token(emulator);
  let written = 0;
  for (const user of emulator.org.users) {
    if (user.skills.size === 0) continue;
    const body = [...user.skills.keys()].map((id) => ({ id, proficiency }));
    const answer = await call(emulator, 'PATCH', `/api/v2/users/${user.id}/routingskills/bulk`, {
      token: bearer,
      body,
    });
    expect(answer.status).toBe(200);
    written += body.length;
  }
  return written;
}

describe('handle-time aptitude: the configured proficiency is a rating, not speed', () => {
  let rated: RunningEmulator;
  let untouched: RunningEmulator;

  beforeAll(async () => {
    [{ emulator: rated }, { emulator: untouched }] = await Promise.all([start(SMALL), start(SMALL)]);
  });

  afterAll(async () => {
    await Promise.all([rated.close(), untouched.close()]);
  });

  it('rating every held skill 5 through the API leaves the handle times and service level of the next days as they were', async () => {
    const below5 = rated.org.users.flatMap((u) => [...u.skills.values()]).filter((p) => p < 5).length;
    expect(below5).toBeGreaterThan(20); // the old code would have made these agents faster
    expect(await rateEveryone(rated, 5)).toBeGreaterThan(below5);
    const bearer = await token(rated);
    const someone = rated.org.users.find((u) => u.skills.size > 0)!;
    const read = await call(rated, 'GET', `/api/v2/users/${someone.id}/routingskills`, { token: bearer });
    for (const s of read.body.entities as { proficiency: number }[]) expect(s.proficiency).toBe(5);

    for (const emulator of [rated, untouched]) {
      expect((await call(emulator, 'POST', '/__emulator/advance', { body: { days: 3 } })).status).toBe(200);
    }
    const [after, control] = await Promise.all([aggregates(rated, END, 3), aggregates(untouched, END, 3)]);
    const handled: Json[] = (control.results as Json[]).flatMap((r: Json): Json[] => r.data as Json[]);
    expect(
      handled.some((d) => d.metrics.some((m: Json) => m.metric === 'tHandle' && m.stats.count > 0)),
    ).toBe(true);
    expect(after).toEqual(control);
  });
});

describe('handle-time aptitude: a skill added later through the API', () => {
  /** A rostered user and a stream of one of their queues that lacks exactly one requested skill. */
  function lackingOne(
    users: OrgUser[],
    streams: Stream[],
  ): { user: OrgUser; stream: Stream; skillId: string } {
    for (const user of users) {
      if (user.state !== 'active' || !user.shift) continue;
      for (const stream of streams) {
        if (!user.queueIds.includes(stream.queueId) || stream.languageId !== undefined) continue;
        const missing = stream.skillIds.filter((id) => !user.skills.has(id));
        if (missing.length === 1) return { user, stream, skillId: missing[0]! };
      }
    }
    throw new Error('no user lacks exactly one skill of a stream of their queue');
  }

  it('works at a hidden aptitude drawn per user and skill: the same for the same seed, whatever proficiency is written, and again after removal and re-adding', async () => {
    const [a, b] = await Promise.all([start(SMALL), start(SMALL)]);
    try {
      const { user, stream, skillId } = lackingOne(a.emulator.org.users, a.emulator.org.streams);
      expect(user.aptitude.has(skillId)).toBe(false);
      const path = `/api/v2/users/${user.id}/routingskills/${skillId}`;
      const [ta, tb] = await Promise.all([token(a.emulator), token(b.emulator)]);
      const put = async (emulator: RunningEmulator, bearer: string, proficiency: number) =>
        expect(
          (await call(emulator, 'PUT', path, { token: bearer, body: { id: skillId, proficiency } })).status,
        ).toBe(200);
      await put(a.emulator, ta, 1);
      await put(b.emulator, tb, 5);
      const first = fitFor(user, stream).factor;
      const other = b.emulator.org.users.find((u) => u.id === user.id)!;
      expect(fitFor(other, stream).factor).toBe(first);

      // measured through the API: the user's handle time on the following days is the same in both orgs
      for (const emulator of [a.emulator, b.emulator]) {
        expect((await call(emulator, 'POST', '/__emulator/advance', { body: { days: 2 } })).status).toBe(200);
      }
      const handle = async (emulator: RunningEmulator, bearer: string): Promise<Json> =>
        (
          await call(emulator, 'POST', '/api/v2/analytics/conversations/aggregates/query', {
            token: bearer,
            body: {
              interval: `${new Date(END - 2 * DAY).toISOString()}/${new Date(END).toISOString()}`,
              groupBy: ['userId'],
              metrics: ['tHandle', 'nConnected'],
              filter: {
                type: 'and',
                predicates: [{ type: 'dimension', dimension: 'userId', operator: 'matches', value: user.id }],
              },
            },
          })
        ).body;
      const ha = await handle(a.emulator, ta);
      expect(ha.results.length).toBe(1);
      expect(await handle(b.emulator, tb)).toEqual(ha);

      // removed and added back (at yet another rating): the same aptitude
      expect((await call(a.emulator, 'DELETE', path, { token: ta })).status).toBe(204);
      expect(user.skills.has(skillId)).toBe(false);
      await put(a.emulator, ta, 3);
      expect(fitFor(user, stream).factor).toBe(first);
      expect(aptitudeFor(user, skillId)).toBe(aptitudeFor(other, skillId));
    } finally {
      await Promise.all([a.emulator.close(), b.emulator.close()]);
    }
  });

  it("draws from the seeded proficiencies' distribution: neither expert nor worse than average", () => {
    const rng = new Rng(11);
    const seeded: number[] = [];
    const drawn: number[] = [];
    for (let i = 0; i < 4000; i++) {
      seeded.push(proficiency(rng));
      const user = { id: `user-${i}`, aptitude: new Map() } as unknown as OrgUser;
      drawn.push(aptitudeFor(user, `skill-${i % 7}`));
      expect(aptitudeFor(user, `skill-${i % 7}`)).toBe(drawn[i]);
    }
    const share = (xs: number[], low: number, high: number) =>
      xs.filter((x) => x >= low && x < high).length / xs.length;
    for (let star = 1; star <= 5; star++) {
      expect(Math.abs(share(drawn, star, star + 1) - share(seeded, star, star + 1))).toBeLessThan(0.03);
    }
    expect(Math.abs(share(drawn, 0, 6) - 1)).toBe(0);
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    expect(Math.abs(mean(drawn) - mean(seeded))).toBeLessThan(0.08);
    expect(drawn.filter((x) => !Number.isInteger(x)).length).toBeGreaterThan(100);
  });
});
