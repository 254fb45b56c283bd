/**
 * The request pipeline: control routes (no auth, no faults, not counted); then counting, injected latency and
 * resets, the token endpoint, bearer auth, the per-token rate limit, injected 429/5xx, and the API handler.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { parseInterval } from '../analytics/iso.js';
import { divisionGate, homeOnly, scopeReply } from '../divisions.js';
import { prefetch, workerRunner } from '../parallel.js';
import { controlRoute } from '../routes/control.js';
import { tokenRoute } from '../routes/oauth.js';
import type { Runtime } from '../runtime.js';
import { errorBody, errorReply, send, type Reply } from './respond.js';
import { rateHeaders } from './tokens.js';

const MAX_BODY = 10 * 1024 * 1024;

export function requestListener(rt: Runtime): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(rt, req, res).catch((error: unknown) => send(res, errorReply(error, randomUUID())));
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

async function handle(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const method = (req.method ?? 'GET').toUpperCase();
  const contextId = randomUUID();
  res.setHeader('inin-correlation-id', contextId);
  const raw = await readBody(req);
  if (url.pathname === '/__emulator' || url.pathname.startsWith('/__emulator/')) {
    const json = parseJson(raw);
    if (!json.ok) return send(res, bad(contextId, 'The request body is not valid JSON'));
    try {
      return send(res, controlRoute(rt, method, url.pathname, json.value));
    } catch (error) {
      return send(res, errorReply(error, contextId));
    }
  }
  const isToken = url.pathname === '/oauth/token';
  const match = isToken ? undefined : rt.router.match(method, url.pathname);
  const template = isToken ? '/oauth/token' : match && 'route' in match ? match.route.template : url.pathname;
  rt.counters.request(`${method} ${template}`);
  res.on('finish', () => rt.counters.status(res.statusCode));
  if (!isToken || rt.faults.settings.includeToken) {
    const latency = rt.faults.latency();
    if (latency > 0) await delay(latency);
    if (rt.faults.reset()) {
      rt.counters.status('reset');
      req.socket.destroy();
      return;
    }
  }
  if (isToken) {
    if (method !== 'POST')
      return send(res, { status: 405, body: { error: 'invalid_request', description: 'use POST' } });
    if (rt.faults.settings.includeToken) {
      const injected = injectedReply(rt, contextId, {});
      if (injected) return send(res, injected);
    }
    return send(res, tokenRoute(rt, req.headers.authorization, raw));
  }
  if (method === 'POST' && url.pathname.startsWith('/api/v2/analytics/')) await prefetchFor(rt, req, raw);
  send(res, apiReply(rt, req, url, method, raw, contextId));
}

/**
 * Before an analytics query of an authorised client: the days it reads that are not simulated yet are simulated
 * on several threads (parallel.ts). The query itself then runs as always; a body it rejects costs nothing here.
 */
async function prefetchFor(rt: Runtime, req: IncomingMessage, raw: string): Promise<void> {
  if (rt.threads < 1 || !rt.tokens.lookup(req.headers.authorization, rt.now().getTime()).ok) return;
  const json = parseJson(raw);
  const interval = json.ok ? (json.value as { interval?: unknown } | undefined)?.interval : undefined;
  let range: { start: number; end: number };
  try {
    range = parseInterval(interval);
  } catch {
    return;
  }
  rt.org.sync();
  try {
    await prefetch(rt.org, range.start, range.end, () => {
      rt.dayRunner ??= workerRunner(rt.org.seedOptions, rt.threads);
      return rt.dayRunner;
    });
  } catch {
    // a worker failed (e.g. out of memory): stop using workers; the query simulates its days itself
    const runner = rt.dayRunner;
    rt.threads = 0;
    rt.dayRunner = undefined;
    await runner?.close().catch(() => undefined);
  }
}

function apiReply(
  rt: Runtime,
  req: IncomingMessage,
  url: URL,
  method: string,
  raw: string,
  contextId: string,
): Reply {
  const limit = rt.faults.settings.rateLimit;
  const anonymous = rateHeaders(0, limit.count, limit.windowSeconds);
  const now = rt.now().getTime();
  const auth = rt.tokens.lookup(req.headers.authorization, now);
  if (!auth.ok) {
    const message =
      auth.reason === 'missing'
        ? 'No authentication bearer token specified in authorization header.'
        : auth.reason === 'expired'
          ? 'The access token has expired.'
          : 'Invalid login credentials.';
    const code = auth.reason === 'missing' ? 'authentication.required' : 'bad.credentials';
    return { status: 401, body: errorBody(401, code, message, contextId), headers: anonymous };
  }
  const rate = rt.tokens.charge(auth.record, now, limit, rt.faults.settings.resetSlackSeconds);
  if (rate.limited) {
    const message = `Rate limit exceeded the maximum. Retry the request in [${rate.retryAfterSeconds}] seconds`;
    return {
      status: 429,
      body: errorBody(429, 'too.many.requests', message, contextId),
      headers: { ...rate.headers, 'retry-after': String(rate.retryAfterSeconds) },
    };
  }
  const injected = injectedReply(rt, contextId, rate.headers);
  if (injected) return injected;
  const match = rt.router.match(method, url.pathname);
  if (!match || !('route' in match)) {
    const status = match ? 405 : 404;
    const message = match
      ? `${method} is not supported on ${url.pathname}`
      : `No API resource at ${url.pathname}`;
    return {
      status,
      body: errorBody(status, status === 404 ? 'not.found' : 'method.not.allowed', message, contextId),
      headers: rate.headers,
    };
  }
  const json = parseJson(raw);
  if (!json.ok)
    return {
      ...bad(contextId, 'The request could not be understood by the server due to malformed syntax.'),
      headers: rate.headers,
    };
  try {
    rt.org.sync();
    const limited = homeOnly(auth.client.actor.clientId);
    if (limited) divisionGate(rt.org, method, match.params);
    const handled = match.route.handler({
      org: rt.org,
      runtime: rt,
      params: match.params,
      query: url.searchParams,
      body: json.value,
      actor: auth.client.actor,
      contextId,
    });
    const reply = scopeReply(rt.org, handled, limited);
    return { ...reply, headers: { ...rate.headers, ...reply.headers } };
  } catch (error) {
    return { ...errorReply(error, contextId), headers: rate.headers };
  }
}

function injectedReply(rt: Runtime, contextId: string, headers: Record<string, string>): Reply | undefined {
  const injected = rt.faults.injected();
  if (!injected) return undefined;
  if (injected.status === 429) {
    const message = `Rate limit exceeded the maximum. Retry the request in [${injected.retryAfterSeconds}] seconds`;
    return {
      status: 429,
      body: errorBody(429, 'too.many.requests', message, contextId),
      headers: { ...headers, 'retry-after': String(injected.retryAfterSeconds) },
    };
  }
  const message = injected.status === 503 ? 'Service temporarily unavailable' : 'Upstream gateway failure';
  const code =
    injected.status === 503
      ? 'service.unavailable'
      : injected.status === 502
        ? 'bad.gateway'
        : 'gateway.timeout';
  return { status: injected.status, body: errorBody(injected.status, code, message, contextId), headers };
}

function bad(contextId: string, message: string): Reply {
  return { status: 400, body: errorBody(400, 'bad.request', message, contextId) };
}
