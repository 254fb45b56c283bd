import type { Command } from 'commander';
import { formatProblem } from '../../errors.js';
import { attributeDrift } from '../../apply/drift.js';
import { lastCommitTime } from '../../apply/git.js';
import { loadValidateAndDiff } from '../../apply/prepare.js';
import { countChanges } from '../../plan/diff.js';
import { renderChanges } from '../../plan/render.js';
import type { CliContext } from '../context.js';
import { genesysFor } from '../genesys.js';
import { resolvePath } from '../paths.js';

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description(
      'compare git (desired state) with the live org; no writes. Exit 0 in sync, 2 changes, 1 error',
    )
    .option('--dir <dir>', 'desired-state directory', 'desired-state')
    .option('--json', 'machine-readable output')
    .action(async (opts: { dir: string; json?: boolean }) => {
      const port = genesysFor(ctx);
      const { changes, warnings } = await loadValidateAndDiff(resolvePath(ctx, opts.dir), port);
      for (const w of warnings) ctx.stderr(`warning: ${formatProblem(w)}\n`);
      const dir = resolvePath(ctx, opts.dir);
      const drift = await attributeDrift(
        await port(),
        changes,
        ctx.now(),
        ctx.env.GENESYSCLOUD_OAUTHCLIENT_ID,
        await lastCommitTime(dir),
      );
      if (opts.json) {
        ctx.stdout(
          `${JSON.stringify({ inSync: changes.length === 0, counts: countChanges(changes), changes, drift }, null, 2)}\n`,
        );
      } else {
        ctx.stdout(renderChanges(changes, drift));
      }
      ctx.exitCode = changes.length === 0 ? 0 : 2;
    });
}
