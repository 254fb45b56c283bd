import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { exportDesiredState } from '../../state/index.js';
import { inert } from '../../safe-text.js';
import type { CliContext } from '../context.js';
import path from 'node:path';
import { genesysFor } from '../genesys.js';

interface ExportOptions {
  out: string;
  groupBy: string;
  weightsTable?: string;
  force?: boolean;
}

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(
      'write desired state from the live org (onboarding): routing profiles, rule weights, settings',
    )
    .requiredOption('--out <dir>', 'desired-state directory to write, e.g. desired-state')
    .option(
      '--group-by <how>',
      'queue: one routing-profiles file per primary queue; none: a single all.yaml',
      'queue',
    )
    .option(
      '--weights-table <name>',
      'Architect data table holding the weights (default: Routing Skill Weights)',
    )
    .option('--force', 'replace routing-profiles/ and rule-weights.yaml if the directory already has them')
    .action(async (options: ExportOptions) => {
      if (options.groupBy !== 'queue' && options.groupBy !== 'none') {
        throw new ConfigError(`--group-by must be queue or none, not "${options.groupBy}"`);
      }
      const port = await genesysFor(ctx)();
      const out = path.resolve(ctx.cwd, options.out);
      const result = await exportDesiredState(port, out, {
        groupBy: options.groupBy,
        force: Boolean(options.force),
        ...(options.weightsTable ? { weightsTable: options.weightsTable } : {}),
      });
      for (const warning of result.warnings) ctx.stderr(`warning: ${inert(warning)}\n`);
      const { users, profileFiles, queues, weights } = result.counts;
      ctx.stdout(
        `exported ${users} users in ${profileFiles} routing-profiles files, ${queues} queues and ${weights} weights to ${options.out}\n`,
      );
    });
}
