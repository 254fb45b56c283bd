import { RateLimitError } from '../errors.js';
import { errorBody, type FailedCall } from './errors.js';
import type { PacingTooLongError } from './pacer.js';
import type { Redactor } from './redact.js';

/** A 429 whose Retry-After is longer than the client waits (e.g. a daily or hourly limit): stop, do not hang. */
export function retryAfterTooLong(
  call: FailedCall,
  waitMs: number,
  maxWaitMs: number,
  body: unknown,
  headers: Record<string, string | undefined>,
  redactor: Redactor,
): RateLimitError {
  const api = errorBody(body);
  const said = api.message ? `${redactor.scrub(api.message)} — ` : '';
  return new RateLimitError({
    status: 429,
    method: call.method,
    path: call.path,
    code: 'RATE_LIMIT',
    contextId: api.contextId ?? headers['inin-correlation-id'],
    message:
      `${said}Genesys Cloud asks to wait ${seconds(waitMs)} s, longer than the ${seconds(maxWaitMs)} s this ` +
      `client waits (${waitMs > LONGEST_WINDOW_MS ? 'a daily or hourly limit?' : 'a full rate-limit window'}); try again later`,
  });
}

/** The rate-limit headers say the window is spent for longer than the client waits. */
export function pacingTooLong(
  call: FailedCall,
  error: PacingTooLongError,
  maxWaitMs: number,
): RateLimitError {
  const allowed = error.window ? ` (${error.window.allowed} requests allowed per window, none left)` : '';
  return new RateLimitError({
    status: 429,
    method: call.method,
    path: call.path,
    code: 'RATE_LIMIT',
    message:
      `the rate limit allows the next request only in ${seconds(error.waitMs)} s${allowed}, longer than the ` +
      `${seconds(maxWaitMs)} s this client waits; try again later`,
  });
}

/** Genesys's per-token windows reset within about a minute (61 s reported); a longer wait is another limit. */
const LONGEST_WINDOW_MS = 5 * 60_000;

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
