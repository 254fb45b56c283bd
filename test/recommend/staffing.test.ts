import { describe, expect, it } from 'vitest';
import { recommendSkills, type SkillPlanInput } from '../../src/recommend/skills.js';
import { applySkills, buildWorld, plannerSettings, range, type AgentSpec } from './world.js';

const DAY = range(16, 32);
const pad = (i: number) => String(i).padStart(2, '0');

/** 12 agents hold Billing (little traffic) and Sales (busy); e01 handled 0 Billing, e02 1, … */
function surplusWorld(extra: AgentSpec[] = []) {
  const agents: AgentSpec[] = range(1, 13).map((i) => ({
    email: `e${pad(i)}@x.com`,
    skills: { Billing: 3, Sales: 3, Legacy: 1 },
    slots: DAY,
    handleSecondsPerSlot: 1000,
    bySkill: { Billing: { handled: i - 1 }, Sales: { handled: 140 } },
  }));
  agents.push(...extra);
  return buildWorld({
    queues: { Support: agents.map((a) => a.email) },
    traffic: [
      { queue: 'Support', skill: 'Billing', slots: DAY, offered: 2, ahtSeconds: 300 },
      { queue: 'Support', skill: 'Sales', slots: DAY, offered: 40, ahtSeconds: 300 },
    ],
    agents,
  });
}

/** Sales is busy and held by 4 nearly saturated agents; 16 members of the Sales queue hold only Support. */
function shortWorld() {
  const holders: AgentSpec[] = range(1, 5).map((i) => ({
    email: `s${pad(i)}@x.com`,
    skills: { Sales: 4, Support: 2 },
    slots: DAY,
    handleSecondsPerSlot: 1600,
    bySkill: { Sales: { handled: 300, handleSeconds: 90_000 } },
  }));
  const spare: AgentSpec[] = range(1, 17).map((i) => ({
    email: `c${pad(i)}@x.com`,
    skills: { Support: 3 },
    slots: DAY,
    handleSecondsPerSlot: 300 + i,
    bySkill: { Support: { handled: 16 } },
  }));
  const others: AgentSpec[] = [
    { email: 'busy@x.com', skills: { Support: 3 }, slots: DAY, handleSecondsPerSlot: 1700 },
    { email: 'prot@x.com', skills: { Support: 3 }, slots: DAY, handleSecondsPerSlot: 100 },
    { email: 'night@x.com', skills: { Support: 3 }, slots: range(0, 8), handleSecondsPerSlot: 100 },
    { email: 'outsider@x.com', skills: { Support: 3 }, slots: DAY, handleSecondsPerSlot: 100 },
    { email: 'ghost@x.com', skills: { Support: 3 } },
  ];
  const members = [...holders, ...spare, ...others].map((a) => a.email).filter((e) => e !== 'outsider@x.com');
  return buildWorld({
    queues: { Sales: members, Help: [...members, 'outsider@x.com'] },
    traffic: [
      { queue: 'Sales', skill: 'Sales', slots: DAY, offered: 60, ahtSeconds: 300 },
      { queue: 'Help', skill: 'Support', slots: DAY, offered: 1, ahtSeconds: 300 },
    ],
    agents: [...holders, ...spare, ...others],
  });
}

function plan(world: ReturnType<typeof buildWorld>, overrides: Partial<SkillPlanInput> = {}) {
  return recommendSkills({ ...world, settings: plannerSettings(), protectedUsers: [], ...overrides });
}

describe('staffing policy: surplus', () => {
  it('trims an over-staffed skill from the holders with the least activity on it', () => {
    const world = surplusWorld();
    const out = plan(world);
    expect(out.recommendations.length).toBeGreaterThan(0);
    for (const r of out.recommendations) {
      expect(r).toMatchObject({ skill: 'Billing', action: 'remove', before: 3, after: undefined });
      expect(r.reason).toMatch(
        /^Billing: 12 holders; .* 2 agents needed .* handled \d+ Billing conversations? in 1 day/,
      );
    }
    const emails = out.recommendations.map((r) => r.email);
    const leastActive = range(1, emails.length + 1).map((i) => `e${pad(i)}@x.com`);
    expect(emails).toEqual(leastActive);
  });

  it('stops at the need: re-planning from its own output removes no more of that skill', () => {
    const world = surplusWorld();
    const first = plan(world);
    const second = plan({ ...world, current: applySkills(world.current, first.recommendations) });
    expect(second.recommendations.filter((r) => r.skill === 'Billing')).toEqual([]);
    const billing = second.skills.find((s) => s.skill === 'Billing');
    expect(billing?.holders).toBe(12 - first.recommendations.length);
    expect(billing!.shortLow).toBeLessThanOrEqual(billing!.allowedShort);
  });

  it('never changes protected users, unknown users, skills without traffic, or a last skill', () => {
    const extra: AgentSpec[] = [
      { email: 'a-only@x.com', skills: { Billing: 2 }, slots: DAY, handleSecondsPerSlot: 100 },
      { email: 'a-ghost@x.com', skills: { Billing: 2, Sales: 1 } },
    ];
    const out = plan(surplusWorld(extra), { protectedUsers: ['E01@x.com'] });
    const emails = out.recommendations.map((r) => r.email);
    expect(emails).not.toContain('e01@x.com');
    expect(emails).not.toContain('a-only@x.com');
    expect(emails).not.toContain('a-ghost@x.com');
    expect(out.recommendations.some((r) => r.skill === 'Legacy')).toBe(false);
    expect(emails.length).toBeGreaterThan(0);
  });

  it('caps the users changed per plan and rejects the rest with the reason', () => {
    const all = plan(surplusWorld());
    const capped = plan(surplusWorld(), { settings: plannerSettings({ maxUsersChangedPerPlan: 2 }) });
    expect(all.recommendations.length).toBeGreaterThan(2);
    expect(capped.recommendations.map((r) => r.email)).toEqual(['e01@x.com', 'e02@x.com']);
    expect(capped.rejected).toHaveLength(all.recommendations.length - 2);
    for (const r of capped.rejected) {
      expect(r.subject).toMatch(/^e\d\d@x\.com: remove Billing$/);
      expect(r.reason).toMatch(
        /^over the cap of 2 users changed per plan \(maxUsersChangedPerPlan\); Billing: /,
      );
    }
  });
});

describe('staffing policy: shortage', () => {
  it('adds the short skill to queue members with spare capacity who are on shift', () => {
    const world = shortWorld();
    const out = plan(world, { protectedUsers: ['prot@x.com'] });
    const adds = out.recommendations.filter((r) => r.skill === 'Sales');
    expect(adds.length).toBeGreaterThan(0);
    for (const r of adds) {
      expect(r).toMatchObject({ action: 'add', before: undefined, after: 3 });
      expect(r.email).toMatch(/^c\d\d@x\.com$/);
      expect(r.reason).toMatch(
        /^Sales: 4 holders; .* short in \d+ of 16 half-hours .* \(member of Sales\) is \d+% occupied/,
      );
    }
    const before = out.skills.find((s) => s.skill === 'Sales');
    expect(before?.state).toBe('short');
    const after = plan({ ...world, current: applySkills(world.current, out.recommendations) });
    expect(after.skills.find((s) => s.skill === 'Sales')?.state).not.toBe('short');
  });

  it('prefers the agents with the most spare capacity', () => {
    const out = plan(shortWorld(), { protectedUsers: ['prot@x.com'] });
    const adds = out.recommendations.filter((r) => r.skill === 'Sales').map((r) => r.email);
    // c01 has the lowest occupancy, c16 the highest; whoever is left out must be the busiest
    const chosen = adds.map((e) => Number(e.slice(1, 3)));
    expect(Math.max(...chosen)).toBe(chosen.length);
  });

  it('uses newSkillProficiency and respects the cap with the biggest shortfall covered first', () => {
    const out = plan(shortWorld(), {
      settings: plannerSettings({ newSkillProficiency: 1.5, maxUsersChangedPerPlan: 3 }),
      protectedUsers: ['prot@x.com'],
    });
    expect(out.recommendations.map((r) => [r.email, r.after])).toEqual([
      ['c01@x.com', 1.5],
      ['c02@x.com', 1.5],
      ['c03@x.com', 1.5],
    ]);
    expect(out.rejected.length).toBeGreaterThan(0);
  });
});
