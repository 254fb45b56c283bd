import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPeople } from '../../src/recommend/people.js';
import { buildSkillDemand } from '../../src/recommend/skill-demand.js';
import { recommendSkills, type SkillPlanInput } from '../../src/recommend/skills.js';
import { buildSupply } from '../../src/recommend/supply.js';
import { recommendWeights } from '../../src/recommend/weights.js';
import type { PlannerSettings } from '../../src/state/model.js';
import { applySkills, buildWorld, plannerSettings, range, type AgentSpec } from './world.js';

const SKILLS = ['A', 'B', 'C', 'D'];
const QUEUES = ['Q1', 'Q2', 'Q3'];
const SLOTS = 24;

const slotRange = fc
  .tuple(fc.integer({ min: 0, max: SLOTS - 1 }), fc.integer({ min: 1, max: SLOTS }))
  .map(([from, len]) => range(from, Math.min(SLOTS, from + len)));

const agentArb = fc.record({
  skills: fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 0, max: 5 }), {
    minKeys: 1,
    maxKeys: 4,
  }),
  slots: fc.option(slotRange, { nil: undefined }),
  handleSecondsPerSlot: fc.integer({ min: 0, max: 1800 }),
  bySkill: fc.dictionary(
    fc.constantFrom(...SKILLS),
    fc.record({ offered: fc.integer({ min: 0, max: 300 }), handled: fc.integer({ min: 0, max: 300 }) }),
    { maxKeys: 4 },
  ),
  queues: fc.subarray(QUEUES),
  protected: fc.boolean(),
});

const trafficArb = fc.record({
  queue: fc.constantFrom(...QUEUES),
  skill: fc.constantFrom(...SKILLS),
  slots: slotRange,
  offered: fc.integer({ min: 0, max: 40 }),
  ahtSeconds: fc.integer({ min: 30, max: 900 }),
  waitSeconds: fc.integer({ min: 0, max: 300 }),
});

const settingsArb = fc.record({
  policy: fc.constantFrom<PlannerSettings['policy']>('staffing', 'answer-rate'),
  maxUsersChangedPerPlan: fc.integer({ min: 0, max: 8 }),
  maxOccupancy: fc.double({ min: 0.6, max: 0.95, noNaN: true }),
  serviceLevelTarget: fc.double({ min: 0.5, max: 0.95, noNaN: true }),
  newSkillProficiency: fc.integer({ min: 1, max: 5 }),
});

const worldArb = fc.record({
  agents: fc.array(agentArb, { minLength: 1, maxLength: 14 }),
  traffic: fc.array(trafficArb, { maxLength: 6 }),
  settings: settingsArb,
});

type WorldShape = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(w: WorldShape): SkillPlanInput {
  const agents: AgentSpec[] = w.agents.map((a, i) => ({
    email: `u${String(i).padStart(2, '0')}@x.com`,
    skills: a.skills,
    slots: a.slots,
    handleSecondsPerSlot: a.handleSecondsPerSlot,
    bySkill: a.slots ? a.bySkill : {},
  }));
  const queues: Record<string, string[]> = {};
  w.agents.forEach((a, i) => {
    for (const q of a.queues) (queues[q] ??= []).push(agents[i]!.email);
  });
  const world = buildWorld({ days: 0.5, queues, traffic: w.traffic, agents });
  return {
    ...world,
    settings: plannerSettings({
      ...w.settings,
      answerRate: { removeBelow: 0.3, removeMinHandled: 10, addAbove: 0.85, addMinOffered: 100 },
    }),
    protectedUsers: agents.filter((_, i) => w.agents[i]!.protected).map((a) => a.email),
  };
}

/** Conservative supply per skill and slot, computed from scratch for a desired state. */
function coverage(input: SkillPlanInput) {
  const demand = buildSkillDemand(input.table, input.settings);
  const people = buildPeople(input, demand);
  return new Map([...demand].map(([skill, d]) => [skill, buildSupply(input.table, d, people.values())]));
}

describe('skill recommendation properties', () => {
  it('keep every user skilled, protected users untouched, the cap, the order, and the need', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const input = toInput(w);
        const out = recommendSkills(input);
        const again = recommendSkills(toInput(w));
        expect(again).toEqual(out);

        const after = applySkills(input.current, out.recommendations);
        for (const r of out.recommendations) {
          expect(Object.keys(after[r.email] ?? {}).length).toBeGreaterThan(0);
          expect(input.protectedUsers).not.toContain(r.email);
        }
        expect(new Set(out.recommendations.map((r) => r.email)).size).toBeLessThanOrEqual(
          input.settings.maxUsersChangedPerPlan,
        );
        const keys = out.recommendations.map((r) => `${r.email}\u0000${r.skill}`);
        expect(keys).toEqual([...keys].sort());

        // removals never take a skill below its need (additions may dilute, judged by the what-if floor)
        const removals = out.recommendations.filter((r) => r.action === 'remove');
        const before = coverage(input);
        const now = coverage({ ...input, current: applySkills(input.current, removals) });
        for (const [skill, b] of before) {
          const a = now.get(skill)!;
          const allowed = b.demand.allowedShort;
          expect(a.shortLow).toBeLessThanOrEqual(Math.max(b.shortLow, allowed));
          if (b.shortLow > allowed) {
            for (const slot of b.demand.loadedSlots) {
              const need = b.demand.need[slot]!;
              if (b.low[slot]! < need - 1e-9)
                expect(a.low[slot]!).toBeGreaterThanOrEqual(b.low[slot]! - 1e-9);
            }
          }
          if (out.recommendations.some((r) => r.skill === skill && r.action === 'remove')) {
            const busy = b.demand.busySlot;
            expect(a.holders.size).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(b.demand.need[busy] ?? 0)));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('re-planning from its own output never undoes a change', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const input = toInput(w);
        const out = recommendSkills(input);
        const again = recommendSkills({ ...input, current: applySkills(input.current, out.recommendations) });
        const first = new Map(out.recommendations.map((r) => [`${r.email}|${r.skill}`, r.action]));
        for (const r of again.recommendations) {
          const prior = first.get(`${r.email}|${r.skill}`);
          if (prior === 'add') expect(r.action).not.toBe('remove');
          if (prior === 'remove') expect(r.action).not.toBe('add');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('only changes users and skills the table knows', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const input = toInput(w);
        const out = recommendSkills(input);
        const demanded = new Set(input.table.queueSkills.map((s) => s.skill));
        const withSkillRows = new Set(input.table.userSkills.map((s) => s.skill));
        for (const r of out.recommendations) {
          const userId = input.users.find((u) => u.email === r.email)!.id;
          const known =
            input.table.users.index.has(userId) || input.table.userSkills.some((s) => s.userId === userId);
          expect(known).toBe(true);
          expect(demanded.has(r.skill) || withSkillRows.has(r.skill)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('weight recommendation properties', () => {
  const weightWorld = fc.record({
    traffic: fc.array(trafficArb, { maxLength: 8 }),
    wrapups: fc.array(
      fc.record({
        queue: fc.constantFrom(...QUEUES),
        wrapup: fc.constantFrom('w1', 'w2', 'w3', 'w4'),
        handled: fc.integer({ min: 0, max: 500 }),
        waitSeconds: fc.integer({ min: 0, max: 600 }),
      }),
      { maxLength: 8 },
    ),
    mapping: fc.dictionary(fc.constantFrom('w1', 'w2', 'w3'), fc.constantFrom(...SKILLS)),
    current: fc.dictionary(
      fc.constantFrom(...QUEUES),
      fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 1, max: 100 })),
    ),
    weights: fc.record({
      volume: fc.double({ min: 0, max: 1, noNaN: true }),
      wait: fc.double({ min: 0, max: 1, noNaN: true }),
      hysteresis: fc.integer({ min: 0, max: 20 }),
    }),
  });

  it('are integers 1–100, beyond the hysteresis, sorted, and idempotent', () => {
    fc.assert(
      fc.property(weightWorld, (w) => {
        const { table } = buildWorld({ agents: [], traffic: w.traffic, wrapups: w.wrapups });
        const input = { table, current: w.current, weights: w.weights, wrapupSkills: w.mapping };
        const out = recommendWeights(input);
        for (const r of out.weights) {
          expect(Number.isInteger(r.after)).toBe(true);
          expect(r.after).toBeGreaterThanOrEqual(1);
          expect(r.after).toBeLessThanOrEqual(100);
          expect(w.current[r.queue]).toBeDefined();
          if (r.before !== undefined) {
            expect(Math.abs(r.after - r.before)).toBeGreaterThanOrEqual(Math.max(1, w.weights.hysteresis));
          }
        }
        const keys = out.weights.map((r) => `${r.queue}\u0000${r.skill}`);
        expect(keys).toEqual([...keys].sort());

        const next: Record<string, Record<string, number>> = structuredClone(w.current);
        for (const r of out.weights) (next[r.queue] ??= {})[r.skill] = r.after;
        expect(recommendWeights({ ...input, current: next }).weights).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
