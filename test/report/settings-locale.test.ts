import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../support/e2e.js';
import { editSetting } from '../support/settings-text.js';

describe('report settings in settings.yaml', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 30, queues: 3, skills: 5, days: 1 });
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
  });
  afterEach(async () => {
    await ws.close();
  });

  it('report.csvLocale gives the CSV its delimiter and decimal mark; --csv-locale wins', async () => {
    await editSetting(ws.dir, /csvLocale: \S+/, 'csvLocale: de-DE');
    expect((await ws.cli(['validate'])).code).toBe(0);
    const applied = await ws.cli(['apply', '--report', 'de.csv']);
    expect(applied.code).toBe(0);
    const de = await readFile(join(ws.cwd, 'de.csv'), 'utf8');
    expect(de.split('\n')[0]?.replace(/^\uFEFF/, '')).toMatch(/^row_type;user;email;/);
    expect((await ws.cli(['apply', '--report', 'en.csv', '--csv-locale', 'en'])).code).toBe(0);
    const en = await readFile(join(ws.cwd, 'en.csv'), 'utf8');
    expect(en.split('\n')[0]?.replace(/^\uFEFF/, '')).toMatch(/^row_type,user,email,/);
  });

  it('an unknown time zone is a validation error naming the line', async () => {
    await editSetting(ws.dir, /(report:\n(?:.*\n)*?\s+timeZone: )\S+/, '$1Mars/Olympus');
    const run = await ws.cli(['validate', '--offline']);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(
      /settings\.yaml:\d+:\d+: .*timeZone|settings\.yaml:\d+:\d+:.*time zone/i,
    );
  });
});
