import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, conforms, start, token } from './helpers.js';

let emulator: RunningEmulator;
let t: string;

beforeAll(async () => {
  ({ emulator } = await start({ users: 40, queues: 2, skills: 5, days: 1 }));
  t = await token(emulator);
});

afterAll(async () => {
  await emulator.close();
});

afterEach(async () => {
  await call(emulator, 'PUT', '/__emulator/faults', { body: {} });
});

const faults = (body: unknown) => call(emulator, 'PUT', '/__emulator/faults', { body });
const users = (query: string) => call(emulator, 'GET', `/api/v2/users?pageSize=100&${query}`, { token: t });

describe('emulator knobs for real-org habits', () => {
  it('GET /__emulator/faults reports the new knobs with their start-up values', async () => {
    const { body } = await call(emulator, 'GET', '/__emulator/faults');
    expect(body).toMatchObject({ expandDropRate: 0, versionConflictRate: 0, resetSlackSeconds: 1 });
    await faults({ expandDropRate: 0.3, versionConflictRate: 0.2, resetSlackSeconds: 0 });
    expect((await call(emulator, 'GET', '/__emulator/faults')).body).toMatchObject({
      expandDropRate: 0.3,
      versionConflictRate: 0.2,
      resetSlackSeconds: 0,
    });
  });

  it.each([
    [{ expandDropRate: 2 }, 'expandDropRate must be a number from 0 to 1'],
    [{ versionConflictRate: -0.1 }, 'versionConflictRate must be a number from 0 to 1'],
    [{ resetSlackSeconds: 1.5 }, 'resetSlackSeconds must be a whole number from 0 to 60'],
  ])('refuses %j', async (body, message) => {
    const answer = await faults(body);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(message);
  });

  it('expandDropRate leaves skills and languages out of some expanded users, never out of others', async () => {
    await faults({ expandDropRate: 0.5 });
    const answer = await users('expand=skills&expand=languages');
    conforms('GET', '/api/v2/users', answer);
    const entities = answer.body.entities as Record<string, unknown>[];
    const dropped = entities.filter((u) => !('skills' in u));
    expect(dropped.length).toBeGreaterThan(5);
    expect(dropped.length).toBeLessThan(entities.length - 5);
    for (const u of entities) expect('skills' in u).toBe('languages' in u);
    // without expand there is nothing to drop and nothing drawn
    const plain = await users('');
    expect((plain.body.entities as unknown[]).length).toBe(entities.length);
  });

  it('versionConflictRate answers user skill and language writes 409 with the real message, writing nothing', async () => {
    const listed = await users('expand=skills');
    const user = (
      listed.body.entities as { id: string; skills: { id: string; proficiency: number }[] }[]
    ).find((u) => u.skills.length > 0)!;
    await faults({ versionConflictRate: 1 });
    const body = [{ id: user.skills[0]!.id, proficiency: 1.5 }];
    const put = await call(emulator, 'PUT', `/api/v2/users/${user.id}/routingskills/bulk`, {
      token: t,
      body,
    });
    expect(put.status).toBe(409);
    conforms('PUT', '/api/v2/users/{userId}/routingskills/bulk', put);
    expect(put.body.message).toBe(
      'The version number of the modified resource must match the version number in the database.',
    );
    const lang = await call(emulator, 'PATCH', `/api/v2/users/${user.id}/routinglanguages/bulk`, {
      token: t,
      body: [],
    });
    expect(lang.status).toBe(409);
    await faults({});
    const after = await call(emulator, 'GET', `/api/v2/users/${user.id}/routingskills`, { token: t });
    expect(after.body.entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: user.skills[0]!.id, proficiency: user.skills[0]!.proficiency }),
      ]),
    );
    // reads are never conflicts
    await faults({ versionConflictRate: 1 });
    expect((await users('expand=skills')).status).toBe(200);
  });

  it('the bulk skill calls take at most 50 skills: 400 above, always', async () => {
    const { body: skills } = await call(emulator, 'GET', '/api/v2/routing/skills?pageSize=5', { token: t });
    const id = (skills.entities as { id: string }[])[0]!.id;
    const user = ((await users('')).body.entities as { id: string }[])[0]!;
    const many = Array.from({ length: 51 }, () => ({ id, proficiency: 1 }));
    for (const method of ['PUT', 'PATCH']) {
      const answer = await call(emulator, method, `/api/v2/users/${user.id}/routingskills/bulk`, {
        token: t,
        body: many,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('At most 50 skills may be written in one request');
    }
  });

  it('resetSlackSeconds 0 reports the bare window', async () => {
    await faults({ resetSlackSeconds: 0, rateLimit: { count: 100, windowSeconds: 30 } });
    const fresh = await token(emulator);
    const answer = await call(emulator, 'GET', '/api/v2/routing/skills', { token: fresh });
    expect(answer.headers.get('inin-ratelimit-reset')).toBe('30');
  });
});
