import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/state/index.js';
import { Workspace, type EmulatorState } from '../support/e2e.js';
import { commitAll, git, initRepo } from '../support/git-repo.js';
import { editSetting, withoutFloor } from '../support/settings-text.js';

function skillsOf(state: EmulatorState, email: string): Record<string, number> {
  const user = state.users.find((u) => u.email.toLowerCase() === email);
  return Object.fromEntries((user?.skills ?? []).map((s) => [s.name, s.proficiency]));
}

/** Removes a user's entry from the YAML file that lists them (as a person would delete the lines). */
async function dropProfile(dir: string, email: string): Promise<void> {
  const loaded = await loadDesiredState(dir);
  const profile = loaded.value!.profiles.find((p) => p.email === email)!;
  const path = join(dir, profile.source.file);
  const lines = (await readFile(path, 'utf8')).split('\n');
  const at = lines.findIndex((l) => l.trim().toLowerCase().startsWith(`${email}:`));
  const indent = lines[at]!.search(/\S/);
  let end = at + 1;
  while (end < lines.length && (lines[end]!.trim() === '' || lines[end]!.search(/\S/) > indent)) end++;
  lines.splice(at, end - at);
  await writeFile(path, lines.join('\n'));
}

describe('git revert of a commit that took a user over restores what the user had', () => {
  let ws: Workspace;
  let email: string;
  let earlier: Record<string, number>;
  beforeEach(async () => {
    ws = await Workspace.create();
    initRepo(ws.cwd);
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    await withoutFloor(ws.dir); // about ownership; the floor has its own test
    const state = await ws.state();
    const user = state.users.find((u) => u.email && u.skills.length >= 2)!;
    email = user.email.toLowerCase();
    earlier = skillsOf(state, email);
    await dropProfile(ws.dir, email); // the user starts unmanaged
    commitAll(ws.cwd, 'routing without the user');
    expect((await ws.cli(['apply', '--audit-tag'])).code).toBe(0);
    expect(skillsOf(await ws.state(), email)).toEqual(earlier);

    // a commit takes the user over with Sales-like skill 5
    const path = join(ws.dir, 'routing-profiles', 'taken.yaml');
    const skill = Object.keys(earlier)[0]!;
    await writeFile(
      path,
      `apiVersion: routing-gitops/v1\nkind: RoutingProfiles\nprofiles:\n  ${email}:\n    skills: {${skill}: 5}\n`,
    );
    commitAll(ws.cwd, 'take the user over');
    const taken = await ws.cli(['apply', '--audit-tag']);
    expect(taken.code).toBe(0);
    expect(skillsOf(await ws.state(), email)).toEqual({ [skill]: 5 });
    expect(git(ws.cwd, 'tag', '-n99', '--points-at', 'HEAD')).toContain('routing-gitops-ownership: ');
    git(ws.cwd, 'revert', '--no-edit', 'HEAD');
  });
  afterEach(async () => {
    await ws.close();
  });

  it('diff says "no longer managed" and apply restores the earlier skills, once', async () => {
    const diff = await ws.cli(['diff']);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain(`no longer managed: ${email}: apply restores`);
    const applied = await ws.cli(['apply', '--audit-tag']);
    expect(applied.code).toBe(0);
    expect(skillsOf(await ws.state(), email)).toEqual(earlier);
    // released: the user is unmanaged again, later edits in the admin UI are theirs
    const after = await ws.cli(['diff']);
    expect(after.stdout).not.toContain('no longer managed');
    expect(after.code).toBe(0);
  });

  it('with ownership.onRelease: leave, apply leaves the user as is and says so', async () => {
    const path = join(ws.dir, 'settings.yaml');
    await editSetting(ws.dir, /onRelease: restore/, 'onRelease: leave');
    expect(await readFile(path, 'utf8')).toContain('onRelease: leave');
    const writes = await ws.writes();
    const run = await ws.cli(['apply']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`no longer managed: ${email}: left as it is`);
    expect(await ws.writes()).toBe(writes);
  });
});
