import { describe, expect, it } from 'vitest';
import { recommendWeights, type WeightPlanInput } from '../../src/recommend/weights.js';
import { buildWorld, range } from './world.js';

const weights = { volume: 0.6, wait: 0.4, hysteresis: 5 };
const wrapupSkills = { 'Billing question': 'Billing', Refund: 'Billing', 'Tech issue': 'Technical' };

/** share-of-max normalisation, score = (a·v + b·w) ÷ (a + b), weight = round(1 + 99·score) */
function expected(v: number, vMax: number, w: number, wMax: number, a = 0.6, b = 0.4): number {
  return Math.round(1 + 99 * ((a * (v / vMax) + b * (w / wMax)) / (a + b)));
}

function input(current: WeightPlanInput['current'], over: Partial<WeightPlanInput> = {}): WeightPlanInput {
  const world = buildWorld({
    agents: [],
    traffic: [
      { queue: 'Sales', skill: 'Sales', slots: range(0, 10), offered: 9, ahtSeconds: 200, waitSeconds: 12 },
      { queue: 'Sales', skill: 'Spanish', slots: range(0, 10), offered: 3, ahtSeconds: 200, waitSeconds: 48 },
    ],
    wrapups: [
      { queue: 'Support', wrapup: 'Billing question', handled: 40, waitSeconds: 30 },
      { queue: 'Support', wrapup: 'Refund', handled: 20, waitSeconds: 30 },
      { queue: 'Support', wrapup: 'Tech issue', handled: 40, waitSeconds: 90 },
      { queue: 'Support', wrapup: 'Unmapped', handled: 500, waitSeconds: 900 },
      { queue: 'Sales', wrapup: 'Unmapped', handled: 500, waitSeconds: 900 },
    ],
  });
  return { table: world.table, current, weights, wrapupSkills, ...over };
}

describe('recommendWeights', () => {
  it('scores wrap-up volume and wait, mapped to skills', () => {
    const out = recommendWeights(input({ Support: {} }));
    expect(out.weights).toEqual([
      {
        queue: 'Support',
        skill: 'Billing',
        before: undefined,
        after: expected(60, 60, 30, 90),
        reason: `Support|Billing: 60% of volume (60 handled, by wrap-up code), avg wait 30 s → ${expected(60, 60, 30, 90)} (was unset)`,
      },
      {
        queue: 'Support',
        skill: 'Technical',
        before: undefined,
        after: expected(40, 60, 90, 90),
        reason: `Support|Technical: 40% of volume (40 handled, by wrap-up code), avg wait 90 s → ${expected(40, 60, 90, 90)} (was unset)`,
      },
    ]);
  });

  it('falls back to queue×skill aggregates when no wrap-up code of the queue is mapped', () => {
    const out = recommendWeights(input({ Sales: { Sales: 1 } }));
    expect(out.weights.map((w) => [w.skill, w.after])).toEqual([
      ['Sales', expected(90, 90, 12, 48)],
      ['Spanish', expected(30, 90, 48, 48)],
    ]);
    expect(out.weights[0]!.reason).toContain('(90 offered, by requested skill)');
  });

  it.each([
    { name: 'below hysteresis', before: expected(60, 60, 30, 90) - 4, changes: false },
    { name: 'at hysteresis', before: expected(60, 60, 30, 90) - 5, changes: true },
    { name: 'far above', before: 100, changes: true },
    { name: 'equal', before: expected(60, 60, 30, 90), changes: false },
  ])('hysteresis: $name', ({ before, changes }) => {
    const out = recommendWeights(
      input({ Support: { Billing: before, Technical: expected(40, 60, 90, 90) } }),
    );
    expect(out.weights.map((w) => [w.skill, w.before])).toEqual(changes ? [['Billing', before]] : []);
  });

  it('honours the factor weights', () => {
    const out = recommendWeights(input({ Support: {} }, { weights: { volume: 1, wait: 0, hysteresis: 5 } }));
    expect(out.weights.map((w) => w.after)).toEqual([100, expected(40, 60, 90, 90, 1, 0)]);
  });

  it('ignores wrap-up codes and skills named like Object.prototype members', () => {
    const world = buildWorld({
      agents: [],
      wrapups: [
        { queue: 'Support', wrapup: 'constructor', handled: 10, waitSeconds: 5 },
        { queue: 'Support', wrapup: 'Refund', handled: 10, waitSeconds: 5 },
      ],
    });
    const out = recommendWeights({
      table: world.table,
      current: { Support: {} },
      weights,
      wrapupSkills: { Refund: 'toString' },
    });
    expect(out.weights.map((w) => [w.skill, w.after])).toEqual([['toString', 100]]);
  });

  it('only proposes for queues named in git and reports queues without traffic', () => {
    const out = recommendWeights(input({ Support: {}, Empty: { Billing: 50 } }));
    expect(new Set(out.weights.map((w) => w.queue))).toEqual(new Set(['Support']));
    expect(out.rejected).toEqual([
      {
        subject: 'Empty: weights',
        reason: 'no conversations for its skills in 1 day; weights left as they are',
      },
    ]);
  });
});
