import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { RoutingGitopsError } from '../../errors.js';

export function registerDemo(program: Command, _ctx: CliContext): void {
  program
    .command('demo')
    .description('(not built yet)')
    .action(() => {
      throw new RoutingGitopsError('NOT_BUILT', 'demo is not built yet');
    });
}
