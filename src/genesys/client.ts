import type { Dispatcher } from 'undici';
import { ConfigError } from '../errors.js';
import { queryAggregates, queryAudits, scanAggregates } from './analytics.js';
import { createTokenSource } from './auth.js';
import { systemClock, type Clock } from './clock.js';
import { endpointsFromBaseUrl, type GenesysConfig } from './config.js';
import {
  createDataTableRow,
  deleteDataTableRow,
  findDataTable,
  listDataTableRows,
  updateDataTableRow,
} from './datatables.js';
import { undiciSend } from './http.js';
import { assertSecureUrl, NETWORK_DEFAULTS, networkDispatcher } from './network.js';
import { createPipeline, type CallFn, type ClientStats } from './pipeline.js';
import type { GenesysPort, LiveUserLanguage, LiveUserSkill, UserUtilization } from './port.js';
import { Redactor } from './redact.js';
import { TimeBudget } from './time-budget.js';
import { queryUserAggregates, scanUserAggregates } from './users-aggregates.js';
import {
  createSkill,
  listLanguages,
  listQueueMembers,
  listQueues,
  listSkills,
  listWrapupCodes,
} from './routing.js';
import {
  deleteUserLanguage,
  deleteUserSkill,
  patchUserLanguages,
  patchUserSkills,
  replaceUserSkills,
} from './user-writes.js';
import { listInactiveUsers, listUserLanguages, listUserSkills, listUsers } from './users.js';
import { getUserUtilization } from './utilization.js';

export interface GenesysClientOptions {
  /**
   * undici dispatcher for every request (default: an undici Agent of the client's own with the connect timeout;
   * the CLI passes one that honours HTTPS_PROXY / NO_PROXY). The global dispatcher is never used or replaced.
   */
  dispatcher?: Dispatcher;
  /** time base for every wait (default: the system clock) */
  clock?: Clock;
  /** --debug lines: method, path, status, duration, retry decisions; never secrets or tokens */
  log?: (line: string) => void;
  /** requests in flight at once (default 5) */
  concurrency?: number;
  /**
   * longest single wait the client accepts, in ms (default 65 000: Genesys reports rate-limit resets of up to
   * 61 s, read as "under 62 s"); a 429 asking for more is a RateLimitError
   */
  maxWaitMs?: number;
  /** retries per request after a 429, 502/503/504 or dropped connection (default 5) */
  maxRetries?: number;
  /** analytics aggregates are queried in chunks of this many days (default 7, at most 31) */
  chunkDays?: number;
  /** randomness for the backoff jitter, uniform in [0, 1) (default Math.random) */
  random?: () => number;
  /** first backoff ceiling in ms (default 500; doubles per retry up to 30 s or maxWaitMs) */
  backoffBaseMs?: number;
  /** connect timeout of the client's own dispatcher (default 10 s; a dispatcher passed in keeps its own) */
  connectTimeoutMs?: number;
  /** from sending a request to the answer's headers (default 30 s) */
  headersTimeoutMs?: number;
  /** longest silence while an answer's body arrives (default 30 s) */
  bodyTimeoutMs?: number;
  /** one whole exchange, a trickling answer included (default 60 s) */
  requestTimeoutMs?: number;
  /** a call retries requests that got no answer for at most this long (default 60 s) */
  noAnswerBudgetMs?: number;
  /** largest answer read (default 64 MiB); a bigger one fails the call, never buffered whole */
  maxResponseBytes?: number;
  /** the whole run must end within this many ms of creating the client (default: no deadline) */
  deadlineMs?: number;
  /** where deadlineMs comes from, named in the error (e.g. "ROUTING_GITOPS_DEADLINE_SECONDS") */
  deadlineSource?: string;
}

export interface GenesysClient extends GenesysPort {
  readonly stats: ClientStats;
  /** API origin the client talks to */
  readonly baseUrl: string;
  /** the rate-limited pipeline itself, for calls the port does not cover */
  readonly call: CallFn;
  /** `GET /users/{id}/routingskills`: one user's skills */
  listUserSkills(userId: string): Promise<LiveUserSkill[]>;
  /** `GET /users/{id}/routinglanguages`: one user's languages */
  listUserLanguages(userId: string): Promise<LiveUserLanguage[]>;
  /** `GET /routing/users/{id}/utilization`; undefined on 403/404 */
  getUserUtilization(userId: string): Promise<UserUtilization | undefined>;
}

export function createGenesysClient(
  config: GenesysConfig,
  options: GenesysClientOptions = {},
): GenesysClient {
  const settings = resolveOptions(options);
  const endpoints = endpointsFromBaseUrl(config.apiBaseUrl);
  const tokenUrl = config.tokenUrl ?? endpoints.tokenUrl;
  assertSecureUrl(endpoints.apiBaseUrl, 'The Genesys Cloud API URL');
  assertSecureUrl(tokenUrl, 'The Genesys Cloud token URL');
  const clock = options.clock ?? systemClock;
  const redactor = new Redactor();
  const log = (line: string) => options.log?.(redactor.scrub(line));
  const send = undiciSend(options.dispatcher ?? networkDispatcher({}, settings.connectTimeoutMs), settings);
  const budget = new TimeBudget(clock, {
    requestTimeoutMs: settings.requestTimeoutMs,
    noAnswerBudgetMs: settings.noAnswerBudgetMs,
    ...(settings.deadlineMs === undefined ? {} : { deadlineMs: settings.deadlineMs }),
    ...(options.deadlineSource === undefined ? {} : { deadlineSource: options.deadlineSource }),
  });
  const backoff = {
    baseMs: settings.backoffBaseMs,
    capMs: Math.min(30_000, settings.maxWaitMs),
    random: options.random ?? Math.random,
  };
  const stats: ClientStats = { requests: 0, retries: 0, writes: 0, throttled: 0, logins: 0, failures: 0 };
  const auth = createTokenSource({
    config: { ...config, tokenUrl },
    send,
    clock,
    redactor,
    backoff,
    log,
    maxRetries: settings.maxRetries,
    maxWaitMs: settings.maxWaitMs,
    budget,
    onRequest: () => (stats.logins += 1),
  });
  const call = createPipeline({
    baseUrl: endpoints.apiBaseUrl,
    send,
    auth,
    clock,
    redactor,
    backoff,
    log,
    stats,
    concurrency: settings.concurrency,
    maxRetries: settings.maxRetries,
    maxWaitMs: settings.maxWaitMs,
    budget,
  });

  return {
    stats,
    baseUrl: endpoints.apiBaseUrl,
    call,
    listUsers: () => listUsers(call),
    listInactiveUsers: () => listInactiveUsers(call),
    listUserSkills: (userId) => listUserSkills(call, userId),
    listUserLanguages: (userId) => listUserLanguages(call, userId),
    listSkills: () => listSkills(call),
    listLanguages: () => listLanguages(call),
    createSkill: (name) => createSkill(call, name),
    listQueues: () => listQueues(call),
    listQueueMembers: (queueId) => listQueueMembers(call, queueId),
    listWrapupCodes: () => listWrapupCodes(call),
    findDataTable: (name) => findDataTable(call, name),
    listDataTableRows: (tableId) => listDataTableRows(call, tableId),
    createDataTableRow: (tableId, row) => createDataTableRow(call, tableId, row),
    updateDataTableRow: (tableId, row) => updateDataTableRow(call, tableId, row),
    deleteDataTableRow: (tableId, key) => deleteDataTableRow(call, tableId, key),
    replaceUserSkills: (userId, skills) => replaceUserSkills(call, userId, skills),
    patchUserSkills: (userId, skills) => patchUserSkills(call, userId, skills),
    deleteUserSkill: (userId, skillId) => deleteUserSkill(call, userId, skillId),
    patchUserLanguages: (userId, languages) => patchUserLanguages(call, userId, languages),
    deleteUserLanguage: (userId, languageId) => deleteUserLanguage(call, userId, languageId),
    queryAggregates: (query) => queryAggregates(call, query, settings.chunkDays),
    queryAudits: (query) => queryAudits(call, query),
    queryUserAggregates: (query) => queryUserAggregates(call, query, settings.chunkDays),
    scanAggregates: (query, visit) => scanAggregates(call, query, settings.chunkDays, visit),
    scanUserAggregates: (query, visit) => scanUserAggregates(call, query, settings.chunkDays, visit),
    getUserUtilization: (userId) => getUserUtilization(call, userId),
  };
}

function resolveOptions(options: GenesysClientOptions) {
  const d = NETWORK_DEFAULTS;
  return {
    concurrency: positive('concurrency', options.concurrency ?? 5, true),
    maxWaitMs: positive('maxWaitMs', options.maxWaitMs ?? 65_000),
    maxRetries: nonNegative('maxRetries', options.maxRetries ?? 5),
    chunkDays: positive('chunkDays', options.chunkDays ?? 7),
    backoffBaseMs: positive('backoffBaseMs', options.backoffBaseMs ?? 500),
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs ?? d.connectTimeoutMs),
    headersTimeoutMs: positive('headersTimeoutMs', options.headersTimeoutMs ?? d.headersTimeoutMs),
    bodyTimeoutMs: positive('bodyTimeoutMs', options.bodyTimeoutMs ?? d.bodyTimeoutMs),
    requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs ?? d.requestTimeoutMs),
    noAnswerBudgetMs: positive('noAnswerBudgetMs', options.noAnswerBudgetMs ?? d.noAnswerBudgetMs),
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes ?? d.maxResponseBytes),
    deadlineMs: options.deadlineMs === undefined ? undefined : positive('deadlineMs', options.deadlineMs),
  };
}

function positive(name: string, value: number, integer = false): number {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigError(
      `Genesys client option ${name} must be a positive ${integer ? 'integer' : 'number'}`,
    );
  }
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`Genesys client option ${name} must be a whole number ≥ 0`);
  }
  return value;
}
