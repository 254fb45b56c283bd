import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import type { ApplyOutcome } from '../apply/outcome.js';
import { runApply } from '../apply/run-apply.js';
import { startEmulator, EMULATOR_DEFAULTS } from '../emulator/index.js';
import { createGenesysClient } from '../genesys/index.js';
import { PlanPrBody } from '../github/index.js';
import type { PlanOutcome } from '../recommend/types.js';
import { renderCsvReport } from '../report/csv.js';
import { teamFilesIn } from '../report/work-tree.js';
import { runPlan, writePlanFiles } from '../recommend/plan/run-plan.js';
import { exportDesiredState } from '../state/index.js';
import { measureQueues, measureSkills, type MeasuredQueue } from './measure.js';
import type { Progress } from './progress.js';

const git = promisify(execFile);

export interface DemoOptions {
  seed?: number;
  users?: number;
  /** where the temporary git repository goes (default: a new dir under the OS temp dir) */
  workDir?: string;
  progress: Progress;
  /** a fixed clock for the emulator and every step (reproducible runs); default: the wall clock */
  now?: Date;
  /** the exported settings' `planner.maxUsersChangedPerPlan` replaced (the quality bench's `QUALITY_MAX_USERS`) */
  maxUsersChangedPerPlan?: number;
}

export interface DemoResult {
  workDir: string;
  plan: PlanOutcome;
  apply: ApplyOutcome;
  before: Map<string, MeasuredQueue>;
  after: Map<string, MeasuredQueue>;
  /** per requested skill, by skill name */
  skillsBefore: Map<string, MeasuredQueue>;
  skillsAfter: Map<string, MeasuredQueue>;
  apiCalls: { export: number; plan: number; apply: number; total: number };
  files: { prBody: string; whatIf: string; report: string; repo: string };
  exported: { users: number };
}

async function commit(cwd: string, message: string): Promise<void> {
  const id = ['-c', 'user.name=routing-gitops demo', '-c', 'user.email=demo@routing-gitops.invalid'];
  await git('git', ['add', '-A'], { cwd });
  await git('git', [...id, 'commit', '-q', '--allow-empty', '-m', message], { cwd });
}

/** settings.yaml with `maxUsersChangedPerPlan` set (a line edit: the exported file holds the key once) */
async function setUserCap(dir: string, cap: number): Promise<void> {
  const file = join(dir, 'settings.yaml');
  const text = await readFile(file, 'utf8');
  const edited = text.replace(/^(\s*maxUsersChangedPerPlan:\s*)\d+/m, `$1${cap}`);
  if (edited === text) throw new Error(`${file}: no planner.maxUsersChangedPerPlan to set`);
  await writeFile(file, edited);
}

/** export → plan → apply → emulate the next 30 days → compare, on an in-process emulator. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { progress } = options;
  progress.step('starting the Genesys Cloud emulator (seeded org, 30 days of conversations)');
  const emulator = await startEmulator({
    seed: options.seed ?? EMULATOR_DEFAULTS.seed,
    users: options.users ?? EMULATOR_DEFAULTS.users,
    rateLimit: { count: 3_000, windowSeconds: 60 },
    ...(options.now ? { now: () => new Date(options.now?.getTime() ?? 0) } : {}),
  });
  const clock = (): Date => (options.now ? new Date(options.now.getTime()) : new Date());
  try {
    const port = createGenesysClient({
      clientId: EMULATOR_DEFAULTS.clientId,
      clientSecret: EMULATOR_DEFAULTS.clientSecret,
      apiBaseUrl: emulator.url,
    });
    const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'routing-gitops-demo-')));
    const dir = join(workDir, 'desired-state');
    await git('git', ['init', '-q', '-b', 'main'], { cwd: workDir });

    progress.step('exporting the org into a git repository (onboarding)');
    const exported = await exportDesiredState(port, dir);
    if (options.maxUsersChangedPerPlan !== undefined) await setUserCap(dir, options.maxUsersChangedPerPlan);
    await commit(workDir, 'export: desired state from the live org');
    const afterExport = port.stats.requests;

    const now = clock();
    const monthBefore = new Date(now.getTime() - 30 * 86_400_000);
    const before = await measureQueues(port, monthBefore, now);
    const skillNames = new Map((await port.listSkills()).map((s) => [s.id, s.name]));
    const byName = (m: Map<string, MeasuredQueue>): Map<string, MeasuredQueue> =>
      new Map([...m].map(([id, v]) => [skillNames.get(id) ?? id, v]));
    const skillsBefore = byName(await measureSkills(port, monthBefore, now));

    progress.step('planning from 30 days of analytics');
    const startPlan = port.stats.requests;
    const plan = await runPlan({
      dir,
      days: 30,
      now,
      clientId: EMULATOR_DEFAULTS.clientId,
      port: () => Promise.resolve(port),
    });
    const prBody = join(dir, 'plan', 'pull-request.md');
    await writePlanFiles(plan.repoRoot, plan.files, dir, plan.outcome.files.whatIfJson);
    // a plan without changes writes no files: plan/ may not exist yet
    await mkdir(join(dir, 'plan'), { recursive: true });
    await writeFile(prBody, PlanPrBody.render(plan.outcome));
    await commit(
      workDir,
      `plan: ${plan.outcome.recommendations.length} skill changes, ${plan.outcome.weights.length} weights`,
    );
    const planCalls = port.stats.requests - startPlan;

    progress.step('applying the merged plan to the org');
    const startApply = port.stats.requests;
    const { stdout: head } = await git('git', ['rev-parse', 'HEAD'], { cwd: workDir });
    const apply = await runApply({
      dir,
      dryRun: false,
      ignoreWindow: true,
      now: clock,
      commit: head.trim(),
      journalPath: join(workDir, '.routing-gitops', 'apply-journal.jsonl'),
      clientId: EMULATOR_DEFAULTS.clientId,
      port: () => Promise.resolve(port),
    });
    const report = join(workDir, 'report.csv');
    await writeFile(
      report,
      renderCsvReport({
        runAt: apply.runAt,
        commit: apply.commit,
        mode: 'apply',
        changes: apply.changes,
        results: apply.results,
        whatIf: plan.outcome.whatIf.queues,
        teamFiles: await teamFilesIn(dir),
      }),
    );
    const applyCalls = port.stats.requests - startApply;

    progress.step('emulating the next 30 days with the new skills');
    const advanced = await request(`${emulator.url}/__emulator/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ days: 30 }),
    });
    await advanced.body.text();
    if (advanced.statusCode !== 200)
      throw new Error(`the emulator refused to advance: HTTP ${advanced.statusCode}`);
    const end = clock();
    const monthAfter = new Date(end.getTime() - 30 * 86_400_000);
    const after = await measureQueues(port, monthAfter, end);
    const skillsAfter = byName(await measureSkills(port, monthAfter, end));
    progress.done();
    return {
      workDir,
      plan: plan.outcome,
      apply,
      before,
      after,
      skillsBefore,
      skillsAfter,
      apiCalls: { export: afterExport, plan: planCalls, apply: applyCalls, total: port.stats.requests },
      files: { prBody, whatIf: join(dir, 'plan', 'what-if.md'), report, repo: workDir },
      exported: { users: exported.written.length },
    };
  } finally {
    await emulator.close();
  }
}
