import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/simulate/errors.js';
import { evaluateQueue } from '../../src/simulate/evaluate.js';
import { simulateWhatIf } from '../../src/simulate/what-if.js';
import { T1, T3, expected, ids, input, queue, row, users } from './what-if-helpers.js';

describe('what-if with queue membership', () => {
  const billing = {
    demand: [row('Support', 'Billing', T1, 100), row('Sales', 'Sales', T1, 30)],
    current: {
      ...users('m', 10, { Billing: 3 }), // members of Support
      ...users('o', 5, { Billing: 3 }), // hold Billing, members of no queue
      x0: { Sales: 2 }, // member of Support without Billing
      ...users('s', 6, { Sales: 2 }), // hold Sales, but Sales has no member list
    },
  };
  const members = { 'id-Support': [...ids('m', 10), 'x0'] };

  it('counts only members of the queue who hold the skill', () => {
    const without = simulateWhatIf(input({ ...billing, proposed: billing.current }));
    expect(queue(without, 'Support').current.agents).toBe(15);

    const result = simulateWhatIf(input({ ...billing, proposed: billing.current, queueMembers: members }));
    const support = queue(result, 'Support');
    expect(support.current.agents).toBe(10);
    expect(support.current.serviceLevel).toBeCloseTo(expected(100, 10).serviceLevel, 12);
    expect(support.current.serviceLevel).toBeLessThan(queue(without, 'Support').current.serviceLevel);
    // a queue missing from queueMembers has no members: its holders serve nobody
    expect(queue(result, 'Sales').current).toMatchObject({ agents: 0, serviceLevel: 0 });
  });

  it('finds members by queue name as well as by id', () => {
    const byId = simulateWhatIf(input({ ...billing, proposed: billing.current, queueMembers: members }));
    const byName = simulateWhatIf(
      input({ ...billing, proposed: billing.current, queueMembers: { Support: members['id-Support'] } }),
    );
    expect(byName).toEqual(byId);
  });

  it('projects a skill given to a non-member as no help, and to a member as help', () => {
    const result = simulateWhatIf(
      input({
        ...billing,
        queueMembers: members,
        proposed: { ...billing.current, ...users('o', 5, { Billing: 5 }), x0: { Sales: 2, Billing: 1 } },
      }),
    );
    const support = queue(result, 'Support');
    expect(support.proposed.agents).toBe(11);
    expect(support.proposed.serviceLevel).toBeCloseTo(expected(100, 11).serviceLevel, 12);
  });

  /**
   * 10 users are members of Support (Billing) and Sales (Sales) and hold both; 5 more are members of Support
   * holding Billing only. Expected agents by hand from the rule: pressure p = min(load, 0.92·n) ÷ n per stream,
   * a shared user is available to a stream for 1 − (the other streams' p), scaled by 1/Σp when Σp > 1.
   */
  it.each([
    // onShift, Billing offered, Sales offered → p_B = 6/15 = 0.4, p_S = 3/10 = 0.3: 10·0.7 + 5, 10·0.6
    [1, 60, 30, 10 * 0.7 + 5, 10 * 0.6],
    // half logged in: p_B = 6/7.5 = 0.8, p_S = 3/5 = 0.6, Σp = 1.4 > 1
    [0.5, 60, 30, 0.5 * (10 * (0.8 / 1.4) + 5), 0.5 * (10 * (0.6 / 1.4))],
    // Sales overloaded (50 Erlang on 10 people): its pressure stops at 0.92
    [1, 60, 500, 10 * (0.4 / 1.32) + 5, 10 * (0.92 / 1.32)],
  ])(
    'shares a member across their streams by the others’ pressure (onShift %d, %d / %d offered)',
    (onShift, billingOffered, salesOffered, billingAgents, salesAgents) => {
      const people = { ...users('s', 10, { Billing: 2, Sales: 4 }), ...users('d', 5, { Billing: 1 }) };
      const result = simulateWhatIf(
        input({
          demand: [row('Support', 'Billing', T1, billingOffered), row('Sales', 'Sales', T1, salesOffered)],
          onShift: { [T1]: onShift },
          current: people,
          proposed: people,
          queueMembers: { Support: [...ids('s', 10), ...ids('d', 5)], Sales: ids('s', 10) },
        }),
      );
      expect(queue(result, 'Support').current.agents).toBeCloseTo(billingAgents, 12);
      expect(queue(result, 'Sales').current.agents).toBeCloseTo(salesAgents, 12);
    },
  );

  it('keeps a queue’s skill streams apart: a starved skill is not rescued by another skill’s agents', () => {
    const demand = [row('Support', 'Billing', T1, 60), row('Support', 'Tech', T1, 30, { ahtSeconds: 240 })];
    const people = { ...users('b', 10, { Billing: 3 }), ...users('t', 3, { Tech: 3 }) };
    const result = simulateWhatIf(
      input({
        demand,
        current: people,
        proposed: people,
        queueMembers: { Support: [...ids('b', 10), ...ids('t', 3)] },
        patienceSeconds: { Support: 120 },
      }),
    );
    const support = queue(result, 'Support').current;
    const b = expected(60, 10, 120);
    const t = evaluateQueue({
      offered: 30,
      intervalSeconds: 1800,
      ahtSeconds: 240,
      agents: 3,
      answerWithinSeconds: 20,
      patienceSeconds: 120,
    });
    expect(support.agents).toBeCloseTo(13, 12);
    expect(support.serviceLevel).toBeCloseTo((60 * b.serviceLevel + 30 * t.serviceLevel) / 90, 12);
    expect(support.asa).toBeCloseTo((60 * b.asa + 30 * t.asa) / 90, 9);
    expect(support.abandonRate).toBeCloseTo((60 * b.abandonRate + 30 * t.abandonRate) / 90, 12);
    expect(support.occupancy).toBeCloseTo((10 * b.occupancy + 3 * t.occupancy) / 13, 12);
    const pooled = simulateWhatIf(
      input({ demand, current: people, proposed: people, patienceSeconds: { Support: 120 } }),
    );
    expect(support.serviceLevel).toBeLessThan(queue(pooled, 'Support').current.serviceLevel - 0.05);
  });

  it('reports each day from that day’s streams', () => {
    const people = users('m', 12, { Billing: 1 });
    const result = simulateWhatIf(
      input({
        demand: [row('Support', 'Billing', T1, 100), row('Support', 'Billing', T3, 100)],
        onShift: { [T1]: 1, [T3]: 0.5 },
        current: people,
        proposed: people,
        queueMembers: { Support: ids('m', 12) },
      }),
    );
    expect(queue(result, 'Support').days.map((d) => d.current.agents)).toEqual([12, 6]);
  });

  it('rejects member lists that name none of the users (emails on one side, ids on the other)', () => {
    const bad = input({
      ...billing,
      proposed: billing.current,
      queueMembers: { Support: ['m0@example.com'] },
    });
    expect(() => simulateWhatIf(bad)).toThrow(SimulationError);
    expect(() => simulateWhatIf(bad)).toThrow(/queueMembers names none of the users/);
  });
});
