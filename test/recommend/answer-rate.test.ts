import { describe, expect, it } from 'vitest';
import { recommendSkills } from '../../src/recommend/skills.js';
import { buildWorld, plannerSettings, range, type AgentSpec } from './world.js';

const settings = plannerSettings({ policy: 'answer-rate' });

function planFor(agent: Omit<AgentSpec, 'email'>, others: AgentSpec[] = []) {
  const world = buildWorld({ agents: [{ email: 'bob@x.com', ...agent }, ...others] });
  return recommendSkills({ ...world, settings, protectedUsers: [] });
}

describe('answer-rate policy', () => {
  it.each([
    {
      name: 'low rate, enough handled → remove',
      offered: 100,
      handled: 20,
      prof: 3,
      action: 'remove',
      after: undefined,
    },
    {
      name: 'low rate, too few handled',
      offered: 30,
      handled: 8,
      prof: 3,
      action: undefined,
      after: undefined,
    },
    {
      name: 'rate exactly at removeBelow',
      offered: 40,
      handled: 12,
      prof: 3,
      action: undefined,
      after: undefined,
    },
    {
      name: 'handled exactly removeMinHandled',
      offered: 50,
      handled: 10,
      prof: 3,
      action: undefined,
      after: undefined,
    },
    {
      name: 'high rate, enough offered → +1',
      offered: 200,
      handled: 180,
      prof: 3,
      action: 'update',
      after: 4,
    },
    {
      name: 'high rate, offered exactly addMinOffered',
      offered: 100,
      handled: 95,
      prof: 3,
      action: undefined,
      after: undefined,
    },
    {
      name: 'high rate at the top proficiency',
      offered: 200,
      handled: 190,
      prof: 5,
      action: undefined,
      after: undefined,
    },
    {
      name: 'high rate, fractional proficiency',
      offered: 300,
      handled: 290,
      prof: 4.5,
      action: 'update',
      after: 5,
    },
    { name: 'middling rate', offered: 300, handled: 150, prof: 2, action: undefined, after: undefined },
  ])('$name', ({ offered, handled, prof, action, after }) => {
    const out = planFor({
      skills: { Billing: prof, Sales: 2 },
      slots: range(0, 4),
      bySkill: { Billing: { offered, handled } },
    });
    if (action === undefined) {
      expect(out.recommendations).toEqual([]);
      return;
    }
    expect(out.recommendations).toHaveLength(1);
    expect(out.recommendations[0]).toMatchObject({
      email: 'bob@x.com',
      skill: 'Billing',
      action,
      before: prof,
      after,
    });
    expect(out.recommendations[0]!.reason).toContain(
      `Billing: bob@x.com handled ${handled} of ${offered} offered`,
    );
  });

  it('never removes the last skill and says so', () => {
    const out = planFor({
      skills: { Billing: 3 },
      slots: [0],
      bySkill: { Billing: { offered: 100, handled: 20 } },
    });
    expect(out.recommendations).toEqual([]);
    expect(out.rejected).toEqual([
      {
        subject: 'bob@x.com: remove Billing',
        reason: expect.stringMatching(/^kept: Billing is bob@x.com's last skill; /),
      },
    ]);
  });

  it('keeps a skill its holders-needed floor requires', () => {
    const busy = range(16, 32);
    const world = buildWorld({
      traffic: [{ queue: 'Support', skill: 'Billing', slots: busy, offered: 30, ahtSeconds: 300 }],
      agents: [
        {
          email: 'bob@x.com',
          skills: { Billing: 3, Sales: 1 },
          slots: busy,
          handleSecondsPerSlot: 1700,
          bySkill: { Billing: { offered: 400, handled: 100, handleSeconds: 27_000 } },
        },
        { email: 'amy@x.com', skills: { Billing: 3 }, slots: busy, handleSecondsPerSlot: 1700 },
      ],
    });
    const out = recommendSkills({ ...world, settings, protectedUsers: [] });
    expect(out.recommendations).toEqual([]);
    expect(out.rejected.map((r) => r.subject)).toEqual(['bob@x.com: remove Billing']);
    expect(out.rejected[0]!.reason).toMatch(/^kept: Billing has 2 holders and needs at least \d+ /);
  });

  it('keeps a skill whose busy half-hours are already short', () => {
    const early = range(16, 24);
    const late = range(24, 32);
    const shift = (email: string, slots: number[]): AgentSpec => ({
      email,
      skills: { Billing: 3 },
      slots,
      handleSecondsPerSlot: 1500,
      bySkill: { Billing: { offered: 100, handled: 100 } },
    });
    const world = buildWorld({
      traffic: [
        { queue: 'Support', skill: 'Billing', slots: [...early, ...late], offered: 30, ahtSeconds: 300 },
      ],
      agents: [
        {
          email: 'bob@x.com',
          skills: { Billing: 3, Sales: 1 },
          slots: [...early, ...late],
          handleSecondsPerSlot: 1500,
          bySkill: { Billing: { offered: 400, handled: 100 } },
        },
        ...range(0, 5).map((i) => shift(`early${i}@x.com`, early)),
        ...range(0, 5).map((i) => shift(`late${i}@x.com`, late)),
      ],
    });
    const out = recommendSkills({ ...world, settings, protectedUsers: [] });
    expect(out.recommendations).toEqual([]);
    expect(out.rejected.map((r) => r.subject)).toEqual(['bob@x.com: remove Billing']);
    expect(out.rejected[0]!.reason).toMatch(
      /^kept: without bob@x.com, Billing would be short of its need in 16 of 16/,
    );
  });

  it('leaves protected and unknown users alone and sorts by email then skill', () => {
    const low = { offered: 100, handled: 20 };
    const high = { offered: 500, handled: 480 };
    const world = buildWorld({
      agents: [
        {
          email: 'zed@x.com',
          skills: { B: 1, A: 1, C: 1 },
          slots: [1],
          bySkill: { B: low, A: high, C: high },
        },
        { email: 'amy@x.com', skills: { B: 1, A: 1 }, slots: [1], bySkill: { B: high, A: low } },
        { email: 'pam@x.com', skills: { B: 1, A: 1 }, slots: [1], bySkill: { B: high, A: low } },
        { email: 'gus@x.com', skills: { B: 1, A: 1 } },
      ],
    });
    const out = recommendSkills({ ...world, settings, protectedUsers: ['pam@x.com'] });
    expect(out.recommendations.map((r) => `${r.email} ${r.skill} ${r.action}`)).toEqual([
      'amy@x.com A remove',
      'amy@x.com B update',
      'zed@x.com A update',
      'zed@x.com B remove',
      'zed@x.com C update',
    ]);
  });
});
