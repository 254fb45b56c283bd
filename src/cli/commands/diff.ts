import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { RoutingGitopsError } from '../../errors.js';

export function registerDiff(program: Command, _ctx: CliContext): void {
  program
    .command('diff')
    .description('(not built yet)')
    .action(() => {
      throw new RoutingGitopsError('NOT_BUILT', 'diff is not built yet');
    });
}
