import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { diffLines } from 'diff';
import { checkReferences, loadDesiredState, renderProfilesFile, renderWeightsFile } from '../state/index.js';
import { setProfileLanguages } from './languages-second-pass.js';
import { updateProfilesFile } from '../state/update.js';
import type { BenchRow } from './table.js';

const GROUP = 'desired state (10,000 users)';
const USERS = 10_000;
const TEAMS = 20;
const SKILLS = Array.from({ length: 30 }, (_, i) => `Skill ${String(i + 1).padStart(2, '0')}`);
const LANGUAGES = ['English', 'French', 'German', 'Spanish'];
const QUEUES = Array.from({ length: 50 }, (_, i) => `Queue ${String(i + 1).padStart(2, '0')}`);

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same files. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(): {
  teams: Record<string, Record<string, number>>[];
  weights: Record<string, Record<string, number>>;
} {
  const next = random(42);
  const teams: Record<string, Record<string, number>>[] = Array.from({ length: TEAMS }, () => ({}));
  for (let i = 0; i < USERS; i++) {
    const skills: Record<string, number> = {};
    const count = 1 + Math.floor(next() * 6);
    for (let k = 0; k < count; k++)
      skills[SKILLS[Math.floor(next() * SKILLS.length)] ?? 'Skill 01'] = Math.round(next() * 10) / 2;
    const team = teams[i % TEAMS];
    if (team) team[`agent${String(i).padStart(5, '0')}@example.com`] = skills;
  }
  const weights: Record<string, Record<string, number>> = {};
  for (const queue of QUEUES) {
    weights[queue] = Object.fromEntries(
      SKILLS.filter(() => next() < 0.2).map((s) => [s, 1 + Math.floor(next() * 100)]),
    );
  }
  return { teams, weights };
}

/** Runs fn while sampling the heap every millisecond; returns its duration and the peak heap growth. */
async function measure<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number; peakBytes: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 1);
  const started = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, ms, peakBytes: peak - before };
  } finally {
    clearInterval(timer);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/**
 * What the planner's "writing the plan" does to a 10,000-user file (the planner bench exports one): 50 users' skills
 * and languages changed, the old way (the skills updater, then a second parse and re-serialisation for the
 * languages) against one parse and one set of minimal edits. Alternated, median of 3 each.
 */
function planWrite(teams: readonly Record<string, Record<string, number>>[]): {
  twoPass: number;
  onePass: number;
  changedLines: number;
} {
  const users = Object.fromEntries(teams.flatMap((team) => Object.entries(team)));
  const emails = Object.keys(users).sort();
  const held: Record<string, Record<string, number>> = {};
  emails.forEach((e, i) => {
    if (i % 3 === 0) held[e] = { [LANGUAGES[i % LANGUAGES.length] ?? 'English']: 3 };
  });
  const old = renderProfilesFile(users, { languages: held });
  const next = { ...users };
  const languages: Record<string, Record<string, number>> = {};
  for (let k = 0; k < 50; k++) {
    const email = emails[(k * 197) % emails.length] ?? '';
    const skills = next[email] ?? {};
    const first = Object.keys(skills)[0] ?? 'Skill 01';
    next[email] = { ...skills, [first]: ((skills[first] ?? 0) + 1) % 5 };
    languages[email] = { ...held[email], Spanish: 2 };
  }
  const two: number[] = [];
  const one: number[] = [];
  let text = '';
  for (let i = 0; i < 3; i++) {
    let started = performance.now();
    setProfileLanguages(updateProfilesFile(old, next), languages);
    two.push(performance.now() - started);
    started = performance.now();
    text = updateProfilesFile(old, next, languages);
    one.push(performance.now() - started);
  }
  const changedLines = diffLines(old, text)
    .filter((part) => part.added)
    .reduce((n, part) => n + (part.count ?? 0), 0);
  return { twoPass: median(two), onePass: median(one), changedLines };
}

/** Load + validate a generated 10,000-user desired state; reference checks; a one-skill edit of a team file. */
export async function runStateBench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'routing-gitops-state-bench-'));
  try {
    const { teams, weights } = generate();
    await mkdir(path.join(dir, 'routing-profiles'));
    let bytes = 0;
    for (const [i, team] of teams.entries()) {
      const text = renderProfilesFile(team);
      bytes += Buffer.byteLength(text);
      await writeFile(path.join(dir, `routing-profiles/team-${String(i + 1).padStart(2, '0')}.yaml`), text);
    }
    await writeFile(path.join(dir, 'rule-weights.yaml'), renderWeightsFile(weights));

    await loadDesiredState(dir); // warm-up: compile schemas, JIT
    const runs: { ms: number; peakBytes: number }[] = [];
    let users = 0;
    for (let i = 0; i < 5; i++) {
      const run = await measure(() => loadDesiredState(dir));
      if (run.result.errors.length > 0)
        throw new Error(`generated desired state is invalid: ${run.result.errors[0]?.message}`);
      users = run.result.value?.profiles.length ?? 0;
      runs.push(run);
    }
    const state = (await loadDesiredState(dir)).value;
    if (!state) throw new Error('generated desired state did not load');
    const live = {
      users: state.profiles.map((p, i) => ({ id: `u${i}`, name: p.email, email: p.email, skills: [] })),
      skills: SKILLS.map((name, i) => ({ id: `s${i}`, name })),
      queues: QUEUES.map((name, i) => ({ id: `q${i}`, name })),
    };
    const refs = await measure(() => checkReferences(state, live));

    const teamFile = path.join(dir, 'routing-profiles/team-01.yaml');
    const old = await readFile(teamFile, 'utf8');
    const team = structuredClone(teams[0] ?? {});
    const [firstEmail, firstSkills] = Object.entries(team)[0] ?? ['', {}];
    const firstSkill = Object.keys(firstSkills)[0] ?? 'Skill 01';
    team[firstEmail] = { ...firstSkills, [firstSkill]: ((firstSkills[firstSkill] ?? 0) + 1) % 5 };
    const edit = await measure(() => updateProfilesFile(old, team));
    const changedLines = old.split('\n').filter((line, i) => line !== edit.result.split('\n')[i]).length;
    const plan = planWrite(teams);

    return [
      {
        group: GROUP,
        name: 'files',
        value: `${TEAMS} routing-profiles files + rule-weights.yaml, ${mb(bytes)}`,
      },
      { group: GROUP, name: 'users loaded', value: String(users) },
      { group: GROUP, name: 'load + validate (median of 5)', value: ms(median(runs.map((r) => r.ms))) },
      {
        group: GROUP,
        name: 'peak heap growth while loading',
        value: mb(Math.max(...runs.map((r) => r.peakBytes))),
      },
      { group: GROUP, name: 'reference checks', value: ms(refs.ms) },
      {
        group: GROUP,
        name: 'one-skill edit of a 500-user file',
        value: `${ms(edit.ms)}, ${changedLines} line changed`,
      },
      {
        group: GROUP,
        name: 'one 10,000-user file, skills + languages of 50 users: two passes (skills, then languages)',
        value: `${ms(plan.twoPass)} (median of 3)`,
      },
      {
        group: GROUP,
        name: 'the same in one pass (the planner since #14)',
        value: `${ms(plan.onePass)} (median of 3), ${plan.changedLines} lines changed or added`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
