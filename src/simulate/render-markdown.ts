import { escapeMarkdown } from '../github/markdown.js';

/** the project's one Markdown escaper, re-exported for the model's callers */
export { escapeMarkdown };
import type { IntervalWhatIf, QueueMetrics, QueueWhatIf, WhatIfResult } from './types.js';

/**
 * The what-if as GitHub markdown: one row per queue, current → projected. Queue names are escaped so that no
 * name can break the table or inject markup. The JSON form is the `WhatIfResult` itself.
 */
export function renderWhatIfMarkdown(result: WhatIfResult): string {
  const simulated = result as WhatIfResult & { simulatedDays?: number; replications?: number };
  const lines = [
    `Service level = answered within ${formatSeconds(result.answerWithinSeconds)} ÷ offered ` +
      `(target ${formatPercent(result.serviceLevelTarget)}). Current → projected, weighted by volume.` +
      (simulated.simulatedDays === undefined
        ? ''
        : ` Simulated: the most recent ${Math.round(simulated.simulatedDays * 10) / 10} days of the period, ` +
          `${simulated.replications ?? 1} replication${simulated.replications === 1 ? '' : 's'}.`),
    '',
  ];
  if (result.queues.length === 0)
    return [...lines, '_No queue had offered contacts in the period._', ''].join('\n');
  lines.push(
    '| Queue | Offered | Service level | ASA | Occupancy | Abandoned | Worst interval (projected) |',
    '|---|---:|---|---|---|---|---|',
  );
  for (const queue of result.queues) lines.push(queueRow(queue));
  lines.push('');
  if (result.queues.some((q) => q.patienceSeconds !== undefined)) {
    lines.push(
      '† Erlang A with the mean patience given or estimated from abandons; other queues Erlang C.',
      '',
    );
  }
  const calibrated = result.queues.filter((q) => q.calibration !== undefined);
  if (calibrated.length > 0) {
    const factors = calibrated.map((q) => `${escapeMarkdown(q.queue)} ${(q.calibration ?? 1).toFixed(2)}`);
    lines.push(
      '‡ Calibrated to the measured waits: the agents are scaled by an efficiency factor k per queue, fitted so ' +
        'that the current mean wait matches the measured one, and the same k is applied to the projection ' +
        `(k: ${factors.join(', ')}).`,
      '',
    );
  }
  if (result.belowFloor.length === 0) {
    lines.push('No queue is projected below its service-level floor.');
  } else {
    lines.push('**Below the service-level floor:**', '');
    for (const q of result.belowFloor) {
      lines.push(
        `- ${escapeMarkdown(q.queue)}: ${formatPercent(q.current)} → ${formatPercent(q.proposed)} ` +
          `(floor ${formatPercent(q.floor)})`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}

function queueRow(q: QueueWhatIf): string {
  const cells = [
    escapeMarkdown(q.queue) +
      (q.patienceSeconds === undefined ? '' : ' †') +
      (q.calibration === undefined ? '' : ' ‡'),
    formatCount(q.offered),
    `${formatPercent(q.current.serviceLevel)} → ${formatPercent(q.proposed.serviceLevel)} ${delta(q.current, q.proposed)}`,
    change(q.current.asa, q.proposed.asa, formatSeconds),
    change(q.current.occupancy, q.proposed.occupancy, formatPercent),
    change(q.current.abandonRate, q.proposed.abandonRate, formatPercent),
    q.worstInterval ? worstCell(q.worstInterval) : '–',
  ];
  return `| ${cells.join(' | ')} |`;
}

function worstCell(i: IntervalWhatIf): string {
  return `${formatStart(i.start)}: ${formatPercent(i.current.serviceLevel)} → ${formatPercent(i.proposed.serviceLevel)}`;
}

/** ▲/▼ with the change in percentage points; "=" when it rounds to nothing. */
function delta(current: QueueMetrics, proposed: QueueMetrics): string {
  const points = Math.round((proposed.serviceLevel - current.serviceLevel) * 1000) / 10;
  if (points === 0) return '(= 0.0 pp)';
  return points > 0 ? `(▲ +${points.toFixed(1)} pp)` : `(▼ −${Math.abs(points).toFixed(1)} pp)`;
}

function change(current: number, proposed: number, format: (value: number) => string): string {
  const a = format(current);
  const b = format(proposed);
  return a === b ? a : `${a} → ${b}`;
}

export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function formatSeconds(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  return value < 10 ? `${value.toFixed(1)} s` : `${Math.round(value)} s`;
}

function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** "2024-05-01T09:30:00.000Z" → "2024-05-01 09:30 UTC"; anything else is shown escaped as given. */
function formatStart(start: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(start);
  if (!m) return escapeMarkdown(start);
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` ${m[3]}`;
  return `${m[1] ?? ''} ${m[2] ?? ''}${zone}`;
}
