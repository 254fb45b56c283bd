import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitAll, git, initRepo } from '../support/git-repo.js';
import { Workspace, type EmulatorState } from '../support/e2e.js';
import { FakeGitHub } from '../github/fake/fake-github.js';

function skillsOf(state: EmulatorState, email: string): Record<string, number> {
  const user = state.users.find((u) => u.email.toLowerCase() === email);
  return Object.fromEntries((user?.skills ?? []).map((s) => [s.name, s.proficiency]));
}

describe('apply never moves the org backwards and judges guardrails by what was applied', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create();
    initRepo(ws.cwd);
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
  });
  afterEach(async () => {
    await ws.close();
  });

  async function someUsers(n: number): Promise<string[]> {
    const state = await ws.state();
    return state.users
      .filter((u) => u.email && u.skills.length >= 2)
      .slice(0, n)
      .map((u) => u.email.toLowerCase());
  }

  async function setSetting(pattern: RegExp, replacement: string): Promise<void> {
    const path = join(ws.dir, 'settings.yaml');
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(pattern);
    await writeFile(path, text.replace(pattern, replacement));
  }

  it('refuses an ancestor of an applied commit (exit 1, no writes, says what to do)', async () => {
    const a = commitAll(ws.cwd, 'export');
    const [email] = await someUsers(1);
    const before = skillsOf(await ws.state(), email!);
    const [keep] = Object.keys(before);
    await ws.editProfiles({ [email!]: { [keep!]: 5 } });
    const b = commitAll(ws.cwd, 'B');
    const applied = await ws.cli(['apply', '--audit-tag']);
    expect(applied.code).toBe(0);
    expect(git(ws.cwd, 'tag', '--points-at', b)).toMatch(/^routing-gitops\/apply\//);
    const afterB = await ws.state();

    git(ws.cwd, 'checkout', '-q', a);
    const writes = await ws.writes();
    const old = await ws.cli(['apply', '--audit-tag']);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain(`commit ${a.slice(0, 12)} is older than a commit already applied`);
    expect(old.stderr).toContain('dispatch a new run of the apply workflow on main');
    expect(old.stderr).toContain('git revert');
    expect(await ws.writes()).toBe(writes);
    expect(skillsOf(await ws.state(), email!)).toEqual(skillsOf(afterB, email!));
    expect(git(ws.cwd, 'tag', '--points-at', a)).toBe('');

    // a dry run of the old commit writes nothing and is allowed; re-applying the applied commit is fine
    expect((await ws.cli(['apply', '--dry-run'])).code).toBe(0);
    git(ws.cwd, 'checkout', '-q', 'main');
    const again = await ws.cli(['apply']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
  });

  it('under GitHub Actions refuses a commit that is not the tip of the default branch', async () => {
    const fake = await FakeGitHub.start();
    try {
      const mainTip = fake.state.commitFiles('main', { 'README.md': 'x\n' }, 'newer');
      const commit = commitAll(ws.cwd, 'export');
      const [email] = await someUsers(1);
      await ws.editProfiles({ [email!]: {} });
      const env = {
        GITHUB_ACTIONS: 'true',
        GITHUB_SHA: commit,
        GITHUB_TOKEN: fake.token,
        GITHUB_REPOSITORY: `${fake.state.urls.owner}/${fake.state.urls.repo}`,
        GITHUB_API_URL: fake.url,
      };
      Object.assign(ws.env, env);
      const writes = await ws.writes();
      const run = await ws.cli(['apply']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`is not the tip of the default branch main (now ${mainTip.slice(0, 12)})`);
      expect(await ws.writes()).toBe(writes);

      fake.state.git.refs.set('refs/heads/main', commit);
      const tip = await ws.cli(['apply']);
      expect(tip.stderr).toBe('');
      expect(tip.code).toBe(0);
      expect(await ws.writes()).toBe(writes + 1);
    } finally {
      for (const key of [
        'GITHUB_ACTIONS',
        'GITHUB_SHA',
        'GITHUB_TOKEN',
        'GITHUB_REPOSITORY',
        'GITHUB_API_URL',
      ])
        delete ws.env[key];
      await fake.close();
    }
  });

  it('a guardrail loosened in the same commit as the change that needs it does not count', async () => {
    await setSetting(/maxRemovals: \d+/, 'maxRemovals: 1');
    commitAll(ws.cwd, 'strict prune cap');
    const synced = await ws.cli(['apply', '--audit-tag']);
    expect(synced.code).toBe(0);
    expect(git(ws.cwd, 'tag', '--points-at', 'HEAD')).toMatch(/^routing-gitops\/apply\//);

    const users = await someUsers(2);
    const state = await ws.state();
    const pruned = Object.fromEntries(
      users.map((e) => [e, Object.fromEntries(Object.entries(skillsOf(state, e)).slice(1))]),
    );
    await setSetting(/maxRemovals: 1\b/, 'maxRemovals: 50');
    await ws.editProfiles(pruned);
    commitAll(ws.cwd, 'raise the cap and prune at once');
    const writes = await ws.writes();
    const refused = await ws.cli(['apply', '--audit-tag']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('guardrail maxRemovals');
    expect(refused.stdout).toContain('prune cap of 1 ');
    expect(refused.stdout).toContain('maxRemovals 1 → 50');
    expect(await ws.writes()).toBe(writes);

    // the documented way: land the loosening alone, let it apply, then the change
    git(ws.cwd, 'reset', '-q', '--hard', 'HEAD~1');
    await setSetting(/maxRemovals: 1\b/, 'maxRemovals: 50');
    commitAll(ws.cwd, 'raise the cap');
    expect((await ws.cli(['apply', '--audit-tag'])).code).toBe(0);
    await ws.editProfiles(pruned);
    commitAll(ws.cwd, 'prune');
    const run = await ws.cli(['apply', '--audit-tag']);
    expect(run.stdout).not.toContain('guardrail');
    expect(run.code).toBe(0);
    for (const email of users) expect(skillsOf(await ws.state(), email)).toEqual(pruned[email]);
  });
});
