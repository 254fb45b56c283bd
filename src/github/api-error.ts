import { ApiError, RateLimitError } from '../errors.js';

/** What octokit's `RequestError` carries that we use (duck-typed: the class is not a direct dependency). */
interface OctokitRequestError {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { data?: unknown };
}

function isOctokitRequestError(error: unknown): error is OctokitRequestError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { request?: unknown }).request === 'object'
  );
}

/** the HTTP status of an octokit or `ApiError` failure, if it is one */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.status;
  if (isOctokitRequestError(error)) return error.status;
  return undefined;
}

/**
 * Wraps an octokit failure as an `ApiError` with GitHub's own message, the validation details and, for 403, the
 * permission the workflow job needs. The token never appears: `scrub` removes it from every message, and the
 * cause is a scrubbed copy (name and message) of the library error.
 */
export function toGitHubApiError(
  error: unknown,
  context: { method: string; route: string; permission: string; scrub: (text: string) => string },
): ApiError {
  if (error instanceof ApiError) return error;
  // no HTTP answer at all (octokit reports those as 500 without a response)
  if (!isOctokitRequestError(error) || error.response === undefined) {
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError(
      {
        status: 0,
        method: context.method,
        path: context.route,
        message: context.scrub(message),
        code: 'NETWORK',
      },
      { cause: scrubbedCopy(error, context.scrub) },
    );
  }
  const data = jsonOf(error.response.data) as
    { message?: unknown; errors?: { message?: unknown; code?: unknown; field?: unknown }[] } | undefined;
  const parts = [typeof data?.message === 'string' ? data.message : error.message.split(' - ')[0]];
  for (const detail of Array.isArray(data?.errors) ? data.errors : []) {
    const text = [detail.field, detail.code, detail.message].filter((p) => typeof p === 'string').join(' ');
    if (text) parts.push(text);
  }
  let message = parts.filter(Boolean).join('; ').replace(/\.$/, '');
  const rateLimited = error.status === 429 || (error.status === 403 && /rate limit/i.test(message));
  if (error.status === 401) message += '. The GitHub token was refused (expired or revoked?)';
  else if (rateLimited) message += '. GitHub rate limit: run the workflow again later';
  else if (error.status === 403 || error.status === 404)
    message += `. ${hintFor(context.permission, error.status)}`;
  const ErrorClass = rateLimited ? RateLimitError : ApiError;
  return new ErrorClass(
    {
      status: error.status,
      method: error.request?.method ?? context.method,
      path: pathOf(error.request?.url) ?? context.route,
      message: context.scrub(message),
    },
    // only names and messages: octokit redacts the authorization header, but a message may quote anything
    { cause: scrubbedCopy(error, context.scrub) },
  );
}

function hintFor(permission: string, status: number): string {
  const base = `The workflow job needs \`permissions: ${permission}\``;
  if (status === 404) {
    return `Check GITHUB_REPOSITORY; GitHub also answers 404 to a token that may not see it (${base.toLowerCase()})`;
  }
  if (permission.startsWith('pull-requests')) {
    return `${base}, and the repository setting "Allow GitHub Actions to create and approve pull requests" (or a GitHub App token, vars.PLAN_APP_ID)`;
  }
  return base;
}

/** the error and its causes with only name and (scrubbed) message: a fetch failure may quote anything */
function scrubbedCopy(error: unknown, scrub: (text: string) => string, depth = 0): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const cause =
    depth < 3 && source.cause !== undefined ? scrubbedCopy(source.cause, scrub, depth + 1) : undefined;
  const copy = new Error(scrub(source.message), cause === undefined ? undefined : { cause });
  copy.name = source.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/** octokit leaves the body a string when the answer was not labelled JSON */
function jsonOf(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return { message: data.slice(0, 200) };
  }
}

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
}
