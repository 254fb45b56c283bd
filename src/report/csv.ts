import { stringify } from 'csv-stringify/sync';
import type { ChangeResult } from '../apply/execute.js';
import { kindOf } from '../plan/kinds.js';
import type { Change } from '../plan/types.js';
import type { QueueWhatIf } from '../simulate/types.js';
import { csvSafe } from './cells.js';

export interface ReportInput {
  runAt: string;
  commit: string | undefined;
  mode: 'apply' | 'dry-run' | 'deferred' | 'blocked';
  changes: readonly Change[];
  results: readonly ChangeResult[] | undefined;
  summary: Record<string, string | number>;
  whatIf?: readonly QueueWhatIf[];
}

export const CSV_HEADER = [
  'section',
  'run_at',
  'commit',
  'user_email',
  'user_name',
  'object',
  'action',
  'before',
  'after',
  'result',
  'error',
] as const;

/**
 * The workforce-management report: one row per change (section "change"), then the run's figures
 * (section "summary") and, when a plan's what-if is known, service level per queue (section "service-level").
 * UTF-8 with BOM and CRLF so Excel opens it cleanly; every text cell is formula-safe.
 */
export function renderCsvReport(input: ReportInput): string {
  const rows: (string | number)[][] = [];
  const resultOf = new Map(input.results?.map((r) => [r.change, r]));
  const base = (section: string): (string | number)[] => [section, input.runAt, input.commit ?? ''];
  for (const change of input.changes) {
    const result = resultOf.get(change);
    const status = result?.status ?? (input.mode === 'apply' ? 'skipped' : input.mode);
    if (change.kind === 'weight') {
      rows.push([
        ...base('change'),
        '',
        '',
        `weight ${change.target.key}`,
        change.action,
        change.before ?? '',
        change.after ?? '',
        status,
        result?.error ?? '',
      ]);
      continue;
    }
    for (const s of change.changes) {
      rows.push([
        ...base('change'),
        change.target.email,
        change.target.name,
        `${kindOf(change.kind).noun} ${s.skill}`,
        s.action,
        s.before ?? '',
        s.after ?? '',
        status,
        result?.error ?? '',
      ]);
    }
  }
  for (const [name, value] of Object.entries(input.summary)) {
    rows.push([...base('summary'), '', '', name, '', '', value, '', '']);
  }
  for (const q of input.whatIf ?? []) {
    rows.push([
      ...base('service-level'),
      '',
      '',
      `queue ${q.queue}`,
      'projected',
      round(q.current.serviceLevel),
      round(q.proposed.serviceLevel),
      '',
      '',
    ]);
  }
  const safe = rows.map((row) => row.map((cell) => csvSafe(cell)));
  return `\ufeff${stringify([[...CSV_HEADER], ...safe], { record_delimiter: 'windows' })}`;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
