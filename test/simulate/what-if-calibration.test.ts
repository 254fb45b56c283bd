import { describe, expect, it } from 'vitest';
import { fitEfficiency, MAX_EFFICIENCY, MIN_EFFICIENCY } from '../../src/simulate/calibration.js';
import { groupDemand } from '../../src/simulate/demand.js';
import { evaluateQueue } from '../../src/simulate/evaluate.js';
import type { WhatIfDemand, WhatIfInput } from '../../src/simulate/types.js';
import { evaluationUnits } from '../../src/simulate/units.js';
import { simulateWhatIf } from '../../src/simulate/what-if.js';
import { T1, T2, T3, ids, input, queue, row, users } from './what-if-helpers.js';

const T4 = '2024-05-02T09:30:00.000Z';

/** Three queues, shared people, four intervals; Support's patience is given, Claims' is estimated from the data
 * and Sales is Erlang C (no abandons). */
function org(): WhatIfInput {
  const demand: WhatIfDemand[] = [];
  const volumes: [string, number][] = [
    [T1, 1],
    [T2, 1.3],
    [T3, 0.7],
    [T4, 1.1],
  ];
  for (const [start, v] of volumes) {
    demand.push(
      row('Support', 'Billing', start, Math.round(60 * v)),
      row('Support', 'Tech', start, Math.round(20 * v), { ahtSeconds: 300 }),
      row('Claims', 'Billing', start, Math.round(40 * v), { ahtSeconds: 240 }),
      row('Sales', 'Sales', start, Math.round(25 * v)),
    );
  }
  const people = {
    ...users('a', 12, { Billing: 3, Tech: 2 }),
    ...users('b', 8, { Billing: 4 }),
    ...users('c', 10, { Billing: 2, Sales: 3 }),
    ...users('s', 6, { Sales: 5 }),
  };
  return input({
    demand,
    onShift: { [T1]: 1, [T2]: 0.9, [T3]: 0.8, [T4]: 1 },
    current: people,
    proposed: people,
    patienceSeconds: { Support: 150 },
  });
}

const members = {
  'id-Support': [...ids('a', 12), ...ids('b', 8)],
  Claims: [...ids('b', 8), ...ids('c', 10)],
  Sales: [...ids('c', 10), ...ids('s', 6)],
};

/**
 * Measured figures produced by the model itself with every unit's agents × k: wait = offered × ASA and abandoned =
 * offered × abandon rate (so Claims' estimated patience comes out as the 200 s used here).
 */
function measuredAt(base: WhatIfInput, k: number): WhatIfInput {
  const grouped = groupDemand(base);
  const units = evaluationUnits(base, grouped, {
    intervalSeconds: 1800,
    onShiftAt: (start) => base.onShift[start] ?? 1,
  });
  const patience: Record<string, number> = { 'id-Support': 150, 'id-Claims': 200 };
  const demand = base.demand.map((d) => ({ ...d, abandoned: 0, totalWaitSeconds: 0 }));
  for (const [queueId, intervals] of units) {
    for (const interval of intervals) {
      for (const unit of interval.units) {
        const m = evaluateQueue({
          offered: unit.offered,
          intervalSeconds: 1800,
          ahtSeconds: unit.ahtSeconds,
          agents: unit.current * k,
          answerWithinSeconds: base.answerWithinSeconds,
          patienceSeconds: patience[queueId],
        });
        for (const d of demand) {
          if (d.queueId !== queueId || d.start !== interval.start) continue;
          if (unit.skill !== undefined && d.skill !== unit.skill) continue;
          d.totalWaitSeconds = d.offered * m.asa;
          d.abandoned = d.offered * m.abandonRate;
        }
      }
    }
  }
  return { ...base, demand };
}

function measuredMeanWait(data: WhatIfInput, queueName: string): number {
  const rows = data.demand.filter((d) => d.queue === queueName);
  return rows.reduce((s, d) => s + (d.totalWaitSeconds ?? 0), 0) / rows.reduce((s, d) => s + d.offered, 0);
}

describe('what-if calibration', () => {
  it.each([
    ['with queue members', { queueMembers: members }],
    ['without queue members', {}],
  ])('recovers the efficiency the data was generated with (%s)', (_, extra) => {
    const base = { ...org(), ...extra };
    const data = measuredAt(base, 0.7);
    const result = simulateWhatIf({ ...data, calibrate: true });
    expect(result.queues.map((q) => q.queue)).toEqual(['Claims', 'Sales', 'Support']);
    for (const q of result.queues) {
      expect(Math.abs((q.calibration ?? 0) - 0.7)).toBeLessThan(0.02);
      expect(q.calibration).toBeCloseTo(0.7, 5);
      // the calibrated current mean wait is the measured one
      expect(q.current.asa / measuredMeanWait(data, q.queue)).toBeCloseTo(1, 6);
    }
    expect(queue(result, 'Claims').patienceSeconds).toBeCloseTo(200, 9);
    expect(queue(result, 'Sales').patienceSeconds).toBeUndefined();
  });

  it('leaves proposed = current when nothing changes', () => {
    const data = { ...measuredAt({ ...org(), queueMembers: members }, 0.8), calibrate: true };
    const result = simulateWhatIf(data);
    for (const q of result.queues) {
      expect(q.calibration).toBeDefined();
      expect(q.proposed).toEqual(q.current);
      for (const day of q.days) expect(day.proposed).toEqual(day.current);
    }
    expect(result.belowFloor).toEqual([]);
  });

  it('applies the fitted factor to the proposal as well', () => {
    const base = { ...org(), queueMembers: members };
    const data = measuredAt(base, 0.6);
    // five of the people Claims shares with Sales stop taking Sales
    const proposed = { ...base.current, ...users('c', 5, { Billing: 2 }) };
    const plain = simulateWhatIf({ ...data, proposed });
    const calibrated = simulateWhatIf({ ...data, proposed, calibrate: true });
    const claims = queue(calibrated, 'Claims');
    expect(claims.calibration).toBeCloseTo(0.6, 5);
    expect(claims.proposed.agents).toBeCloseTo(queue(plain, 'Claims').proposed.agents * 0.6, 9);
    expect(claims.proposed.serviceLevel).toBeLessThan(queue(plain, 'Claims').proposed.serviceLevel);
    expect(claims.proposed.serviceLevel).toBeGreaterThan(claims.current.serviceLevel);
  });

  it('stops at the bounds when the measured wait is out of the model’s reach', () => {
    const base = { ...org(), queueMembers: members };
    const data = measuredAt(base, 0.7);
    // Support's patience is 150 s, so no number of agents makes its mean wait an hour; nobody waits in Sales
    const demand = data.demand.map((d) =>
      d.queue === 'Support'
        ? { ...d, totalWaitSeconds: d.offered * 3_600 }
        : d.queue === 'Sales'
          ? { ...d, totalWaitSeconds: 0 }
          : d,
    );
    const result = simulateWhatIf({ ...data, demand, calibrate: true });
    expect(queue(result, 'Support').calibration).toBe(MIN_EFFICIENCY);
    expect(queue(result, 'Sales').calibration).toBe(MAX_EFFICIENCY);
  });

  it('reports no factor without calibrate, or for a queue without measured waits', () => {
    const data = measuredAt({ ...org(), queueMembers: members }, 0.7);
    const off = simulateWhatIf(data);
    expect(off.queues.every((q) => q.calibration === undefined)).toBe(true);
    const demand = data.demand.map((d) => {
      if (d.queue !== 'Sales') return d;
      const rest = { ...d };
      delete rest.totalWaitSeconds;
      return rest;
    });
    const partial = simulateWhatIf({ ...data, demand, calibrate: true });
    expect(queue(partial, 'Sales').calibration).toBeUndefined();
    expect(queue(partial, 'Sales').current).toEqual(queue(off, 'Sales').current);
    expect(queue(partial, 'Claims').calibration).toBeCloseTo(0.7, 5);
  });
});

describe('fitEfficiency', () => {
  it.each([0.2001, 0.45, 0.7, 1.23, 1.4999])('finds k = %d of a steep decreasing wait in few steps', (k) => {
    // like an Erlang C queue: the wait explodes as capacity falls towards the load (Infinity below it)
    const wait = (x: number) => (x <= 0.19 ? Number.POSITIVE_INFINITY : 30 / (x - 0.19) ** 3);
    let calls = 0;
    const found = fitEfficiency(wait(k), (x) => {
      calls += 1;
      return wait(x);
    });
    expect(found).toBeCloseTo(k, 6);
    expect(calls).toBeLessThanOrEqual(20);
  });

  it('takes a bisection step past an unstable end of the bracket', () => {
    const wait = (x: number) => (x < 0.9 ? Number.POSITIVE_INFINITY : 5 / (x - 0.85));
    expect(fitEfficiency(wait(1.1), wait)).toBeCloseTo(1.1, 6);
  });
});
