import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** HTTP status, or "reset" when the upstream dropped the connection */
  status: number | 'reset';
  /** answered by the proxy itself (an injected fault), never reached the upstream */
  injected: boolean;
}

export interface CountingProxy {
  url: string;
  log: ProxiedRequest[];
  close(): Promise<void>;
}

/** An injected answer for a request, or undefined to pass it through. */
export type Intercept = (method: string, path: string) => { status: number; body: unknown } | undefined;

/**
 * A real HTTP hop in front of the emulator: logs every request with the status the client saw, can answer some
 * itself (a burst of 5xx for one user), and passes connection resets on as resets.
 */
export async function startCountingProxy(upstream: string, intercept?: Intercept): Promise<CountingProxy> {
  const agent = new Agent();
  const log: ProxiedRequest[] = [];
  const server = createServer((req, res) => void forward(req, res));
  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const injected = intercept?.(method, path);
    if (injected) {
      log.push({ method, path, status: injected.status, injected: true });
      res.writeHead(injected.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(injected.body));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'keep-alive'].includes(k))
        headers[k] = v;
    }
    try {
      const answer = await request(`${upstream}${req.url ?? '/'}`, {
        method: method as 'GET',
        headers,
        dispatcher: agent,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      const body = Buffer.from(await answer.body.arrayBuffer());
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(answer.headers)) {
        if (
          typeof v === 'string' &&
          !['connection', 'transfer-encoding', 'content-length', 'keep-alive'].includes(k)
        )
          out[k] = v;
      }
      log.push({ method, path, status: answer.statusCode, injected: false });
      res.writeHead(answer.statusCode, out);
      res.end(body);
    } catch {
      log.push({ method, path, status: 'reset', injected: false });
      req.socket.destroy();
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
