import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse, SendFn } from '../../src/genesys/http.js';
import { createPipeline, type ClientStats } from '../../src/genesys/pipeline.js';
import { Redactor } from '../../src/genesys/redact.js';
import { TimeBudget } from '../../src/genesys/time-budget.js';
import { rateHeaders, virtualClock } from './helpers.js';

function pipelineWith(send: SendFn, clock: ReturnType<typeof virtualClock>['clock'], concurrency: number) {
  const stats: ClientStats = { requests: 0, retries: 0, writes: 0, throttled: 0, logins: 0, failures: 0 };
  const call = createPipeline({
    baseUrl: 'https://api.example.test',
    send,
    auth: { token: () => Promise.resolve('t'), invalidate: () => undefined },
    clock,
    redactor: new Redactor(),
    backoff: { baseMs: 500, capMs: 30_000, random: () => 0.5 },
    concurrency,
    maxRetries: 5,
    maxWaitMs: 60_000,
    budget: new TimeBudget(clock, { requestTimeoutMs: 60_000, noAnswerBudgetMs: 60_000 }),
    log: () => undefined,
    stats,
  });
  return { call, stats };
}

describe('concurrency limit', () => {
  it('never has more than `concurrency` requests in flight', async () => {
    const { clock, run } = virtualClock(0);
    let inFlight = 0;
    let peak = 0;
    const send: SendFn = async (request: HttpRequest): Promise<HttpResponse> => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await clock.sleep(request.url.endsWith('slow') ? 300 : 100);
      inFlight -= 1;
      return { status: 200, headers: {}, body: { ok: true } };
    };
    const { call, stats } = pipelineWith(send, clock, 3);
    const calls = Array.from({ length: 12 }, (_, i) =>
      call({ method: 'GET', path: `/api/v2/x/${i}${i % 4 === 0 ? 'slow' : ''}`, permission: 'p' }),
    );
    await run(Promise.all(calls));
    expect(peak).toBe(3);
    expect(stats.requests).toBe(12);
  });

  it('a 429 pauses every caller, not only the one that got it', async () => {
    const { clock, run } = virtualClock(0);
    const starts: number[] = [];
    let first = true;
    const send: SendFn = async () => {
      starts.push(clock.now());
      await clock.sleep(10);
      if (first) {
        first = false;
        return { status: 429, headers: { 'retry-after': '2' }, body: { message: 'slow down' } };
      }
      return { status: 200, headers: rateHeaders(1, 300, 60), body: {} };
    };
    const { call, stats } = pipelineWith(send, clock, 1);
    await run(
      Promise.all([1, 2, 3].map((i) => call({ method: 'GET', path: `/api/v2/x/${i}`, permission: 'p' }))),
    );
    expect(stats.throttled).toBe(1);
    // request 1 at 0 → 429 at 10; nobody starts again before 10 + 2000
    expect(starts[0]).toBe(0);
    expect(Math.min(...starts.slice(1))).toBeGreaterThanOrEqual(2010);
  });
});
