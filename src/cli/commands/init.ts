import type { Command } from 'commander';
import { scaffold } from '../../init/scaffold.js';
import { readPackageWorkflows, writeScaffold } from '../../init/write-scaffold.js';
import type { CliContext } from '../context.js';
import { packageInfo } from '../package-info.js';
import { resolvePath } from '../paths.js';

interface InitOptions {
  dir: string;
  force?: boolean;
  owner?: string[];
  action?: string;
}

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description(
      'scaffold a config repository: workflows pinned to this version, desired-state/settings.yaml, CODEOWNERS',
    )
    .option('--dir <dir>', 'folder of the new config repository', '.')
    .option('--force', 'overwrite files init would write that already exist')
    .option('--owner <owner...>', 'CODEOWNERS owner(s), e.g. @your-org/routing')
    .option('--action <owner/name>', 'repository holding action.yml (a fork), pinned to v<version>')
    .action(async (options: InitOptions) => {
      ctx.exitCode = await runInit(ctx, options);
    });
}

export async function runInit(ctx: CliContext, options: InitOptions): Promise<number> {
  const info = packageInfo();
  const dir = resolvePath(ctx, options.dir, '.');
  const files = scaffold({
    pin: { repository: options.action ?? info.repository, version: info.version },
    packageName: info.name,
    workflows: await readPackageWorkflows(info.root),
    ...(options.owner ? { owners: options.owner } : {}),
  });
  const written = await writeScaffold(dir, files, { force: options.force ?? false });
  for (const rel of written) ctx.stdout(`wrote ${rel}\n`);
  ctx.stdout(`\nA config repository for routing-gitops v${info.version} in ${dir}. Next: README.md there.\n`);
  return 0;
}
