import { appendFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { inert } from '../../safe-text.js';
import { ensurePlanPullRequest, gitHubScmFromEnv, PlanPrBody } from '../../github/index.js';
import { renderPlanText } from '../../plan/render-plan.js';
import { runPlan, writePlanFiles } from '../../plan/run-plan.js';
import type { CliContext } from '../context.js';
import { genesysFor } from '../genesys.js';
import { resolvePath } from '../paths.js';

interface PlanFlags {
  dir: string;
  days?: string;
  pr: boolean;
  json?: boolean;
}

export function registerPlan(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description(
      'analytics → proposed YAML changes + what-if + diff beside them; opens or updates the rolling PR',
    )
    .option('--dir <dir>', 'desired-state directory', 'desired-state')
    .option('--days <n>', 'days of analytics to read (default: settings planner.days, 30)')
    .option('--no-pr', 'write the files only; do not open or update the pull request')
    .option('--json', 'print the plan as JSON')
    .action(async (flags: PlanFlags) => {
      const days = flags.days === undefined ? undefined : Number(flags.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 90)) {
        throw new ConfigError(`--days must be a whole number from 1 to 90, got "${flags.days}"`);
      }
      const dir = resolvePath(ctx, flags.dir);
      const progress = (s: string): void => {
        if (!flags.json) ctx.stderr(`… ${inert(s)}\n`);
      };
      const plan = await runPlan({
        dir,
        days,
        now: ctx.now(),
        clientId: ctx.env.GENESYSCLOUD_OAUTHCLIENT_ID,
        port: genesysFor(ctx),
        onStep: progress,
      });
      const body = PlanPrBody.render(plan.outcome);
      const files = plan.hasChanges
        ? [
            ...plan.files,
            {
              path: plan.outcome.files.whatIfMarkdown.replace(/what-if\.md$/, 'pull-request.md'),
              content: body,
            },
          ]
        : [];
      const written = await writePlanFiles(plan.repoRoot, files, dir, plan.outcome.files.whatIfJson);
      // under GitHub Actions the job summary shows the plan as the pull request will
      if (ctx.env.GITHUB_STEP_SUMMARY) await appendFile(resolvePath(ctx, ctx.env.GITHUB_STEP_SUMMARY), body);
      let pullRequest: Awaited<ReturnType<typeof ensurePlanPullRequest>> | undefined;
      if (flags.pr) {
        progress('updating the pull request');
        const scm = gitHubScmFromEnv(
          ctx.env,
          ctx.debug ? { log: (l: string) => ctx.stderr(`debug: ${inert(l)}\n`) } : {},
        );
        pullRequest = await ensurePlanPullRequest(scm, { files: written, outcome: plan.outcome });
      }
      if (flags.json) {
        ctx.stdout(`${JSON.stringify({ ...plan.outcome, pullRequest: pullRequest ?? null }, null, 2)}\n`);
        return;
      }
      ctx.stdout(renderPlanText(plan.outcome));
      if (!plan.hasChanges)
        ctx.stdout('\nNothing to propose: git already holds the best plan the policy finds.\n');
      else
        ctx.stdout(
          `\nWrote ${files.length} files (YAML, ${plan.outcome.files.whatIfMarkdown}, ${plan.outcome.files.yamlDiff}, pull-request.md).\n`,
        );
      if (pullRequest)
        ctx.stdout(`Pull request: ${pullRequest.action}${pullRequest.url ? ` ${pullRequest.url}` : ''}\n`);
    });
}
