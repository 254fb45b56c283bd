import { describe, expect, it } from 'vitest';
import { FULL_MODEL_AGENTS, modelBudget } from '../../src/recommend/model-budget.js';

const SIZES = [1, 200, 1999, 2000, 2001, 2500, 3000, 5000, 7500, 10_000, 20_000, 100_000];

describe('modelBudget: what the planner spends on the centre model by org size', () => {
  it('gives an org up to FULL_MODEL_AGENTS the full searches and the full what-if', () => {
    for (const n of [1, 200, FULL_MODEL_AGENTS]) {
      expect(modelBudget(n)).toEqual({
        skills: { days: 14, evaluations: 120 },
        weights: { days: 7, evaluations: 60 },
        whatIf: { replications: 3 },
      });
    }
  });

  it('keeps 10,000 agents at the fixed parameters it had (skills 2 d × 8, weights 2 d × 4, what-if 3 d × 1)', () => {
    expect(modelBudget(10_000)).toEqual({
      skills: { days: 2, evaluations: 8 },
      weights: { days: 2, evaluations: 4 },
      whatIf: { replications: 1, window: { maxContacts: 1, minDays: 3 } },
    });
  });

  it('gives 2,500 agents more runs and a longer what-if than 10,000', () => {
    const b = modelBudget(2500);
    expect(b.skills).toEqual({ days: 2, evaluations: 32 });
    expect(b.weights).toEqual({ days: 2, evaluations: 16 });
    expect(b.whatIf).toEqual({ replications: 1, window: { maxContacts: 1, minDays: 7 } });
  });

  it('never gives a larger org more than a smaller one (days, runs, replications each non-increasing)', () => {
    const whatIfDays = (n: number): number => modelBudget(n).whatIf.window?.minDays ?? Infinity;
    for (let i = 1; i < SIZES.length; i++) {
      const small = modelBudget(SIZES[i - 1]!);
      const large = modelBudget(SIZES[i]!);
      expect(large.skills.days).toBeLessThanOrEqual(small.skills.days);
      expect(large.skills.evaluations).toBeLessThanOrEqual(small.skills.evaluations);
      expect(large.weights.days).toBeLessThanOrEqual(small.weights.days);
      expect(large.weights.evaluations).toBeLessThanOrEqual(small.weights.evaluations);
      expect(large.whatIf.replications).toBeLessThanOrEqual(small.whatIf.replications);
      expect(whatIfDays(SIZES[i]!)).toBeLessThanOrEqual(whatIfDays(SIZES[i - 1]!));
    }
  });

  it('stays within the 10,000-agent cost above the full size, and never below what a search needs to act', () => {
    for (const n of SIZES.filter((x) => x > FULL_MODEL_AGENTS)) {
      const b = modelBudget(n);
      // agent-days × runs: no more than 10,000 agents spent with the fixed parameters (or the floor's cost)
      expect(n * b.skills.days * b.skills.evaluations).toBeLessThanOrEqual(Math.max(10_000, n) * 2 * 8);
      expect(n * b.weights.days * b.weights.evaluations).toBeLessThanOrEqual(Math.max(10_000, n) * 2 * 4);
      const days = b.whatIf.window?.minDays ?? 0;
      expect(n * days * b.whatIf.replications).toBeLessThanOrEqual(Math.max(10_000, n) * 3 * 7);
      expect(n * days * b.whatIf.replications).toBeLessThanOrEqual(Math.max(30_000, n * 3));
      // bounded below: a base run and one round of candidates; two days; one replication of three days
      expect(b.skills.evaluations).toBeGreaterThanOrEqual(8);
      expect(b.weights.evaluations).toBeGreaterThanOrEqual(4);
      expect(b.skills.days).toBeGreaterThanOrEqual(2);
      expect(b.whatIf.replications).toBeGreaterThanOrEqual(1);
      expect(days).toBeGreaterThanOrEqual(3);
      expect(days).toBeLessThanOrEqual(7);
    }
  });

  it('takes whole agents: fractions and nonsense sizes get a budget, never NaN', () => {
    expect(modelBudget(2500.7)).toEqual(modelBudget(2500));
    expect(modelBudget(0)).toEqual(modelBudget(1));
    expect(modelBudget(-5)).toEqual(modelBudget(1));
  });
});
