import type { ApplyOutcome } from '../apply/outcome.js';
import { escapeMarkdown as mdSafe } from '../github/markdown.js';
import { itemLabel } from '../apply/render.js';

const MAX_ROWS = 200;

const HEADLINE: Record<ApplyOutcome['status'], string> = {
  'in-sync': '✅ The org already matches git: nothing to do.',
  applied: '✅ Applied.',
  partial: '⚠️ Applied with failures: re-run the apply workflow to finish.',
  'dry-run': '📝 Dry run: nothing was written.',
  deferred: '⏸️ Deferred: outside the off-peak window; nothing was written.',
  blocked: '⛔ Blocked by a guardrail: nothing was written.',
};

/** The apply result as Markdown for `$GITHUB_STEP_SUMMARY` and the merged PR's comment. */
export function renderApplyMarkdown(outcome: ApplyOutcome): string {
  const c = outcome.counts;
  const lines = [
    `## routing-gitops apply`,
    '',
    HEADLINE[outcome.status],
    '',
    `Commit \`${mdSafe(outcome.commit?.slice(0, 12) ?? 'unknown')}\` · ${mdSafe(outcome.runAt)} · ${outcome.apiCalls.total} API calls (${outcome.apiCalls.writes} writes, ${outcome.apiCalls.retries} retries) · ${(outcome.durationMs / 1000).toFixed(1)} s`,
    '',
    '| users | skills added | skills removed | proficiency changed | weights changed | applied | failed |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${c.users} | ${c.skillsAdded} | ${c.skillsRemoved} | ${c.proficiencyChanged} | ${c.weightsCreated + c.weightsUpdated + c.weightsDeleted} | ${outcome.applied} | ${outcome.failed} |`,
    '',
  ];
  if (outcome.sweep.rounds > 0) {
    const { sweep, writes } = outcome;
    lines.push(
      `Final sweep: ${sweep.rounds} ${sweep.rounds === 1 ? 'round' : 'rounds'} re-read ${sweep.retriedTargets} targets whose writes failed for a retryable reason and settled ${sweep.recovered}. ` +
        `Write operations: ${writes.planned} planned + ${writes.retried} retried = ${writes.total}.`,
      '',
    );
  }
  if (outcome.deferredUntil) {
    lines.push(
      `Re-run the apply workflow once the window opens: **${mdSafe(outcome.deferredUntil)}** (or run it with --ignore-window).`,
      '',
    );
  }
  for (const v of outcome.violations) lines.push(`- ⛔ **${mdSafe(v.rule)}**: ${mdSafe(v.message, 400)}`);
  if (outcome.violations.length > 0) lines.push('');
  if (outcome.interrupted) {
    const i = outcome.interrupted;
    const finished = outcome.status === 'applied' || outcome.status === 'in-sync';
    lines.push(
      `> A previous apply (started ${mdSafe(i.startedAt)}) was interrupted after ${i.applied} of ${i.planned} writes` +
        (finished ? '; this run finished the job.' : '; re-run apply to finish it.'),
      '',
    );
  }
  const failures = outcome.results.filter((r) => r.status === 'failed');
  if (failures.length > 0) {
    lines.push('### Failures', '', '| object | error |', '|---|---|');
    for (const f of failures.slice(0, MAX_ROWS)) {
      const target = f.change.kind === 'weight' ? f.change.target.key : f.change.target.email;
      lines.push(`| ${mdSafe(target)} | ${mdSafe(f.error, 300)} |`);
    }
    lines.push('');
  }
  lines.push(...changeTable(outcome));
  return `${lines.join('\n')}\n`;
}

function changeTable(outcome: ApplyOutcome): string[] {
  const rows: string[] = [];
  for (const change of outcome.changes) {
    if (change.kind === 'weight') {
      rows.push(
        `| weight | ${mdSafe(change.target.queue)} | ${mdSafe(change.target.skill)} | ${change.before ?? '—'} → ${change.after ?? '—'} |`,
      );
      continue;
    }
    for (const s of change.changes) {
      rows.push(
        `| ${mdSafe(change.target.email)} | ${mdSafe(change.target.name)} | ${mdSafe(itemLabel(change.kind, s.skill))} | ${s.before ?? '—'} → ${s.after ?? '—'} |`,
      );
    }
  }
  if (rows.length === 0) return [];
  const shown = rows.slice(0, MAX_ROWS);
  const out = [
    '### Changes',
    '',
    '| user / kind | name / queue | skill or language | before → after |',
    '|---|---|---|---|',
    ...shown,
  ];
  if (rows.length > shown.length)
    out.push('', `…and ${rows.length - shown.length} more rows in the CSV report.`);
  return out;
}
