export interface BenchRow {
  group: string;
  name: string;
  value: string;
}

/** One aligned table of every figure, grouped. */
export function renderBenchTable(rows: readonly BenchRow[]): string {
  const nameWidth = Math.max(10, ...rows.map((r) => r.name.length));
  const lines: string[] = [];
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push('', group);
    }
    lines.push(`  ${row.name.padEnd(nameWidth)}  ${row.value}`);
  }
  return `${lines.join('\n').trimStart()}\n`;
}
