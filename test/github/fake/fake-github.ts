import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitRoutes } from './git-routes.js';
import { pullRoutes } from './pull-routes.js';
import { basicError } from './representations.js';
import type { FakeRequest, FakeResponse, RouteDef } from './routes.js';
import { FakeState, HttpError } from './state.js';

/** one request and its answer, as the contract test checks them against GitHub's OpenAPI description */
export interface Exchange {
  method: string;
  /** the OpenAPI path template, or undefined when no route matched */
  route: string | undefined;
  path: string;
  query: Record<string, string>;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
  authorization: string | undefined;
}

export const ROUTES: readonly RouteDef[] = [...gitRoutes, ...pullRoutes];

interface CompiledRoute {
  def: RouteDef;
  pattern: RegExp;
  names: string[];
}

function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  const source = def.route.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return name === 'ref' ? '(.+)' : '([^/]+)';
  });
  return { def, pattern: new RegExp(`^${source}$`), names };
}

const COMPILED = ROUTES.map(compile);

/**
 * A GitHub REST API fake on 127.0.0.1 (port 0) for exactly the endpoints `src/github` uses, with an in-memory
 * repository. Every exchange is recorded; `fake-github-contract.test.ts` checks routes and bodies against
 * GitHub's own OpenAPI description so the fake cannot drift from the real API.
 */
export class FakeGitHub {
  readonly state: FakeState;
  readonly exchanges: Exchange[] = [];
  private readonly faults: { method: string; route: string; status: number; body: unknown }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly token: string,
    owner: string,
    repo: string,
    defaultBranch: string,
  ) {
    this.state = new FakeState({ api: url, html: 'https://github.example', owner, repo }, defaultBranch);
  }

  static async start(
    options: { owner?: string; repo?: string; token?: string; defaultBranch?: string } = {},
  ): Promise<FakeGitHub> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeGitHub(
      server,
      `http://127.0.0.1:${port}`,
      options.token ?? 'ghs_fake-token',
      options.owner ?? 'acme',
      options.repo ?? 'routing',
      options.defaultBranch ?? 'main',
    );
    server.on('request', (req, res) => void fake.serve(req, res));
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** the next request to `method route` gets this answer instead */
  failNext(
    method: string,
    route: string,
    status: number,
    body: unknown = basicError('Injected failure', status),
  ) {
    this.faults.push({ method, route, status, body });
  }

  /** how many requests matched `method route` (e.g. `PATCH /repos/{owner}/{repo}/pulls/{pull_number}`) */
  count(method: string, route: string): number {
    return this.exchanges.filter((e) => e.method === method && e.route === route).length;
  }

  /** requests that change something */
  writes(): Exchange[] {
    return this.exchanges.filter((e) => e.method !== 'GET');
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    let requestBody: unknown;
    try {
      requestBody = raw ? JSON.parse(raw) : undefined;
    } catch {
      requestBody = raw;
    }
    const match = this.match(method, url.pathname);
    const response = this.answer(method, url, match, req.headers.authorization, requestBody);
    this.exchanges.push({
      method,
      route: match?.route.def.route,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: response.status,
      requestBody,
      responseBody: response.body,
      authorization: req.headers.authorization,
    });
    const payload = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'x-github-request-id': `FAKE:${this.exchanges.length}`,
      ...response.headers,
    });
    res.end(payload);
  }

  private match(method: string, pathname: string) {
    for (const route of COMPILED) {
      if (route.def.method !== method) continue;
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
      return { route, params };
    }
    return undefined;
  }

  private answer(
    method: string,
    url: URL,
    match: ReturnType<FakeGitHub['match']>,
    authorization: string | undefined,
    body: unknown,
  ): FakeResponse {
    const [scheme, credential] = (authorization ?? '').split(' ');
    if (!/^(token|bearer)$/i.test(scheme ?? '') || credential !== this.token) {
      return { status: 401, body: basicError('Bad credentials', 401) };
    }
    if (!match) return { status: 404, body: basicError('Not Found', 404) };
    const { owner, repo } = this.state.urls;
    if (match.params.owner !== owner || match.params.repo !== repo) {
      return { status: 404, body: basicError('Not Found', 404) };
    }
    const fault = this.faults.findIndex((f) => f.method === method && f.route === match.route.def.route);
    if (fault >= 0) {
      const [injected] = this.faults.splice(fault, 1);
      return { status: injected!.status, body: injected!.body };
    }
    const request: FakeRequest = {
      params: match.params,
      query: url.searchParams,
      body: (body ?? {}) as Record<string, unknown>,
      url,
    };
    try {
      return match.route.def.handle(request, this.state);
    } catch (error) {
      if (error instanceof HttpError) return { status: error.status, body: error.body };
      return { status: 500, body: basicError(error instanceof Error ? error.message : String(error), 500) };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
