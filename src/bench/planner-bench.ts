import { readFileSync } from 'node:fs';
import { createGenesysClient } from '../genesys/index.js';
import { runPlan } from '../recommend/plan/run-plan.js';
import { exportFixture } from './fixture.js';
import { spawnEmulator } from './spawn-emulator.js';
import type { BenchRow } from './table.js';

/**
 * The planner on a 10,000-user, 50-queue, 30-skill org with 30 days of half-hourly analytics. The emulator runs in
 * its own process and simulates its whole history before it listens (as a real org's is stored before anyone
 * asks), so the clock starts with the history already there.
 */
export async function runPlannerBench(): Promise<BenchRow[]> {
  const emulator = await spawnEmulator([
    '--users',
    '10000',
    '--queues',
    '50',
    '--skills',
    '30',
    '--days',
    '30',
    '--rate-limit',
    '100000/60',
  ]);
  try {
    const port = createGenesysClient({
      clientId: 'emulator-client',
      clientSecret: 'emulator-secret',
      apiBaseUrl: emulator.url,
    });
    const { dir } = await exportFixture(port, 0);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const requestsBefore = port.stats.requests;
    const started = performance.now();
    const steps: { step: string; at: number; cpu: number; emulatorCpu: number | undefined }[] = [];
    const cpuSeconds = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const plan = await runPlan({
      dir,
      days: 30,
      now: new Date(),
      clientId: 'emulator-client',
      port: () => Promise.resolve(port),
      onStep: (step) =>
        steps.push({
          step,
          at: performance.now(),
          cpu: cpuSeconds(),
          emulatorCpu: processCpu(emulator.child.pid),
        }),
    });
    const end = performance.now();
    const endCpu = { cpu: cpuSeconds(), emulatorCpu: processCpu(emulator.child.pid) };
    const seconds = (end - started) / 1000;
    const phases = steps.map(
      (s, i) => `${s.step} ${(((steps[i + 1]?.at ?? end) - s.at) / 1000).toFixed(1)} s`,
    );
    clearInterval(sampler);
    // the two phases two people work on: reading (analytics, presence, utilization) and the model's runs
    const at = (prefix: string): number | undefined => steps.find((s) => s.step.startsWith(prefix))?.at;
    const span = (from: string, to: string): string => {
      const a = at(from);
      const b = at(to) ?? end;
      return a === undefined ? 'n/a' : `${((b - a) / 1000).toFixed(1)} s`;
    };
    const group = 'planner (10,000 users, 50 queues, 30 skills, 30 days at PT30M)';
    return [
      {
        group,
        name: 'wall time (analytics read + recommend + what-if; emulator history simulated before the clock starts)',
        value: `${seconds.toFixed(1)} s`,
      },
      {
        group,
        name: 'phases (reading includes the emulator answering in another process)',
        value: phases.join(', '),
      },
      {
        group,
        name: 'reading (analytics, presence, utilization; the emulator answers in another process)',
        value: span('reading', 'recommending'),
      },
      {
        group,
        name: 'reading: CPU of the planner / of the emulator (less noisy than wall time on a shared machine)',
        value: cpuSpan(steps, endCpu),
      },
      { group, name: 'model (recommending + what-if)', value: span('recommending', 'writing') },
      { group, name: 'peak RSS of the planner process', value: `${Math.round(peakRss / 2 ** 20)} MB` },
      {
        group,
        name: 'heap growth',
        value: `${Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20)} MB`,
      },
      { group, name: 'API calls', value: String(port.stats.requests - requestsBefore) },
      {
        group,
        name: 'recommendations',
        value: `${plan.outcome.recommendations.length} skills, ${plan.outcome.weights.length} weights`,
      },
    ];
  } finally {
    emulator.stop();
  }
}

/** CPU seconds of a process so far, from /proc (Linux); undefined elsewhere. */
function processCpu(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 a second)
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of both processes from the reading step to the recommending one. */
function cpuSpan(
  steps: readonly { step: string; cpu: number; emulatorCpu: number | undefined }[],
  end: { cpu: number; emulatorCpu: number | undefined },
): string {
  const from = steps.find((s) => s.step.startsWith('reading'));
  const to = steps.find((s) => s.step.startsWith('recommending')) ?? end;
  if (!from) return 'n/a';
  const emulator =
    from.emulatorCpu === undefined || to.emulatorCpu === undefined
      ? 'n/a'
      : `${(to.emulatorCpu - from.emulatorCpu).toFixed(1)} s`;
  return `${(to.cpu - from.cpu).toFixed(1)} s / ${emulator}`;
}
