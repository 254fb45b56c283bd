/** Retry timing: capped exponential backoff with full jitter, and the server's own hints. */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** uniform in [0, 1) */
  random: () => number;
}

/** Full jitter: uniform in [0, min(cap, base·2^retry)), `retry` counting from 0. */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Genesys 429 bodies say "… Retry the request in [N] seconds" even when the header is missing. */
export function retryAfterFromMessage(message: string | undefined): number | undefined {
  const match = message?.match(/retry the request in \[?(\d+(?:\.\d+)?)\]? seconds?/i);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1000;
}
