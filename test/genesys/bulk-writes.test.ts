import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { chunks } from '../../src/genesys/user-writes.js';
import { API, captureError, fakeClock, json, mockAgent, mockToken, testClient } from './helpers.js';

let agent: MockAgent | undefined;
afterEach(async () => {
  agent?.assertNoPendingInterceptors();
  await agent?.close();
  agent = undefined;
});

function skills(n: number) {
  return Array.from({ length: n }, (_, i) => ({ id: `s${i}`, proficiency: (i % 5) + 1 }));
}

const BULK = '/api/v2/users/u1/routingskills/bulk';

describe('bulk skill writes are chunked at 50', () => {
  it.each([
    [0, [0], []],
    [50, [50], []],
    [51, [50], [1]],
    [120, [50], [50, 20]],
  ])('a replace of %i skills is one PUT of %j, then PATCHes of %j', async (n, puts, patches) => {
    const mock = (agent = mockAgent());
    mockToken(mock);
    const api = mock.get(API);
    const all = skills(n);
    api
      .intercept({ path: BULK, method: 'PUT', body: JSON.stringify(all.slice(0, 50)) })
      .reply(200, { entities: [] }, json);
    let from = 50;
    for (const size of patches) {
      api
        .intercept({ path: BULK, method: 'PATCH', body: JSON.stringify(all.slice(from, from + size)) })
        .reply(200, { entities: [] }, json);
      from += size;
    }
    const { client } = testClient(mock, fakeClock());
    await client.replaceUserSkills('u1', all);
    expect(client.stats.writes).toBe(puts.length + patches.length);
  });

  it('a patch of 101 skills is three PATCHes', async () => {
    const mock = (agent = mockAgent());
    mockToken(mock);
    const api = mock.get(API);
    const all = skills(101);
    for (const [from, to] of [
      [0, 50],
      [50, 100],
      [100, 101],
    ] as const) {
      api
        .intercept({ path: BULK, method: 'PATCH', body: JSON.stringify(all.slice(from, to)) })
        .reply(200, { entities: [] }, json);
    }
    const { client } = testClient(mock, fakeClock());
    await client.patchUserSkills('u1', all);
    expect(client.stats.writes).toBe(3);
  });

  it('chunks() keeps order and leaves nothing out', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 50)).toEqual([]);
  });
});

describe('version conflicts on user writes', () => {
  const conflict = { message: 'Conflict: user version changed', code: 'conflict', status: 409 };
  const stale = {
    message: 'The version 7 does not match the current version 8',
    code: 'bad.request',
    status: 400,
  };

  it.each([
    ['409', 409, conflict],
    ['408', 408, { message: 'Request timeout', status: 408 }],
    ['400 "does not match the current version"', 400, stale],
  ])('a %s is retried with backoff', async (_label, status, body) => {
    const mock = (agent = mockAgent());
    mockToken(mock);
    const api = mock.get(API);
    api.intercept({ path: BULK, method: 'PUT' }).reply(status, body, json);
    api.intercept({ path: BULK, method: 'PUT' }).reply(200, { entities: [] }, json);
    const clock = fakeClock();
    const { client, lines } = testClient(mock, clock);
    await client.replaceUserSkills('u1', skills(2));
    expect(client.stats).toMatchObject({ writes: 2, retries: 1 });
    expect(clock.sleeps).toEqual([250]);
    expect(lines.some((l) => l.includes(`${status} version conflict, retry 1/5`))).toBe(true);
  });

  it('a DELETE retried after a 408 accepts the 404 that follows (the first attempt removed it)', async () => {
    const mock = (agent = mockAgent());
    mockToken(mock);
    const api = mock.get(API);
    const path = '/api/v2/users/u1/routinglanguages/l1';
    api.intercept({ path, method: 'DELETE' }).reply(408, { message: 'Request timeout' }, json);
    api.intercept({ path, method: 'DELETE' }).reply(404, { message: 'not found' }, json);
    const { client } = testClient(mock, fakeClock());
    await client.deleteUserLanguage('u1', 'l1');
  });

  it('gives up after maxRetries conflicts with the API message', async () => {
    const mock = (agent = mockAgent());
    mockToken(mock);
    mock
      .get(API)
      .intercept({ path: '/api/v2/users/u1/routinglanguages/bulk', method: 'PATCH' })
      .reply(409, conflict, json)
      .times(3);
    const { client } = testClient(mock, fakeClock(), { maxRetries: 2 });
    const error = await captureError(client.patchUserLanguages('u1', [{ id: 'l1', proficiency: 3 }]));
    expect(error).toMatchObject({ name: 'ApiError', status: 409 });
    expect(error.message).toContain('user version changed');
  });

  it('another 400 is not a conflict: no retry', async () => {
    const mock = (agent = mockAgent());
    mockToken(mock);
    mock
      .get(API)
      .intercept({ path: BULK, method: 'PATCH' })
      .reply(400, { message: 'Proficiency must be between 0 and 5', status: 400 }, json);
    const { client } = testClient(mock, fakeClock());
    await expect(client.patchUserSkills('u1', [{ id: 's1', proficiency: 9 }])).rejects.toMatchObject({
      status: 400,
    });
    expect(client.stats.retries).toBe(0);
  });

  it('a 409 on creating a skill is not retried as a conflict (it means "already exists")', async () => {
    const mock = (agent = mockAgent());
    mockToken(mock);
    mock
      .get(API)
      .intercept({ path: '/api/v2/routing/skills', method: 'POST' })
      .reply(409, { message: 'skill exists' }, json);
    const { client } = testClient(mock, fakeClock());
    await expect(client.createSkill('Billing')).rejects.toMatchObject({ status: 409 });
    expect(client.stats.retries).toBe(0);
  });
});
