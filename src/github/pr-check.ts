import type { ApplyOutcome } from '../apply/outcome.js';
import { escapeMarkdown as mdSafe } from './markdown.js';

/**
 * The pull-request check's comment: what apply would do to the org if the pull request were merged now (a dry
 * run against the live org with a read-only client), with the what-if of exactly that change.
 */
export function renderPrCheck(outcome: ApplyOutcome, applyMarkdown: string): string {
  const verdict =
    outcome.status === 'blocked'
      ? '⛔ Merging this now would be refused by a guardrail (see below); the check fails.'
      : outcome.status === 'in-sync'
        ? '✅ The org already matches this pull request.'
        : '✅ Valid, and inside every guardrail.';
  const lines = ['### What merging this pull request would do to the org', '', verdict, ''];
  lines.push(...releasedLines(outcome));
  const queues = outcome.serviceLevels ?? [];
  if (queues.length > 0) {
    lines.push(
      '<details><summary>What-if of exactly this change (computed by apply from analytics)</summary>',
      '',
      '| queue | offered | service level now | after this change |',
      '|---|---:|---:|---:|',
      ...queues.map(
        (q) =>
          `| ${mdSafe(q.queue)} | ${Math.round(q.offered)} | ${pct(q.current.serviceLevel)} | ${pct(q.proposed.serviceLevel)} |`,
      ),
      '',
      '</details>',
      '',
    );
  }
  lines.push(applyMarkdown.trimEnd(), '');
  return lines.join('\n');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** at most this many problems are listed in the comment; the job log and the annotations have them all */
const LISTED_PROBLEMS = 200;

/**
 * The same comment when the pull request's files are invalid: apply cannot tell what merging would do, so the
 * comment lists the errors (`file:line:col: message`, as `validate` prints them) and the check fails.
 */
export function renderInvalidPrCheck(
  dir: string,
  errors: readonly string[],
  warnings: readonly string[] = [],
): string {
  const fence = (lines: readonly string[]): string[] => [
    '```text',
    ...lines.slice(0, LISTED_PROBLEMS).map((l) => l.replace(/`{3,}/g, "'''")),
    ...(lines.length > LISTED_PROBLEMS
      ? [`… and ${lines.length - LISTED_PROBLEMS} more (see the job log)`]
      : []),
    '```',
  ];
  const count = `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`;
  return [
    '### What merging this pull request would do to the org',
    '',
    `❌ \`${mdSafe(dir, 200)}\` is invalid (${count}); nothing was checked against the org. Fix the lines below and push again; the check fails until then.`,
    '',
    ...fence(errors),
    '',
    ...(warnings.length > 0 ? ['Warnings:', '', ...fence(warnings), ''] : []),
  ].join('\n');
}

/** Users and queues' weights this change stops managing (a revert, deleted lines): restored or left, and why. */
function releasedLines(outcome: ApplyOutcome): string[] {
  const o = outcome.ownership;
  const items = [
    ...(o?.released ?? []).map((r) => ({ what: `user ${mdSafe(r.email)}`, action: r.action })),
    ...(o?.releasedWeights ?? []).map((r) => ({
      what: `weights of queue ${mdSafe(r.queue)}`,
      action: r.action,
    })),
  ];
  if (items.length === 0) return [];
  return [
    '**No longer managed** (git no longer names them):',
    '',
    ...items.map(({ what, action }) =>
      action === 'restore'
        ? `- ${what}: apply restores what it recorded when it took them over (the changes below)`
        : `- ${what}: left as they are (settings.yaml \`ownership.onRelease: leave\`)`,
    ),
    '',
  ];
}
