import { ApiError, RateLimitError } from '../errors.js';
import { NetworkError } from '../genesys/errors.js';

/**
 * Answers a later attempt may not meet: throttling, server and gateway errors, timeouts, and version
 * conflicts from a concurrent edit (CX as Code retries 409 on user writes).
 */
const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

/** True when the write failed for a reason that may pass on its own: the final sweep tries it again. */
export function isRetryableApiError(error: unknown): boolean {
  // a 429 whose wait is longer than the client accepts (a daily or hourly quota) will not pass within a sweep
  if (error instanceof RateLimitError && /this client waits/.test(error.message)) return false;
  if (error instanceof ApiError) return RETRYABLE_STATUS.has(error.status);
  if (error instanceof NetworkError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'TIMEOUT' || code === 'DEADLINE';
}
