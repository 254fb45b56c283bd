import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { exitCodeFor } from '../../apply/outcome.js';
import { createProgress } from '../../demo/progress.js';
import { renderDemoSummary } from '../../demo/render-demo.js';
import { runDemo } from '../../demo/run-demo.js';
import { ConfigError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { resolvePath } from '../paths.js';

interface DemoFlags {
  seed: string;
  users: string;
  now?: string;
  json?: boolean;
  out?: string;
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(
      'the whole loop on the built-in emulator, no credentials: export, plan, apply, a month later',
    )
    .option('--seed <n>', 'emulator seed', '1')
    .option('--users <n>', 'agents in the emulated org', '200')
    .option('--now <iso>', 'fixed clock (ISO date) so the demo is reproducible')
    .option('--json', 'print the figures as JSON')
    .option(
      '--out <dir>',
      'keep the demo repository, plan and CSV report in DIR (default: a temporary folder, removed)',
    )
    .action(async (flags: DemoFlags) => {
      const now = flags.now === undefined ? undefined : new Date(flags.now);
      if (now && Number.isNaN(now.getTime()))
        throw new ConfigError(
          `--now must be an ISO date such as 2026-11-01T09:00:00Z, got ${JSON.stringify(flags.now)}`,
        );
      const out = flags.out === undefined ? undefined : resolvePath(ctx, flags.out);
      if (out) await mkdir(out, { recursive: true });
      // the demo's own folder: kept only with --out, else removed however the run ends
      const workDir = out ?? (await mkdtemp(join(tmpdir(), 'routing-gitops-demo-')));
      try {
        ctx.exitCode = await runDemoCommand(ctx, flags, workDir, out !== undefined);
      } finally {
        if (!out) await rm(workDir, { recursive: true, force: true });
      }
    });
}

async function runDemoCommand(
  ctx: CliContext,
  flags: DemoFlags,
  workDir: string,
  kept: boolean,
): Promise<number> {
  const progress = createProgress((t) => ctx.stderr(t), ctx.isTTY && !flags.json);
  ctx.stderr('routing-gitops demo: the whole GitOps loop on a built-in Genesys Cloud emulator\n');
  const now = flags.now === undefined ? undefined : new Date(flags.now);
  const result = await runDemo({
    seed: Number(flags.seed),
    users: Number(flags.users),
    progress,
    workDir,
    ...(now ? { now } : {}),
  });
  if (flags.json) {
    ctx.stdout(
      `${JSON.stringify(
        {
          ...(kept ? { workDir: result.workDir } : {}),
          recommendations: result.plan.recommendations.length,
          weights: result.plan.weights.length,
          applied: result.apply.applied,
          failed: result.apply.failed,
          apiCalls: result.apiCalls,
          queues: result.plan.whatIf.queues.map((q) => ({
            queue: q.queue,
            before: result.before.get(q.queueId)?.serviceLevel ?? null,
            whatIf: q.proposed.serviceLevel,
            after: result.after.get(q.queueId)?.serviceLevel ?? null,
          })),
          ...(kept ? { files: result.files } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    ctx.stdout(renderDemoSummary(result, kept));
  }
  return exitCodeFor(result.apply);
}
