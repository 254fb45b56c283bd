import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { ApiError, PermissionError, RateLimitError } from '../../src/errors.js';
import { NetworkError } from '../../src/genesys/index.js';
import {
  API,
  captureError,
  fakeClock,
  json,
  mockAgent,
  mockToken,
  rateHeaders,
  testClient,
} from './helpers.js';

let agent: MockAgent;
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const SKILLS = { path: '/api/v2/routing/skills', method: 'GET', query: { pageSize: 500, pageNumber: 1 } };
const page = { entities: [{ id: 's1', name: 'Billing' }], pageCount: 1 };
const bulk = (userId: string) => ({ path: `/api/v2/users/${userId}/routingskills/bulk`, method: 'PUT' });

function dropped(code = 'UND_ERR_SOCKET'): Error {
  return Object.assign(new Error('other side closed'), { code });
}

describe('rate limits and retries', () => {
  it('honours Retry-After on a 429, then succeeds', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept(SKILLS)
      .reply(429, { message: 'Rate limit exceeded', status: 429 }, { headers: { 'retry-after': '7' } });
    agent.get(API).intercept(SKILLS).reply(200, page, json);
    const clock = fakeClock();
    const { client, lines } = testClient(agent, clock);
    expect(await client.listSkills()).toHaveLength(1);
    expect(clock.sleeps).toEqual([7000]);
    expect(client.stats).toMatchObject({ requests: 2, retries: 1, throttled: 1 });
    expect(lines).toContain(
      'GET /api/v2/routing/skills?pageSize=500&pageNumber=1: 429 (Retry-After), retry 1/5 in 7000 ms',
    );
  });

  it('reads the wait from a 429 body when the header is missing', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept(SKILLS)
      .reply(
        429,
        { message: 'Rate limit exceeded the maximum. Retry the request in [3] seconds', status: 429 },
        json,
      );
    agent.get(API).intercept(SKILLS).reply(200, page, json);
    const clock = fakeClock();
    const { client } = testClient(agent, clock);
    await client.listSkills();
    expect(clock.sleeps).toEqual([3000]);
  });

  it('turns a 429 asking for longer than maxWaitMs (a daily limit) into RateLimitError without waiting', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept(SKILLS)
      .reply(
        429,
        { message: 'Daily request limit reached', status: 429, contextId: 'ctx-429' },
        { headers: { 'retry-after': '86400' } },
      );
    const clock = fakeClock();
    const { client } = testClient(agent, clock);
    const error = await captureError(client.listSkills());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toMatchInlineSnapshot(
      `"GET /api/v2/routing/skills → 429: Daily request limit reached — Genesys Cloud asks to wait 86400 s, longer than the 65 s this client waits (a daily or hourly limit?); try again later (contextId ctx-429)"`,
    );
    expect(clock.sleeps).toEqual([]);
  });

  it('stops instead of hanging when the rate-limit headers say the window is spent for a day', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept(SKILLS)
      .reply(200, page, { headers: rateHeaders(1000, 1000, 86_000) });
    const clock = fakeClock();
    const { client } = testClient(agent, clock, { maxWaitMs: 30_000 });
    await client.listSkills();
    const error = await captureError(client.listSkills());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toContain('allows the next request only in 86000 s');
    expect(clock.sleeps).toEqual([]);
  });

  it('backs off exponentially with full jitter on 503, capped, then reports the ApiError', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept(bulk('u1'))
      .reply(503, { message: 'Service Unavailable', status: 503 }, json)
      .times(6);
    const clock = fakeClock();
    const { client } = testClient(agent, clock, { random: () => 0.999, maxWaitMs: 3000 });
    const error = await captureError(client.replaceUserSkills('u1', [{ id: 's1', proficiency: 3 }]));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    // ceilings 500, 1000, 2000, then the 3000 ms cap; jitter 0.999 of each
    expect(clock.sleeps).toEqual([499, 999, 1998, 2997, 2997]);
    expect(client.stats).toMatchObject({ requests: 6, retries: 5, writes: 6, failures: 1 });
  });

  it('retries a dropped connection (idempotent PUT) and succeeds', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent.get(API).intercept(bulk('u1')).replyWithError(dropped());
    agent
      .get(API)
      .intercept({ ...bulk('u1'), body: JSON.stringify([{ id: 's1', proficiency: 3 }]) })
      .reply(200, { entities: [] }, json);
    const clock = fakeClock();
    const { client, lines } = testClient(agent, clock);
    await client.replaceUserSkills('u1', [{ id: 's1', proficiency: 3 }]);
    expect(client.stats).toMatchObject({ requests: 2, retries: 1, writes: 2 });
    expect(clock.sleeps).toEqual([250]);
    expect(lines.some((line) => line.includes('connection dropped, retry 1/5'))).toBe(true);
  });

  it('gives up on a connection that keeps dropping with NetworkError', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent.get(API).intercept(SKILLS).replyWithError(dropped('ECONNRESET')).times(3);
    const { client } = testClient(agent, fakeClock(), { maxRetries: 2 });
    const error = await captureError(client.listSkills());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(
      'GET /api/v2/routing/skills failed after 3 attempts: other side closed (ECONNRESET)',
    );
  });

  it('after a dropped POST, treats "already exists" as the earlier attempt having worked', async () => {
    agent = mockAgent();
    mockToken(agent);
    const create = {
      path: '/api/v2/routing/skills',
      method: 'POST',
      body: JSON.stringify({ name: 'Billing' }),
    };
    agent.get(API).intercept(create).replyWithError(dropped());
    agent.get(API).intercept(create).reply(409, { message: 'Skill name already exists', status: 409 }, json);
    agent
      .get(API)
      .intercept({ ...SKILLS, query: { ...SKILLS.query, name: 'Billing' } })
      .reply(
        200,
        {
          entities: [
            { id: 'other', name: 'Billing Extra' },
            { id: 's9', name: 'Billing' },
          ],
          pageCount: 1,
        },
        json,
      );
    const { client } = testClient(agent, fakeClock());
    expect(await client.createSkill('Billing')).toEqual({ id: 's9', name: 'Billing' });
  });

  it('reports "already exists" on a first attempt as the ApiError it is', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({ path: '/api/v2/flows/datatables/t1/rows', method: 'POST' })
      .reply(409, { message: 'Row with key Support|Billing already exists', contextId: 'ctx-1' }, json);
    const { client } = testClient(agent, fakeClock());
    const error = await captureError(client.createDataTableRow('t1', { key: 'Support|Billing', weight: 50 }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
  });

  it('after a dropped data-table row POST, a duplicate is settled with an idempotent PUT', async () => {
    agent = mockAgent();
    mockToken(agent);
    const row = { key: 'Support|Billing', weight: 50 };
    agent
      .get(API)
      .intercept({ path: '/api/v2/flows/datatables/t1/rows', method: 'POST' })
      .replyWithError(dropped());
    agent
      .get(API)
      .intercept({ path: '/api/v2/flows/datatables/t1/rows', method: 'POST' })
      .reply(400, { message: 'The row key already exists', code: 'flows.datatables.row.exists' }, json);
    agent
      .get(API)
      .intercept({
        path: '/api/v2/flows/datatables/t1/rows/Support%7CBilling',
        method: 'PUT',
        body: JSON.stringify(row),
      })
      .reply(200, row, json);
    const { client } = testClient(agent, fakeClock());
    await client.createDataTableRow('t1', row);
    expect(client.stats.writes).toBe(3);
  });

  it('a 404 on DELETE after a dropped attempt means it is gone already', async () => {
    agent = mockAgent();
    mockToken(agent);
    const del = { path: '/api/v2/users/u1/routingskills/s1', method: 'DELETE' };
    agent.get(API).intercept(del).replyWithError(dropped());
    agent.get(API).intercept(del).reply(404, { message: 'not found' }, json);
    const { client } = testClient(agent, fakeClock());
    await client.deleteUserSkill('u1', 's1');
    expect(client.stats.requests).toBe(2);
  });
});

describe('typed API errors', () => {
  it('names the missing permission on a 403', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept(bulk('u1'))
      .reply(
        403,
        { message: 'You are not authorized to perform this action', status: 403, contextId: 'ctx-403' },
        json,
      );
    const { client } = testClient(agent, fakeClock());
    const error = await captureError(client.replaceUserSkills('u1', []));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).permission).toBe('routing:skill:assign');
    expect(error.message).toMatchInlineSnapshot(
      `"PUT /api/v2/users/u1/routingskills/bulk → 403: You are not authorized to perform this action. The OAuth client's role needs the permission routing:skill:assign (contextId ctx-403)"`,
    );
  });

  it.each([
    ['listUsers', 'directory:user:view'],
    ['listSkills', 'routing:skill:view'],
    ['listQueues', 'routing:queue:view'],
    ['listWrapupCodes', 'routing:wrapupCode:view'],
  ] as const)('403 on %s names %s', async (operation, permission) => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({ path: () => true, method: 'GET' })
      .reply(403, { message: 'Forbidden' }, json);
    const { client } = testClient(agent, fakeClock());
    const error = await captureError(client[operation]());
    expect((error as PermissionError).permission).toBe(permission);
  });

  it('names the analytics and data-table permissions', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({ path: () => true, method: 'POST' })
      .reply(403, { message: 'Forbidden' }, json)
      .times(2);
    agent
      .get(API)
      .intercept({ path: () => true, method: 'GET' })
      .reply(403, { message: 'Forbidden' }, json)
      .times(2);
    const { client } = testClient(agent, fakeClock());
    const permission = async (p: Promise<unknown>) => ((await captureError(p)) as PermissionError).permission;
    const day = '2025-01-01T00:00:00Z/2025-01-02T00:00:00Z';
    expect(await permission(client.queryAggregates({ interval: day, metrics: ['nOffered'] }))).toBe(
      'analytics:conversationAggregate:view',
    );
    expect(await permission(client.createDataTableRow('t1', { key: 'k' }))).toBe(
      'architect:datatableRow:add',
    );
    expect(await permission(client.findDataTable('Weights'))).toBe('architect:datatable:view');
    expect(await permission(client.listDataTableRows('t1'))).toBe('architect:datatableRow:view');
  });

  it.each([
    [400, 'bad.request', 'Value [7] for proficiency is out of range'],
    [404, 'not.found', 'The user u1 was not found'],
  ])('turns a %i into ApiError with the API message and contextId', async (status, code, message) => {
    agent = mockAgent();
    mockToken(agent);
    agent.get(API).intercept(bulk('u1')).reply(status, { message, code, status, contextId: 'ctx-42' }, json);
    const { client } = testClient(agent, fakeClock());
    const error = await captureError(client.replaceUserSkills('u1', [{ id: 's1', proficiency: 7 }]));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status, contextId: 'ctx-42', method: 'PUT', code: `HTTP_${status}` });
    expect(error.message).toBe(
      `PUT /api/v2/users/u1/routingskills/bulk → ${status}: ${message} (contextId ctx-42)`,
    );
    expect(client.stats.requests).toBe(1);
  });

  it('falls back to the correlation header when the body has no contextId', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept(SKILLS)
      .reply(404, 'Not Found', {
        headers: { 'inin-correlation-id': 'corr-9', 'content-type': 'text/plain' },
      });
    const { client } = testClient(agent, fakeClock());
    const error = (await captureError(client.listSkills())) as ApiError;
    expect(error.contextId).toBe('corr-9');
    expect(error.message).toContain('→ 404: Not Found');
  });
});
