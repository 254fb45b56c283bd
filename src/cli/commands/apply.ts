import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { gateApply } from '../../apply/gate.js';
import { commitsSince, headCommit, recordAuditTag } from '../../apply/git.js';
import { releasedText, renderOwnershipRecord } from '../../apply/ownership.js';
import { releasedWeightsText } from '../../apply/weight-ownership.js';
import {
  auditTagName,
  commentApplyResults,
  commentMarker,
  defaultBranchTip,
  ensureComment,
  ensureAuditTag,
  gitHubScmFromEnv,
} from '../../github/index.js';
import { renderPrCheck } from '../../github/pr-check.js';
import { ConfigError } from '../../errors.js';
import { exitCodeFor, type ApplyOutcome } from '../../apply/outcome.js';
import { runApply } from '../../apply/run-apply.js';
import { renderChanges, termSafe } from '../../apply/render.js';
import { renderCsvReport } from '../../report/csv.js';
import { teamFilesIn, workTreeDirty } from '../../report/work-tree.js';
import { renderApplyMarkdown } from '../../report/markdown.js';
import { inert, inertMessage } from '../../safe-text.js';
import { escapeData } from '../../state/annotations.js';
import type { CliContext } from '../context.js';
import { genesysFor } from '../genesys.js';
import { resolvePath } from '../paths.js';

interface ApplyFlags {
  dir: string;
  dryRun?: boolean;
  ignoreWindow?: boolean;
  report?: string;
  csvLocale?: string;
  json?: boolean;
  journal: string;
  auditTag?: boolean;
  prComment?: boolean;
  commentPr?: string;
  summary?: string;
  sweepBudget?: string;
}

export function registerApply(program: Command, ctx: CliContext): void {
  program
    .command('apply')
    .description(
      'make the org match the desired state (validates first; guardrails; exit 0 done/nothing/deferred, 1 failure)',
    )
    .option('--dir <dir>', 'desired-state directory', 'desired-state')
    .option('--dry-run', 'show what would be written, write nothing')
    .option('--ignore-window', 'run even outside the off-peak window in settings')
    .option('--report <file.csv>', 'write the CSV report for workforce management')
    .option(
      '--csv-locale <locale>',
      'CSV for a spreadsheet in this locale: de, fr, … give ";" and decimal commas (default: settings.yaml report.csvLocale, en)',
    )
    .option('--json', 'print the outcome as JSON')
    .option('--journal <file>', 'progress journal for crash recovery', '.routing-gitops/apply-journal.jsonl')
    .option(
      '--audit-tag',
      'record the run as an annotated git tag routing-gitops/apply/<run> (through the GitHub API in Actions)',
    )
    .option(
      '--pr-comment',
      'comment the result on every pull request merged since the last applied commit (GitHub Actions)',
    )
    .option(
      '--comment-pr <number>',
      "keep one comment on pull request <number> up to date with this run's result (the pull-request check)",
    )
    .option(
      '--sweep-budget <seconds>',
      'time the final sweep may spend re-writing retryable failures (default: settings.yaml apply.sweepBudgetSeconds, 120)',
    )
    .option(
      '--summary <file.md>',
      'append the Markdown summary here (default: $GITHUB_STEP_SUMMARY when set)',
    )
    .action(async (flags: ApplyFlags) => {
      const dir = resolvePath(ctx, flags.dir);
      const commit = ctx.env.GITHUB_SHA ?? (await headCommit(ctx.cwd));
      const dryRun = Boolean(flags.dryRun);
      // under Actions the commit must also be the tip of the default branch (a re-run keeps its old commit)
      const actions = ctx.env.GITHUB_ACTIONS === 'true';
      const tip = actions ? { tip: () => defaultBranchTip(gitHubScmFromEnv(ctx.env)) } : {};
      const gate = await gateApply({ cwd: ctx.cwd, dir, commit, dryRun, ...tip });
      const outcome = await runApply({
        appliedGuardrails: gate.appliedGuardrails,
        owned: gate.owned,
        ownedWeights: gate.ownedWeights,
        dir,
        dryRun,
        ignoreWindow: Boolean(flags.ignoreWindow),
        now: () => ctx.now(),
        commit,
        journalPath: resolvePath(ctx, flags.journal),
        clientId: ctx.env.GENESYSCLOUD_OAUTHCLIENT_ID,
        port: genesysFor(ctx),
        ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
        ...(flags.sweepBudget === undefined ? {} : { sweepBudgetMs: seconds(flags.sweepBudget) * 1000 }),
      });
      await writeOutputs(ctx, flags, outcome, gate);
      ctx.exitCode = exitCodeFor(outcome);
    });
}

function seconds(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(n))
    throw new ConfigError(`--sweep-budget must be a number of seconds (e.g. 120), not "${termSafe(text)}"`);
  return n;
}

async function writeOutputs(
  ctx: CliContext,
  flags: ApplyFlags,
  outcome: ApplyOutcome,
  gate: { last: { commit: string } | undefined },
): Promise<void> {
  if (flags.report) {
    const path = resolvePath(ctx, flags.report);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(
      path,
      renderCsvReport({
        runAt: outcome.runAt,
        commit: outcome.commit,
        dirty: await workTreeDirty(resolvePath(ctx, flags.dir)),
        teamFiles: await teamFilesIn(resolvePath(ctx, flags.dir)),
        ...((flags.csvLocale ?? outcome.csvLocale) ? { locale: flags.csvLocale ?? outcome.csvLocale } : {}),
        mode:
          outcome.status === 'applied' || outcome.status === 'partial' || outcome.status === 'in-sync'
            ? 'apply'
            : outcome.status,
        changes: outcome.changes,
        results: outcome.results,
        ...(outcome.serviceLevels ? { whatIf: outcome.serviceLevels } : {}),
      }),
    );
  }
  const markdown = renderApplyMarkdown(outcome);
  const summaryFile = flags.summary ?? ctx.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(resolvePath(ctx, summaryFile), markdown);
  // the outcome is printed first: whatever happens to the audit tag or the comment, the run is reported
  if (flags.json) ctx.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
  else ctx.stdout(humanText(outcome));
  if (ctx.env.GITHUB_ACTIONS === 'true') {
    // workflow commands go to stderr: stdout may be redirected to a JSON file
    for (const r of outcome.results.filter((x) => x.status === 'failed')) {
      const target = r.change.kind === 'weight' ? r.change.target.key : r.change.target.email;
      ctx.stderr(`::error title=apply failed::${escapeData(inert(`${target}: ${r.error ?? ''}`))}\n`);
    }
    if (outcome.status === 'deferred') {
      ctx.stderr(`::warning title=apply deferred::${escapeData(deferredText(outcome))}\n`);
    }
  }
  // a scheduled run that finds the applied commit still in sync records nothing and comments nowhere
  const repeat = outcome.status === 'in-sync' && gate.last?.commit === outcome.commit;
  if (flags.auditTag && !repeat)
    await warnOnFailure(ctx, 'could not record the audit tag', () => recordAudit(ctx, outcome));
  if (flags.prComment && !repeat) await commentOnPr(ctx, outcome, markdown, gate.last?.commit);
  if (flags.commentPr) await commentOnCheckedPr(ctx, flags.commentPr, renderPrCheck(outcome, markdown));
}

async function warnOnFailure(ctx: CliContext, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    ctx.stderr(`warning: ${what}: ${inertMessage(error)}\n`);
  }
}

function deferredText(outcome: ApplyOutcome): string {
  return (
    `Deferred: outside the off-peak window (settings.yaml guardrails.window). Nothing was written. ` +
    `Re-run apply (the apply workflow's "Run workflow") once the window opens at ${outcome.deferredUntil ?? 'its next start'}, ` +
    'or use --ignore-window.'
  );
}

/** The audit record: an annotated tag on the applied commit, made through the API under Actions, else locally. */
async function recordAudit(ctx: CliContext, outcome: ApplyOutcome): Promise<void> {
  // an in-sync run is recorded too: it is what makes a settings-only commit count as applied (src/apply/gate.ts)
  const recorded = ['applied', 'partial', 'in-sync'];
  if (!outcome.commit || !recorded.includes(outcome.status)) return;
  const message =
    `routing-gitops apply ${outcome.status} at ${outcome.runAt}: ${outcome.applied} applied, ${outcome.failed} failed\n\n` +
    JSON.stringify(summaryFigures(outcome), null, 2) +
    ownershipLine(outcome);
  const runId = ctx.env.GITHUB_RUN_ID;
  if (ctx.env.GITHUB_ACTIONS === 'true' && runId) {
    const scm = gitHubScmFromEnv(ctx.env);
    const name = auditTagName(runId, ctx.env.GITHUB_RUN_ATTEMPT ?? 1);
    await ensureAuditTag(scm, { name, commitSha: outcome.commit, message });
    ctx.stderr(`audit: tagged ${outcome.commit.slice(0, 12)} as ${name}\n`);
    return;
  }
  const name = `routing-gitops/apply/${outcome.runAt.replace(/[:.]/g, '-')}`;
  await recordAuditTag(ctx.cwd, { name, commit: outcome.commit, message });
  ctx.stderr(`audit: tagged ${outcome.commit.slice(0, 12)} as ${name}\n`);
}

/** Comments the result on the merged PR; a failure here is a warning, the apply itself already happened. */
async function commentOnPr(
  ctx: CliContext,
  outcome: ApplyOutcome,
  markdown: string,
  lastApplied: string | undefined,
): Promise<void> {
  if (!outcome.commit) return;
  const mergedAs = lastApplied ? await commitsSince(ctx.cwd, lastApplied, outcome.commit) : [];
  try {
    await commentApplyResults(gitHubScmFromEnv(ctx.env), {
      sha: outcome.commit,
      mergedAs,
      summaryMarkdown: markdown,
    });
  } catch (error) {
    ctx.stderr(`warning: could not comment on the merged pull request: ${inertMessage(error)}\n`);
  }
}

/** The pull-request check's one sticky comment: what apply would do if this pull request were merged now. */
async function commentOnCheckedPr(ctx: CliContext, pr: string, text: string): Promise<void> {
  const issue = Number(pr);
  if (!Number.isInteger(issue) || issue <= 0) {
    ctx.stderr(`warning: --comment-pr "${termSafe(pr.slice(0, 20))}" is not a pull request number\n`);
    return;
  }
  await warnOnFailure(ctx, `could not comment on pull request #${issue}`, async () => {
    const done = await ensureComment(gitHubScmFromEnv(ctx.env), {
      issue,
      marker: commentMarker('pull-request-check'),
      text,
    });
    ctx.stderr(`pull request #${issue}: check comment ${done.action}\n`);
  });
}

/** The audit record of users taken over (skills before) and released, read back by the next apply. */
function ownershipLine(outcome: ApplyOutcome): string {
  const o = outcome.ownership;
  if (!o) return '';
  const weights = o.takenWeights ?? {};
  const releasedWeights = (o.releasedWeights ?? []).map((r) => r.queue);
  const none =
    Object.keys(o.taken).length === 0 &&
    o.released.length === 0 &&
    Object.keys(weights).length === 0 &&
    releasedWeights.length === 0;
  if (none) return '';
  return `\n\n${renderOwnershipRecord({
    taken: o.taken,
    released: o.released.map((r) => r.email),
    ...(Object.keys(weights).length > 0 ? { weights } : {}),
    ...(releasedWeights.length > 0 ? { releasedWeights } : {}),
  })}`;
}

export function summaryFigures(outcome: ApplyOutcome): Record<string, string | number> {
  return {
    status: outcome.status,
    users_changed: outcome.counts.users,
    skills_added: outcome.counts.skillsAdded,
    skills_removed: outcome.counts.skillsRemoved,
    proficiency_changed: outcome.counts.proficiencyChanged,
    languages_changed:
      outcome.counts.languagesAdded +
      outcome.counts.languageProficiencyChanged +
      outcome.counts.languagesRemoved,
    weights_changed:
      outcome.counts.weightsCreated + outcome.counts.weightsUpdated + outcome.counts.weightsDeleted,
    writes_applied: outcome.applied,
    writes_failed: outcome.failed,
    write_operations_planned: outcome.writes.planned,
    write_operations_retried: outcome.writes.retried,
    write_operations_total: outcome.writes.total,
    sweep_rounds: outcome.sweep.rounds,
    sweep_recovered: outcome.sweep.recovered,
    api_calls: outcome.apiCalls.total,
    api_retries: outcome.apiCalls.retries,
    duration_seconds: Math.round(outcome.durationMs / 100) / 10,
  };
}

function sweepText(outcome: ApplyOutcome): string {
  const { sweep, writes } = outcome;
  return (
    `Final sweep: ${sweep.rounds} ${sweep.rounds === 1 ? 'round' : 'rounds'} re-read ${sweep.retriedTargets} failed targets and settled ${sweep.recovered}; ` +
    `write operations: ${writes.planned} planned + ${writes.retried} retried = ${writes.total}.`
  );
}

function humanText(outcome: ApplyOutcome): string {
  const lines: string[] = (outcome.warnings ?? []).map((w) => `warning: ${w}`);
  if (outcome.interrupted) {
    const i = outcome.interrupted;
    lines.push(
      `note: the previous apply (started ${inert(i.startedAt)}) was interrupted after ${i.applied} of ${i.planned} writes; this run converges.`,
    );
  }
  const released = (
    releasedText(outcome.ownership?.released ?? []) +
    releasedWeightsText(outcome.ownership?.releasedWeights ?? [])
  ).trimEnd();
  if (released) lines.push(released);
  if (outcome.status === 'in-sync') lines.push('Nothing to do: the org matches git.');
  else lines.push(renderChanges(outcome.changes, outcome.drift).trimEnd());
  switch (outcome.status) {
    case 'blocked':
      for (const v of outcome.violations) lines.push(`error: guardrail ${v.rule}: ${termSafe(v.message)}`);
      lines.push('Nothing was written.');
      break;
    case 'deferred':
      lines.push(deferredText(outcome));
      break;
    case 'dry-run':
      lines.push('Dry run: nothing was written.');
      break;
    case 'applied':
      lines.push(
        `Applied ${outcome.applied} changes with ${outcome.apiCalls.writes} writes (${outcome.apiCalls.total} API calls).`,
      );
      if (outcome.sweep.rounds > 0) lines.push(sweepText(outcome));
      break;
    case 'partial':
      for (const r of outcome.results.filter((x) => x.status === 'failed')) {
        const target = r.change.kind === 'weight' ? r.change.target.key : r.change.target.email;
        lines.push(`failed: ${termSafe(target)}: ${termSafe(r.error ?? '')}`);
      }
      if (outcome.sweep.rounds > 0) lines.push(sweepText(outcome));
      lines.push(
        `Applied ${outcome.applied}, failed ${outcome.failed}. Re-run apply to finish; it only writes what still differs.`,
      );
      break;
    default:
      break;
  }
  return `${lines.join('\n')}\n`;
}
