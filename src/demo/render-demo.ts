import { termSafe } from '../plan/render.js';
import type { DemoResult } from './run-demo.js';

function pct(x: number | undefined): string {
  return x === undefined ? '   —  ' : `${(x * 100).toFixed(1)}%`.padStart(6);
}

/** The demo's closing summary: what changed, what the what-if said, what the emulated month then showed. */
export function renderDemoSummary(r: DemoResult): string {
  const p = r.plan;
  const users = new Set(p.recommendations.map((x) => x.email)).size;
  const adds = p.recommendations.filter((x) => x.action === 'add').length;
  const removes = p.recommendations.filter((x) => x.action === 'remove').length;
  const lines = [
    '',
    `Plan: ${users} users, ${adds} skills added, ${removes} removed, ${p.weights.length} weights re-balanced, ${p.rejected.length} rejected by guardrails.`,
    `Apply: ${r.apply.applied} changes written, ${r.apply.failed} failed (${r.apply.apiCalls.writes} write calls).`,
    '',
  ];
  const width = Math.max(5, ...p.whatIf.queues.map((q) => q.queue.length));
  lines.push(
    `  ${'queue'.padEnd(width)}  ${'SL before'.padStart(9)}  ${'what-if'.padStart(7)}  ${'month after'.padStart(11)}`,
  );
  for (const q of p.whatIf.queues) {
    const before = r.before.get(q.queueId)?.serviceLevel;
    const after = r.after.get(q.queueId)?.serviceLevel;
    const trend =
      before === undefined || after === undefined
        ? ' '
        : after > before + 0.005
          ? '▲'
          : after < before - 0.005
            ? '▼'
            : '=';
    lines.push(
      `  ${termSafe(q.queue).padEnd(width)}  ${pct(before).padStart(9)}  ${pct(q.proposed.serviceLevel).padStart(7)}  ${pct(after).padStart(11)} ${trend}`,
    );
  }
  lines.push(
    '',
    `SL before = the last 30 days measured through analytics; what-if = the plan's projection; month after = the next 30 emulated days.`,
    `API calls: ${r.apiCalls.total} in all (export ${r.apiCalls.export}, plan ${r.apiCalls.plan}, apply ${r.apiCalls.apply}).`,
    '',
    'Look at:',
    `  pull request body   ${r.files.prBody}`,
    `  what-if             ${r.files.whatIf}`,
    `  CSV report          ${r.files.report}`,
    `  git history         git -C ${r.files.repo} log --stat`,
    '',
  );
  return lines.join('\n');
}
