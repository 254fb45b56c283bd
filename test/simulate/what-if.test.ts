import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/simulate/errors.js';
import { evaluateQueue } from '../../src/simulate/evaluate.js';
import type { WhatIfDemand, WhatIfInput } from '../../src/simulate/types.js';
import { simulateWhatIf } from '../../src/simulate/what-if.js';

const T1 = '2024-05-01T09:00:00.000Z';
const T2 = '2024-05-01T09:30:00.000Z';
const T3 = '2024-05-02T09:00:00.000Z';

function row(
  queue: string,
  skill: string,
  start: string,
  offered: number,
  extra: Partial<WhatIfDemand> = {},
) {
  return { queueId: `id-${queue}`, queue, skill, start, offered, ahtSeconds: 180, ...extra };
}

/** `count` users holding exactly `skills`, ids prefixed */
function users(
  prefix: string,
  count: number,
  skills: Record<string, number>,
): Record<string, Record<string, number>> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, { ...skills }]));
}

function input(overrides: Partial<WhatIfInput>): WhatIfInput {
  return {
    demand: [],
    onShift: {},
    current: {},
    proposed: {},
    answerWithinSeconds: 20,
    serviceLevelTarget: 0.8,
    serviceLevelFloor: 0.5,
    ...overrides,
  };
}

/** Independent expectation: Erlang C for `agents` on 100-per-interval style demand. */
function expected(offered: number, agents: number) {
  return evaluateQueue({ offered, intervalSeconds: 1800, ahtSeconds: 180, agents, answerWithinSeconds: 20 });
}

function queue(result: ReturnType<typeof simulateWhatIf>, name: string) {
  const found = result.queues.find((q) => q.queue === name);
  if (!found) throw new Error(`no queue ${name}`);
  return found;
}

describe('what-if', () => {
  const billingAndSales = {
    demand: [row('Support', 'Billing', T1, 100), row('Sales', 'Sales', T1, 20)],
    current: {
      ...users('billing', 11, { Billing: 3 }),
      ...users('sales', 20, { Sales: 2 }),
      ...users('spare', 4, {}),
    },
  };

  it('adding holders to a starved skill raises that queue’s service level', () => {
    const result = simulateWhatIf(
      input({
        ...billingAndSales,
        proposed: { ...billingAndSales.current, ...users('spare', 4, { Billing: 2 }) },
      }),
    );
    const support = queue(result, 'Support');
    expect(support.current.serviceLevel).toBeCloseTo(expected(100, 11).serviceLevel, 12);
    expect(support.proposed.serviceLevel).toBeCloseTo(expected(100, 15).serviceLevel, 12);
    expect(support.proposed.serviceLevel).toBeGreaterThan(support.current.serviceLevel);
    expect(support.proposed.agents).toBe(15);
    expect(queue(result, 'Sales').proposed).toEqual(queue(result, 'Sales').current);
    expect(result.belowFloor).toEqual([]);
  });

  it('removing idle holders from an over-staffed skill keeps its service level', () => {
    const proposed = { ...billingAndSales.current, ...users('sales', 5, { Sales: 0 }) };
    const result = simulateWhatIf(input({ ...billingAndSales, proposed }));
    const sales = queue(result, 'Sales');
    expect(sales.current.agents).toBe(20);
    expect(sales.proposed.agents).toBe(15);
    expect(sales.proposed.serviceLevel).toBeGreaterThan(0.9999);
    expect(sales.current.serviceLevel - sales.proposed.serviceLevel).toBeLessThan(1e-4);
    expect(result.belowFloor).toEqual([]);
  });

  it('shares a user across their demanded skills in proportion to load, and a skill across queues', () => {
    const result = simulateWhatIf(
      input({
        demand: [
          row('Support', 'Billing', T1, 75),
          row('Escalations', 'Billing', T1, 25),
          row('Sales', 'Sales', T1, 50),
          row('Idle', 'Unused', T1, 0),
        ],
        current: users('both', 12, { Billing: 3, Sales: 1, Unused: 5 }),
        proposed: users('both', 12, { Billing: 3, Sales: 1, Unused: 5 }),
      }),
    );
    // Billing has 100 of the 150 contacts' work → 2/3 of each of 12 people = 8 agents, split 3:1 by load
    expect(queue(result, 'Support').current.agents).toBeCloseTo(6, 12);
    expect(queue(result, 'Escalations').current.agents).toBeCloseTo(2, 12);
    expect(queue(result, 'Sales').current.agents).toBeCloseTo(4, 12);
    expect(result.queues.map((q) => q.queue)).toEqual(['Escalations', 'Sales', 'Support']); // no offered → absent
  });

  it('scales agents by the fraction logged in per interval', () => {
    const result = simulateWhatIf(
      input({
        demand: [row('Support', 'Billing', T1, 100), row('Support', 'Billing', T2, 100)],
        onShift: { [T1]: 1, [T2]: 0.5 },
        current: users('b', 30, { Billing: 1 }),
        proposed: users('b', 30, { Billing: 1 }),
      }),
    );
    const agents = queue(result, 'Support').days[0]?.current.agents;
    expect(agents).toBeCloseTo((30 + 15) / 2, 12);
    expect(queue(result, 'Support').worstInterval?.start).toBe(T2);
    expect(queue(result, 'Support').worstInterval?.current.agents).toBe(15);
  });

  it('weights intervals and days by volume and names the worst interval', () => {
    const result = simulateWhatIf(
      input({
        demand: [
          row('Support', 'Billing', T1, 100),
          row('Support', 'Billing', T2, 120),
          row('Support', 'Billing', T3, 30),
        ],
        current: users('b', 14, { Billing: 1 }),
        proposed: users('b', 13, { Billing: 1 }),
      }),
    );
    const support = queue(result, 'Support');
    const sl = [expected(100, 13), expected(120, 13), expected(30, 13)].map((m) => m.serviceLevel);
    const [a = 0, b = 0, c = 0] = sl;
    expect(support.offered).toBe(250);
    expect(support.proposed.serviceLevel).toBeCloseTo((100 * a + 120 * b + 30 * c) / 250, 12);
    expect(support.proposed.serviceLevel).not.toBeCloseTo((a + b + c) / 3, 3);
    expect(support.days.map((d) => [d.date, d.offered])).toEqual([
      ['2024-05-01', 220],
      ['2024-05-02', 30],
    ]);
    expect(support.days[0]?.proposed.serviceLevel).toBeCloseTo((100 * a + 120 * b) / 220, 12);
    expect(support.worstInterval).toMatchObject({ start: T2, offered: 120 });
    expect(support.worstInterval?.proposed.serviceLevel).toBeCloseTo(b, 12);
  });

  it('lists a queue pushed below the floor, not one already below it that the change leaves alone or improves', () => {
    const demand = [
      row('Pushed', 'P', T1, 100), // 12 → 11 agents: 64% → 39%, floor 50%
      row('Stuck', 'S', T1, 100), // 11 agents both times: 39%
      row('Helped', 'H', T1, 100), // 10 → 11 agents: better, still below
    ];
    const current = { ...users('p', 12, { P: 1 }), ...users('s', 11, { S: 1 }), ...users('h', 10, { H: 1 }) };
    const proposed = {
      ...users('p', 11, { P: 1 }),
      ...users('s', 11, { S: 1 }),
      ...users('h', 11, { H: 1 }),
    };
    const result = simulateWhatIf(input({ demand, current, proposed, serviceLevelFloor: 0.5 }));
    expect(result.belowFloor).toEqual([
      {
        queue: 'Pushed',
        current: expected(100, 12).serviceLevel,
        proposed: expected(100, 11).serviceLevel,
        floor: 0.5,
      },
    ]);
    expect(queue(result, 'Stuck').proposed.serviceLevel).toBeLessThan(0.5);
  });

  it('uses Erlang A with the patience estimated from abandons, or the one given', () => {
    const demand = [
      row('Support', 'Billing', T1, 100, { abandoned: 8, totalWaitSeconds: 1200 }),
      row('Support', 'Billing', T2, 100, { abandoned: 4, totalWaitSeconds: 600 }),
      row('Sales', 'Sales', T1, 50),
    ];
    const people = { ...users('b', 10, { Billing: 1 }), ...users('s', 6, { Sales: 1 }) };
    const estimated = simulateWhatIf(input({ demand, current: people, proposed: people }));
    expect(queue(estimated, 'Support').patienceSeconds).toBe(150);
    expect(queue(estimated, 'Support').current.abandonRate).toBeGreaterThan(0);
    expect(queue(estimated, 'Support').current.asa).toBeLessThan(150);
    expect(queue(estimated, 'Sales').patienceSeconds).toBeUndefined();
    expect(queue(estimated, 'Sales').current.abandonRate).toBe(0);

    const given = simulateWhatIf(
      input({ demand, current: people, proposed: people, patienceSeconds: { Sales: 90 } }),
    );
    expect(queue(given, 'Sales').patienceSeconds).toBe(90);
    expect(queue(given, 'Sales').current.abandonRate).toBeGreaterThan(0);
  });

  it('is pure: same input, same result, input untouched', () => {
    const data = input({
      ...billingAndSales,
      proposed: { ...billingAndSales.current, ...users('spare', 4, { Billing: 2 }) },
    });
    const before = JSON.stringify(data);
    expect(simulateWhatIf(data)).toEqual(simulateWhatIf(structuredClone(data)));
    expect(JSON.stringify(data)).toBe(before);
  });

  it('reports an unstaffed Erlang C queue with ASA Infinity (null in JSON), never NaN', () => {
    const result = simulateWhatIf(input({ demand: [row('Orphan', 'Nobody', T1, 10)] }));
    const orphan = queue(result, 'Orphan');
    expect(orphan.current).toMatchObject({ agents: 0, serviceLevel: 0, waitProbability: 1 });
    expect(orphan.current.asa).toBe(Number.POSITIVE_INFINITY);
    expect(JSON.stringify(result)).not.toContain('NaN');
    expect(JSON.parse(JSON.stringify(result)).queues[0].current.asa).toBeNull();
  });

  it.each([
    [{ demand: [row('Q', 'S', T1, -1)] }, /offered/],
    [{ demand: [row('Q', 'S', T1, 5, { ahtSeconds: 0 })] }, /AHT/],
    [{ demand: [row('Q', 'S', T1, 5, { abandoned: -2 })] }, /abandoned/],
    [{ onShift: { [T1]: 1.5 } }, /onShift/],
    [{ serviceLevelFloor: 2 }, /serviceLevelFloor/],
    [{ intervalSeconds: 0 }, /intervalSeconds/],
  ])('rejects bad input %#', (override, message) => {
    expect(() => simulateWhatIf(input(override))).toThrow(SimulationError);
    expect(() => simulateWhatIf(input(override))).toThrow(message);
  });
});
