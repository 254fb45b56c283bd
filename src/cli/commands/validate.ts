import type { Command } from 'commander';
import { formatProblem } from '../../errors.js';
import type { SourceProblem } from '../../errors.js';
import { checkReferences, formatAnnotations, loadDesiredState } from '../../state/index.js';
import type { CliContext } from '../context.js';
import { genesysFor } from '../genesys.js';

export interface ValidateOptions {
  dir: string;
  offline?: boolean;
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description(
      'check desired state: YAML, schema and rules; with Genesys credentials in the env also that every user, skill and queue exists',
    )
    .option('--dir <dir>', 'desired-state directory', 'desired-state')
    .option('--offline', 'skip the checks against the live org')
    .action(async (options: ValidateOptions) => {
      ctx.exitCode = await runValidate(ctx, options);
    });
}

/** The Genesys port: the context's (tests, demo) or a client built from the env. */

export async function runValidate(ctx: CliContext, options: ValidateOptions): Promise<number> {
  const loaded = await loadDesiredState(options.dir, { cwd: ctx.cwd });
  const errors: SourceProblem[] = [...loaded.errors];
  let live = 'references not checked (--offline)';
  const credentials = Boolean(ctx.env.GENESYSCLOUD_OAUTHCLIENT_ID);
  if (!options.offline && !credentials) {
    live = 'references not checked (GENESYSCLOUD_OAUTHCLIENT_ID not set)';
  }
  const state = loaded.value;
  if (state && !options.offline && credentials) {
    const port = await genesysFor(ctx)();
    const wantCodes = Object.keys(state.settings.wrapupSkills).length > 0;
    const wantLanguages = state.profiles.some((p) => p.languages !== undefined);
    const [users, skills, queues, wrapupCodes, languages] = await Promise.all([
      port.listUsers(),
      port.listSkills(),
      port.listQueues(),
      wantCodes ? port.listWrapupCodes() : undefined,
      wantLanguages ? port.listLanguages() : undefined,
    ]);
    errors.push(
      ...checkReferences(state, {
        users,
        skills,
        queues,
        ...(wrapupCodes ? { wrapupCodes } : {}),
        ...(languages ? { languages } : {}),
      }),
    );
    live = 'references checked against the live org';
  }
  for (const problem of errors) ctx.stdout(`${formatProblem(problem)}\n`);
  for (const w of loaded.warnings)
    ctx.stdout(`${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`);
  for (const line of formatAnnotations([...errors, ...loaded.warnings], ctx.env, { cwd: ctx.cwd })) {
    ctx.stdout(`${line}\n`);
  }
  const warnings = loaded.warnings.length > 0 ? `, ${plural(loaded.warnings.length, 'warning')}` : '';
  if (errors.length > 0) {
    ctx.stdout(`${options.dir}: invalid, ${plural(errors.length, 'error')}${warnings}\n`);
    return 1;
  }
  const users = state?.profiles.length ?? 0;
  const queues = Object.keys(state?.weights ?? {}).length;
  const weights = Object.values(state?.weights ?? {}).reduce((n, w) => n + Object.keys(w).length, 0);
  ctx.stdout(
    `${options.dir}: valid, ${plural(users, 'user')}, ${plural(queues, 'queue')}, ${plural(weights, 'weight')}${warnings}; ${live}\n`,
  );
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
