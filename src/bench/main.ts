import { runApplyBench } from './apply-bench.js';
import { runClientBench } from './client-bench.js';
import { runEmulatorBench } from './emulator-bench.js';
import { runHeadroomBench } from './headroom-bench.js';
import { runPlannerBench } from './planner-bench.js';
import { runFidelityBench, runQualityBench } from './quality-bench.js';
import { runSimulateBench } from './simulate-bench.js';
import { runStateBench } from './state-bench.js';
import { renderBenchTable, type BenchRow } from './table.js';

type Bench = () => Promise<{ name: string; value: string; group?: string }[]>;

const BENCHES: { id: string; group: string; run: Bench; optIn?: boolean }[] = [
  { id: 'simulate', group: 'staffing maths', run: runSimulateBench },
  { id: 'state', group: 'desired state (10,000 users)', run: runStateBench },
  { id: 'emulator', group: 'emulator', run: runEmulatorBench },
  { id: 'client', group: 'API client (rate limit 100 per 5 s)', run: runClientBench },
  { id: 'apply', group: 'reconcile', run: runApplyBench },
  { id: 'planner', group: 'planner', run: runPlannerBench },
  { id: 'quality', group: 'plan quality', run: runQualityBench },
  { id: 'fidelity', group: 'centre model fidelity', run: runFidelityBench },
  // opt-in (`npm run bench -- headroom`): four emulated months per seed
  { id: 'headroom', group: 'plan headroom', run: runHeadroomBench, optIn: true },
];

/** `npm run bench [-- id…]`: every figure the issues ask for, in one table. */
async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const rows: BenchRow[] = [];
  for (const bench of BENCHES) {
    if (wanted.size > 0 ? !wanted.has(bench.id) : bench.optIn) continue;
    process.stderr.write(`running ${bench.id}…\n`);
    const started = performance.now();
    try {
      for (const row of await bench.run())
        rows.push({ group: row.group ?? bench.group, name: row.name, value: row.value });
    } catch (error) {
      rows.push({
        group: bench.group,
        name: 'failed',
        value: error instanceof Error ? error.message : String(error),
      });
    }
    process.stderr.write(`  ${bench.id} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(
    `\nrouting-gitops benchmarks (node ${process.version}, ${new Date().toISOString()})\n\n`,
  );
  process.stdout.write(renderBenchTable(rows));
}

await main();
