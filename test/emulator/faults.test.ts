import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { call, conforms, start, token, type TestClock } from './helpers.js';

let emulator: RunningEmulator;
let clock: TestClock;

beforeAll(async () => {
  ({ emulator, clock } = await start({
    users: 60,
    queues: 3,
    skills: 5,
    days: 2,
    rateLimit: { count: 5, windowSeconds: 60 },
  }));
});

afterAll(async () => {
  await emulator.close();
});

afterEach(async () => {
  await call(emulator, 'PUT', '/__emulator/faults', { body: {} });
});

const skills = (t: string) => call(emulator, 'GET', '/api/v2/routing/skills', { token: t });
const faults = (body: unknown) => call(emulator, 'PUT', '/__emulator/faults', { body });

describe('rate limit per token', () => {
  it('counts requests in a fixed window, answers 429 with Retry-After beyond the limit, and resets', async () => {
    const t = await token(emulator);
    const other = await token(emulator);
    for (let i = 1; i <= 5; i++) {
      const answer = await skills(t);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('inin-ratelimit-count')).toBe(String(i));
      expect(answer.headers.get('inin-ratelimit-allowed')).toBe('5');
      // one second past the 60 s window, as real orgs report it (resetSlackSeconds, default 1)
      expect(answer.headers.get('inin-ratelimit-reset')).toBe('61');
    }
    clock.advance(20);
    const limited = await skills(t);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('41');
    expect(limited.headers.get('inin-ratelimit-reset')).toBe('41');
    conforms('GET', '/api/v2/routing/skills', limited);
    expect(limited.body.message).toContain('[41]');
    expect((await skills(other)).status).toBe(200);
    clock.advance(40);
    const again = await skills(t);
    expect(again.status).toBe(200);
    expect(again.headers.get('inin-ratelimit-count')).toBe('1');
  });

  it('takes a different limit from the faults route', async () => {
    await faults({ rateLimit: { count: 2, windowSeconds: 10 } });
    const t = await token(emulator);
    expect((await skills(t)).status).toBe(200);
    expect((await skills(t)).headers.get('inin-ratelimit-allowed')).toBe('2');
    const third = await skills(t);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('11');
  });
});

describe('injected faults', () => {
  it('answers every API request 429 with a short Retry-After at rate429 = 1, but never the token or control routes', async () => {
    const t = await token(emulator);
    await faults({ rate429: 1 });
    const answer = await skills(t);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(3);
    conforms('GET', '/api/v2/routing/skills', answer);
    await expect(token(emulator)).resolves.toEqual(expect.any(String));
    expect((await call(emulator, 'GET', '/__emulator/requests')).status).toBe(200);
  });

  it('answers 502/503/504 ErrorBody at rate5xx = 1', async () => {
    const t = await token(emulator);
    await faults({ rate5xx: 1, rateLimit: { count: 100, windowSeconds: 60 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const answer = await call(emulator, 'GET', '/api/v2/routing/queues', { token: t });
      statuses.add(answer.status);
      conforms('GET', '/api/v2/routing/queues', answer);
    }
    expect([...statuses].every((s) => [502, 503, 504].includes(s))).toBe(true);
  });

  it('destroys the connection at resetRate = 1 and counts it', async () => {
    const t = await token(emulator);
    await call(emulator, 'DELETE', '/__emulator/requests');
    await faults({ resetRate: 1 });
    await expect(skills(t)).rejects.toThrow();
    const counts = await call(emulator, 'GET', '/__emulator/requests');
    expect(counts.body).toEqual({
      total: 1,
      byRoute: { 'GET /api/v2/routing/skills': 1 },
      status: { reset: 1 },
    });
  });

  it('adds latency', async () => {
    const t = await token(emulator);
    await faults({ latencyMs: [60, 80] });
    const started = performance.now();
    expect((await skills(t)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });

  it('draws the same faults for the same settings (seeded)', async () => {
    const t = await token(emulator);
    await faults({ rateLimit: { count: 1000, windowSeconds: 60 } });
    const run = async () => {
      await faults({ rate429: 0.3, rate5xx: 0.2, rateLimit: { count: 1000, windowSeconds: 60 } });
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await skills(t)).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await run()).toEqual(first);
  });

  it('also faults the token endpoint when asked to', async () => {
    await faults({ rate5xx: 1, includeToken: true });
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('emulator-client:emulator-secret').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect([502, 503, 504]).toContain(response.status);
  });

  it.each([
    ['rate429: 2', { rate429: 2 }],
    ['latencyMs: [5, 1]', { latencyMs: [5, 1] }],
    ['rateLimit count 0', { rateLimit: { count: 0, windowSeconds: 1 } }],
    ['an unknown fault', { colour: 'red' }],
    ['an array', [1]],
  ])('rejects %s with 400', async (_, body) => {
    const answer = await faults(body);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('bad.request');
  });
});

describe('tokens', () => {
  it('expire after their lifetime on the injected clock', async () => {
    await faults({ tokenTtlSeconds: 30 });
    const short = await token(emulator);
    await faults({});
    const long = await token(emulator);
    clock.advance(29);
    expect((await skills(short)).status).toBe(200);
    clock.advance(2);
    const expired = await skills(short);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('bad.credentials');
    conforms('GET', '/api/v2/routing/skills', expired);
    expect((await skills(long)).status).toBe(200);
  });

  it('reports the lifetime in expires_in', async () => {
    await faults({ tokenTtlSeconds: 90 });
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('emulator-client:emulator-secret').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(((await response.json()) as { expires_in: number }).expires_in).toBe(90);
  });
});

describe('request counters', () => {
  it('count API and token requests by templated route and status; control routes are not counted', async () => {
    await call(emulator, 'DELETE', '/__emulator/requests');
    const t = await token(emulator);
    const user = emulator.org.users[0]!;
    await call(emulator, 'GET', `/api/v2/users/${user.id}`, { token: t });
    await call(emulator, 'GET', `/api/v2/users/${emulator.org.users[1]!.id}/routingskills`, { token: t });
    await call(emulator, 'PUT', `/api/v2/users/${user.id}/routingskills/bulk`, { token: t, body: [] });
    await call(emulator, 'GET', '/api/v2/users/nobody', { token: t });
    await call(emulator, 'GET', '/__emulator/state');
    const counts = await call(emulator, 'GET', '/__emulator/requests');
    expect(counts.body).toEqual({
      total: 5,
      byRoute: {
        'POST /oauth/token': 1,
        'GET /api/v2/users/{userId}': 2,
        'GET /api/v2/users/{userId}/routingskills': 1,
        'PUT /api/v2/users/{userId}/routingskills/bulk': 1,
      },
      status: { '200': 4, '404': 1 },
    });
  });
});
