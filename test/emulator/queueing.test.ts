import { describe, expect, it } from 'vitest';
import { solveQueue, stationary } from '../../src/emulator/queueing.js';

/** Erlang C reference (textbook formulas), used only to check the limit θ → 0. */
function erlangC(servers: number, load: number): number {
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (load * b) / (n + load * b);
  return (servers * b) / (servers - load * (1 - b));
}

describe('M/M/N+M solver', () => {
  it.each([
    { servers: 10, aht: 300, perHour: 100, sla: 20 },
    { servers: 25, aht: 240, perHour: 330, sla: 30 },
    { servers: 3, aht: 600, perHour: 12, sla: 20 },
  ])('matches Erlang C when patience is practically infinite ($servers agents)', (c) => {
    const lambda = c.perHour / 3600;
    const mu = 1 / c.aht;
    const out = solveQueue({ lambda, mu, theta: 1e-9, servers: c.servers, slaSeconds: c.sla });
    const load = lambda / mu;
    const pc = erlangC(c.servers, load);
    const sl = 1 - pc * Math.exp((-(c.servers - load) * c.sla) / c.aht);
    const asa = (pc * c.aht) / (c.servers - load);
    expect(out.pWait).toBeCloseTo(pc, 6);
    expect(out.pServedWithinSla).toBeCloseTo(sl, 5);
    expect(Math.abs(out.meanWait - asa) / asa).toBeLessThan(1e-4);
    expect(out.pAbandon).toBeLessThan(1e-5);
  });

  it('is internally consistent: answered + abandoned = 1 and Little’s law for abandonment', () => {
    for (const servers of [0, 1, 5, 20, 80]) {
      for (const rho of [0.3, 0.9, 1.3]) {
        const mu = 1 / 300;
        const lambda = Math.max(1, servers) * mu * rho;
        const out = solveQueue({ lambda, mu, theta: 1 / 90, servers, slaSeconds: 20 });
        expect(out.pServed + out.pAbandon).toBeCloseTo(1, 6);
        expect(out.pServedWithinSla).toBeLessThanOrEqual(out.pServed + 1e-9);
        expect(out.pAbandonWithinSla).toBeLessThanOrEqual(out.pAbandon + 1e-9);
        const overall = out.pServed * out.meanWaitServed + out.pAbandon * out.meanWaitAbandoned;
        expect(overall).toBeCloseTo(out.meanWait, 4);
      }
    }
  });

  it('gets better with more agents and worse with more load', () => {
    const base = { lambda: 40 / 1800, mu: 1 / 300, theta: 1 / 120, slaSeconds: 20 };
    const few = solveQueue({ ...base, servers: 10 });
    const more = solveQueue({ ...base, servers: 14 });
    expect(more.pServedWithinSla).toBeGreaterThan(few.pServedWithinSla);
    expect(more.meanWait).toBeLessThan(few.meanWait);
    expect(more.pAbandon).toBeLessThan(few.pAbandon);
  });

  it('with no agents everyone abandons after their patience', () => {
    const out = solveQueue({ lambda: 0.01, mu: 1 / 300, theta: 1 / 60, servers: 0, slaSeconds: 20 });
    expect(out.pServed).toBeCloseTo(0, 9);
    expect(out.pAbandon).toBeCloseTo(1, 6);
    expect(out.meanWaitAbandoned).toBeCloseTo(60, 3);
    expect(out.pAbandonWithinSla).toBeCloseTo(1 - Math.exp(-20 / 60), 4);
  });

  it('has a proper stationary distribution', () => {
    const pi = stationary({ lambda: 0.5, mu: 1 / 200, theta: 1 / 100, servers: 120, slaSeconds: 20 });
    expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
