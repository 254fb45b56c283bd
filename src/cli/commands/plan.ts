import { appendFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { inert, inertMessage } from '../../safe-text.js';
import { ensurePlanPullRequest, gitHubScmFromEnv, PlanPrBody } from '../../github/index.js';
import { renderPlanText } from '../../recommend/plan/render-plan.js';
import { repositoryRoot, runPlan, writePlanFiles } from '../../recommend/plan/run-plan.js';
import {
  DEFAULT_DECLINE_DAYS,
  declinesFromClosedPlans,
  renderDeclinedFile,
} from '../../review/closed-plans.js';
import { readDeclines, type Decline } from '../../review/reviewer-control.js';
import type { ScmPort } from '../../github/scm-port.js';
import { DEFAULT_PLAN_BRANCH } from '../../github/plan-pr-body.js';
import type { CliContext } from '../context.js';
import { genesysFor } from '../genesys.js';
import { resolvePath } from '../paths.js';

interface PlanFlags {
  dir: string;
  days?: string;
  pr: boolean;
  json?: boolean;
  declineDays: string;
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
    .option(
      '--decline-days <n>',
      'with the pull request: proposals of plan pull requests closed unmerged, or lines removed from them before merging, in the last N days are declined for N days from the close (0 = off)',
      String(DEFAULT_DECLINE_DAYS),
    )
    .action(async (flags: PlanFlags) => {
      const days = flags.days === undefined ? undefined : Number(flags.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 90)) {
        throw new ConfigError(`--days must be a whole number from 1 to 90, got "${flags.days}"`);
      }
      const declineDays = Number(flags.declineDays);
      if (!Number.isInteger(declineDays) || declineDays < 0 || declineDays > 366) {
        throw new ConfigError(
          `--decline-days must be a whole number from 0 to 366, got "${inert(flags.declineDays)}"`,
        );
      }
      const dir = resolvePath(ctx, flags.dir);
      const progress = (s: string): void => {
        if (!flags.json) ctx.stderr(`… ${inert(s)}\n`);
      };
      const scm = flags.pr
        ? gitHubScmFromEnv(
            ctx.env,
            ctx.debug ? { log: (l: string) => ctx.stderr(`debug: ${inert(l)}\n`) } : {},
          )
        : undefined;
      const declines =
        scm && declineDays > 0 ? await closedPlanDeclines(scm, dir, declineDays, ctx.now(), progress) : [];
      const plan = await runPlan({
        declines,
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
            // the plan branch carries what reviewers declined, so the nightly rebuild does not erase it
            ...(declines.length > 0
              ? [
                  {
                    path: plan.outcome.files.changesJson.replace(/changes\.json$/, 'declined.json'),
                    content: renderDeclinedFile([...(await readDeclines(dir, ctx.now())), ...declines]),
                  },
                ]
              : []),
          ]
        : [];
      const written = await writePlanFiles(plan.repoRoot, files, dir, plan.outcome.files.whatIfJson);
      // under GitHub Actions the job summary shows the plan as the pull request will
      if (ctx.env.GITHUB_STEP_SUMMARY) await appendFile(resolvePath(ctx, ctx.env.GITHUB_STEP_SUMMARY), body);
      let pullRequest: Awaited<ReturnType<typeof ensurePlanPullRequest>> | undefined;
      if (flags.pr) {
        progress('updating the pull request');
        pullRequest = await ensurePlanPullRequest(scm!, { files: written, outcome: plan.outcome });
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

/** Proposals reviewers declined by closing a plan pull request or trimming it (src/review/closed-plans.ts). */
async function closedPlanDeclines(
  scm: ScmPort,
  dir: string,
  days: number,
  now: Date,
  progress: (s: string) => void,
): Promise<Decline[]> {
  progress(`reading the plan pull requests closed in the last ${days} days`);
  const root = await repositoryRoot(dir);
  const rel = relative(root, dir).split(sep).join('/') || '.';
  let found;
  try {
    found = await declinesFromClosedPlans(scm, { branch: DEFAULT_PLAN_BRANCH, dir: rel, now, days });
  } catch (error) {
    // the plan still runs; what reviewers declined may be proposed again, so say so
    progress(
      `warning: could not read the closed plan pull requests (${inertMessage(error)}); their declines are not applied`,
    );
    return [];
  }
  for (const note of found.notes) progress(note);
  return found.declines;
}
