import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withoutFloor } from '../support/settings-text.js';
import { Workspace, type EmulatorState } from '../support/e2e.js';

function skillsOf(state: EmulatorState, email: string): Record<string, number> {
  const user = state.users.find((u) => u.email.toLowerCase() === email);
  return Object.fromEntries((user?.skills ?? []).map((s) => [s.name, s.proficiency]));
}

/** Issue #15 end to end on the emulator: git still names an agent who was deactivated in Genesys Cloud. */
describe('apply with a deactivated user in desired state', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 120, seed: 5, days: 7 });
  });
  afterEach(async () => {
    await ws.close();
  });

  it('skips that user with a warning (no "did you mean"), applies everyone else, exits 0', async () => {
    const { org } = ws.emulator;
    const gone = org.users.find((u) => u.state === 'inactive');
    expect(gone).toBeDefined();
    const inactiveEmail = gone!.email.toLowerCase();
    const skillsBefore = new Map(gone!.skills);
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);

    // the entry as git held it before the agent was deactivated, with a skill they do not hold
    const dir = join(ws.dir, 'routing-profiles');
    const file = join(dir, (await readdir(dir))[0]!);
    const notHeld = org.skills.find((s) => !gone!.skills.has(s.id))!;
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('profiles:\n', `profiles:\n  ${inactiveEmail}:\n    skills: { ${notHeld.name}: 4 }\n`),
    );
    // and a change for an active agent
    const before = await ws.state();
    const active = before.users.find((u) => u.skills.length >= 2)!;
    const email = active.email.toLowerCase();
    const current = skillsOf(before, email);
    const [first] = Object.keys(current);
    const wanted = { ...current, [first!]: current[first!] === 5 ? 1 : 5 };
    await ws.editProfiles({ [email]: wanted });
    // the floor check is not what this test is about
    await withoutFloor(ws.dir);

    const writes = await ws.writes();
    const apply = await ws.cli(['apply']);
    const output = apply.stdout + apply.stderr;
    expect(apply.code).toBe(0);
    const warning = output.split('\n').find((l) => l.includes(inactiveEmail));
    expect(warning).toMatch(/warning/i);
    expect(warning).toContain('is inactive');
    expect(output).not.toContain('did you mean');
    expect(output).not.toMatch(/^error/im);

    const after = await ws.state();
    expect(skillsOf(after, email)).toEqual(wanted);
    expect(await ws.writes()).toBe(writes + 1);
    // nothing written for the deactivated agent
    expect(org.users.find((u) => u.id === gone!.id)!.skills).toEqual(skillsBefore);
    for (const u of before.users.filter((x) => x.email.toLowerCase() !== email))
      expect(after.users.find((x) => x.id === u.id)).toEqual(u);
  });
});
