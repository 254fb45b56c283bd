import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { RoutingGitopsError } from '../../errors.js';

export function registerValidate(program: Command, _ctx: CliContext): void {
  program
    .command('validate')
    .description('(not built yet)')
    .action(() => {
      throw new RoutingGitopsError('NOT_BUILT', 'validate is not built yet');
    });
}
