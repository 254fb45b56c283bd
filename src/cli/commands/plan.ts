import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { RoutingGitopsError } from '../../errors.js';

export function registerPlan(program: Command, _ctx: CliContext): void {
  program
    .command('plan')
    .description('(not built yet)')
    .action(() => {
      throw new RoutingGitopsError('NOT_BUILT', 'plan is not built yet');
    });
}
