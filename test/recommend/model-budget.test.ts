import { describe, expect, it } from 'vitest';
import {
  FULL_MODEL_AGENTS,
  modelBudget,
  searchWindow,
  slotRange,
  windowLabel,
} from '../../src/recommend/model-budget.js';

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

describe('searchWindow: the days a search simulates', () => {
  const SLOT = 1800;
  const PER_DAY = 48;
  /** 30 days of one stream, day d carrying demand(d) contacts per slot */
  const period = (demand: (day: number) => number): Float64Array =>
    Float64Array.from({ length: 30 * PER_DAY }, (_, i) => demand(Math.floor(i / PER_DAY)));

  it('takes the most recent days for a window of a week or more', () => {
    const offered = [period((d) => (d % 7 >= 5 ? 1 : 10))];
    expect(searchWindow(offered, 30 * PER_DAY, SLOT, 14)).toEqual({ from: 16 * PER_DAY, keep: 14 * PER_DAY });
    expect(searchWindow(offered, 30 * PER_DAY, SLOT, 7)).toEqual({ from: 23 * PER_DAY, keep: 7 * PER_DAY });
  });

  it('takes the busiest whole-day shift of a short window within the last week, not a quiet end', () => {
    // the last two days are quiet (a weekend), days 24 and 25 the busiest of the week before them
    const offered = [period((d) => (d >= 28 ? 1 : d === 24 || d === 25 ? 20 : 10))];
    const w = searchWindow(offered, 30 * PER_DAY, SLOT, 2);
    expect(w).toEqual({ from: 24 * PER_DAY, keep: 2 * PER_DAY });
    expect(windowLabel(w.from, w.keep, 30 * PER_DAY, SLOT)).toBe('2 busiest days of the last week');
  });

  it('keeps the most recent window among equals, and never looks further back than a week', () => {
    const flat = [period(() => 5)];
    const w = searchWindow(flat, 30 * PER_DAY, SLOT, 2);
    expect(w).toEqual({ from: 28 * PER_DAY, keep: 2 * PER_DAY });
    expect(windowLabel(w.from, w.keep, 30 * PER_DAY, SLOT)).toBe('last 2 days');
    // the busiest days are 10 days back: out of reach
    const old = [period((d) => (d === 19 || d === 20 ? 100 : 5))];
    expect(searchWindow(old, 30 * PER_DAY, SLOT, 2).from).toBe(28 * PER_DAY);
  });

  it('sums the streams and handles a period shorter than the window', () => {
    const a = period((d) => (d === 26 ? 10 : 0));
    const b = period((d) => (d === 27 ? 10 : 0));
    // days 26-27 hold both streams' contacts
    expect(searchWindow([a, b], 30 * PER_DAY, SLOT, 2).from).toBe(26 * PER_DAY);
    expect(searchWindow([a], 10, SLOT, 2)).toEqual({ from: 0, keep: 10 });
  });

  it('slotRange cuts a typed array (as a view) and a plain array alike', () => {
    const typed = Float64Array.from([0, 1, 2, 3, 4]);
    expect(Array.from(slotRange(typed, 1, 3))).toEqual([1, 2, 3]);
    expect(slotRange([0, 1, 2, 3, 4], 2, 2)).toEqual([2, 3]);
  });
});

describe('modelBudget with data for the most recent days only', () => {
  it('keeps every window within them, the what-if too, and the runs by size', () => {
    // a small centre of a large org (presence read for 7 days): 7-day searches, a 7-day what-if, full runs
    expect(modelBudget(1500, { maxDays: 7 })).toEqual({
      skills: { days: 7, evaluations: 120 },
      weights: { days: 7, evaluations: 60 },
      whatIf: { replications: 3, window: { maxContacts: 1, minDays: 7 } },
    });
    expect(modelBudget(2500, { maxDays: 7 })).toEqual(modelBudget(2500));
    const short = modelBudget(2500, { maxDays: 2 });
    expect(short.skills.days).toBe(2);
    expect(short.whatIf.window).toEqual({ maxContacts: 1, minDays: 2 });
  });
});
