import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/state/index.js';
import { fastClock } from '../support/fast-clock.js';
import { Workspace } from '../support/e2e.js';

interface StateWithLanguages {
  users: { id: string; email: string; languages: { id: string; name: string; proficiency: number }[] }[];
  languages: { id: string; name: string }[];
}

describe('routing languages, managed end to end against the emulator', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ seed: 1, users: 60, queues: 3, skills: 6, days: 1 });
  });
  afterEach(async () => {
    await ws.close();
  });

  const state = () => ws.state() as unknown as Promise<StateWithLanguages>;
  const languagesOf = (s: StateWithLanguages, email: string) =>
    Object.fromEntries(
      (s.users.find((u) => u.email.toLowerCase() === email)?.languages ?? []).map((l) => [
        l.name,
        l.proficiency,
      ]),
    );

  it('exports languages, diffs and applies them (PATCH bulk, DELETE one), then writes nothing more', async () => {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const before = await state();
    expect(before.languages.length).toBeGreaterThanOrEqual(2);
    const speaker = before.users.find((u) => u.languages.length > 0 && u.email)!;
    const email = speaker.email.toLowerCase();
    const loaded = (await loadDesiredState(ws.dir)).value!;
    const profile = loaded.profiles.find((p) => p.email === email)!;
    // export wrote the user's languages beside their skills
    expect(profile.languages).toEqual(languagesOf(before, email));
    expect((await ws.cli(['diff'])).code).toBe(0);

    const [kept] = speaker.languages;
    const added = before.languages.find((l) => !speaker.languages.some((x) => x.id === l.id))!;
    const file = join(ws.dir, profile.source.file);
    const text = await readFile(file, 'utf8');
    const line = new RegExp(
      `(\\n  ${email.replace(/[.]/g, '\\.')}:\\n    skills: [^\\n]*\\n)    languages: [^\\n]*\\n`,
    );
    expect(text).toMatch(line);
    const wanted = { [added.name]: 4 };
    await writeFile(file, text.replace(line, `$1    languages: { ${added.name}: 4 }\n`));

    const diff = await ws.cli(['diff']);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain(`~ user ${email}`);
    expect(diff.stdout).toMatch(new RegExp(`\\+ language ${added.name}\\s+4`));
    expect(diff.stdout).toMatch(new RegExp(`- language ${kept!.name}\\s+${kept!.proficiency}`));
    expect(diff.stdout).toContain('languages (1 to add, 0 to change,');

    const requestsBefore = await ws.requests();
    const apply = await ws.cli(['apply', '--json', '--report', 'report.csv'], undefined, {
      clock: fastClock(),
    });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    const outcome = JSON.parse(apply.stdout) as {
      counts: { languagesAdded: number; languagesRemoved: number };
    };
    expect(outcome.counts).toMatchObject({ languagesAdded: 1, languagesRemoved: speaker.languages.length });
    const requestsAfter = await ws.requests();
    const delta = (route: string) =>
      (requestsAfter.byRoute[route] ?? 0) - (requestsBefore.byRoute[route] ?? 0);
    expect(delta('PATCH /api/v2/users/{userId}/routinglanguages/bulk')).toBe(1);
    expect(delta('DELETE /api/v2/users/{userId}/routinglanguages/{languageId}')).toBe(
      speaker.languages.length,
    );
    expect(delta('PUT /api/v2/users/{userId}/routingskills/bulk')).toBe(0);

    const after = await state();
    expect(languagesOf(after, email)).toEqual(wanted);
    for (const u of before.users.filter((x) => x.id !== speaker.id))
      expect(after.users.find((x) => x.id === u.id)!.languages).toEqual(u.languages);

    const rows = parse<Record<string, string>>(
      (await readFile(join(ws.cwd, 'report.csv'), 'utf8')).slice(1),
      {
        columns: true,
      },
    );
    expect(
      rows
        .filter((r) => r.row_type === 'language')
        .map((r) => [r.email, r.skill_or_language, r.action, r.result]),
    ).toEqual(expect.arrayContaining([[email, added.name, 'add', 'applied']]));

    const again = await ws.cli(['apply']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
  });

  it('names an unknown language with file:line:col before any write', async () => {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const loaded = (await loadDesiredState(ws.dir)).value!;
    const profile = loaded.profiles[0]!;
    const file = join(ws.dir, profile.source.file);
    const text = await readFile(file, 'utf8');
    const at = text.indexOf(`  ${profile.email}:`);
    const end = text.indexOf('\n', text.indexOf('skills:', at));
    await writeFile(file, `${text.slice(0, end)}\n    languages: { Klingon: 3 }${text.slice(end)}`);
    const writes = await ws.writes();
    const run = await ws.cli(['apply']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/routing-profiles\/[^:]+\.yaml:\d+:\d+: unknown routing language "Klingon"/);
    expect(await ws.writes()).toBe(writes);
  });
});
