import { AuthError } from '../errors.js';
import { backoffDelay, parseRetryAfter, type BackoffPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import type { GenesysConfig } from './config.js';
import { errorBody, isRetryableNetworkError, networkErrorFor } from './errors.js';
import type { SendFn } from './http.js';
import type { Redactor } from './redact.js';
import type { TimeBudget } from './time-budget.js';

/** Hands out a valid access token, logging in (client credentials) when there is none or it is about to expire. */
export interface TokenSource {
  token(): Promise<string>;
  /** the API refused this token (401): forget it so the next call logs in again */
  invalidate(token: string): void;
}

export interface TokenSourceDeps {
  config: Required<GenesysConfig>;
  send: SendFn;
  clock: Clock;
  redactor: Redactor;
  backoff: BackoffPolicy;
  maxRetries: number;
  maxWaitMs: number;
  budget: TimeBudget;
  log: (line: string) => void;
  onRequest: () => void;
}

export const INVALID_CLIENT_MESSAGE =
  'Genesys Cloud rejected the OAuth client credentials (invalid_client) — check GENESYSCLOUD_OAUTHCLIENT_ID/SECRET and the region';

/** Renew this long before `expires_in` ends: a tenth of the lifetime, at most a minute. */
export function renewalMarginMs(expiresInMs: number): number {
  return Math.min(60_000, expiresInMs / 10);
}

export function createTokenSource(deps: TokenSourceDeps): TokenSource {
  const { config, clock, redactor } = deps;
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
  redactor.add(config.clientSecret);
  redactor.add(basic);
  let cached: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function login(): Promise<string> {
    const { value, expiresInMs } = await requestToken(deps, basic);
    redactor.add(value);
    cached = { value, renewAt: clock.now() + expiresInMs - renewalMarginMs(expiresInMs) };
    return value;
  }

  return {
    token() {
      if (cached && clock.now() < cached.renewAt) return Promise.resolve(cached.value);
      pending ??= login().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.value === token) cached = undefined;
    },
  };
}

async function requestToken(
  deps: TokenSourceDeps,
  basic: string,
): Promise<{ value: string; expiresInMs: number }> {
  const { clock, log } = deps;
  const url = new URL(deps.config.tokenUrl);
  const call = {
    method: 'POST',
    path: url.pathname,
    permission: 'an OAuth client with the client-credentials grant',
  };
  const what = `the token request (POST ${url.host}${url.pathname})`;
  const startedAt = clock.now();
  for (let attempt = 1; ; attempt += 1) {
    const started = clock.now();
    const timeoutMs = deps.budget.exchangeTimeout(what);
    deps.onRequest();
    let response;
    try {
      response = await deps.send({
        method: 'POST',
        url: deps.config.tokenUrl,
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
        timeoutMs,
      });
    } catch (error) {
      const wait = backoffDelay(attempt - 1, deps.backoff);
      const retry =
        isRetryableNetworkError(error) &&
        attempt <= deps.maxRetries &&
        deps.budget.mayRetryNoAnswer(startedAt, wait);
      if (!retry) throw networkErrorFor(call, error, attempt, deps.redactor, clock.now() - startedAt);
      deps.budget.assertCanWait(wait, what);
      log(
        `POST ${url.host}${url.pathname} → connection failed; retry ${attempt}/${deps.maxRetries} in ${wait} ms`,
      );
      await clock.sleep(wait);
      continue;
    }
    log(`POST ${url.host}${url.pathname} → ${response.status} (${clock.now() - started} ms)`);
    if (response.status === 200) return parseToken(response.body);
    const transient = response.status === 429 || response.status >= 500;
    if (!transient || attempt > deps.maxRetries)
      throw authErrorFor(response.status, response.body, deps.redactor);
    const hinted = parseRetryAfter(response.headers['retry-after'], clock.now());
    const wait = Math.min(hinted ?? backoffDelay(attempt - 1, deps.backoff), deps.maxWaitMs);
    deps.budget.assertCanWait(wait, what);
    log(`POST ${url.host}${url.pathname} → retry ${attempt}/${deps.maxRetries} in ${wait} ms`);
    await clock.sleep(wait);
  }
}

function parseToken(body: unknown): { value: string; expiresInMs: number } {
  const token = body as { access_token?: unknown; expires_in?: unknown } | undefined;
  if (typeof token?.access_token !== 'string' || token.access_token === '') {
    throw new AuthError('Genesys Cloud answered the token request without an access_token');
  }
  const expiresIn = typeof token.expires_in === 'number' && token.expires_in > 0 ? token.expires_in : 3600;
  return { value: token.access_token, expiresInMs: expiresIn * 1000 };
}

function authErrorFor(status: number, body: unknown, redactor: Redactor): AuthError {
  const oauth = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown };
  if (oauth.error === 'invalid_client' || status === 401) return new AuthError(INVALID_CLIENT_MESSAGE);
  const reason =
    typeof oauth.error === 'string' ? oauth.error : (errorBody(body).message ?? `HTTP ${status}`);
  return new AuthError(
    redactor.scrub(
      `Genesys Cloud refused the token request (HTTP ${status}: ${reason}) — check the OAuth client's grant type and the region`,
    ),
  );
}
