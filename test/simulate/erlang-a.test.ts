import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA } from '../../src/simulate/erlang-a.js';
import { erlangB } from '../../src/simulate/erlang-b.js';
import { erlangC } from '../../src/simulate/erlang-c.js';
import { estimatePatienceSeconds } from '../../src/simulate/patience.js';
import { referenceErlangA } from './reference.js';

describe('Erlang A', () => {
  it.each([
    // [load, agents, AHT, mean patience, threshold]
    [10, 13, 180, 60, 20],
    [10, 11, 180, 120, 20],
    [10, 8, 180, 90, 20], // more load than agents: still a steady state
    [50, 45, 300, 200, 30],
    [2.5, 3, 240, 30, 15],
    [20, 22, 300, 600, 0],
    [4, 1, 200, 45, 60],
  ])(
    'matches the birth–death chain for A = %d, N = %d, AHT %d s, patience %d s, t = %d s',
    (a, n, aht, patience, t) => {
      const m = erlangA({
        offeredLoad: a,
        agents: n,
        ahtSeconds: aht,
        answerWithinSeconds: t,
        patienceSeconds: patience,
      });
      const reference = referenceErlangA(a, n, aht, patience, t);
      expect(m.waitProbability).toBeCloseTo(reference.waitProbability, 10);
      expect(m.abandonRate).toBeCloseTo(reference.abandonRate, 10);
      expect(m.serviceLevel).toBeCloseTo(reference.serviceLevel, 9);
      expect(m.asa).toBeCloseTo(reference.meanWait, 8);
      expect(m.occupancy).toBeCloseTo((a * (1 - reference.abandonRate)) / n, 10);
    },
  );

  it('approaches Erlang C as patience grows (θ → 0)', () => {
    const base = { offeredLoad: 10, agents: 13, ahtSeconds: 180, answerWithinSeconds: 20 };
    const c = erlangC(base);
    let previousGap = Number.POSITIVE_INFINITY;
    for (const patience of [1e3, 1e5, 1e7]) {
      const a = erlangA({ ...base, patienceSeconds: patience });
      const gap = Math.abs(a.serviceLevel - c.serviceLevel) + Math.abs(a.asa - c.asa);
      expect(gap).toBeLessThan(previousGap);
      previousGap = gap;
    }
    const nearlyC = erlangA({ ...base, patienceSeconds: 1e7 });
    expect(nearlyC.waitProbability).toBeCloseTo(c.waitProbability, 5);
    expect(nearlyC.serviceLevel).toBeCloseTo(c.serviceLevel, 5);
    expect(Math.abs(nearlyC.asa - c.asa) / c.asa).toBeLessThan(1e-4);
  });

  it('approaches Erlang B as patience vanishes (θ → ∞): whoever finds all busy leaves', () => {
    const m = erlangA({
      offeredLoad: 10,
      agents: 12,
      ahtSeconds: 180,
      answerWithinSeconds: 20,
      patienceSeconds: 1e-6,
    });
    const blocked = erlangB(12, 10);
    expect(m.abandonRate).toBeCloseTo(blocked, 6);
    expect(m.serviceLevel).toBeCloseTo(1 - blocked, 6);
  });

  it('stays finite and stable for 10,000 agents, under and over load', () => {
    for (const a of [9_000, 9_900, 10_000, 10_500, 20_000]) {
      const m = erlangA({
        offeredLoad: a,
        agents: 10_000,
        ahtSeconds: 300,
        answerWithinSeconds: 20,
        patienceSeconds: 120,
      });
      for (const v of [m.serviceLevel, m.waitProbability, m.occupancy, m.abandonRate, m.asa]) {
        expect(Number.isFinite(v)).toBe(true);
      }
      // abandonment cannot be lower than the excess load: carried work ≤ agents
      expect(m.abandonRate).toBeGreaterThanOrEqual(Math.max(0, 1 - 10_000 / a) - 1e-9);
      expect(m.occupancy).toBeLessThanOrEqual(1);
    }
  });

  it('with no agents, everyone abandons after their patience', () => {
    const m = erlangA({
      offeredLoad: 3,
      agents: 0,
      ahtSeconds: 180,
      answerWithinSeconds: 20,
      patienceSeconds: 75,
    });
    expect(m).toMatchObject({ serviceLevel: 0, waitProbability: 1, abandonRate: 1, asa: 75, occupancy: 0 });
  });

  it('is monotone in agents and in range for any parameters', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.integer({ min: 0, max: 300 }),
        (a, n, extra, patience, t) => {
          const base = { offeredLoad: a, ahtSeconds: 240, answerWithinSeconds: t, patienceSeconds: patience };
          const fewer = erlangA({ ...base, agents: n });
          const more = erlangA({ ...base, agents: n + extra });
          for (const m of [fewer, more]) {
            for (const v of [m.serviceLevel, m.waitProbability, m.occupancy, m.abandonRate]) {
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(1);
            }
            expect(Number.isFinite(m.asa)).toBe(true);
          }
          expect(more.serviceLevel).toBeGreaterThanOrEqual(fewer.serviceLevel - 1e-9);
          expect(more.abandonRate).toBeLessThanOrEqual(fewer.abandonRate + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('patience estimate', () => {
  it('is total wait ÷ abandons (θ̂ = abandons ÷ exposure)', () => {
    expect(estimatePatienceSeconds(12, 3000)).toBe(250);
  });

  it.each([
    [0, 3000],
    [5, 0],
    [Number.NaN, 10],
  ])('is unknown for %d abandons over %d s of waiting', (abandoned, wait) => {
    expect(estimatePatienceSeconds(abandoned, wait)).toBeUndefined();
  });

  it('recovers the patience of a simulated exponential queue from the chain’s own figures', () => {
    const aht = 240;
    const patience = 90;
    const r = referenceErlangA(12, 11, aht, patience, 20);
    const offered = 1000;
    // abandons = offered·P(abandon); total wait = offered·E[wait]
    expect(estimatePatienceSeconds(offered * r.abandonRate, offered * r.meanWait)).toBeCloseTo(patience, 8);
  });
});
