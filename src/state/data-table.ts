/**
 * Checks of the Architect data table that holds the weights (pure): it exists, it has an integer column
 * `weight`, and it stays within Genesys's limits of 5,000 rows and 256-character keys. A missing table is caught
 * here, by validate and before apply's first write, not halfway through an apply.
 */
import type { SourceProblem } from '../errors.js';
import { displayPath, sortProblems } from './build.js';
import type { DesiredState, SourceRef } from './model.js';
import { weightKey } from './model.js';

/** Architect data tables hold at most 5,000 rows, with keys of at most 256 characters. */
export const DATA_TABLE_MAX_ROWS = 5_000;
export const DATA_TABLE_MAX_KEY = 256;

export interface LiveWeightsTable {
  /** false when no table of that name exists in the org */
  found: boolean;
  /** the table's JSON schema (`expand=schema`), when the API returned it */
  schema?: unknown;
  /** keys of its rows today */
  keys: readonly string[];
  /** every queue name in the org (a row belongs to the longest queue name that prefixes its key) */
  queues: readonly string[];
}

export function checkWeightsTable(state: DesiredState, table: LiveWeightsTable): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const name = state.settings.weightsTable;
  const settingsRef = state.settingsSources?.['/weightsTable'] ?? { file: 'settings.yaml', line: 1, col: 1 };
  const report = (ref: SourceRef, message: string) =>
    problems.push({ ...ref, file: displayPath(state.displayDir ?? state.dir, ref.file), message });
  const queues = Object.keys(state.weights);
  const keys = queues.flatMap((q) => Object.keys(state.weights[q] ?? {}).map((s) => weightKey(q, s)));
  if (keys.length === 0) return [];
  if (!table.found) {
    report(
      settingsRef,
      `data table ${JSON.stringify(name)} not found in the org, so the weights in git have nowhere to go: ` +
        'create it in Architect (Data Tables) with an integer column "weight" (see the README, "Architect flow"), ' +
        'or set weightsTable in settings.yaml to the name of the table you use',
    );
    return problems;
  }
  const column = weightColumn(table.schema);
  if (column !== 'integer' && column !== 'unknown') {
    report(
      settingsRef,
      `data table ${JSON.stringify(name)} has ${column === 'missing' ? 'no column "weight"' : `a column "weight" of type ${column}`}; ` +
        'weights need an integer column named "weight": add or change it in Architect (Data Tables)',
    );
  }
  for (const key of keys) {
    if (key.length <= DATA_TABLE_MAX_KEY) continue;
    const [queue = ''] = key.split('|');
    const ref = state.weightSources?.[key] ?? state.weightsSource[queue];
    if (ref) {
      report(
        ref,
        `the data-table key "queue|skill" would be ${key.length} characters; Architect keys hold at most ${DATA_TABLE_MAX_KEY}: use a shorter queue or skill name`,
      );
    }
  }
  const rows = rowsAfterApply(state, table, keys);
  if (rows > DATA_TABLE_MAX_ROWS) {
    const first = queues.map((q) => state.weightsSource[q]).find(Boolean) ?? settingsRef;
    report(
      first,
      `after apply the data table ${JSON.stringify(name)} would hold ${rows} rows (${keys.length} weights in git, ` +
        `${rows - keys.length} other rows); Architect data tables hold at most ${DATA_TABLE_MAX_ROWS}: weigh fewer queue|skill pairs`,
    );
  }
  return sortProblems(problems);
}

/** Rows the table holds once apply wrote git's weights: git's keys plus the rows of queues git does not name. */
function rowsAfterApply(state: DesiredState, table: LiveWeightsTable, keys: readonly string[]): number {
  const named = new Set(Object.keys(state.weights));
  const owners = [...new Set([...named, ...table.queues])].sort((a, b) => b.length - a.length);
  const wanted = new Set(keys);
  let others = 0;
  for (const key of table.keys) {
    if (wanted.has(key)) continue;
    const owner = owners.find((q) => key.startsWith(`${q}|`));
    if (owner === undefined || !named.has(owner)) others++;
  }
  return keys.length + others;
}

/** The type of the `weight` column in a data table's JSON schema: `integer`, another type, `missing` or `unknown`. */
function weightColumn(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return 'unknown';
  const properties = (schema as { properties?: unknown }).properties;
  if (typeof properties !== 'object' || properties === null) return 'unknown';
  const weight = (properties as Record<string, unknown>).weight;
  if (typeof weight !== 'object' || weight === null) return 'missing';
  const type = (weight as { type?: unknown }).type;
  return typeof type === 'string' ? type : 'unknown';
}
