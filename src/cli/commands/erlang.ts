import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { RoutingGitopsError } from '../../errors.js';

export function registerErlang(program: Command, _ctx: CliContext): void {
  program
    .command('erlang')
    .description('(not built yet)')
    .action(() => {
      throw new RoutingGitopsError('NOT_BUILT', 'erlang is not built yet');
    });
}
