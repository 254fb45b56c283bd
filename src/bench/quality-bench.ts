import { runDemo } from '../demo/run-demo.js';
import { measureFidelity } from './model-fidelity.js';
import { ORACLE_NOW, orgServiceLevelChange } from './oracle.js';
import type { BenchRow } from './table.js';

/** Users of the bench's orgs: `QUALITY_USERS=2500` (default: the emulator's default org size). */
export function qualityUsers(env: string | undefined = process.env['QUALITY_USERS']): number | undefined {
  if (env === undefined || env.trim() === '') return undefined;
  const users = Number(env.trim());
  if (!Number.isInteger(users) || users < 1)
    throw new Error(
      `QUALITY_USERS=${JSON.stringify(env)} is not a number of users: give a whole number such as 2500`,
    );
  return users;
}

/** The plan's user cap for the bench's orgs: `QUALITY_MAX_USERS=200` (default: the exported settings', 50). */
export function qualityMaxUsers(
  env: string | undefined = process.env['QUALITY_MAX_USERS'],
): number | undefined {
  if (env === undefined || env.trim() === '') return undefined;
  const cap = Number(env.trim());
  if (!Number.isInteger(cap) || cap < 0)
    throw new Error(
      `QUALITY_MAX_USERS=${JSON.stringify(env)} is not a number of users: give a whole number such as 200`,
    );
  return cap;
}

/** Seeds of the quality bench: `QUALITY_SEEDS=1,4,7` (default 1, 2, 3; seed 1 is the emulator's default org). */
export function qualitySeeds(env: string | undefined = process.env['QUALITY_SEEDS']): number[] {
  const seeds = (env ?? '1,2,3')
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);
  return seeds.length > 0 ? seeds : [1];
}

/** The plan's effect on the emulator's org per seed: SL measured over 30 days before and the 30 emulated days after. */
export async function runQualityBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const gains: number[] = [];
  for (const seed of qualitySeeds()) rows.push(...(await qualityOfSeed(seed, gains)));
  if (gains.length > 1)
    rows.push({
      group: 'plan quality (all seeds)',
      name: 'org SL gain, points: mean / min (goal ≥ 4, no queue worse by more than 2)',
      value: `${points(mean(gains))} / ${points(Math.min(...gains))}`,
    });
  return rows;
}

async function qualityOfSeed(seed: number, gains: number[]): Promise<BenchRow[]> {
  const started = performance.now();
  const users = qualityUsers();
  const cap = qualityMaxUsers();
  const result = await runDemo({
    seed,
    now: ORACLE_NOW,
    ...(users === undefined ? {} : { users }),
    ...(cap === undefined ? {} : { maxUsersChangedPerPlan: cap }),
    progress: { step: () => undefined, done: () => undefined },
  });
  const org =
    (users === undefined ? (seed === 1 ? ', the default org' : '') : `, ${users} users`) +
    (cap === undefined ? '' : `, at most ${cap} users changed`);
  const group = `plan quality (emulator seed ${seed}${org}, clock ${ORACLE_NOW.toISOString()}: 30 days before vs 30 emulated days after apply)`;
  const touchedSkills = new Set(result.plan.recommendations.map((r) => r.skill));
  const languages = result.plan.languages ?? [];
  const rows: BenchRow[] = [];
  for (const q of result.plan.whatIf.queues) {
    const before = result.before.get(q.queueId);
    const after = result.after.get(q.queueId);
    if (!before || !after) continue;
    rows.push({
      group,
      name: `${q.queue}: SL measured before → after (what-if model: now → plan)`,
      value: `${pct(before.serviceLevel)} → ${pct(after.serviceLevel)} (${pct(q.current.serviceLevel)} → ${pct(q.proposed.serviceLevel)})`,
    });
  }
  for (const skill of [
    ...new Set(result.plan.recommendations.filter((r) => r.action === 'add').map((r) => r.skill)),
  ]) {
    const before = result.skillsBefore.get(skill);
    const after = result.skillsAfter.get(skill);
    if (before && after)
      rows.push({
        group,
        name: `skill ${skill} (added to holders): SL before → after`,
        value: `${pct(before.serviceLevel)} → ${pct(after.serviceLevel)}`,
      });
  }
  const queues = result.plan.whatIf.queues.map((q) => ({ id: q.queueId, name: q.queue }));
  const {
    before: orgBefore,
    after: orgAfter,
    worst,
    worstQueue,
  } = orgServiceLevelChange(queues, result.before, result.after);
  gains.push(orgAfter - orgBefore);
  rows.push({
    group,
    name: 'all queues, volume-weighted SL before → after (gain, points)',
    value: `${pct(orgBefore)} → ${pct(orgAfter)} (${points(orgAfter - orgBefore)})`,
  });
  if (Number.isFinite(worst))
    rows.push({ group, name: 'worst queue change, points', value: `${worstQueue} ${points(worst)}` });
  rows.push({
    group,
    name: 'skill changes / language additions / users changed / weights changed / agents added',
    value: `${result.plan.recommendations.length} (${touchedSkills.size} skills) / ${languages.length} / ${new Set([...result.plan.recommendations, ...languages].map((r) => r.email)).size} / ${result.plan.weights.length} / 0`,
  });
  rows.push({ group, name: 'demo API calls (export + plan + apply)', value: String(result.apiCalls.total) });
  rows.push({
    group,
    name: 'wall time (demo: export, plan, apply, 30 days)',
    value: `${((performance.now() - started) / 1000).toFixed(1)} s`,
  });
  return rows;
}

/** The centre model's fidelity over seeds 1–5: "now" against the measured month, the projection against the next. */
export async function runFidelityBench(): Promise<BenchRow[]> {
  const group = 'centre model fidelity (emulator, 30 days; service level per queue × media, points)';
  const rows: BenchRow[] = [];
  const now: number[] = [];
  const raw: number[] = [];
  const projection: number[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    const f = await measureFidelity(seed);
    if (f.note) {
      rows.push({ group, name: `seed ${seed}`, value: `not measured: ${f.note}` });
      continue;
    }
    now.push(...f.nowErrors);
    raw.push(...f.rawNowErrors);
    projection.push(...f.projectionErrors);
    rows.push({
      group,
      name: `seed ${seed}: now mean / max error; projection mean / max error`,
      value: `${points(mean(f.nowErrors))} / ${points(Math.max(...f.nowErrors))}; ${points(mean(f.projectionErrors))} / ${points(Math.max(...f.projectionErrors))}`,
    });
  }
  if (now.length > 0)
    rows.push({
      group,
      name: 'all seeds: now mean / max (goal ≤ 1); projection mean / max (goal ≤ 1.5 / 3)',
      value: `${points(mean(now))} / ${points(Math.max(...now))}; ${points(mean(projection))} / ${points(Math.max(...projection))}`,
    });
  if (raw.length > 0)
    rows.push({
      group,
      name: 'all seeds: now mean / max with no calibration (the model’s structure alone)',
      value: `${points(mean(raw))} / ${points(Math.max(...raw))}`,
    });
  return rows;
}

function mean(xs: readonly number[]): number {
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

function points(x: number): string {
  return (x * 100).toFixed(2);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
