import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { formatProblem } from '../../errors.js';
import { parseAllDocuments } from 'yaml';
import { attributeDrift } from '../../apply/drift.js';
import { readOwned, readOwnedWeights } from '../../apply/gate.js';
import { headCommit, lastCommitTime } from '../../apply/git.js';
import { ownershipChanges, releasedText } from '../../apply/ownership.js';
import { releasedWeightsText, weightOwnershipChanges } from '../../apply/weight-ownership.js';
import { loadValidateAndDiff } from '../../apply/prepare.js';
import { countChanges } from '../../apply/diff.js';
import { ignoredRemovals, renderDiffReport } from '../../apply/diff-report.js';
import type { CliContext } from '../context.js';
import { genesysFor } from '../genesys.js';
import { resolvePath } from '../paths.js';

const run = promisify(execFile);

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description(
      'compare git (desired state) with the live org; no writes. Exit 0 in sync, 2 changes, 1 error',
    )
    .option('--dir <dir>', 'desired-state directory', 'desired-state')
    .option('--base <ref>', 'git ref to compare with for users no longer managed', 'HEAD')
    .option('--json', 'machine-readable output')
    .action(async (opts: { dir: string; base: string; json?: boolean }) => {
      const port = genesysFor(ctx);
      const dir = resolvePath(ctx, opts.dir);
      const { desired, live, changes, warnings } = await loadValidateAndDiff(dir, port);
      for (const w of warnings) ctx.stderr(`warning: ${formatProblem(w)}\n`);
      // users apply took over that git no longer names: "no longer managed" (src/apply/ownership.ts)
      const head = ctx.env.GITHUB_SHA ?? (await headCommit(ctx.cwd));
      const owned = await readOwned(ctx.cwd, head);
      const { released, restore } = ownershipChanges(desired, live, changes, owned);
      // queues whose weights apply took over that git no longer names (src/apply/weight-ownership.ts)
      const weights = weightOwnershipChanges(desired, live, changes, await readOwnedWeights(ctx.cwd, head));
      changes.push(...restore, ...weights.restore);
      const drift = await attributeDrift(
        await port(),
        changes,
        ctx.now(),
        ctx.env.GENESYSCLOUD_OAUTHCLIENT_ID,
        await lastCommitTime(dir),
      );
      const named = new Set(desired.profiles.map((p) => p.email));
      const releasedEmails = new Set(released.map((r) => r.email));
      const unmanaged = (await emailsAt(dir, opts.base))
        .filter((e) => !named.has(e) && !releasedEmails.has(e))
        .sort();
      const ignored = ignoredRemovals(desired, live.users);
      if (opts.json) {
        const report = {
          inSync: changes.length === 0 && released.length === 0 && weights.released.length === 0,
          counts: countChanges(changes),
          changes,
          drift,
          released,
          releasedWeights: weights.released,
          unmanaged,
          ignored,
        };
        ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        ctx.stdout(
          releasedText(released) +
            releasedWeightsText(weights.released) +
            renderDiffReport({ changes, drift, unmanaged, ignored }, { ...desired, displayDir: opts.dir }),
        );
      }
      ctx.exitCode = changes.length === 0 ? 0 : 2;
    });
}

/** Emails the routing-profiles YAML under `dir` named at `ref`; none outside git or when the ref is unknown. */
async function emailsAt(dir: string, ref: string): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['ls-tree', '-r', '--name-only', ref, '--', '.'], { cwd: dir });
    const emails = new Set<string>();
    for (const rel of stdout.split('\n').filter((f) => /\.ya?ml$/i.test(f))) {
      const { stdout: text } = await run('git', ['show', `${ref}:./${rel}`], {
        cwd: dir,
        maxBuffer: 64 << 20,
      });
      for (const doc of parseAllDocuments(text)) {
        const value: unknown = doc.toJS();
        const profiles = (value as { kind?: unknown; profiles?: unknown } | null)?.profiles;
        if (
          (value as { kind?: unknown } | null)?.kind !== 'RoutingProfiles' ||
          !profiles ||
          typeof profiles !== 'object'
        )
          continue;
        for (const email of Object.keys(profiles)) emails.add(email.toLowerCase());
      }
    }
    return [...emails];
  } catch {
    return [];
  }
}
