import { termSafe } from '../apply/render.js';
import type { DemoResult } from './run-demo.js';

function trend(before: number | undefined, after: number | undefined): string {
  if (before === undefined || after === undefined) return ' ';
  return after > before + 0.005 ? '▲' : after < before - 0.005 ? '▼' : '=';
}

function pct(x: number | undefined): string {
  return x === undefined ? '   —  ' : `${(x * 100).toFixed(1)}%`.padStart(6);
}

/** The demo's closing summary: what changed, what the what-if said, what the emulated month then showed. */
export function renderDemoSummary(r: DemoResult, kept = true): string {
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
  const width = Math.max(16, ...p.whatIf.queues.map((q) => q.queue.length + 6));
  lines.push(
    `  ${'queue'.padEnd(width)}  ${'SL before'.padStart(9)}  ${'what-if (model → plan)'.padStart(22)}  ${'month after'.padStart(11)}`,
  );
  for (const q of p.whatIf.queues) {
    const before = r.before.get(q.queueId)?.serviceLevel;
    const after = r.after.get(q.queueId)?.serviceLevel;
    const model = `${pct(q.current.serviceLevel)} → ${pct(q.proposed.serviceLevel)}`;
    lines.push(
      `  ${termSafe(q.queue).padEnd(width)}  ${pct(before).padStart(9)}  ${model.padStart(22)}  ${pct(after).padStart(11)} ${trend(before, after)}`,
    );
  }
  const added = [...new Set(p.recommendations.filter((x) => x.action === 'add').map((x) => x.skill))].sort();
  for (const skill of added) {
    const before = r.skillsBefore.get(skill)?.serviceLevel;
    const after = r.skillsAfter.get(skill)?.serviceLevel;
    lines.push(
      `  ${`skill ${termSafe(skill)}`.padEnd(width)}  ${pct(before).padStart(9)}  ${''.padStart(22)}  ${pct(after).padStart(11)} ${trend(before, after)}`,
    );
  }
  lines.push(
    '',
    `SL before = the last 30 days measured through analytics; what-if = the plan's model, calibrated to those 30 days;`,
    'month after = the next 30 emulated days, measured the same way. Skills = conversations requesting the skills the plan added.',
    `API calls: ${r.apiCalls.total} in all (export ${r.apiCalls.export}, plan ${r.apiCalls.plan}, apply ${r.apiCalls.apply}).`,
    '',
  );
  if (!kept) {
    lines.push('The files were in a temporary folder, now removed; `demo --out DIR` keeps them.', '');
    return lines.join('\n');
  }
  lines.push(
    'Look at:',
    `  pull request body   ${r.files.prBody}`,
    `  what-if             ${r.files.whatIf}`,
    `  CSV report          ${r.files.report}`,
    `  git history         git -C ${r.files.repo} log --stat`,
    '',
  );
  return lines.join('\n');
}
