import { describe, expect, it } from 'vitest';
import { applyRecommendations, breaches, culprits, memberCulprits } from '../../src/recommend/plan/floor.js';
import type { SkillRecommendation } from '../../src/recommend/types.js';
import type { WhatIfDemand } from '../../src/simulate/types.js';

function rec(email: string, action: SkillRecommendation['action'], skill: string): SkillRecommendation {
  return {
    email,
    userName: email,
    skill,
    action,
    before: action === 'add' ? undefined : 3,
    after: action === 'remove' ? undefined : 3,
    reason: 'r',
  };
}

const demand: WhatIfDemand[] = [
  {
    queueId: 'q1',
    queue: 'Support',
    skill: 'Billing',
    start: '2026-11-01T09:00:00.000Z',
    offered: 10,
    ahtSeconds: 300,
  },
  {
    queueId: 'q2',
    queue: 'Sales',
    skill: 'Sales',
    start: '2026-11-01T09:00:00.000Z',
    offered: 10,
    ahtSeconds: 300,
  },
];

describe('service-level floor', () => {
  it.each([
    { current: 0.7, proposed: 0.55, floor: 0.6, breach: true },
    { current: 0.5, proposed: 0.499, floor: 0.6, breach: false },
    { current: 0.5, proposed: 0.45, floor: 0.6, breach: true },
  ])(
    'a queue $current → $proposed against a floor of $floor is a breach: $breach',
    ({ current, proposed, floor, breach }) => {
      expect(breaches([{ queue: 'Support', current, proposed, floor }])).toHaveLength(breach ? 1 : 0);
    },
  );

  it('blames removals of the queue skill from its members and new skills for members who serve it, nothing else', () => {
    const current = {
      'a@x': { Billing: 4 },
      'b@x': { Billing: 2, Sales: 3 },
      'c@x': { Billing: 5 },
      'd@x': { Sales: 1 },
    };
    const recommendations = [
      rec('a@x', 'remove', 'Billing'),
      rec('b@x', 'add', 'Spanish'),
      rec('c@x', 'remove', 'Billing'),
      rec('d@x', 'add', 'Billing'),
      rec('b@x', 'remove', 'Sales'),
    ];
    const below = [{ queue: 'Support', current: 0.7, proposed: 0.5, floor: 0.6 }];
    const members = { Support: ['a@x', 'b@x', 'd@x'], Sales: ['b@x', 'd@x'] };
    const { keep, rejected } = culprits(below, demand, current, recommendations, members);
    expect(rejected.map((r) => r.subject)).toEqual(['a@x: remove Billing', 'b@x: add Spanish']);
    expect(rejected[0]!.reason).toContain('Support at 50.0%');
    expect(keep.map((r) => `${r.email} ${r.action} ${r.skill}`)).toEqual([
      'c@x remove Billing',
      'd@x add Billing',
      'b@x remove Sales',
    ]);
  });

  it('applies recommendations to skill maps without touching the input', () => {
    const current = { 'a@x': { Billing: 4 } };
    const next = applyRecommendations(current, [rec('a@x', 'add', 'Sales'), rec('a@x', 'remove', 'Billing')]);
    expect(next).toEqual({ 'a@x': { Sales: 3 } });
    expect(current).toEqual({ 'a@x': { Billing: 4 } });
  });
});

describe('the floor rule with the centre model', () => {
  const language = (email: string) => ({
    email,
    userName: email,
    language: 'Spanish',
    action: 'add' as const,
    before: undefined,
    after: 3,
    reason: 'r',
  });
  const members = { Support: ['a@x.com', 'b@x.com'], Sales: ['c@x.com'] };

  it('rejects the changes of the breaching queue members only, skills and languages alike, and says why', () => {
    const below = [{ queue: 'Support', current: 0.7, proposed: 0.55, floor: 0.6 }];
    const out = memberCulprits(
      below,
      [rec('a@x.com', 'add', 'Billing'), rec('c@x.com', 'add', 'Sales')],
      [language('b@x.com'), language('c@x.com')],
      members,
    );
    expect(out.keep.map((r) => r.email)).toEqual(['c@x.com']);
    expect(out.keepLanguages.map((r) => r.email)).toEqual(['c@x.com']);
    expect(out.rejected.map((r) => r.subject)).toEqual([
      'a@x.com: add Billing',
      'b@x.com: add language Spanish',
    ]);
    expect(out.rejected[0]?.reason).toBe(
      'the what-if put Support at 55.0% service level (current 70.0%), under the floor of 60.0%',
    );
  });

  it('names a queue already under the floor as lowered further, and keeps everything when nothing breaches', () => {
    const out = memberCulprits(
      [{ queue: 'Sales', current: 0.5, proposed: 0.45, floor: 0.6 }],
      [rec('c@x.com', 'remove', 'Sales')],
      [],
      members,
    );
    expect(out.rejected[0]?.reason).toBe(
      'the what-if lowered Sales, already under the floor of 60.0%, from 50.0% to 45.0%',
    );
    const none = memberCulprits([], [rec('a@x.com', 'add', 'Billing')], [language('b@x.com')], members);
    expect(none.rejected).toEqual([]);
    expect(none.keep).toHaveLength(1);
    expect(none.keepLanguages).toHaveLength(1);
  });
});
