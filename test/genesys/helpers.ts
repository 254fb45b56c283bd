import { MockAgent } from 'undici';
import type { Clock } from '../../src/genesys/clock.js';
import { createGenesysClient, type GenesysClientOptions } from '../../src/genesys/index.js';
import type { GenesysConfig } from '../../src/genesys/config.js';

export const API = 'https://api.mypurecloud.ie';
export const LOGIN = 'https://login.mypurecloud.ie';

export const config: Required<GenesysConfig> = {
  clientId: 'client-id-1',
  clientSecret: 'client-secret-1',
  apiBaseUrl: API,
  tokenUrl: `${LOGIN}/oauth/token`,
};

/** Virtual time: sleep() advances the clock at once and records the wait. */
export interface FakeClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2025, 0, 6)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
      return Promise.resolve();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export function mockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

export function mockToken(
  agent: MockAgent,
  token = 'token-1',
  expiresIn = 86_400,
  tokenUrl = config.tokenUrl,
): void {
  const url = new URL(tokenUrl);
  agent
    .get(url.origin)
    .intercept({ path: url.pathname, method: 'POST', body: 'grant_type=client_credentials' })
    .reply(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
}

export interface TestClientOptions extends GenesysClientOptions {
  lines?: string[];
}

export function testClient(
  agent: MockAgent,
  clock: Clock,
  options: TestClientOptions = {},
  base: GenesysConfig = config,
) {
  const lines = options.lines ?? [];
  const client = createGenesysClient(base, {
    dispatcher: agent,
    clock,
    random: () => 0.5,
    log: (line) => lines.push(line),
    ...options,
  });
  return { client, lines };
}

export const json = { headers: { 'content-type': 'application/json' } };

export function rateHeaders(count: number, allowed: number, resetSeconds: number) {
  return {
    'content-type': 'application/json',
    'inin-ratelimit-count': String(count),
    'inin-ratelimit-allowed': String(allowed),
    'inin-ratelimit-reset': String(resetSeconds),
  };
}

export async function captureError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the promise to reject');
}

/**
 * Virtual time for concurrent code: sleep() parks the caller; `run` lets everything runnable run, then jumps
 * the clock to the earliest sleeper and wakes it, until the task settles.
 */
export function virtualClock(start = 0) {
  let now = start;
  const timers: { at: number; wake: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: now + Math.max(0, ms), wake })),
  };
  async function run<T>(task: Promise<T>): Promise<T> {
    let settled = false;
    const watched = task.finally(() => {
      settled = true;
    });
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled || timers.length === 0) continue;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      now = Math.max(now, next.at);
      next.wake();
    }
    return watched;
  }
  return { clock, run };
}
