import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../src/genesys/backoff.js';
import {
  Pacer,
  PacingTooLongError,
  readRateLimitHeaders,
  type RateLimitState,
} from '../../src/genesys/pacer.js';
import type { Clock } from '../../src/genesys/clock.js';
import { fakeClock, virtualClock } from './helpers.js';

interface SimulatedLimiter {
  hit(now: number): RateLimitState;
  /** windows (0 = the first) in which requests were rejected */
  rejectedIn: number[];
}

/** Fixed windows aligned to `origin`: `allowed` requests per `windowMs`; resets rounded by `roundReset`. */
function alignedWindows(
  allowed: number,
  windowMs: number,
  origin: number,
  roundReset: (s: number) => number,
): SimulatedLimiter {
  const counts = new Map<number, number>();
  const rejectedIn: number[] = [];
  return {
    rejectedIn,
    hit(now) {
      const window = Math.floor((now - origin) / windowMs);
      const count = (counts.get(window) ?? 0) + 1;
      counts.set(window, count);
      if (count > allowed) rejectedIn.push(window);
      const resetMs = origin + (window + 1) * windowMs - now;
      return { count, allowed, resetMs: roundReset(resetMs / 1000) * 1000 };
    },
  };
}

/** A window that opens at the first request after the last one closed; resets in whole seconds, at least 1. */
function windowOnFirstRequest(allowed: number, windowMs: number): SimulatedLimiter {
  let start = -Infinity;
  let count = 0;
  let window = -1;
  const rejectedIn: number[] = [];
  return {
    rejectedIn,
    hit(now) {
      if (now >= start + windowMs) [start, count, window] = [now, 0, window + 1];
      count += 1;
      if (count > allowed) rejectedIn.push(window);
      return { count, allowed, resetMs: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) * 1000 };
    },
  };
}

/** Deterministic latencies in [min, max). */
function latencies(min: number, max: number) {
  let seed = 7;
  return () => min + ((seed = (seed * 16807) % 2147483647) / 2147483647) * (max - min);
}

/** `workers` callers share the pacer until `total` requests are done; the limiter counts each mid-flight. */
async function drive(
  pacer: Pacer,
  limiter: SimulatedLimiter,
  clock: Clock,
  options: { total: number; workers: number; latency: () => number },
) {
  let started = 0;
  async function worker() {
    while (started < options.total) {
      started += 1;
      const sentAt = await pacer.acquire();
      await clock.sleep(options.latency() / 2);
      const state = limiter.hit(clock.now());
      await clock.sleep(options.latency() / 2);
      pacer.observe(sentAt, state);
    }
  }
  await Promise.all(Array.from({ length: options.workers }, worker));
}

async function simulate(limiter: SimulatedLimiter, total: number, latency = latencies(20, 60)) {
  const start = 1_000_000;
  const { clock, run } = virtualClock(start);
  const pacer = new Pacer(clock, { maxWaitMs: 60_000, burst: 5 });
  await run(drive(pacer, limiter, clock, { total, workers: 5, latency }));
  return clock.now() - start;
}

describe('Pacer', () => {
  it.each([
    ['exact', (s: number) => s, 0],
    ['rounded up to whole seconds', Math.ceil, 0],
    // until the first "0 s" shows the rounding, the requests in flight at the first reset may land early
    ['rounded down to whole seconds', Math.floor, 5],
    ['rounded to the nearest second', Math.round, 5],
  ])(
    'runs 300 requests at ≥ 80%% of 100 per 5 s, 5 at a time (reset %s)',
    async (_name, round, firstWindow429s) => {
      const limiter = alignedWindows(100, 5000, 1_000_000 - 1234, round);
      const elapsed = await simulate(limiter, 300);
      const floor = (300 / 100) * 5000;
      expect(limiter.rejectedIn.length).toBeLessThanOrEqual(firstWindow429s);
      expect(limiter.rejectedIn.every((window) => window === 0)).toBe(true);
      expect(elapsed).toBeLessThanOrEqual(floor * 1.25);
    },
  );

  it('keeps up with windows that open on the first request (the emulator, per token)', async () => {
    const limiter = windowOnFirstRequest(20, 1000);
    const elapsed = await simulate(limiter, 200);
    expect(limiter.rejectedIn).toEqual([]);
    expect(elapsed).toBeLessThanOrEqual((200 / 20) * 1000 * 1.25);
  });

  it('without pacing the same load trips the limit (the simulation has teeth)', async () => {
    const { clock, run } = virtualClock(0);
    const limiter = alignedWindows(100, 5000, 0, Math.ceil);
    const unpaced = {
      acquire: () => Promise.resolve(clock.now()),
      observe: () => undefined,
    } as unknown as Pacer;
    await run(drive(unpaced, limiter, clock, { total: 300, workers: 5, latency: latencies(20, 60) }));
    expect(limiter.rejectedIn.length).toBeGreaterThan(0);
  });

  it('spreads the requests left over the time to reset', async () => {
    const clock = fakeClock(0);
    const pacer = new Pacer(clock, { maxWaitMs: 60_000, burst: 1 });
    pacer.observe(await pacer.acquire(), { count: 1, allowed: 11, resetMs: 10_000 });
    const starts: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const sentAt = await pacer.acquire();
      starts.push(sentAt);
      pacer.observe(sentAt, undefined);
    }
    expect(starts).toEqual([0, 1000, 2000, 3000]);
  });

  it('waits for the reset when the window is spent, then continues', async () => {
    const clock = fakeClock(0);
    const pacer = new Pacer(clock, { maxWaitMs: 60_000, burst: 5 });
    pacer.observe(await pacer.acquire(), { count: 300, allowed: 300, resetMs: 12_000 });
    await pacer.acquire();
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('refuses to wait longer than maxWaitMs', async () => {
    const clock = fakeClock(0);
    const pacer = new Pacer(clock, { maxWaitMs: 60_000, burst: 5 });
    pacer.observe(await pacer.acquire(), { count: 10_000, allowed: 10_000, resetMs: 3_600_000 });
    await expect(pacer.acquire()).rejects.toBeInstanceOf(PacingTooLongError);
    expect(clock.sleeps).toEqual([]);
  });

  it('a pause (Retry-After) holds every request', async () => {
    const clock = fakeClock(0);
    const pacer = new Pacer(clock, { maxWaitMs: 60_000, burst: 5 });
    pacer.pause(4000);
    await pacer.acquire();
    expect(clock.sleeps).toEqual([4000]);
  });

  it('ignores late answers from an earlier window', async () => {
    const clock = fakeClock(0);
    const pacer = new Pacer(clock, { maxWaitMs: 60_000, burst: 5 });
    const first = await pacer.acquire();
    const straggler = await pacer.acquire();
    pacer.observe(first, { count: 1, allowed: 100, resetMs: 5000 });
    clock.advance(6000);
    pacer.observe(await pacer.acquire(), { count: 1, allowed: 100, resetMs: 4000 }); // new window, ends at 10 000
    pacer.observe(straggler, { count: 100, allowed: 100, resetMs: 1000 }); // sent in the first window
    expect(pacer.snapshot().windowEnd).toBe(10_000);
    expect(pacer.snapshot().left).toBeGreaterThan(90);
  });
});

describe('rate-limit headers', () => {
  it('reads the inin-ratelimit headers', () => {
    expect(
      readRateLimitHeaders({
        'inin-ratelimit-count': '7',
        'inin-ratelimit-allowed': '300',
        'inin-ratelimit-reset': '42',
      }),
    ).toEqual({ count: 7, allowed: 300, resetMs: 42_000 });
    expect(
      readRateLimitHeaders({ 'inin-ratelimit-count': '7', 'inin-ratelimit-allowed': '300' }),
    ).toBeUndefined();
    expect(
      readRateLimitHeaders({
        'inin-ratelimit-count': '',
        'inin-ratelimit-allowed': '300',
        'inin-ratelimit-reset': '1',
      }),
    ).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('stays within [0, min(cap, base·2^retry)) for any jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 120_000 }),
        (retry, jitter, baseMs, capMs) => {
          const delay = backoffDelay(retry, { baseMs, capMs, random: () => jitter });
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.max(1, Math.min(capMs, baseMs * 2 ** retry)));
        },
      ),
    );
  });

  it('is full jitter: the whole range is used', () => {
    const policy = { baseMs: 500, capMs: 30_000 };
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...policy, random: () => 0.5 })).toBe(2000);
    expect(backoffDelay(10, { ...policy, random: () => 0.5 })).toBe(15_000);
  });
});
