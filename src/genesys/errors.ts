import { ApiError, PermissionError, RateLimitError, RoutingGitopsError } from '../errors.js';
import type { Redactor } from './redact.js';

/** The connection failed (reset, refused, closed) and retries did not help. */
export class NetworkError extends RoutingGitopsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NETWORK', message, options);
  }
}

/** Genesys's error body (`ErrorBody` in the API description). */
export interface GenesysErrorBody {
  message?: string;
  code?: string;
  status?: number;
  contextId?: string;
  details?: { errorCode?: string; fieldName?: string; entityId?: string }[];
  errors?: GenesysErrorBody[];
}

export interface FailedCall {
  method: string;
  /** path without the query string */
  path: string;
  permission: string;
}

export function errorBody(body: unknown): GenesysErrorBody {
  if (typeof body === 'object' && body !== null) return body;
  return typeof body === 'string' && body.trim() !== '' ? { message: body.trim().slice(0, 300) } : {};
}

/** The typed error for a non-2xx answer the pipeline will not retry. */
export function apiErrorFor(
  call: FailedCall,
  status: number,
  body: unknown,
  headers: Record<string, string | undefined>,
  redactor: Redactor,
): ApiError {
  const parsed = errorBody(body);
  const message = redactor.scrub(describe(parsed, status));
  const contextId = parsed.contextId ?? headers['inin-correlation-id'];
  const init = { method: call.method, path: call.path, message, contextId };
  if (status === 403 && isDivisionScope(parsed)) return new DivisionScopeError(init);
  if (status === 403) return new PermissionError({ ...init, permission: call.permission });
  if (status === 429) return new RateLimitError({ ...init, status, code: 'RATE_LIMIT' });
  return new ApiError({ ...init, status });
}

/**
 * A 403 about divisions: the OAuth client's role holds the permission, but not in the division of the object.
 * Naming the permission would send the reader to grant one the client already has.
 */
export class DivisionScopeError extends ApiError {
  constructor(init: { method: string; path: string; message: string; contextId?: string | undefined }) {
    super({
      ...init,
      status: 403,
      code: 'DIVISION_SCOPE',
      message:
        `${init.message}. The object is outside the divisions the OAuth client's role is granted in (division ` +
        'scope): grant the role in that division too, or leave the object out of desired state',
    });
  }
}

function isDivisionScope(body: GenesysErrorBody): boolean {
  const codes = [body.code, ...(body.details ?? []).map((d) => d.errorCode)].join(' ');
  return /division/i.test(`${codes} ${body.message ?? ''}`);
}

function describe(body: GenesysErrorBody, status: number): string {
  const base = body.message?.trim() || body.code || `HTTP ${status}`;
  const extra = (body.errors ?? [])
    .map((e) => e.message)
    .filter((m): m is string => Boolean(m) && m !== base)
    .slice(0, 3);
  return extra.length === 0 ? base : `${base} (${extra.join('; ')})`;
}

/** A duplicate-create answer: 409, or a 400 whose code/message says the thing exists already. */
export function isAlreadyExists(status: number, body: unknown): boolean {
  if (status === 409) return true;
  if (status !== 400) return false;
  const parsed = errorBody(body);
  return /already exist|duplicate|conflict|not unique/i.test(`${parsed.code ?? ''} ${parsed.message ?? ''}`);
}

/**
 * A write that met a concurrent edit of the same user: 409, 408, or a 400 saying the version "does not match the
 * current version". The same test as CX as Code's `util.IsVersionMismatch`
 * (genesyscloud/util/util_retries.go, MyPureCloud/terraform-provider-genesyscloud), which retries such writes.
 */
export function isVersionConflict(status: number, body: unknown): boolean {
  if (status === 409 || status === 408) return true;
  return status === 400 && /does not match the current version/i.test(errorBody(body).message ?? '');
}

/** Library errors are rewritten before they become a cause: their messages may quote request headers. */
export function networkErrorFor(
  call: FailedCall,
  error: unknown,
  attempts: number,
  redactor: Redactor,
  elapsedMs?: number,
): NetworkError {
  const code = errorCode(error) ?? 'unknown';
  const detail = redactor.scrub(error instanceof Error ? error.message : String(error));
  const cause = Object.assign(new Error(detail), { code });
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const took = elapsedMs === undefined || elapsedMs < 1000 ? '' : ` in ${Math.round(elapsedMs / 1000)} s`;
  const what = NO_ANSWER[code] ?? detail;
  return new NetworkError(`${call.method} ${call.path} failed after ${tries}${took}: ${what} (${code})`, {
    cause,
  });
}

/** What each timeout means, said plainly. */
const NO_ANSWER: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'could not connect to Genesys Cloud (connect timeout; check the network or proxy)',
  UND_ERR_HEADERS_TIMEOUT: 'Genesys Cloud accepted the request but did not answer (headers timeout)',
  UND_ERR_BODY_TIMEOUT: 'the answer stalled part-way (body timeout)',
};

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'REQUEST_TIMEOUT',
]);

/** A dropped or refused connection, worth another try. */
export function isRetryableNetworkError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/** The first `code` along the cause chain. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
