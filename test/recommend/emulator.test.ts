/**
 * The planner against the emulator's default seeded org (real HTTP on 127.0.0.1): the staffing policy must find
 * the seed's built-in imbalance, an under-staffed skill to grow and an over-staffed skill to trim.
 */
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { configFromEnv, createGenesysClient, type GenesysClient } from '../../src/genesys/index.js';
import { fetchAnalytics } from '../../src/recommend/analytics.js';
import { recommendSkills, type SkillPlanInput } from '../../src/recommend/skills.js';
import type { AnalyticsTable } from '../../src/recommend/table.js';
import { recommendWeights } from '../../src/recommend/weights.js';
import { applySkills, plannerSettings } from './world.js';

const NOW = new Date('2024-09-18T09:10:00.000Z');

let emulator: RunningEmulator;
let dispatcher: Agent;
let client: GenesysClient;
let table: AnalyticsTable;
let base: Omit<SkillPlanInput, 'settings'>;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    now: () => NOW,
    rateLimit: { count: 10_000, windowSeconds: 60 },
  });
  dispatcher = new Agent();
  const config = configFromEnv({
    GENESYSCLOUD_OAUTHCLIENT_ID: 'emulator-client',
    GENESYSCLOUD_OAUTHCLIENT_SECRET: 'emulator-secret',
    GENESYSCLOUD_API_REGION: emulator.url,
  });
  client = createGenesysClient(config, { dispatcher });
  table = await fetchAnalytics(client, { now: NOW, days: 30, chunkDays: 7 });
  const live = await client.listUsers();
  const emailOf = new Map(live.map((u) => [u.id, u.email.toLowerCase()]));
  const queueMembers: Record<string, string[]> = {};
  for (const q of await client.listQueues()) {
    queueMembers[q.name] = (await client.listQueueMembers(q.id)).flatMap((id) => emailOf.get(id) ?? []);
  }
  base = {
    table,
    users: live.map((u) => ({ id: u.id, email: u.email, name: u.name })),
    current: Object.fromEntries(
      live.map((u) => [
        u.email.toLowerCase(),
        Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency])),
      ]),
    ),
    queueMembers,
    protectedUsers: [],
  };
});

afterAll(async () => {
  await dispatcher?.close();
  await emulator?.close();
});

describe('planner on the emulator', () => {
  it('reads 30 days of analytics in a few dozen requests', () => {
    expect(table.slots).toBe(30 * 48);
    expect(table.queueSkills.length).toBeGreaterThan(0);
    expect(table.users.ids.length).toBeGreaterThan(0);
    expect(table.userSkills.length).toBeGreaterThan(0);
    expect(table.queueWrapups.length).toBeGreaterThan(0);
    expect(client.stats.requests).toBeLessThan(100);
  });

  it('staffing: trims only covered skills, within the plan cap, and a re-plan does not redo its changes', () => {
    // the seed's built-in imbalance (under-staffed Spanish, over-staffed French) is in routing languages now
    // (emulator issue #13); desired state holds skills only, so the skill policy is checked on its invariants
    expect(emulator.org.roles.under?.name).toBe('Spanish');
    const out = recommendSkills({
      ...base,
      settings: plannerSettings({ days: 30, maxUsersChangedPerPlan: 50 }),
    });
    expect(out.skills.length).toBeGreaterThan(0);
    const stateOf = new Map(out.skills.map((s) => [s.skill, s.state]));
    for (const r of out.recommendations.filter((x) => x.action === 'remove')) {
      expect(stateOf.get(r.skill), r.skill).toBe('covered');
      expect(r.reason).toMatch(new RegExp(`handled \\d+ ${r.skill} conversations?`));
    }
    for (const r of out.recommendations.filter((x) => x.action === 'add'))
      expect(['short', 'tight']).toContain(stateOf.get(r.skill));
    expect(new Set(out.recommendations.map((r) => r.email)).size).toBeLessThanOrEqual(50);

    const again = recommendSkills({
      ...base,
      current: applySkills(base.current, out.recommendations),
      settings: plannerSettings({ days: 30, maxUsersChangedPerPlan: 50 }),
    });
    const first = new Set(out.recommendations.map((r) => `${r.email}|${r.skill}`));
    expect(again.recommendations.filter((r) => first.has(`${r.email}|${r.skill}`))).toEqual([]);
  });

  it('answer-rate reads offers to agents from tAlert (alerts are the offers; Genesys has no per-user nOffered)', async () => {
    const end = NOW.toISOString();
    const start = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
    const rows = await client.queryAggregates({
      interval: `${start}/${end}`,
      groupBy: ['userId', 'requestedRoutingSkillId'],
      metrics: ['tAlert', 'tHandle'],
    });
    const names = new Set(rows.results.flatMap((r) => r.data.flatMap((d) => d.metrics.map((m) => m.metric))));
    expect(names.has('tAlert')).toBe(true);
    // and the planner's per agent × skill offers are those alerts: more offers than handled somewhere
    expect(table.userSkills.some((u) => u.offered > u.handled)).toBe(true);
  });

  it('answer-rate: finds the seeded poor answerers', () => {
    const settings = plannerSettings({ days: 30, policy: 'answer-rate', maxUsersChangedPerPlan: 1000 });
    const out = recommendSkills({ ...base, settings });
    const removals = [
      ...out.recommendations.filter((r) => r.action === 'remove').map((r) => r.reason),
      ...out.rejected.filter((r) => r.subject.includes(': remove ')).map((r) => r.reason),
    ];
    expect(removals.length).toBeGreaterThan(0);
    for (const reason of removals) {
      const [, handled, offered] = /handled (\d+) of (\d+) offered/.exec(reason) ?? [];
      expect(Number(handled) / Number(offered)).toBeLessThan(0.3);
    }
  });

  it('weights: one integer 1–100 per queue and requested skill', () => {
    const current = Object.fromEntries(
      [...new Set(table.queueSkills.map((s) => s.queue))].map((q) => [q, {}]),
    );
    const out = recommendWeights({
      table,
      current,
      weights: { volume: 0.6, wait: 0.4, hysteresis: 5 },
      wrapupSkills: {},
    });
    expect(out.weights.length).toBe(new Set(table.queueSkills.map((s) => `${s.queue}|${s.skill}`)).size);
    for (const w of out.weights)
      expect(Number.isInteger(w.after) && w.after >= 1 && w.after <= 100).toBe(true);
  });
});
