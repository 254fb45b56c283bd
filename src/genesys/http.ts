import type { Dispatcher } from 'undici';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** absolute URL */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** the whole exchange (headers and body) must be over within this many ms */
  timeoutMs?: number;
  /** a 2xx answer's body is returned as its bytes (a Buffer), not parsed: for answers read by a scanner */
  rawBody?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  /** parsed JSON, or the raw text when the body is not JSON, or undefined when empty; a 2xx answer to a
   * `rawBody` request: its bytes (a Buffer) */
  body: unknown;
}

/** The raw request function the pipeline decorates. Network failures reject with an error carrying a `code`. */
export type SendFn = (request: HttpRequest) => Promise<HttpResponse>;

/** Limits on one exchange. Connect timeouts belong to the dispatcher (see network.ts). */
export interface ExchangeLimits {
  /** time from sending the request to the answer's headers */
  headersTimeoutMs: number;
  /** longest silence while the body arrives */
  bodyTimeoutMs: number;
  /** largest answer read; a bigger one is abandoned, never buffered */
  maxResponseBytes: number;
}

/** A failure of our own making (not undici's), with a code like undici's. */
export class ExchangeError extends Error {
  constructor(
    readonly code: 'REQUEST_TIMEOUT' | 'RESPONSE_TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}

export function undiciSend(dispatcher: Dispatcher, limits: ExchangeLimits): SendFn {
  return async (request) => {
    const url = new URL(request.url);
    const abort = new AbortController();
    const timer =
      request.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            abort.abort(
              new ExchangeError(
                'REQUEST_TIMEOUT',
                `the answer was not complete within ${seconds(request.timeoutMs ?? 0)} s`,
              ),
            );
          }, request.timeoutMs);
    try {
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        headersTimeout: limits.headersTimeoutMs,
        bodyTimeout: limits.bodyTimeoutMs,
        signal: abort.signal,
      });
      const declared = Number(response.headers['content-length'] ?? NaN);
      if (declared > limits.maxResponseBytes) tooLarge(response.body, limits.maxResponseBytes);
      const bytes = await readCapped(response.body, limits.maxResponseBytes, abort.signal);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: request.rawBody && ok ? bytes : parseBody(bytes.toString('utf8')),
      };
    } catch (error) {
      // an abort surfaces as undici's AbortError: report the reason we aborted with
      const reason: unknown = abort.signal.reason;
      throw abort.signal.aborted && reason instanceof ExchangeError ? reason : error;
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}

async function readCapped(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (signal.aborted) break;
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) tooLarge(body, maxBytes);
    chunks.push(buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}

function tooLarge(body: Dispatcher.ResponseData['body'], maxBytes: number): never {
  const error = new ExchangeError(
    'RESPONSE_TOO_LARGE',
    `the answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB, the most this client reads`,
  );
  body.destroy(error);
  throw error;
}

function seconds(ms: number): string {
  return ms >= 1000 ? String(Math.round(ms / 100) / 10) : (ms / 1000).toFixed(2);
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
