import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { RoutingGitopsError } from '../../errors.js';

export function registerEmulator(program: Command, _ctx: CliContext): void {
  program
    .command('emulator')
    .description('(not built yet)')
    .action(() => {
      throw new RoutingGitopsError('NOT_BUILT', 'emulator is not built yet');
    });
}
