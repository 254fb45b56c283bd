import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { GenesysConfig } from '../../src/genesys/index.js';
import { API, LOGIN, captureError, fakeClock, json, mockAgent, testClient } from './helpers.js';

const SECRET = 'canary-secret-7f3a9c1e5b';
const TOKEN = 'canary-token-d41d8cd98f00b204';
const canaryConfig: GenesysConfig = {
  clientId: 'canary-client',
  clientSecret: SECRET,
  apiBaseUrl: API,
  tokenUrl: `${LOGIN}/oauth/token`,
};
const BASIC = Buffer.from(`canary-client:${SECRET}`).toString('base64');

let agent: MockAgent;
afterEach(async () => {
  await agent.close();
});

function login() {
  agent
    .get(LOGIN)
    .intercept({ path: '/oauth/token', method: 'POST' })
    .reply(200, { access_token: TOKEN, expires_in: 3600 }, json);
}

/** Everything an error could show: message, stack, own properties, the cause chain, inspect and JSON. */
function everything(error: unknown, depth = 0): string {
  if (depth > 6 || typeof error !== 'object' || error === null) return String(error);
  const e = error as Error & { cause?: unknown };
  const own = Object.getOwnPropertyNames(e).map((name) => {
    const value = (e as unknown as Record<string, unknown>)[name];
    return `${name}=${inspect(value, { depth: 8 })}`;
  });
  return [
    e.message,
    e.stack,
    inspect(e, { depth: 8, showHidden: true }),
    JSON.stringify(e),
    ...own,
    everything(e.cause, depth + 1),
  ].join('\n');
}

function expectClean(text: string) {
  for (const canary of [SECRET, TOKEN, BASIC]) expect(text).not.toContain(canary);
}

describe('secrets never leak', () => {
  it('not from a login refused as invalid_client', async () => {
    agent = mockAgent();
    agent
      .get(LOGIN)
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply(401, { error: 'invalid_client', error_description: `bad secret ${SECRET}` }, json);
    const lines: string[] = [];
    const { client } = testClient(agent, fakeClock(), { lines }, canaryConfig);
    const error = await captureError(client.listSkills());
    expect(error.name).toBe('AuthError');
    expectClean(everything(error));
    expectClean(lines.join('\n'));
  });

  it('not from API errors that echo the token, nor from 403/429/5xx paths', async () => {
    agent = mockAgent();
    login();
    const api = agent.get(API);
    const skills = { path: '/api/v2/routing/skills', method: 'GET', query: { pageSize: 500, pageNumber: 1 } };
    api
      .intercept(skills)
      .reply(400, { message: `Invalid header Authorization: Bearer ${TOKEN}`, contextId: 'c1' }, json);
    api.intercept(skills).reply(403, { message: `token ${TOKEN} lacks permission` }, json);
    api
      .intercept(skills)
      .reply(429, { message: `slow down ${TOKEN}` }, { headers: { 'retry-after': '99999' } });
    api.intercept(skills).reply(503, `upstream saw ${SECRET}`).times(2);
    const lines: string[] = [];
    const { client } = testClient(agent, fakeClock(), { lines, maxRetries: 1 }, canaryConfig);
    const errors = [];
    for (let i = 0; i < 4; i += 1) errors.push(await captureError(client.listSkills()));
    expect(errors.map((e) => e.name)).toEqual(['ApiError', 'PermissionError', 'RateLimitError', 'ApiError']);
    expect(errors[0]!.message).toContain('Bearer [redacted]');
    for (const error of errors) expectClean(everything(error));
    expectClean(lines.join('\n'));
    expect(lines.length).toBeGreaterThan(4);
    agent.assertNoPendingInterceptors();
  });

  it('not from a library error that quotes the request headers', async () => {
    agent = mockAgent();
    login();
    // a mock that only matches another token: undici's "not matched" error quotes our Authorization header
    agent
      .get(API)
      .intercept({
        path: '/api/v2/routing/skills',
        method: 'GET',
        query: { pageSize: 500, pageNumber: 1 },
        headers: { authorization: 'Bearer other' },
      })
      .reply(200, {}, json);
    const lines: string[] = [];
    const { client } = testClient(agent, fakeClock(), { lines }, canaryConfig);
    const error = await captureError(client.listSkills());
    expect(error.name).toBe('NetworkError');
    expect(everything(error)).toContain('[redacted]');
    expectClean(everything(error));
    expectClean(lines.join('\n'));
  });

  it('not from dropped connections and debug lines of a successful run', async () => {
    agent = mockAgent();
    login();
    const bulk = { path: '/api/v2/users/u1/routingskills/bulk', method: 'PUT' };
    agent
      .get(API)
      .intercept(bulk)
      .replyWithError(
        Object.assign(new Error(`socket closed while sending Bearer ${TOKEN}`), { code: 'ECONNRESET' }),
      );
    agent.get(API).intercept(bulk).reply(200, { entities: [] }, json);
    const lines: string[] = [];
    const { client } = testClient(agent, fakeClock(), { lines }, canaryConfig);
    await client.replaceUserSkills('u1', [{ id: 's1', proficiency: 1 }]);
    expect(lines.join('\n')).toContain('PUT /api/v2/users/u1/routingskills/bulk → 200');
    expectClean(lines.join('\n'));
    agent.assertNoPendingInterceptors();
  });
});
