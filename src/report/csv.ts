import { stringify } from 'csv-stringify/sync';
import type { ChangeResult } from '../apply/execute.js';
import { kindOf } from '../apply/kinds.js';
import type { Change } from '../apply/types.js';
import type { QueueWhatIf } from '../simulate/types.js';
import { csvSafe } from './cells.js';

export interface ReportInput {
  runAt: string;
  commit: string | undefined;
  /** the work tree had uncommitted changes: the commit column says so */
  dirty?: boolean;
  mode: 'apply' | 'dry-run' | 'deferred' | 'blocked';
  changes: readonly Change[];
  results: readonly ChangeResult[] | undefined;
  whatIf?: readonly QueueWhatIf[];
  /** email (lower case) → routing-profiles file the user is in, relative to the desired-state dir */
  teamFiles?: ReadonlyMap<string, string>;
  /** BCP 47 tag; a locale that writes decimal commas (de, fr, …) gets `;` as the delimiter. Default `en`. */
  locale?: string;
}

/** The columns, in order; stable across versions (new columns are only ever added at the end). */
export const CSV_HEADER = [
  'row_type',
  'user',
  'email',
  'team_file',
  'queue',
  'skill_or_language',
  'action',
  'before',
  'after',
  'result',
  'reason',
  'run',
  'commit',
] as const;

type Row = Record<(typeof CSV_HEADER)[number], string>;

/** the PR's words for the change actions */
const ACTION: Record<string, string> = { create: 'add', delete: 'remove', update: 'change' };

export interface CsvFormat {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}

/** The delimiter and decimal mark a spreadsheet in `locale` expects. */
export function csvFormat(locale = 'en'): CsvFormat {
  let decimal: '.' | ',' = '.';
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    if (part?.value === ',') decimal = ',';
  } catch {
    decimal = '.';
  }
  return decimal === ',' ? { delimiter: ';', decimal } : { delimiter: ',', decimal };
}

/**
 * The workforce-management report: one typed row per change (`skill`, `language`, `weight`), the run's figures
 * (`summary`, the same names for demo and apply) and, when a plan's what-if is known, the service level per
 * queue (`service-level`, as percentages). UTF-8 with BOM and CRLF so Excel opens it cleanly; text cells are
 * formula-safe and cells with line breaks are quoted.
 */
export function renderCsvReport(input: ReportInput): string {
  const format = csvFormat(input.locale);
  const num = (n: number | undefined) => (n === undefined ? '' : decimal(n, format));
  const pct = (ratio: number) => `${decimal(Math.round(ratio * 1000) / 10, format)}%`;
  const resultOf = new Map(input.results?.map((r) => [r.change, r]));
  const commit = input.commit ? `${input.commit}${input.dirty ? ' (uncommitted changes)' : ''}` : '';
  const row = (fields: Partial<Row>): Row => ({
    row_type: '',
    user: '',
    email: '',
    team_file: '',
    queue: '',
    skill_or_language: '',
    action: '',
    before: '',
    after: '',
    result: '',
    reason: '',
    run: input.runAt,
    commit,
    ...fields,
  });
  const rows: Row[] = [];
  const tally = { users: 0, added: 0, removed: 0, changed: 0, weights: 0, applied: 0, failed: 0 };
  for (const change of input.changes) {
    const result = resultOf.get(change);
    const status = result?.status ?? (input.mode === 'apply' ? 'skipped' : input.mode);
    if (status === 'applied') tally.applied += 1;
    if (status === 'failed') tally.failed += 1;
    const reason = result?.error ?? '';
    if (change.kind === 'weight') {
      tally.weights += 1;
      rows.push(
        row({
          row_type: 'weight',
          queue: change.target.queue,
          skill_or_language: change.target.skill,
          action: ACTION[change.action] ?? change.action,
          before: num(change.before),
          after: num(change.after),
          result: status,
          reason,
        }),
      );
      continue;
    }
    tally.users += 1;
    const type = kindOf(change.kind).noun;
    for (const item of change.changes) {
      const name = item.skill;
      if (item.action === 'create') tally.added += 1;
      if (item.action === 'delete') tally.removed += 1;
      if (item.action === 'update') tally.changed += 1;
      rows.push(
        row({
          row_type: type,
          user: change.target.name,
          email: change.target.email,
          team_file: input.teamFiles?.get(change.target.email.toLowerCase()) ?? '',
          skill_or_language: name,
          action: ACTION[item.action] ?? item.action,
          before: num(item.before),
          after: num(item.after),
          result: status,
          reason,
        }),
      );
    }
  }
  const summary: [string, string][] = [
    ['mode', input.mode],
    ['users_changed', String(tally.users)],
    ['skills_or_languages_added', String(tally.added)],
    ['skills_or_languages_removed', String(tally.removed)],
    ['proficiencies_changed', String(tally.changed)],
    ['weights_changed', String(tally.weights)],
    ['changes_applied', String(tally.applied)],
    ['changes_failed', String(tally.failed)],
  ];
  for (const [name, value] of summary)
    rows.push(row({ row_type: 'summary', skill_or_language: name, after: value }));
  for (const q of input.whatIf ?? []) {
    rows.push(
      row({
        row_type: 'service-level',
        queue: q.queue,
        action: 'projected',
        before: pct(q.current.serviceLevel),
        after: pct(q.proposed.serviceLevel),
      }),
    );
  }
  const records = rows.map((r) => CSV_HEADER.map((c) => (NUMERIC.has(c) ? r[c] : String(csvSafe(r[c])))));
  const text = stringify([[...CSV_HEADER], ...records], {
    delimiter: format.delimiter,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
  return `\ufeff${text}`;
}

/** columns that hold numbers or percentages we format ourselves (never org text) */
const NUMERIC = new Set<string>(['before', 'after']);

function decimal(n: number, format: CsvFormat): string {
  const text = String(Math.round(n * 100) / 100);
  return format.decimal === ',' ? text.replace('.', ',') : text;
}
