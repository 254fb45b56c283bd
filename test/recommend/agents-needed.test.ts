import { describe, expect, it } from 'vitest';
import { agentsNeeded } from '../../src/recommend/agents-needed.js';

/** Erlang C straight from the textbook formula (fine for small N), independent of src/simulate. */
function erlangC(n: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = (term * n) / (n - a);
  return top / (sum + top);
}

function serviceLevel(n: number, a: number, aht: number, within: number): number {
  return n <= a ? 0 : 1 - erlangC(n, a) * Math.exp((-(n - a) * within) / aht);
}

describe('agentsNeeded', () => {
  it.each([
    { load: 10, aht: 180, sl: 0.8, within: 20, occ: 0.85 },
    { load: 0.3, aht: 300, sl: 0.8, within: 20, occ: 0.85 },
    { load: 42.7, aht: 420, sl: 0.9, within: 30, occ: 0.9 },
    { load: 8, aht: 300, sl: 0.5, within: 60, occ: 0.6 },
    { load: 0.01, aht: 30, sl: 0.95, within: 0, occ: 1 },
  ])('is the fewest agents meeting SL and occupancy ($load Erlangs)', (c) => {
    const n = agentsNeeded(c.load, c.aht, {
      serviceLevel: c.sl,
      answerWithinSeconds: c.within,
      maxOccupancy: c.occ,
    });
    const ok = (k: number) =>
      k > c.load && c.load / k <= c.occ && serviceLevel(k, c.load, c.aht, c.within) >= c.sl;
    expect(ok(n)).toBe(true);
    expect(ok(n - 1)).toBe(false);
  });

  it('stays finite and sensible for 10,000+ agents', () => {
    const n = agentsNeeded(9000, 300, { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 0.99 });
    expect(n).toBeGreaterThan(9000);
    expect(n).toBeLessThan(9200);
  });

  it('needs nobody without load or handle time', () => {
    const target = { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 0.85 };
    expect(agentsNeeded(0, 300, target)).toBe(0);
    expect(agentsNeeded(5, 0, target)).toBe(0);
  });
});
