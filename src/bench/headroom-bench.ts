/**
 * Headroom of plan quality (bench only; it imports the emulator, the planner never does): what the emulator
 * measures for simple candidate plans with the same headcount, so that the planner's gain can be read against
 * what is possible at all. Each candidate runs on a fresh emulator of the seed (the quality bench's clock): the
 * change is written through the API, 30 more days are emulated, and the org's service level is measured like the
 * quality bench does. Candidates (built from what the API returns, like a plan):
 * - `pool all`: every member of each queue gets every skill and language its traffic requests (no cap): the most
 *   that skill and language changes can pool within today's queue membership;
 * - `pool skills` / `pool languages`: the same, skills only or languages only;
 * - `weights by SL`: every row of a queue weighted by its measured service level (worst first), skills unchanged;
 * - `weights cμ`: every row weighted by how short its streams' contacts are (shortest handle time first, the cμ
 *   rule that maximises contacts served per agent-second), skills unchanged;
 * - `drop poor answerers (truth)`: every skill an agent answers under half the alerts of is removed (the agent
 *   keeps at least one skill). It reads the emulator's hidden answer rates, so it bounds what a plan that measured
 *   per agent × skill alerts could do;
 * - `proficiency 5 (artefact)`: every held skill at proficiency 5. In Genesys proficiency is a rating that routes
 *   (bullseye, best available), not a speed. The emulator used to make it a handle-time factor (+3.1 to +3.7 points
 *   from this row alone); speed is now a hidden aptitude fixed at seed time (src/emulator/roster.ts `aptitudeFor`),
 *   so the row stays as the check that relabelling agents gains nothing (0.00 on seed 1);
 * - `join queues (membership, inside the emulator)`: every agent becomes a member of every queue with skilled
 *   traffic their skills and language already serve (after the candidate's skill changes). Desired state does not
 *   hold queue membership, so no plan can do this today: the row measures what managing membership (e.g. Genesys
 *   skill groups, whose members follow their skills) would be worth;
 * - `priority by media`: every stream's priority set by its media inside the emulator (voice first, or last);
 * - `dedicate`: members of several queues lose the skills only their better-served queues' traffic requests
 *   (measured service level), so they work for their shortest queue alone;
 * - combinations of the above with `pool all`.
 */
import { measureQueues, type MeasuredQueue } from '../demo/measure.js';
import { WEIGHTS_TABLE_NAME } from '../emulator/index.js';
import type { RunningEmulator } from '../emulator/index.js';
import { canTake } from '../emulator/roster.js';
import type { GenesysPort, LiveUser } from '../genesys/port.js';
import { ORACLE_NOW, orgServiceLevelChange, readOracleOrg, withOracle, type OracleOrg } from './oracle.js';
import { qualitySeeds } from './quality-bench.js';
import type { BenchRow } from './table.js';

interface Org extends OracleOrg {
  before: Map<string, MeasuredQueue>;
}

type Truth = RunningEmulator['org'];

interface Candidate {
  /** user id → skill names and language ids to add */
  adds: Map<string, { skills: string[]; languages: string[] }>;
  /** `queue|skill` → weight */
  weights: Map<string, number>;
  /** user id → skill names to remove */
  removes?: Map<string, string[]>;
  /** every skill held after the change at this proficiency */
  proficiency?: number;
  /** media type → priority of every stream of that media, set inside the emulator (the weights table is keyed
   * `queue|skill` and cannot say this: a bound on what priority by media could do) */
  mediaPriority?: Record<string, number>;
  /** after the writes, agents join every queue whose skilled traffic they can serve (inside the emulator) */
  joinQueues?: boolean;
}

const CANDIDATES: { name: string; build: (org: Org, truth: Truth) => Candidate }[] = [
  { name: 'pool all (no cap)', build: (org) => pool(org, true, true) },
  { name: 'pool skills only (no cap)', build: (org) => pool(org, true, false) },
  { name: 'pool languages only (no cap)', build: (org) => pool(org, false, true) },
  { name: 'weights by measured SL', build: weightsBySl },
  { name: 'weights cμ (shortest handle first)', build: weightsCmu },
  {
    name: 'pool all + weights by measured SL',
    build: (org) => both(pool(org, true, true), weightsBySl(org)),
  },
  { name: 'pool all + weights cμ', build: (org) => both(pool(org, true, true), weightsCmu(org)) },
  { name: 'drop poor answerers (truth)', build: dropPoor },
  {
    name: 'pool all + drop poor answerers (truth)',
    build: (org, truth) => both(pool(org, true, true), dropPoor(org, truth)),
  },
  {
    name: 'pool all + drop poor (truth) + weights cμ',
    build: (org, truth) => both(both(pool(org, true, true), dropPoor(org, truth)), weightsCmu(org)),
  },
  { name: 'join queues (membership, inside the emulator)', build: () => ({ ...none(), joinQueues: true }) },
  {
    name: 'pool all + join queues (membership, inside the emulator)',
    build: (org) => ({ ...pool(org, true, true), joinQueues: true }),
  },
  {
    name: 'priority by media, voice first (inside the emulator)',
    build: () => ({ ...none(), mediaPriority: { voice: 100, message: 80, callback: 30, email: 10 } }),
  },
  {
    name: 'priority by media, voice last (inside the emulator)',
    build: () => ({ ...none(), mediaPriority: { voice: 1, message: 100, callback: 100, email: 100 } }),
  },
  {
    name: 'pool all + dedicate multi-queue agents to their shortest queue',
    build: (org) => both(pool(org, true, true), dedicate(org)),
  },
  {
    name: 'proficiency 5 everywhere (a rating: no gain expected)',
    build: () => ({ ...none(), proficiency: 5 }),
  },
  {
    name: 'pool all + proficiency 5 (a rating: as pool all)',
    build: (org) => ({ ...pool(org, true, true), proficiency: 5 }),
  },
];

/** candidates to run: `HEADROOM_ONLY=cμ,poor` keeps those whose name contains one of the words (default: all) */
function chosen(): typeof CANDIDATES {
  const words = (process.env['HEADROOM_ONLY'] ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  return words.length === 0 ? CANDIDATES : CANDIDATES.filter((c) => words.some((w) => c.name.includes(w)));
}

function none(): Candidate {
  return { adds: new Map(), weights: new Map() };
}

function both(a: Candidate, b: Candidate): Candidate {
  const removes = new Map([...(a.removes ?? []), ...(b.removes ?? [])]);
  const adds = new Map(a.adds);
  for (const [id, add] of b.adds) {
    const had = adds.get(id);
    adds.set(id, {
      skills: [...new Set([...(had?.skills ?? []), ...add.skills])],
      languages: [...new Set([...(had?.languages ?? []), ...add.languages])],
    });
  }
  // a skill both added and removed is removed
  for (const [id, skills] of removes) {
    const add = adds.get(id);
    if (add) add.skills = add.skills.filter((k) => !skills.includes(k));
  }
  return { adds, removes, weights: new Map([...a.weights, ...b.weights]) };
}

export async function runHeadroomBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const seed of qualitySeeds()) {
    const group = `plan headroom (emulator seed ${seed}, clock ${ORACLE_NOW.toISOString()}: 30 days before vs 30 emulated days after, same headcount)`;
    for (const c of chosen()) {
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
  build: (org: Org, truth: Truth) => Candidate,
): Promise<{ users: number; before: number; after: number; worst: number; worstQueue: string }> {
  return withOracle(seed, async (port, advance, truth) => {
    const org = await readOracleOrg(port, 30);
    const start = new Date(ORACLE_NOW.getTime() - 30 * 86_400_000);
    const before = await measureQueues(port, start, ORACLE_NOW);
    const candidate = build({ ...org, before }, truth);
    await write(port, org.users, org.skills, candidate);
    const byMedia = candidate.mediaPriority;
    if (byMedia) {
      const config = truth.currentConfig.bind(truth);
      truth.currentConfig = () => {
        const c = config();
        for (const s of truth.streams)
          c.priorities[s.index] = byMedia[s.mediaType] ?? c.priorities[s.index] ?? 50;
        return c;
      };
      truth.configurationChanged();
    }
    const users = new Set([...candidate.adds.keys(), ...(candidate.removes?.keys() ?? [])]);
    if (candidate.joinQueues) for (const id of joinQueues(truth)) users.add(id);
    await advance(30);
    const after = await measureQueues(port, start, ORACLE_NOW);
    return {
      users: candidate.proficiency === undefined ? users.size : org.users.length,
      ...orgServiceLevelChange(org.queues, before, after),
    };
  });
}

/** Agents join every queue with skilled traffic they can serve (membership kept on user and queue); who joined. */
function joinQueues(truth: Truth): string[] {
  const joined = new Set<string>();
  for (const user of truth.users) {
    if (user.state !== 'active') continue;
    for (const s of truth.streams) {
      if (s.skillIds.length === 0 || user.queueIds.includes(s.queueId) || !canTake(user, s)) continue;
      user.queueIds.push(s.queueId);
      truth.queue(s.queueId).memberIds.push(user.id);
      joined.add(user.id);
    }
  }
  truth.configurationChanged();
  return [...joined];
}

async function write(
  port: GenesysPort,
  users: readonly LiveUser[],
  skills: readonly { id: string; name: string }[],
  candidate: Candidate,
): Promise<void> {
  const skillId = new Map(skills.map((s) => [s.name, s.id]));
  for (const u of users) {
    for (const k of candidate.removes?.get(u.id) ?? []) {
      const id = skillId.get(k);
      if (id !== undefined && u.skills.some((s) => s.id === id)) await port.deleteUserSkill(u.id, id);
    }
    if (candidate.proficiency !== undefined) {
      const removed = new Set(candidate.removes?.get(u.id) ?? []);
      const kept = u.skills.filter((s) => !removed.has(s.name)).map((s) => s.name);
      const all = [...new Set([...kept, ...(candidate.adds.get(u.id)?.skills ?? [])])];
      const level = candidate.proficiency;
      if (all.length > 0)
        await port.patchUserSkills(
          u.id,
          all.flatMap((k) => (skillId.has(k) ? [{ id: skillId.get(k) ?? k, proficiency: level }] : [])),
        );
    }
    const add = candidate.adds.get(u.id);
    if (!add) continue;
    if (add.skills.length > 0 && candidate.proficiency === undefined)
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

/** each row at 20–100 by the mean handle time of its queue's streams requesting it (shortest → 100) */
function weightsCmu(org: Org): Candidate {
  const handle = new Map<string, { ms: number; n: number }>();
  for (const s of org.data.streams) {
    if (s.handled === 0) continue;
    for (const k of s.skills) {
      const key = `${s.queue}|${k}`;
      const h = handle.get(key) ?? { ms: 0, n: 0 };
      h.ms += s.handleMs;
      h.n += s.handled;
      handle.set(key, h);
    }
  }
  const mean = [...handle].map(([key, h]) => [key, h.ms / h.n] as const);
  const logs = mean.map(([, ms]) => Math.log(ms));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const weights = new Map<string, number>();
  for (const [key, ms] of mean)
    weights.set(key, Math.round(100 - (80 * (Math.log(ms) - lo)) / Math.max(1e-9, hi - lo)));
  return { adds: new Map(), weights };
}

/** members of several queues keep only what their worst-served queue requests (and what both request) */
function dedicate(org: Org): Candidate {
  const removes = new Map<string, string[]>();
  const requested = (queueId: string): Set<string> =>
    new Set(org.data.streams.filter((s) => s.queueId === queueId).flatMap((s) => s.skills));
  for (const u of org.users) {
    const queues = Object.keys(org.members).filter((q) => org.members[q]?.includes(u.id));
    if (queues.length < 2) continue;
    const worst = queues.reduce((x, y) =>
      (org.before.get(y)?.serviceLevel ?? 1) < (org.before.get(x)?.serviceLevel ?? 1) ? y : x,
    );
    const keep = requested(worst);
    const drop = new Set(queues.filter((q) => q !== worst).flatMap((q) => [...requested(q)]));
    const names = [...drop].filter((k) => !keep.has(k));
    if (names.length > 0) removes.set(u.id, names);
  }
  return { adds: new Map(), weights: new Map(), removes };
}

/** every requested skill an agent answers under half the alerts of (the emulator's truth), unless it is their last */
function dropPoor(org: Org, truth: Truth): Candidate {
  const skillName = new Map(truth.skills.map((k) => [k.id, k.name]));
  const requested = new Set(org.data.streams.flatMap((s) => s.skills));
  const removes = new Map<string, string[]>();
  for (const u of truth.users) {
    if (u.state !== 'active') continue;
    const poor = [...u.skills.keys()].filter((id) => (u.answerRates.get(id) ?? 1) < 0.5);
    const names = poor.map((id) => skillName.get(id) ?? '').filter((k) => requested.has(k));
    if (names.length > 0 && names.length < u.skills.size) removes.set(u.id, names);
  }
  return { adds: new Map(), weights: new Map(), removes };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function points(x: number): string {
  return (x * 100).toFixed(2);
}
