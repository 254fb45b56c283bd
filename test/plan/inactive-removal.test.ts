import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../support/e2e.js';

describe('agent churn in the plan', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 120, seed: 5, days: 7 });
  });
  afterEach(async () => {
    await ws.close();
  });

  async function profilesText(): Promise<string> {
    const dir = join(ws.dir, 'routing-profiles');
    const files = await readdir(dir);
    return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
  }

  it('skips a deactivated agent git still names, and proposes removing the entry', async () => {
    const gone = ws.emulator.org.users.find((u) => u.state === 'inactive');
    expect(gone).toBeDefined();
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const email = gone!.email.toLowerCase();
    expect(await profilesText()).not.toContain(email);
    // the entry as git held it before the agent was deactivated
    const file = join(ws.dir, 'routing-profiles', (await readdir(join(ws.dir, 'routing-profiles')))[0]!);
    const text = await readFile(file, 'utf8');
    const skill = ws.emulator.org.skills[0]!.name;
    await writeFile(
      file,
      text.replace('profiles:\n', `profiles:\n  ${email}:\n    skills: { ${skill}: 3 }\n`),
    );
    expect(await profilesText()).toContain(email);

    const diff = await ws.cli(['diff']);
    expect(diff.stderr).toContain(`${email} is inactive`);
    expect(diff.stdout + diff.stderr).not.toContain('did you mean');

    const plan = await ws.cli(['plan', '--no-pr', '--days', '7']);
    expect(plan.stderr).not.toMatch(/^error/m);
    expect(plan.code).toBe(0);
    expect(await profilesText()).not.toContain(email);
    const body = await readFile(join(ws.dir, 'plan', 'pull-request.md'), 'utf8');
    expect(body).toContain('### Deactivated users removed from git');
    const section = body.slice(body.indexOf('### Deactivated users removed from git'));
    expect(section.split('\n').slice(0, 5)).toContain(`${email}.`);
  });
});
