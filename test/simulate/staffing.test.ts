import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/simulate/errors.js';
import { evaluate } from '../../src/simulate/evaluate.js';
import { requiredAgents, requiredPositions, skillAgentsNeeded, staff } from '../../src/simulate/staffing.js';
import type { StaffingInput } from '../../src/simulate/staffing.js';
import { referenceErlangC } from './reference.js';

const textbook = { offeredLoad: 10, ahtSeconds: 180, answerWithinSeconds: 20, serviceLevelTarget: 0.8 };

/** The smallest n whose independently computed Erlang C service level meets the target. */
function bruteForceErlangC(a: number, aht: number, t: number, target: number): number {
  for (let n = Math.floor(a) + 1; ; n++) {
    if (1 - referenceErlangC(a, n) * Math.exp((-(n - a) * t) / aht) >= target) return n;
  }
}

function meets(input: StaffingInput, agents: number): boolean {
  const m = evaluate({ ...input, agents });
  return m.serviceLevel >= input.serviceLevelTarget && m.occupancy <= (input.maxOccupancy ?? 1) + 1e-12;
}

describe('required agents', () => {
  it('needs 14 agents for 80% in 20 s at 10 Erlang (Erlang C tables)', () => {
    expect(requiredAgents(textbook)).toBe(bruteForceErlangC(10, 180, 20, 0.8));
    expect(requiredAgents(textbook)).toBe(14);
  });

  it('respects the occupancy cap after the service level', () => {
    expect(requiredAgents({ ...textbook, maxOccupancy: 0.7 })).toBe(15); // 10/14 = 71% > 70%
    expect(requiredAgents({ ...textbook, maxOccupancy: 0.8 })).toBe(14);
  });

  it('finds the same answer as an independent search at 9,900 Erlang', () => {
    const input = { offeredLoad: 9900, ahtSeconds: 300, answerWithinSeconds: 20, serviceLevelTarget: 0.9 };
    const n = requiredAgents(input);
    expect(meets(input, n)).toBe(true);
    expect(meets(input, n - 1)).toBe(false);
    expect(Math.abs(n - bruteForceErlangC(9900, 300, 20, 0.9))).toBe(0);
  });

  it('needs no agents without demand', () => {
    expect(staff({ ...textbook, offeredLoad: 0 })).toMatchObject({ agents: 0, metrics: { serviceLevel: 1 } });
  });

  it('returns the minimum: n meets the target, n − 1 does not (Erlang C and A)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 400, noNaN: true }),
        fc.integer({ min: 30, max: 900 }),
        fc.integer({ min: 0, max: 120 }),
        fc.double({ min: 0.3, max: 0.99, noNaN: true }),
        fc.double({ min: 0.6, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 5, max: 3000, noNaN: true }), { nil: undefined }),
        (load, aht, t, target, maxOccupancy, patience) => {
          const input = {
            offeredLoad: load,
            ahtSeconds: aht,
            answerWithinSeconds: t,
            serviceLevelTarget: target,
            maxOccupancy,
            patienceSeconds: patience,
          };
          const n = requiredAgents(input);
          expect(meets(input, n)).toBe(true);
          if (n > 1) expect(meets(input, n - 1)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Erlang A never needs more agents than Erlang C for contact-centre parameters', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 400, noNaN: true }),
        fc.integer({ min: 120, max: 900 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        fc.double({ min: 30, max: 3000, noNaN: true }),
        (load, aht, t, target, patience) => {
          const input = {
            offeredLoad: load,
            ahtSeconds: aht,
            answerWithinSeconds: t,
            serviceLevelTarget: target,
          };
          expect(requiredAgents({ ...input, patienceSeconds: patience })).toBeLessThanOrEqual(
            requiredAgents(input),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('can need more agents under Erlang A when abandons decide a very high target (they count as missed)', () => {
    // threshold longer than the AHT, 99% target: Erlang C answers nearly everyone in time, while some
    // impatient contacts abandon first under Erlang A, and abandoned is not "answered within the threshold"
    const input = { offeredLoad: 22.47, ahtSeconds: 39, answerWithinSeconds: 48, serviceLevelTarget: 0.99 };
    expect(requiredAgents({ ...input, patienceSeconds: 230 })).toBeGreaterThan(requiredAgents(input));
  });

  it('caps abandonment under Erlang A: short patience does not "meet" the target by losing a fifth of the calls', () => {
    const input = { offeredLoad: 9900, ahtSeconds: 300, answerWithinSeconds: 20, serviceLevelTarget: 0.8 };
    const uncapped = staff({ ...input, patienceSeconds: 60 });
    expect(uncapped.metrics.abandonRate).toBeGreaterThan(0.19);
    const capped = staff({ ...input, patienceSeconds: 60, maxAbandonRate: 0.05 });
    expect(capped.metrics.abandonRate).toBeLessThanOrEqual(0.05);
    expect(capped.agents).toBeGreaterThan(uncapped.agents + 1000);
  });

  it('has a positional form for the planner', () => {
    expect(skillAgentsNeeded(10, 180, 0.8, 20, 1)).toBe(14);
    expect(skillAgentsNeeded(10, 180, 0.8, 20, 1, 60)).toBe(
      requiredAgents({ ...textbook, patienceSeconds: 60 }),
    );
  });

  it.each([
    [{ serviceLevelTarget: 1 }, /service-level target/],
    [{ serviceLevelTarget: 0 }, /service-level target/],
    [{ offeredLoad: -1 }, /offered load/],
    [{ offeredLoad: Number.NaN }, /offered load/],
    [{ ahtSeconds: 0 }, /AHT/],
    [{ answerWithinSeconds: -5 }, /answer-within/],
    [{ maxOccupancy: 0 }, /max occupancy/],
    [{ patienceSeconds: 0 }, /patience/],
  ])('rejects %o', (override, message) => {
    expect(() => requiredAgents({ ...textbook, ...override })).toThrow(SimulationError);
    expect(() => requiredAgents({ ...textbook, ...override })).toThrow(message);
  });
});

describe('required positions (shrinkage)', () => {
  it.each([
    [21, 0.3, 30], // 21 / 0.7 = 30.000000000000004 in floating point
    [14, 0, 14],
    [14, 0.3, 20],
    [7, 0.3, 10],
    [10, 0.35, 16],
    [0, 0.3, 0],
  ])('%d agents at %d shrinkage need %d positions', (agents, shrinkage, positions) => {
    expect(requiredPositions(agents, shrinkage)).toBe(positions);
  });

  it('never rounds a real shortfall away', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (agents, s) => {
          const positions = requiredPositions(agents, s);
          expect(positions * (1 - s)).toBeGreaterThanOrEqual(agents - 1e-6);
          expect((positions - 1) * (1 - s)).toBeLessThan(agents);
        },
      ),
    );
  });

  it.each([1, -0.1, Number.NaN])('rejects shrinkage %d', (s) => {
    expect(() => requiredPositions(10, s)).toThrow(/shrinkage/);
  });
});
