/**
 * Headroom of plan quality (bench only; it imports the emulator, the planner never does): what the emulator
 * measures for simple candidate plans with the same headcount, so that the planner's gain can be read against
 * what is possible at all. Each candidate runs on a fresh emulator of the seed (the quality bench's clock): the
 * change is written through the API, 30 more days are emulated, and the org's service level is measured like the
 * quality bench does. Candidates (built from what the API returns, like a plan):
 * - `pool all`: every member of each queue gets every skill and language its traffic requests (no cap): the most
 *   that skill and language changes can pool within today's queue membership;
 * - `pool skills` / `pool languages`: the same, skills only or languages only;
 * - `weights by SL`: every row of a queue weighted by its measured service level (worst first), skills unchanged.
 */
import { request } from 'undici';
import { measureQueues, type MeasuredQueue } from '../demo/measure.js';
import { EMULATOR_DEFAULTS, startEmulator, WEIGHTS_TABLE_NAME } from '../emulator/index.js';
import { createGenesysClient } from '../genesys/index.js';
import type { GenesysPort, LiveQueue, LiveUser } from '../genesys/port.js';
import { fetchCentreData, type CentreData } from '../recommend/centre-analytics.js';
import { QUALITY_NOW, qualitySeeds } from './quality-bench.js';
import type { BenchRow } from './table.js';

interface Org {
  users: LiveUser[];
  queues: LiveQueue[];
  members: Record<string, string[]>;
  data: CentreData;
  before: Map<string, MeasuredQueue>;
}

interface Candidate {
  /** user id → skill names and language ids to add */
  adds: Map<string, { skills: string[]; languages: string[] }>;
  /** `queue|skill` → weight */
  weights: Map<string, number>;
}

const CANDIDATES: { name: string; build: (org: Org) => Candidate }[] = [
  { name: 'pool all (no cap)', build: (org) => pool(org, true, true) },
  { name: 'pool skills only (no cap)', build: (org) => pool(org, true, false) },
  { name: 'pool languages only (no cap)', build: (org) => pool(org, false, true) },
  { name: 'weights by measured SL', build: weightsBySl },
];

export async function runHeadroomBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const seed of qualitySeeds()) {
    const group = `plan headroom (emulator seed ${seed}, clock ${QUALITY_NOW.toISOString()}: 30 days before vs 30 emulated days after, same headcount)`;
    for (const c of CANDIDATES) {
      const r = await trial(seed, c.build);
      rows.push({
        group,
        name: `${c.name}: users changed / org SL before → after (gain) / worst queue`,
        value: `${r.users} / ${pct(r.before)} → ${pct(r.after)} (${points(r.after - r.before)}) / ${r.worstQueue} ${points(r.worst)}`,
      });
    }
  }
  return rows;
}

async function trial(
  seed: number,
  build: (org: Org) => Candidate,
): Promise<{ users: number; before: number; after: number; worst: number; worstQueue: string }> {
  const emulator = await startEmulator({
    seed,
    users: EMULATOR_DEFAULTS.users,
    now: () => new Date(QUALITY_NOW.getTime()),
    rateLimit: { count: 100_000, windowSeconds: 60 },
  });
  try {
    const port = createGenesysClient({
      clientId: EMULATOR_DEFAULTS.clientId,
      clientSecret: EMULATOR_DEFAULTS.clientSecret,
      apiBaseUrl: emulator.url,
    });
    const [users, queues, skills] = await Promise.all([
      port.listUsers(),
      port.listQueues(),
      port.listSkills(),
    ]);
    const members: Record<string, string[]> = {};
    for (const q of queues) members[q.id] = await port.listQueueMembers(q.id);
    const data = await fetchCentreData(port, {
      now: QUALITY_NOW,
      days: 30,
      chunkDays: 7,
      queues,
      skills,
      userIds: users.map((u) => u.id),
    });
    const start = new Date(QUALITY_NOW.getTime() - 30 * 86_400_000);
    const before = await measureQueues(port, start, QUALITY_NOW);
    const candidate = build({ users, queues, members, data, before });
    await write(port, users, skills, candidate);
    const advanced = await request(`${emulator.url}/__emulator/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ days: 30 }),
    });
    await advanced.body.text();
    const after = await measureQueues(port, start, QUALITY_NOW);
    let offeredBefore = 0;
    let inBefore = 0;
    let offeredAfter = 0;
    let inAfter = 0;
    let worst = Infinity;
    let worstQueue = '';
    for (const q of queues) {
      const b = before.get(q.id);
      const a = after.get(q.id);
      if (!b || !a) continue;
      offeredBefore += b.offered;
      inBefore += b.serviceLevel * b.offered;
      offeredAfter += a.offered;
      inAfter += a.serviceLevel * a.offered;
      if (a.serviceLevel - b.serviceLevel < worst) {
        worst = a.serviceLevel - b.serviceLevel;
        worstQueue = q.name;
      }
    }
    return {
      users: candidate.adds.size,
      before: inBefore / Math.max(1, offeredBefore),
      after: inAfter / Math.max(1, offeredAfter),
      worst,
      worstQueue,
    };
  } finally {
    await emulator.close();
  }
}

async function write(
  port: GenesysPort,
  users: readonly LiveUser[],
  skills: readonly { id: string; name: string }[],
  candidate: Candidate,
): Promise<void> {
  const skillId = new Map(skills.map((s) => [s.name, s.id]));
  for (const u of users) {
    const add = candidate.adds.get(u.id);
    if (!add) continue;
    if (add.skills.length > 0)
      await port.patchUserSkills(
        u.id,
        add.skills.flatMap((k) => (skillId.has(k) ? [{ id: skillId.get(k) ?? k, proficiency: 3 }] : [])),
      );
    if (add.languages.length > 0)
      await port.patchUserLanguages(
        u.id,
        add.languages.map((id) => ({ id, proficiency: 3 })),
      );
  }
  if (candidate.weights.size === 0) return;
  const table = await port.findDataTable(WEIGHTS_TABLE_NAME);
  if (!table) return;
  const rows = new Map((await port.listDataTableRows(table.id)).map((r) => [r.key, r]));
  for (const [key, weight] of candidate.weights) {
    const row = rows.get(key);
    if (row) await port.updateDataTableRow(table.id, { ...row, weight });
    else await port.createDataTableRow(table.id, { key, weight });
  }
}

/** every member of each queue gets what its traffic requests (skills, languages or both) */
function pool(org: Org, skills: boolean, languages: boolean): Candidate {
  const adds = new Map<string, { skills: string[]; languages: string[] }>();
  for (const u of org.users) {
    const held = new Set(u.skills.map((s) => s.name));
    const spoken = new Set((u.languages ?? []).map((l) => l.id));
    const addSkills = new Set<string>();
    const addLanguages = new Set<string>();
    for (const s of org.data.streams) {
      if (!(org.members[s.queueId] ?? []).includes(u.id)) continue;
      if (skills) for (const k of s.skills) if (!held.has(k)) addSkills.add(k);
      if (languages && s.language !== undefined && !spoken.has(s.language)) addLanguages.add(s.language);
    }
    if (addSkills.size + addLanguages.size > 0)
      adds.set(u.id, { skills: [...addSkills], languages: [...addLanguages] });
  }
  return { adds, weights: new Map() };
}

/** each queue's rows at 50 + 20 points per 10 points of service level under 80% (over: lower), 1–100 */
function weightsBySl(org: Org): Candidate {
  const weights = new Map<string, number>();
  for (const q of org.queues) {
    const sl = org.before.get(q.id)?.serviceLevel;
    if (sl === undefined) continue;
    const weight = Math.max(1, Math.min(100, Math.round(50 + (20 * (0.8 - sl)) / 0.1)));
    for (const s of org.data.streams)
      if (s.queueId === q.id) for (const k of s.skills) weights.set(`${q.name}|${k}`, weight);
  }
  return { adds: new Map(), weights };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function points(x: number): string {
  return (x * 100).toFixed(2);
}
