/**
 * A Genesys Cloud emulator on 127.0.0.1: one origin serving the OAuth token endpoint, the routing, users,
 * Architect data table, audit and analytics APIs this product uses (shapes per the API description), a
 * deterministic seeded org with a simulated conversation history, rate limits, injectable faults and control
 * routes under /__emulator.
 */
import { availableParallelism } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MAX_QUERY_DAYS } from './analytics/query.js';
import { RequestCounters } from './http/counters.js';
import { DIVISION_LIMITED_CLIENT } from './divisions.js';
import { EXTRA_FAULT_DEFAULTS, Faults, type FaultSettings } from './http/faults.js';
import { requestListener } from './http/server.js';
import { TokenStore, type OAuthClient } from './http/tokens.js';
import { EmulatorOrg } from './org.js';
import { simulateHistory, workerRunner } from './parallel.js';
import { apiRouter } from './routes/index.js';
import type { Runtime } from './runtime.js';

export { EmulatorOrg } from './org.js';
export type { AdvanceSummary } from './org.js';
export type { FaultSettings } from './http/faults.js';
export type { RequestCounts } from './http/counters.js';
export { WEIGHTS_TABLE_NAME } from './seed-tables.js';
export { DIVISION_LIMITED_CLIENT, divisionsOf } from './divisions.js';
export { queryAggregates, type AggregateResult } from './analytics/engine.js';
export { writeUserSkills, removeUserSkill, createSkill, writeRow, deleteRow } from './mutations.js';

export interface EmulatorOptions {
  port?: number;
  seed?: number;
  users?: number;
  queues?: number;
  skills?: number;
  days?: number;
  rateLimit?: { count: number; windowSeconds: number };
  clientId?: string;
  clientSecret?: string;
  tokenTtlSeconds?: number;
  /** injectable wall clock; the simulated history ends at now() */
  now?: () => Date;
  /** longest interval one analytics aggregates query may span (default 31 days) */
  maxQueryDays?: number;
  /** interface to listen on (default 127.0.0.1) */
  host?: string;
  /**
   * worker threads that simulate days for a large analytics query besides the main thread (default: the
   * machine's parallelism − 1; 0: none). Same numbers either way.
   */
  threads?: number;
  /**
   * simulate the whole history before listening (as a real org's history is already stored), so that no query
   * waits for it; default false (each day is simulated on its first read). Same numbers either way.
   */
  simulateUpFront?: boolean;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** direct in-process access for tests */
  org: EmulatorOrg;
}

/** The colleague clicking in the admin UI: writes with this client appear in audits as "Dana Admin". */
export const ADMIN_UI_CLIENT = { id: 'admin-ui', secret: 'admin-ui-secret' } as const;

export const EMULATOR_DEFAULTS = {
  port: 0,
  seed: 1,
  users: 200,
  queues: 6,
  skills: 10,
  days: 30,
  rateLimit: { count: 300, windowSeconds: 60 },
  clientId: 'emulator-client',
  clientSecret: 'emulator-secret',
  tokenTtlSeconds: 86_400,
} as const;

function positive(value: number | undefined, fallback: number, name: string, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min)
    throw new RangeError(`emulator option ${name} must be an integer ≥ ${min}`);
  return v;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const d = EMULATOR_DEFAULTS;
  const now = options.now ?? (() => new Date());
  const clientId = options.clientId ?? d.clientId;
  const org = new EmulatorOrg({
    seed: positive(options.seed, d.seed, 'seed', 0),
    users: positive(options.users, d.users, 'users'),
    queues: positive(options.queues, d.queues, 'queues'),
    skills: positive(options.skills, d.skills, 'skills'),
    days: positive(options.days, d.days, 'days'),
    now,
    apiClientId: clientId,
  });
  const rateLimit = options.rateLimit ?? d.rateLimit;
  const defaults: FaultSettings = {
    rate429: 0,
    rate5xx: 0,
    resetRate: 0,
    latencyMs: [0, 0],
    tokenTtlSeconds: positive(options.tokenTtlSeconds, d.tokenTtlSeconds, 'tokenTtlSeconds'),
    rateLimit: {
      count: positive(rateLimit.count, d.rateLimit.count, 'rateLimit.count'),
      windowSeconds: positive(rateLimit.windowSeconds, d.rateLimit.windowSeconds, 'rateLimit.windowSeconds'),
    },
    includeToken: false,
    maxQueryDays: positive(options.maxQueryDays, DEFAULT_MAX_QUERY_DAYS, 'maxQueryDays'),
    ...EXTRA_FAULT_DEFAULTS,
  };
  const clients: OAuthClient[] = [
    { id: clientId, secret: options.clientSecret ?? d.clientSecret, actor: org.actors.api },
    { id: ADMIN_UI_CLIENT.id, secret: ADMIN_UI_CLIENT.secret, actor: org.actors.admin },
    {
      ...DIVISION_LIMITED_CLIENT,
      actor: {
        clientId: DIVISION_LIMITED_CLIENT.id,
        userId: DIVISION_LIMITED_CLIENT.id,
        name: 'Partner integration',
      },
    },
  ];
  const runtime: Runtime = {
    org,
    tokens: new TokenStore(),
    faults: new Faults(defaults, org.seed),
    counters: new RequestCounters(),
    clients,
    router: apiRouter(),
    now,
    threads: options.threads ?? Math.max(0, availableParallelism() - 1),
  };
  if (options.simulateUpFront) {
    await simulateHistory(org, () => {
      runtime.dayRunner ??= workerRunner(org.seedOptions, runtime.threads);
      return runtime.dayRunner;
    });
  }
  const server = createServer(requestListener(runtime));
  server.keepAliveTimeout = 5_000;
  await listen(server, positive(options.port, d.port, 'port', 0), options.host ?? '127.0.0.1');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    org,
    close: async () => {
      await close(server);
      await runtime.dayRunner?.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
