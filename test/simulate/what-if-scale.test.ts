import { describe, expect, it } from 'vitest';
import { syntheticOrg } from '../../src/bench/simulate-bench.js';
import { MAX_EFFICIENCY, MIN_EFFICIENCY } from '../../src/simulate/calibration.js';
import { simulateWhatIf } from '../../src/simulate/what-if.js';

/** Generous bounds: the figures on a 2-core CI runner are about 0.3 s and 3 s (see src/bench/simulate-bench.ts). */
describe('what-if at scale (10,000 users, 50 queues × 3 skills of 30, queue members, calibration)', () => {
  it.each([
    [1, 10_000],
    [30, 30_000],
  ])('%d day(s) run in seconds', (days, budgetMs) => {
    const data = { ...syntheticOrg({ users: 10_000, queues: 50, skills: 30, days }), calibrate: true };
    const started = performance.now();
    const result = simulateWhatIf(data);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(budgetMs);
    expect(result.queues).toHaveLength(50);
    for (const q of result.queues) {
      expect(q.calibration).toBeGreaterThanOrEqual(MIN_EFFICIENCY);
      expect(q.calibration).toBeLessThanOrEqual(MAX_EFFICIENCY);
      expect(q.current.agents).toBeGreaterThan(0);
      expect(Number.isFinite(q.current.asa)).toBe(true);
    }
    expect(result.queues.reduce((n, q) => n + q.days.length, 0)).toBe(50 * days);
  });
});
