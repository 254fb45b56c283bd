import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/simulate/erlang-b.js';
import { erlangC } from '../../src/simulate/erlang-c.js';
import { referenceErlangC } from './reference.js';

// The textbook example: 100 contacts per 30 minutes, AHT 180 s → A = 10 Erlang, 20 s threshold.
const textbook = { offeredLoad: 10, ahtSeconds: 180, answerWithinSeconds: 20 };

describe('Erlang B', () => {
  it.each([
    // published Erlang B table values (blocking for A Erlang on n servers)
    [1, 1, 0.5],
    [2, 2, 0.4],
    [10, 10, 0.2146],
    [10, 5, 0.01838],
  ])('B(n=%d, A=%d) ≈ %f', (n, a, expected) => {
    expect(erlangB(n, a)).toBeCloseTo(expected, 4);
  });

  it('is continuous across whole agent counts (fractional extension)', () => {
    for (const n of [3, 11, 40]) {
      expect(erlangB(n - 1e-9, 10)).toBeCloseTo(erlangB(n, 10), 7);
      expect(erlangB(n + 1e-9, 10)).toBeCloseTo(erlangB(n, 10), 7);
    }
    expect(erlangB(10.5, 10)).toBeLessThan(erlangB(10, 10));
    expect(erlangB(10.5, 10)).toBeGreaterThan(erlangB(11, 10));
  });
});

describe('Erlang C', () => {
  it.each([
    // published Erlang C tables for A = 10: P(wait) with 11…14 agents
    [11, 0.682],
    [12, 0.449],
    [13, 0.285],
    [14, 0.174],
  ])('A = 10 with %d agents waits with probability ≈ %f', (agents, published) => {
    const m = erlangC({ ...textbook, agents });
    expect(m.waitProbability).toBeCloseTo(published, 3);
    const reference = referenceErlangC(10, agents);
    expect(m.waitProbability).toBeCloseTo(reference, 12);
    expect(m.serviceLevel).toBeCloseTo(1 - reference * Math.exp((-(agents - 10) * 20) / 180), 12);
    expect(m.asa).toBeCloseTo((reference * 180) / (agents - 10), 9);
    expect(m.occupancy).toBeCloseTo(10 / agents, 12);
    expect(m.abandonRate).toBe(0);
  });

  it('gives the textbook 80/20 picture: 13 agents just miss it, 14 reach it', () => {
    expect(erlangC({ ...textbook, agents: 13 }).serviceLevel).toBeLessThan(0.8);
    expect(erlangC({ ...textbook, agents: 14 }).serviceLevel).toBeGreaterThan(0.8);
  });

  it('matches an independent log-space evaluation at N = 10,000 and A = 9,900', () => {
    const m = erlangC({ offeredLoad: 9900, agents: 10_000, ahtSeconds: 300, answerWithinSeconds: 20 });
    const reference = referenceErlangC(9900, 10_000);
    expect(Math.abs(m.waitProbability - reference) / reference).toBeLessThan(1e-9);
    expect(m.serviceLevel).toBeCloseTo(1 - reference * Math.exp((-100 * 20) / 300), 9);
    expect(m.asa).toBeCloseTo((reference * 300) / 100, 8);
  });

  it('stays finite with the load a hair below the agents', () => {
    const m = erlangC({ offeredLoad: 9999.999, agents: 10_000, ahtSeconds: 300, answerWithinSeconds: 20 });
    expect(m.waitProbability).toBeGreaterThan(0.999);
    expect(m.waitProbability).toBeLessThanOrEqual(1);
    expect(Number.isFinite(m.asa)).toBe(true);
    expect(m.asa).toBeGreaterThan(1e5);
  });

  it.each([
    [10, 10],
    [10, 7],
    [10, 0],
    [10, 9.5],
  ])('reports an unstable queue (A = %d, N = %d) as SL 0, always waiting, ASA Infinity', (a, n) => {
    const m = erlangC({ ...textbook, offeredLoad: a, agents: n });
    expect(m).toMatchObject({ serviceLevel: 0, waitProbability: 1, asa: Number.POSITIVE_INFINITY });
    expect(m.occupancy).toBe(n > 0 ? 1 : 0);
    expect(JSON.parse(JSON.stringify(m)).asa).toBeNull();
  });

  it('treats no demand as perfect service', () => {
    expect(erlangC({ ...textbook, offeredLoad: 0, agents: 3 })).toMatchObject({
      serviceLevel: 1,
      waitProbability: 0,
      asa: 0,
      occupancy: 0,
    });
  });

  it('never gets worse with more agents (fractional counts included), and stays in range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 0, max: 300 }),
        (a, n, extra, t) => {
          const base = { offeredLoad: a, ahtSeconds: 240, answerWithinSeconds: t };
          const fewer = erlangC({ ...base, agents: n });
          const more = erlangC({ ...base, agents: n + extra });
          for (const m of [fewer, more]) {
            for (const v of [m.serviceLevel, m.waitProbability, m.occupancy, m.abandonRate]) {
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(1);
            }
            expect(Number.isNaN(m.asa)).toBe(false);
          }
          expect(more.serviceLevel).toBeGreaterThanOrEqual(fewer.serviceLevel - 1e-12);
          expect(more.waitProbability).toBeLessThanOrEqual(fewer.waitProbability + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
