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
import { measureQueues, type MeasuredQueue } from '../demo/measure.js';
import { WEIGHTS_TABLE_NAME } from '../emulator/index.js';
import type { GenesysPort, LiveUser } from '../genesys/port.js';
import { ORACLE_NOW, orgServiceLevelChange, readOracleOrg, withOracle, type OracleOrg } from './oracle.js';
import { qualitySeeds } from './quality-bench.js';
import type { BenchRow } from './table.js';

interface Org extends OracleOrg {
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
    const group = `plan headroom (emulator seed ${seed}, clock ${ORACLE_NOW.toISOString()}: 30 days before vs 30 emulated days after, same headcount)`;
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
  return withOracle(seed, async (port, advance) => {
    const org = await readOracleOrg(port, 30);
    const start = new Date(ORACLE_NOW.getTime() - 30 * 86_400_000);
    const before = await measureQueues(port, start, ORACLE_NOW);
    const candidate = build({ ...org, before });
    await write(port, org.users, org.skills, candidate);
    await advance(30);
    const after = await measureQueues(port, start, ORACLE_NOW);
    return { users: candidate.adds.size, ...orgServiceLevelChange(org.queues, before, after) };
  });
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
