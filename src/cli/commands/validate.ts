import type { Command } from 'commander';
import { formatProblem } from '../../errors.js';
import type { SourceProblem } from '../../errors.js';
import { sortProblems } from '../../state/build.js';
import {
  checkReferences,
  checkWeightsTable,
  findInactiveNamed,
  formatAnnotations,
  loadDesiredState,
} from '../../state/index.js';
import { commentMarker, ensureComment, gitHubScmFromEnv } from '../../github/index.js';
import { renderInvalidPrCheck } from '../../github/pr-check.js';
import { inert, inertMessage } from '../../safe-text.js';
import type { CliContext } from '../context.js';
import { genesysFor } from '../genesys.js';

export interface ValidateOptions {
  dir: string;
  offline?: boolean;
  /** a pull request number: on invalid input, its one check comment lists the errors */
  commentPr?: string;
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description(
      'check desired state: YAML, schema and rules; with Genesys credentials in the env also that every user, skill and queue exists',
    )
    .option('--dir <dir>', 'desired-state directory', 'desired-state')
    .option('--offline', 'skip the checks against the live org')
    .option(
      '--comment-pr <number>',
      "when invalid, show the errors in pull request <number>'s one check comment (the one apply --comment-pr keeps; GitHub Actions)",
    )
    .action(async (options: ValidateOptions) => {
      ctx.exitCode = await runValidate(ctx, options);
    });
}

/** The Genesys port: the context's (tests, demo) or a client built from the env. */

export async function runValidate(ctx: CliContext, options: ValidateOptions): Promise<number> {
  const loaded = await loadDesiredState(options.dir, { cwd: ctx.cwd });
  const errors: SourceProblem[] = [...loaded.errors];
  const warnings: SourceProblem[] = [...loaded.warnings];
  let live = 'references not checked (--offline)';
  const credentials = Boolean(ctx.env.GENESYSCLOUD_OAUTHCLIENT_ID);
  if (!options.offline && !credentials) {
    live = 'references not checked (GENESYSCLOUD_OAUTHCLIENT_ID not set)';
  }
  // with errors in the files, what could be read is still checked against the org: every error in one pass
  const state = loaded.value ?? loaded.partial;
  if (state && !options.offline && credentials) {
    const port = await genesysFor(ctx)();
    const wantCodes = Object.keys(state.settings.wrapupSkills).length > 0;
    const wantLanguages = state.profiles.some((p) => p.languages !== undefined);
    const wantTable = Object.keys(state.weights).length > 0;
    const [users, skills, queues, wrapupCodes, languages, table] = await Promise.all([
      port.listUsers(),
      port.listSkills(),
      port.listQueues(),
      wantCodes ? port.listWrapupCodes() : undefined,
      wantLanguages ? port.listLanguages() : undefined,
      wantTable ? port.findDataTable(state.settings.weightsTable) : undefined,
    ]);
    const [inactiveUsers, rows] = await Promise.all([
      findInactiveNamed(port, state, users),
      table ? port.listDataTableRows(table.id) : [],
    ]);
    const found = [
      ...checkReferences(state, {
        users,
        skills,
        queues,
        inactiveUsers,
        ...(wrapupCodes ? { wrapupCodes } : {}),
        ...(languages ? { languages } : {}),
      }),
      ...(wantTable
        ? checkWeightsTable(state, {
            found: table !== undefined,
            ...(table?.schema === undefined ? {} : { schema: table.schema }),
            keys: rows.map((r) => r.key),
            queues: queues.map((q) => q.name),
          })
        : []),
    ];
    errors.push(...found.filter((p) => p.severity !== 'warning'));
    warnings.push(...found.filter((p) => p.severity === 'warning'));
    live = 'references checked against the live org';
  }
  sortProblems(errors);
  sortProblems(warnings);
  for (const problem of errors) ctx.stdout(`${formatProblem(problem)}\n`);
  for (const w of warnings) ctx.stdout(`${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`);
  for (const line of formatAnnotations([...errors, ...warnings], ctx.env, { cwd: ctx.cwd })) {
    ctx.stdout(`${line}\n`);
  }
  const warned = warnings.length > 0 ? `, ${plural(warnings.length, 'warning')}` : '';
  if (errors.length > 0) {
    ctx.stdout(`${options.dir}: invalid, ${plural(errors.length, 'error')}${warned}\n`);
    if (options.commentPr !== undefined)
      await commentInvalid(ctx, options, errors.map(formatProblem), warnings.map(formatProblem));
    return 1;
  }
  const users = state?.profiles.length ?? 0;
  const queues = Object.keys(state?.weights ?? {}).length;
  const weights = Object.values(state?.weights ?? {}).reduce((n, w) => n + Object.keys(w).length, 0);
  ctx.stdout(
    `${options.dir}: valid, ${plural(users, 'user')}, ${plural(queues, 'queue')}, ${plural(weights, 'weight')}${warned}; ${live}\n`,
  );
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The pull-request check's comment when the files are invalid; failing to write it is a warning. */
async function commentInvalid(
  ctx: CliContext,
  options: ValidateOptions,
  errors: string[],
  warnings: string[],
): Promise<void> {
  const issue = Number(options.commentPr);
  if (!Number.isInteger(issue) || issue <= 0) {
    ctx.stderr(
      `warning: --comment-pr "${inert(String(options.commentPr).slice(0, 20))}" is not a pull request number\n`,
    );
    return;
  }
  try {
    const done = await ensureComment(gitHubScmFromEnv(ctx.env), {
      issue,
      marker: commentMarker('pull-request-check'),
      text: renderInvalidPrCheck(options.dir, errors, warnings),
    });
    ctx.stderr(`pull request #${issue}: check comment ${done.action}\n`);
  } catch (error) {
    ctx.stderr(`warning: could not comment on pull request #${issue}: ${inertMessage(error)}\n`);
  }
}
