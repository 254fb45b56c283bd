import type { PlanOutcome } from '../types.js';
import { termSafe } from '../../apply/render.js';

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The plan for a terminal: recommendations with their reasons, weights, the what-if per queue, rejections. */
export function renderPlanText(outcome: PlanOutcome, maxRows = 40): string {
  const lines: string[] = [];
  const recs = outcome.recommendations;
  lines.push(
    `Plan from ${outcome.days} days of analytics (policy ${outcome.policy}): ${new Set(recs.map((r) => r.email)).size} users, ` +
      `${recs.length} skill changes, ${(outcome.languages ?? []).length} language changes, ${outcome.weights.length} weight changes, ${outcome.rejected.length} rejected.`,
  );
  if (recs.length > 0) lines.push('', 'Skills:');
  for (const r of recs.slice(0, maxRows)) {
    const sign = r.action === 'add' ? '+' : r.action === 'remove' ? '-' : '~';
    const value =
      r.action === 'update'
        ? `${r.before ?? ''} → ${r.after ?? ''}`
        : String(r.action === 'add' ? (r.after ?? '') : (r.before ?? ''));
    lines.push(`  ${sign} ${termSafe(r.email)}  ${termSafe(r.skill)} ${value}   ${termSafe(r.reason)}`);
  }
  if (recs.length > maxRows)
    lines.push(`  …and ${recs.length - maxRows} more (see ${outcome.files.changesJson})`);
  const languages = outcome.languages ?? [];
  if (languages.length > 0) lines.push('', 'Languages:');
  for (const l of languages.slice(0, maxRows))
    lines.push(
      `  ${l.action === 'add' ? '+' : '-'} ${termSafe(l.email)}  ${termSafe(l.language)} ${l.action === 'add' ? (l.after ?? '') : (l.before ?? '')}   ${termSafe(l.reason)}`,
    );
  if (languages.length > maxRows)
    lines.push(`  …and ${languages.length - maxRows} more (see ${outcome.files.changesJson})`);
  if (outcome.weights.length > 0) lines.push('', 'Weights:');
  for (const w of outcome.weights.slice(0, maxRows)) {
    lines.push(
      `  ~ ${termSafe(w.queue)}|${termSafe(w.skill)}  ${w.before ?? 'unset'} → ${w.after}   ${termSafe(w.reason)}`,
    );
  }
  const queues = outcome.whatIf.queues;
  if (queues.length > 0) {
    lines.push('', `What-if (service level = answered within ${outcome.whatIf.answerWithinSeconds} s):`);
    const width = Math.min(30, Math.max(5, ...queues.map((q) => q.queue.length)));
    for (const q of queues) {
      const delta = q.proposed.serviceLevel - q.current.serviceLevel;
      const arrow = Math.abs(delta) < 0.0005 ? ' ' : delta > 0 ? '▲' : '▼';
      lines.push(
        `  ${termSafe(q.queue).padEnd(width)}  SL ${pct(q.current.serviceLevel).padStart(6)} → ${pct(q.proposed.serviceLevel).padStart(6)} ${arrow}  ` +
          `ASA ${Math.round(q.current.asa)} → ${Math.round(q.proposed.asa)} s  abandon ${pct(q.current.abandonRate)} → ${pct(q.proposed.abandonRate)}`,
      );
    }
  }
  if (outcome.rejected.length > 0) lines.push('', 'Rejected:');
  for (const r of outcome.rejected.slice(0, 20))
    lines.push(`  x ${termSafe(r.subject)}: ${termSafe(r.reason)}`);
  if (outcome.rejected.length > 20) lines.push(`  …and ${outcome.rejected.length - 20} more`);
  if (outcome.drift.length > 0) {
    lines.push('', 'Drift (changed in the org outside git; the next apply restores git):');
    for (const d of outcome.drift)
      lines.push(
        `  ! ${termSafe(d.subject)}: ${termSafe(d.detail)} (by ${termSafe(d.changedBy ?? 'unknown')} at ${d.changedAt ?? '?'})`,
      );
  }
  return `${lines.join('\n')}\n`;
}
