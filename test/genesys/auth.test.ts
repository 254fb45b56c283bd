import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { AuthError } from '../../src/errors.js';
import { renewalMarginMs } from '../../src/genesys/auth.js';
import {
  API,
  LOGIN,
  captureError,
  config,
  fakeClock,
  json,
  mockAgent,
  mockToken,
  testClient,
} from './helpers.js';

let agent: MockAgent;
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const skillsPage = { entities: [{ id: 's1', name: 'Billing' }], pageNumber: 1, pageSize: 500, pageCount: 1 };

function expectSkills(token: string, times = 1) {
  agent
    .get(API)
    .intercept({
      path: '/api/v2/routing/skills',
      method: 'GET',
      query: { pageSize: 500, pageNumber: 1 },
      headers: { authorization: `Bearer ${token}` },
    })
    .reply(200, skillsPage, json)
    .times(times);
}

describe('client-credentials login', () => {
  it('logs in with Basic auth and a form body, then sends the bearer token', async () => {
    agent = mockAgent();
    const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
    agent
      .get(LOGIN)
      .intercept({
        path: '/oauth/token',
        method: 'POST',
        body: 'grant_type=client_credentials',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      })
      .reply(200, { access_token: 'token-1', expires_in: 86400 }, json);
    expectSkills('token-1');
    const { client } = testClient(agent, fakeClock());
    expect(await client.listSkills()).toEqual([{ id: 's1', name: 'Billing' }]);
    expect(client.stats).toMatchObject({ requests: 1, logins: 1, retries: 0 });
  });

  it('derives the login endpoint from the API base URL when tokenUrl is omitted', async () => {
    agent = mockAgent();
    mockToken(agent, 'token-1', 86_400, 'http://127.0.0.1:4010/oauth/token');
    agent
      .get('http://127.0.0.1:4010')
      .intercept({ path: '/api/v2/routing/skills', method: 'GET', query: { pageSize: 500, pageNumber: 1 } })
      .reply(200, skillsPage, json);
    const base = { clientId: 'a', clientSecret: 'b', apiBaseUrl: 'http://127.0.0.1:4010/' };
    const { client } = testClient(agent, fakeClock(), {}, base);
    expect(await client.listSkills()).toHaveLength(1);
    expect(client.baseUrl).toBe('http://127.0.0.1:4010');
  });

  it('caches the token across calls (one login for three requests)', async () => {
    agent = mockAgent();
    mockToken(agent, 'token-1');
    expectSkills('token-1', 3);
    const { client } = testClient(agent, fakeClock());
    await client.listSkills();
    await client.listSkills();
    await client.listSkills();
    expect(client.stats.logins).toBe(1);
  });

  it('renews the token shortly before expires_in ends, not earlier', async () => {
    agent = mockAgent();
    mockToken(agent, 'token-1', 3600);
    expectSkills('token-1', 2);
    mockToken(agent, 'token-2', 3600);
    expectSkills('token-2');
    const clock = fakeClock();
    const { client } = testClient(agent, clock);
    await client.listSkills();
    const margin = renewalMarginMs(3_600_000);
    expect(margin).toBe(60_000);
    clock.advance(3_600_000 - margin - 1);
    await client.listSkills();
    expect(client.stats.logins).toBe(1);
    clock.advance(1);
    await client.listSkills();
    expect(client.stats.logins).toBe(2);
  });

  it('logs in concurrently needed tokens only once', async () => {
    agent = mockAgent();
    mockToken(agent, 'token-1');
    expectSkills('token-1', 4);
    const { client } = testClient(agent, fakeClock());
    await Promise.all([client.listSkills(), client.listSkills(), client.listSkills(), client.listSkills()]);
    expect(client.stats.logins).toBe(1);
  });

  it('on a 401 logs in again once and retries the request with the new token', async () => {
    agent = mockAgent();
    mockToken(agent, 'token-1');
    agent
      .get(API)
      .intercept({ path: '/api/v2/routing/skills', method: 'GET', query: { pageSize: 500, pageNumber: 1 } })
      .reply(401, { message: 'Authentication required', code: 'bad.credentials', status: 401 }, json);
    mockToken(agent, 'token-2');
    expectSkills('token-2');
    const { client, lines } = testClient(agent, fakeClock());
    expect(await client.listSkills()).toHaveLength(1);
    expect(client.stats).toMatchObject({ logins: 2, requests: 2, retries: 1 });
    expect(lines.some((line) => line.includes('401, logging in again'))).toBe(true);
  });

  it('gives up with AuthError when the fresh token is refused too', async () => {
    agent = mockAgent();
    mockToken(agent, 'token-1');
    mockToken(agent, 'token-2');
    agent
      .get(API)
      .intercept({ path: '/api/v2/routing/skills', method: 'GET', query: { pageSize: 500, pageNumber: 1 } })
      .reply(401, { message: 'Authentication required' }, json)
      .times(2);
    const { client } = testClient(agent, fakeClock());
    const error = await captureError(client.listSkills());
    expect(error).toBeInstanceOf(AuthError);
    expect(client.stats.requests).toBe(2);
  });

  it('turns invalid_client into one clear AuthError line, without calling the API', async () => {
    agent = mockAgent();
    agent
      .get(LOGIN)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(400, { error: 'invalid_client', description: 'client not found' }, json);
    const { client } = testClient(agent, fakeClock());
    const error = await captureError(client.listUsers());
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatchInlineSnapshot(
      `"Genesys Cloud rejected the OAuth client credentials (invalid_client) — check GENESYSCLOUD_OAUTHCLIENT_ID/SECRET and the region"`,
    );
    expect(client.stats.requests).toBe(0);
  });

  it('retries a token endpoint that answers 503, then succeeds', async () => {
    agent = mockAgent();
    agent.get(LOGIN).intercept({ path: '/oauth/token', method: 'POST' }).reply(503, 'busy');
    mockToken(agent, 'token-1');
    expectSkills('token-1');
    const clock = fakeClock();
    const { client } = testClient(agent, clock);
    await client.listSkills();
    expect(client.stats.logins).toBe(2);
    expect(clock.sleeps).toEqual([250]);
  });
});
