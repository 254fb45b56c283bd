import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_UI_CLIENT } from '../../src/emulator/index.js';
import { createGenesysClient } from '../../src/genesys/index.js';
import { withoutFloor } from '../support/settings-text.js';
import { Workspace, type EmulatorState } from '../support/e2e.js';

function skillsOf(state: EmulatorState, email: string): Record<string, number> {
  const user = state.users.find((u) => u.email.toLowerCase() === email);
  return Object.fromEntries((user?.skills ?? []).map((s) => [s.name, s.proficiency]));
}

describe('diff and apply against the emulator', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
  });
  afterEach(async () => {
    await ws.close();
  });

  async function exportAndPick(): Promise<{ email: string; other: string; skills: string[] }> {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const state = await ws.state();
    const withSkills = state.users.filter((u) => u.skills.length >= 2 && u.email);
    const skills = [...new Set(state.users.flatMap((u) => u.skills.map((s) => s.name)))].sort();
    return { email: withSkills[0]!.email.toLowerCase(), other: withSkills[1]!.email.toLowerCase(), skills };
  }

  it('export then diff shows no changes (exit 0)', async () => {
    await exportAndPick();
    const run = await ws.cli(['diff']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No changes');
  });

  it('applies exactly what git says, with one write per changed user, and the second apply writes nothing', async () => {
    const { email, skills } = await exportAndPick();
    const before = await ws.state();
    const current = skillsOf(before, email);
    const [keep] = Object.keys(current);
    const added = skills.find((s) => !(s in current))!;
    const wanted = { [keep!]: 5, [added]: 2.5 };
    await ws.editProfiles({ [email]: wanted });
    // dropping this agent's other skills can cost a small queue more than the floor allows; the floor has its own
    // tests (floor-check.test.ts), this one is about writing exactly what git says
    await withoutFloor(ws.dir);

    const diff = await ws.cli(['diff']);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain(`~ user ${email}`);
    expect(diff.stdout).toMatch(new RegExp(`\\+ ${added}\\s+2\\.5`));

    const writesBefore = await ws.writes();
    const dry = await ws.cli(['apply', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'dry-run', counts: { users: 1 } });
    expect(await ws.writes()).toBe(writesBefore);
    const apply = await ws.cli(['apply', '--report', 'report.csv']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(await ws.writes()).toBe(writesBefore + 1);
    const after = await ws.state();
    expect(skillsOf(after, email)).toEqual(wanted);
    for (const u of before.users.filter((x) => x.email.toLowerCase() !== email)) {
      expect(after.users.find((x) => x.id === u.id)).toEqual(u);
    }

    const rows = parse<Record<string, string>>(
      (await readFile(join(ws.cwd, 'report.csv'), 'utf8')).slice(1),
      { columns: true },
    );
    expect(
      rows
        .filter((r) => r.section === 'change')
        .every((r) => r.result === 'applied' && r.user_email === email),
    ).toBe(true);

    const second = await ws.cli(['apply']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to do');
    expect(await ws.writes()).toBe(writesBefore + 1);
    expect((await ws.cli(['diff'])).code).toBe(0);
  });

  it('rejects invalid YAML with file:line:col and exit 1, writing nothing', async () => {
    const { email } = await exportAndPick();
    await ws.editProfiles({ [email]: { 'No Such Skill': 3 } });
    const writes = await ws.writes();
    const run = await ws.cli(['apply']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/routing-profiles\/[^:]+\.yaml:\d+:\d+: .*No Such Skill/);
    expect(await ws.writes()).toBe(writes);
  });

  it('stops on a guardrail before the first write and names the rule', async () => {
    const { email, other } = await exportAndPick();
    const settingsPath = join(ws.dir, 'settings.yaml');
    const settings = await readFile(settingsPath, 'utf8');
    await writeFile(settingsPath, settings.replace(/maxChangesPerRun: \d+/, 'maxChangesPerRun: 1'));
    await ws.editProfiles({
      [email]: { [Object.keys(skillsOf(await ws.state(), other))[0]!]: 1 },
      [other]: {},
    });
    const writes = await ws.writes();
    const run = await ws.cli(['apply']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('guardrail maxChangesPerRun');
    expect(await ws.writes()).toBe(writes);
  });

  it('defers outside the off-peak window (exit 0, says when) and --ignore-window overrides', async () => {
    const { email } = await exportAndPick();
    await withoutFloor(ws.dir); // about the window: the change empties a user, which the floor check may hold
    const settingsPath = join(ws.dir, 'settings.yaml');
    const text = await readFile(settingsPath, 'utf8');
    await writeFile(
      settingsPath,
      text
        .replace(/guardrails:\n/, "guardrails:\n  window: {start: '22:00', end: '06:00', timeZone: UTC}\n")
        // removing every skill of one agent in a small org would break the floor: not what this test is about
        .replace(/serviceLevelFloor: [\d.]+/, 'serviceLevelFloor: 0'),
    );
    await ws.editProfiles({ [email]: {} });
    const writes = await ws.writes();
    const noon = new Date('2026-11-22T12:00:00Z');
    const deferred = await ws.cli(['apply'], noon);
    expect(deferred.stderr).toBe('');
    expect(deferred.code).toBe(0);
    expect(deferred.stdout).toContain('2026-11-22T22:00:00.000Z');
    expect(await ws.writes()).toBe(writes);
    const forced = await ws.cli(['apply', '--ignore-window'], noon);
    expect(forced.code).toBe(0);
    expect(await ws.writes()).toBe(writes + 1);
  });

  it('names drift made in the admin UI, with who and when, and apply restores git (git wins)', async () => {
    const { email } = await exportAndPick();
    const state = await ws.state();
    const user = state.users.find((u) => u.email.toLowerCase() === email)!;
    const admin = createGenesysClient({
      clientId: ADMIN_UI_CLIENT.id,
      clientSecret: ADMIN_UI_CLIENT.secret,
      apiBaseUrl: ws.emulator.url,
    });
    await admin.replaceUserSkills(user.id, [{ id: user.skills[0]!.id, proficiency: 1 }]);
    const diff = await ws.cli(['diff']);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toMatch(/drift: changed in the org by Dana Admin/);
    const json = JSON.parse((await ws.cli(['diff', '--json'])).stdout);
    expect(json.drift[0]).toMatchObject({ email, changedBy: 'Dana Admin' });
    expect((await ws.cli(['apply'])).code).toBe(0);
    expect(skillsOf(await ws.state(), email)).toEqual(skillsOf(state, email));
  });
});
