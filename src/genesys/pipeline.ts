import { AuthError } from '../errors.js';
import type { TokenSource } from './auth.js';
import { backoffDelay, parseRetryAfter, retryAfterFromMessage, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import {
  apiErrorFor,
  errorBody,
  isRetryableNetworkError,
  errorCode,
  isVersionConflict,
  networkErrorFor,
  type FailedCall,
} from './errors.js';
import type { HttpResponse, SendFn } from './http.js';
import { Pacer, PacingTooLongError, readRateLimitHeaders } from './pacer.js';
import type { Redactor } from './redact.js';
import { pacingTooLong, retryAfterTooLong } from './rate-limit-errors.js';
import { Semaphore } from './semaphore.js';
import type { TimeBudget } from './time-budget.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API call as the typed operations describe it. */
export interface ApiCall {
  method: HttpMethod;
  /** e.g. `/api/v2/users` (ids already encoded) */
  path: string;
  /** an array is sent as the parameter repeated (`collectionFormat: multi`, e.g. `expand`) */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** the Genesys permission named when the answer is 403 */
  permission: string;
  /** mutates the org (counted in stats.writes) */
  write?: boolean;
  /**
   * An idempotent write to a user: retry when a concurrent edit of the same user made it a version conflict
   * (409, 408, or 400 "does not match the current version"), as CX as Code does.
   */
  retryConflicts?: boolean;
  /**
   * Accept this non-2xx answer as the outcome instead of failing. `ambiguous` is true when an earlier attempt
   * may have reached the server (dropped connection, 502, 504), e.g. a POST retried into "already exists".
   */
  accept?: (status: number, body: unknown, ambiguous: boolean) => boolean;
  /** a 2xx answer's body is returned as its bytes (a Buffer), not parsed (error answers are parsed as always) */
  rawBody?: boolean;
}

export interface ApiResult {
  status: number;
  body: unknown;
  attempts: number;
}

export interface ClientStats {
  /** API requests sent, retries included (logins not included) */
  requests: number;
  /** requests sent again after a 429, 5xx, dropped connection or 401 */
  retries: number;
  /** write requests sent (PUT/PATCH/DELETE/creating POST), retries included */
  writes: number;
  /** 429 answers received */
  throttled: number;
  /** token requests */
  logins: number;
  /** calls that ended in an error */
  failures: number;
}

export interface PipelineDeps {
  baseUrl: string;
  send: SendFn;
  auth: TokenSource;
  clock: Clock;
  redactor: Redactor;
  backoff: BackoffPolicy;
  concurrency: number;
  maxRetries: number;
  maxWaitMs: number;
  /** per-exchange timeout, per-call no-answer budget, run deadline */
  budget: TimeBudget;
  log: (line: string) => void;
  stats: ClientStats;
}

export type CallFn = (call: ApiCall) => Promise<ApiResult>;

const TRANSIENT = new Set([429, 502, 503, 504]);
const AMBIGUOUS = new Set([502, 504]);

/**
 * The rate-limit-aware decorator over the raw request function: concurrency limit, pacing from the rate-limit
 * headers, Retry-After, capped backoff with full jitter, one token renewal on 401, typed errors.
 */
export function createPipeline(deps: PipelineDeps): CallFn {
  const { clock, log, stats } = deps;
  const slots = new Semaphore(deps.concurrency);
  const pacer = new Pacer(clock, { maxWaitMs: deps.maxWaitMs, burst: deps.concurrency });

  return async function call(apiCall) {
    const failed: FailedCall = { method: apiCall.method, path: apiCall.path, permission: apiCall.permission };
    const label = `${apiCall.method} ${apiCall.path}${queryString(apiCall.query)}`;
    let renewed = false;
    let ambiguous = false;
    const startedAt = clock.now();
    try {
      for (let attempt = 1; ; attempt += 1) {
        deps.budget.assertCanWait(0, label);
        const outcome = await slots.run(() => attemptOnce(apiCall, label));
        const retriesLeft = attempt <= deps.maxRetries;
        if ('error' in outcome) {
          const wait = backoffDelay(attempt - 1, deps.backoff);
          const retry =
            isRetryableNetworkError(outcome.error) &&
            retriesLeft &&
            deps.budget.mayRetryNoAnswer(startedAt, wait);
          if (!retry) {
            throw networkErrorFor(failed, outcome.error, attempt, deps.redactor, clock.now() - startedAt);
          }
          ambiguous = true;
          const timedOut = /TIMEOUT/.test(errorCode(outcome.error) ?? '');
          await retryAfter(label, attempt, wait, timedOut ? 'no answer' : 'connection dropped');
          continue;
        }
        const { status, body, headers } = outcome.response;
        if (status >= 200 && status < 300) return { status, body, attempts: attempt };
        if (apiCall.accept?.(status, body, ambiguous)) return { status, body, attempts: attempt };
        if (status === 401 && !renewed) {
          renewed = true;
          deps.auth.invalidate(outcome.token);
          stats.retries += 1;
          log(`${label}: 401, logging in again and retrying once`);
          continue;
        }
        if (status === 401) {
          throw new AuthError(
            'Genesys Cloud refused a freshly issued access token (401) — check the OAuth client',
          );
        }
        if (apiCall.retryConflicts && isVersionConflict(status, body)) {
          if (!retriesLeft) throw apiErrorFor(failed, status, body, headers, deps.redactor);
          if (status === 408) ambiguous = true;
          await retryAfter(
            label,
            attempt,
            backoffDelay(attempt - 1, deps.backoff),
            `${status} version conflict`,
          );
          continue;
        }
        if (!TRANSIENT.has(status)) throw apiErrorFor(failed, status, body, headers, deps.redactor);
        if (status === 429) stats.throttled += 1;
        const hinted = hintedWait(outcome.response);
        if (status === 429 && hinted !== undefined && hinted > deps.maxWaitMs) {
          throw retryAfterTooLong(failed, hinted, deps.maxWaitMs, body, headers, deps.redactor);
        }
        if (!retriesLeft) throw apiErrorFor(failed, status, body, headers, deps.redactor);
        if (AMBIGUOUS.has(status)) ambiguous = true;
        const wait = Math.min(hinted ?? backoffDelay(attempt - 1, deps.backoff), deps.maxWaitMs);
        if (status === 429) {
          pacer.pause(clock.now() + wait);
          await retryAfter(label, attempt, wait, `429${hinted === undefined ? '' : ' (Retry-After)'}`, false);
        } else {
          await retryAfter(label, attempt, wait, String(status));
        }
      }
    } catch (error) {
      stats.failures += 1;
      if (error instanceof PacingTooLongError) throw pacingTooLong(failed, error, deps.maxWaitMs);
      throw error;
    }
  };

  async function attemptOnce(
    apiCall: ApiCall,
    label: string,
  ): Promise<{ response: HttpResponse; token: string } | { error: unknown }> {
    const queued = clock.now();
    const sentAt = await pacer.acquire();
    if (sentAt - queued >= 1000) {
      log(`${label}: pacing to the rate limit, waited ${Math.round(sentAt - queued)} ms`);
    }
    let token: string;
    let timeoutMs: number;
    try {
      token = await deps.auth.token(); // after the pacing wait, so the token is fresh when it is sent
      timeoutMs = deps.budget.exchangeTimeout(label);
    } catch (error) {
      pacer.observe(sentAt, undefined);
      throw error;
    }
    const started = clock.now();
    stats.requests += 1;
    if (apiCall.write) stats.writes += 1;
    try {
      const response = await deps.send({
        method: apiCall.method,
        url: `${deps.baseUrl}${apiCall.path}${queryString(apiCall.query)}`,
        headers: requestHeaders(token, apiCall.body !== undefined),
        body: apiCall.body === undefined ? undefined : JSON.stringify(apiCall.body),
        timeoutMs,
        ...(apiCall.rawBody ? { rawBody: true } : {}),
      });
      pacer.observe(sentAt, readRateLimitHeaders(response.headers));
      log(`${label} → ${response.status} (${clock.now() - started} ms)`);
      return { response, token };
    } catch (error) {
      pacer.observe(sentAt, undefined);
      log(deps.redactor.scrub(`${label} → ${errorText(error)} (${clock.now() - started} ms)`));
      return { error };
    }
  }

  async function retryAfter(
    label: string,
    attempt: number,
    waitMs: number,
    why: string,
    sleep = true,
  ): Promise<void> {
    deps.budget.assertCanWait(waitMs, label);
    stats.retries += 1;
    log(`${label}: ${why}, retry ${attempt}/${deps.maxRetries} in ${Math.round(waitMs)} ms`);
    if (sleep && waitMs > 0) await clock.sleep(waitMs);
  }

  function hintedWait(response: HttpResponse): number | undefined {
    const header = parseRetryAfter(response.headers['retry-after'], clock.now());
    if (header !== undefined) return header;
    if (response.status !== 429) return undefined;
    return retryAfterFromMessage(errorBody(response.body).message);
  }
}

function requestHeaders(token: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  return headers;
}

export function queryString(query: ApiCall['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const item of value) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
