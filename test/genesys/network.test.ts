import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ConfigError } from '../../src/errors.js';
import { configFromEnv, createGenesysClient, type GenesysClientOptions } from '../../src/genesys/index.js';
import { clientOptionsFromEnv } from '../../src/genesys/from-env.js';
import { deadlineFromEnv, networkDispatcher } from '../../src/genesys/network.js';
import { API, captureError, config, fakeClock, json, mockAgent, mockToken, testClient } from './helpers.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A server on 127.0.0.1 port 0 that answers the token request and hands every API request to `api`. */
async function server(api: (res: ServerResponse) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const srv: Server = createServer((req, res) => {
    if (req.url === '/oauth/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'tok-network-test', token_type: 'bearer', expires_in: 3600 }));
      return;
    }
    api(res);
  });
  srv.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        srv.close(resolve);
      }),
  );
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

function realClient(url: string, options: GenesysClientOptions) {
  const dispatcher = new Agent();
  closers.push(() => dispatcher.destroy());
  const conf = configFromEnv({
    GENESYSCLOUD_OAUTHCLIENT_ID: 'id',
    GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret-network-test',
    GENESYSCLOUD_API_REGION: url,
  });
  return createGenesysClient(conf, { dispatcher, backoffBaseMs: 10, ...options });
}

async function timed<T>(promise: Promise<T>): Promise<{ error: Error; ms: number }> {
  const started = performance.now();
  const error = await captureError(promise);
  return { error, ms: performance.now() - started };
}

describe('timeouts against real servers (short limits injected)', () => {
  it('a server that accepts and never answers fails the call within its no-answer budget, clearly', async () => {
    const url = await server(() => undefined); // holds every API request open
    const client = realClient(url, { headersTimeoutMs: 150, noAnswerBudgetMs: 400 });
    const { error, ms } = await timed(client.listSkills());
    expect(error.name).toBe('NetworkError');
    expect(error.message).toMatch(
      /^GET \/api\/v2\/routing\/skills failed after \d+ attempts?( in \d+ s)?: Genesys Cloud accepted the request but did not answer \(headers timeout\) \(UND_ERR_HEADERS_TIMEOUT\)$/,
    );
    // undici checks its timeouts on a coarse (~1 s) tick: the bound is the budget plus one timeout and a tick
    expect(ms).toBeLessThan(3_000);
  });

  it('a server that trickles its answer forever is cut off by the exchange timeout', async () => {
    const url = await server((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"entities": [');
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    });
    const client = realClient(url, { requestTimeoutMs: 200, bodyTimeoutMs: 5_000, noAnswerBudgetMs: 300 });
    const { error, ms } = await timed(client.listSkills());
    expect(error.name).toBe('NetworkError');
    expect(error.message).toContain('the answer was not complete within 0.20 s (REQUEST_TIMEOUT)');
    expect(ms).toBeLessThan(2_000);
  });

  it('an answer over the size cap fails at once, unretried, without buffering it', async () => {
    let served = 0;
    const url = await server((res) => {
      served += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entities: [{ id: 'x'.repeat(4096) }] }));
    });
    const client = realClient(url, { maxResponseBytes: 1024 });
    const { error } = await timed(client.listSkills());
    expect(error.message).toContain('the answer is larger than');
    expect(error.message).toContain('(RESPONSE_TOO_LARGE)');
    expect(served).toBe(1);
  });

  it('a dead token endpoint ends the run with one clear error, retries included', async () => {
    const url = await server(() => undefined);
    // the token endpoint answers in this server; point the client at a port nobody listens on instead
    const dead = createGenesysClient(
      {
        clientId: 'id',
        clientSecret: 'secret-network-test',
        apiBaseUrl: url,
        tokenUrl: 'http://127.0.0.1:9/oauth/token',
      },
      { backoffBaseMs: 10, noAnswerBudgetMs: 250 },
    );
    const { error, ms } = await timed(dead.listUsers());
    expect(error.message).toMatch(/^POST \/oauth\/token failed after \d+ attempts?: .*\(ECONNREFUSED\)$/);
    expect(ms).toBeLessThan(2_000);
  });
});

describe('run deadline (virtual time)', () => {
  it('stops retrying when the next wait would run past the deadline, naming the setting', async () => {
    const agent = mockAgent();
    closers.push(() => agent.close());
    mockToken(agent);
    agent
      .get(API)
      .intercept({ path: '/api/v2/routing/skills', method: 'GET', query: { pageSize: 500, pageNumber: 1 } })
      .reply(503, { message: 'Service temporarily unavailable' }, json)
      .times(3);
    const clock = fakeClock();
    const { client } = testClient(agent, clock, {
      deadlineMs: 1_000,
      deadlineSource: 'ROUTING_GITOPS_DEADLINE_SECONDS',
      backoffBaseMs: 1_000,
    });
    const error = await captureError(client.listSkills());
    expect(error).toMatchObject({ name: 'DeadlineError', code: 'DEADLINE' });
    expect(error.message).toMatchInlineSnapshot(
      `"the run's deadline of 1 s (ROUTING_GITOPS_DEADLINE_SECONDS) would pass while waiting 1 s before GET /api/v2/routing/skills?pageSize=500&pageNumber=1; stopping here — re-run when Genesys Cloud answers again (a re-run picks up where this one stopped)"`,
    );
    expect(clock.sleeps).toEqual([500]);
  });

  it('ROUTING_GITOPS_DEADLINE_SECONDS: default 25 min, 0 = none, garbage refused', () => {
    expect(deadlineFromEnv({})).toBe(25 * 60_000);
    expect(deadlineFromEnv({ ROUTING_GITOPS_DEADLINE_SECONDS: '600' })).toBe(600_000);
    expect(deadlineFromEnv({ ROUTING_GITOPS_DEADLINE_SECONDS: '0' })).toBeUndefined();
    expect(() => deadlineFromEnv({ ROUTING_GITOPS_DEADLINE_SECONDS: '10m' })).toThrow(ConfigError);
  });
});

describe('https only, except loopback', () => {
  const creds = { GENESYSCLOUD_OAUTHCLIENT_ID: 'id', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret-xyz' };

  it.each(['http://api.mypurecloud.ie', 'http://10.0.0.5:8080', 'http://user:pw@api.example.com'])(
    'refuses %s: the secret would travel in clear text',
    (url) => {
      const conf = configFromEnv({ ...creds, GENESYSCLOUD_API_REGION: url });
      const error = (() => {
        try {
          createGenesysClient(conf);
        } catch (e) {
          return e as Error;
        }
        throw new Error('expected a ConfigError');
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(
        'is not https: the client secret and access tokens would travel in clear text',
      );
      expect(error.message).not.toContain('pw@');
    },
  );

  it.each([
    'http://127.0.0.1:8080',
    'http://localhost:1234',
    'http://[::1]:80',
    'https://api.mypurecloud.ie',
  ])('accepts %s', (url) => {
    expect(() =>
      createGenesysClient(configFromEnv({ ...creds, GENESYSCLOUD_API_REGION: url })),
    ).not.toThrow();
  });

  it('checks an explicit token URL too', () => {
    expect(() =>
      createGenesysClient({ ...config, tokenUrl: 'http://login.mypurecloud.ie/oauth/token' }),
    ).toThrow(/token URL .* is not https/);
  });
});

describe('region settings', () => {
  const creds = { GENESYSCLOUD_OAUTHCLIENT_ID: 'id', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret-xyz' };

  it('warns when GENESYSCLOUD_REGION and GENESYSCLOUD_API_REGION disagree, and says which one is used', () => {
    const warnings: string[] = [];
    const conf = configFromEnv(
      { ...creds, GENESYSCLOUD_REGION: 'us-east-1', GENESYSCLOUD_API_REGION: 'https://api.mypurecloud.ie' },
      (w) => warnings.push(w),
    );
    expect(conf.apiBaseUrl).toBe('https://api.mypurecloud.ie');
    expect(warnings).toEqual([
      'GENESYSCLOUD_REGION "us-east-1" (https://api.mypurecloud.com) and GENESYSCLOUD_API_REGION (https://api.mypurecloud.ie) disagree: using GENESYSCLOUD_API_REGION; unset the one you do not mean',
    ]);
  });

  it('is quiet when both name the same host', () => {
    const warnings: string[] = [];
    configFromEnv(
      { ...creds, GENESYSCLOUD_REGION: 'eu-west-1', GENESYSCLOUD_API_REGION: 'https://api.mypurecloud.ie/' },
      (w) => warnings.push(w),
    );
    expect(warnings).toEqual([]);
  });
});

describe('HTTPS_PROXY / NO_PROXY', () => {
  /** A CONNECT proxy on 127.0.0.1 that counts the tunnels it opens. */
  async function connectProxy(): Promise<{ url: string; tunnels: string[] }> {
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          for (const s of sockets) s.destroy();
          proxy.close(resolve);
        }),
    );
    return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
  }

  async function listThrough(dispatcher: Dispatcher, url: string) {
    closers.push(() => dispatcher.destroy());
    const conf = configFromEnv({
      GENESYSCLOUD_OAUTHCLIENT_ID: 'id',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret-network-test',
      GENESYSCLOUD_API_REGION: url,
    });
    const client = createGenesysClient(conf, { dispatcher });
    return client.listSkills();
  }

  it('sends every request through the proxy HTTPS_PROXY / HTTP_PROXY names', async () => {
    const api = await server((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entities: [{ id: 's1', name: 'Billing' }], pageCount: 1 }));
    });
    const proxy = await connectProxy();
    const { dispatcher } = clientOptionsFromEnv({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    expect(dispatcher).toBeInstanceOf(EnvHttpProxyAgent);
    expect(await listThrough(dispatcher!, api)).toEqual([{ id: 's1', name: 'Billing' }]);
    expect(proxy.tunnels).toEqual([new URL(api).host, new URL(api).host]);
  });

  it('NO_PROXY exempts a host', async () => {
    const api = await server((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entities: [], pageCount: 1 }));
    });
    const proxy = await connectProxy();
    const dispatcher = networkDispatcher({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    await listThrough(dispatcher, api);
    expect(proxy.tunnels).toEqual([]);
  });

  it('without proxy variables: a plain Agent; a malformed proxy URL is a ConfigError that hides credentials', () => {
    const plain = networkDispatcher({});
    closers.push(() => plain.destroy());
    expect(plain).toBeInstanceOf(Agent);
    expect(() => networkDispatcher({ HTTPS_PROXY: 'http//user:hunter2@proxy' })).toThrow(ConfigError);
    expect(() => networkDispatcher({ HTTPS_PROXY: 'http//user:hunter2@proxy' })).not.toThrow(/hunter2/);
  });
});
