/**
 * Scale: 10,000 users, 50 queues, 30 skills, 30 days of PT30M analytics, read through fetchAnalytics from a fake
 * port (answers built as objects, as the real port returns them after JSON parsing), then both planners.
 */
import { describe, expect, it } from 'vitest';
import type { AggregateQuery, AggregateResponse, GenesysPort } from '../../src/genesys/port.js';
import { fetchAnalytics } from '../../src/recommend/analytics.js';
import { recommendSkills } from '../../src/recommend/skills.js';
import { recommendWeights } from '../../src/recommend/weights.js';
import { plannerSettings } from './world.js';

const USERS = 10_000;
const QUEUES = 50;
const SKILLS = 30;
const DAYS = 30;
const HALF_HOUR = 1_800_000;
const NOW = new Date('2024-06-01T00:00:00.000Z');
const START = NOW.getTime() - DAYS * 24 * 2 * HALF_HOUR;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let fakeMs = 0;
const rnd = prng(7);
const queueSkills = Array.from({ length: QUEUES }, (_, q) =>
  [0, 1, 2, 3].map((k) => (q * 3 + k * 7) % SKILLS),
);
const userSkills = Array.from({ length: USERS }, (_, u) => [
  u % SKILLS,
  (u * 7 + 3) % SKILLS,
  (u * 13 + 5) % SKILLS,
]);
const userShift = Array.from({ length: USERS }, () => Math.floor(rnd() * 32));
const volume = Array.from({ length: QUEUES * SKILLS }, () => 0.5 + rnd() * 4);

function iso(t: number): string {
  return new Date(t).toISOString();
}

const intervals = Array.from(
  { length: DAYS * 48 },
  (_, slot) => `${iso(START + slot * HALF_HOUR)}/${iso(START + (slot + 1) * HALF_HOUR)}`,
);

/** a fresh string per entry, as JSON.parse would give */
function interval(slot: number): string {
  return (' ' + intervals[slot]!).slice(1);
}

function answer(q: AggregateQuery): AggregateResponse {
  const [from, to] = q.interval.split('/').map((s) => Date.parse(s)) as [number, number];
  const first = (from - START) / HALF_HOUR;
  const last = (to - START) / HALF_HOUR;
  const key = q.groupBy?.join(',');
  if (key === 'queueId,requestedRoutingSkillId') {
    return {
      results: queueSkills.flatMap((skills, qi) =>
        skills.map((si) => {
          const data = [];
          for (let slot = first; slot < last; slot++) {
            const hour = (slot % 48) / 2;
            const n = Math.round(volume[qi * SKILLS + si]! * (hour >= 8 && hour < 20 ? 3 : 0.3));
            if (n === 0) continue;
            data.push({
              interval: interval(slot),
              metrics: [
                { metric: 'nOffered', stats: { count: n } },
                { metric: 'tHandle', stats: { count: n, sum: n * 300_000 } },
                { metric: 'tAnswered', stats: { count: n, sum: n * 15_000 } },
                { metric: 'tWait', stats: { count: n, sum: n * 15_000 } },
              ],
            });
          }
          return { group: { queueId: `q${qi}`, requestedRoutingSkillId: `s${si}` }, data };
        }),
      ),
    };
  }
  if (key === 'userId') {
    const results = [];
    for (let u = 0; u < USERS; u++) {
      const data = [];
      for (let slot = first; slot < last; slot++) {
        const inDay = (slot % 48) - userShift[u]!;
        if (inDay < 0 || inDay >= 16 || (Math.floor(slot / 48) + u) % 7 >= 5) continue;
        data.push({
          interval: interval(slot),
          metrics: [{ metric: 'tHandle', stats: { count: 3, sum: 1_000_000 } }],
        });
      }
      if (data.length > 0) results.push({ group: { userId: `u${u}` }, data });
    }
    return { results };
  }
  if (key === 'userId,requestedRoutingSkillId') {
    return {
      results: userSkills.flatMap((skills, u) =>
        skills.map((si, k) => ({
          group: { userId: `u${u}`, requestedRoutingSkillId: `s${si}` },
          data: [
            {
              interval: q.interval,
              metrics: [
                { metric: 'nOffered', stats: { count: 100 + k } },
                { metric: 'tHandle', stats: { count: (u + k) % 90, sum: ((u + k) % 90) * 300_000 } },
              ],
            },
          ],
        })),
      ),
    };
  }
  return { results: [] };
}

function port(): GenesysPort {
  const unused = () => Promise.reject(new Error('unused'));
  return {
    listUsers: unused,
    listSkills: () =>
      Promise.resolve(Array.from({ length: SKILLS }, (_, i) => ({ id: `s${i}`, name: `Skill ${i}` }))),
    createSkill: unused,
    listQueues: () =>
      Promise.resolve(Array.from({ length: QUEUES }, (_, i) => ({ id: `q${i}`, name: `Queue ${i}` }))),
    listQueueMembers: unused,
    listWrapupCodes: () => Promise.resolve([]),
    findDataTable: unused,
    listDataTableRows: unused,
    createDataTableRow: unused,
    updateDataTableRow: unused,
    deleteDataTableRow: unused,
    replaceUserSkills: unused,
    patchUserSkills: unused,
    deleteUserSkill: unused,
    listInactiveUsers: unused,
    listLanguages: unused,
    patchUserLanguages: unused,
    deleteUserLanguage: unused,
    queryAggregates: (q) => {
      const t = performance.now();
      const a = answer(q);
      fakeMs += performance.now() - t;
      return Promise.resolve(a);
    },
    queryAudits: unused,
    stats: { requests: 0, retries: 0, writes: 0 },
  };
}

describe('planner at scale', () => {
  it('reads and plans 10,000 users × 30 days in seconds and well under 1 GB', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const table = await fetchAnalytics(port(), { now: NOW, days: DAYS, chunkDays: 7 });
    const t1 = performance.now();
    const users = Array.from({ length: USERS }, (_, u) => ({
      id: `u${u}`,
      email: `u${u}@x.com`,
      name: `U ${u}`,
    }));
    const current: Record<string, Record<string, number>> = {};
    userSkills.forEach((skills, u) => {
      current[`u${u}@x.com`] = Object.fromEntries(skills.map((s) => [`Skill ${s}`, 3]));
    });
    const queueMembers: Record<string, string[]> = {};
    for (let u = 0; u < USERS; u++) (queueMembers[`Queue ${u % QUEUES}`] ??= []).push(`u${u}@x.com`);
    const settings = plannerSettings({ days: DAYS, maxUsersChangedPerPlan: 200 });
    const skills = recommendSkills({ table, users, current, queueMembers, settings, protectedUsers: [] });
    const t2 = performance.now();
    const weightsCurrent = Object.fromEntries(Array.from({ length: QUEUES }, (_, i) => [`Queue ${i}`, {}]));
    const weights = recommendWeights({
      table,
      current: weightsCurrent,
      weights: settings.weights,
      wrapupSkills: {},
    });
    const t3 = performance.now();
    const heapAfter = process.memoryUsage().heapUsed;
    const report = {
      fetchMs: Math.round(t1 - t0),
      fetchMsOutsideFake: Math.round(t1 - t0 - fakeMs),
      skillsMs: Math.round(t2 - t1),
      weightsMs: Math.round(t3 - t2),
      heapGrowthMb: Math.round((heapAfter - heapBefore) / 1e6),
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
      recommendations: skills.recommendations.length,
      rejected: skills.rejected.length,
      weights: weights.weights.length,
    };
    console.log(`scale: ${JSON.stringify(report)}`);
    expect(table.users.ids).toHaveLength(USERS);
    expect(new Set(skills.recommendations.map((r) => r.email)).size).toBeLessThanOrEqual(200);
    expect(weights.weights.length).toBeGreaterThan(0);
    expect(t3 - t1).toBeLessThan(20_000);
    expect(report.rssMb).toBeLessThan(1000);
  });
});
