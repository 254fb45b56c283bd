import type { Command } from 'commander';
import { exitCodeFor } from '../../apply/outcome.js';
import { createProgress } from '../../demo/progress.js';
import { renderDemoSummary } from '../../demo/render-demo.js';
import { runDemo } from '../../demo/run-demo.js';
import { ConfigError } from '../../errors.js';
import type { CliContext } from '../context.js';

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
    .action(async (flags: { seed: string; users: string; now?: string; json?: boolean }) => {
      const now = flags.now === undefined ? undefined : new Date(flags.now);
      if (now && Number.isNaN(now.getTime()))
        throw new ConfigError(
          `--now must be an ISO date such as 2026-11-01T09:00:00Z, got ${JSON.stringify(flags.now)}`,
        );
      const progress = createProgress((t) => ctx.stderr(t), ctx.isTTY && !flags.json);
      ctx.stderr('routing-gitops demo: the whole GitOps loop on a built-in Genesys Cloud emulator\n');
      const result = await runDemo({
        seed: Number(flags.seed),
        users: Number(flags.users),
        progress,
        ...(now ? { now } : {}),
      });
      if (flags.json) {
        ctx.stdout(
          `${JSON.stringify(
            {
              workDir: result.workDir,
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
              files: result.files,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        ctx.stdout(renderDemoSummary(result));
      }
      ctx.exitCode = exitCodeFor(result.apply);
    });
}
