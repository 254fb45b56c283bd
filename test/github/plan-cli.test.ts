import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesOf, FIXED_NOW, Workspace } from '../support/e2e.js';
import { FakeGitHub } from './fake/fake-github.js';

/** `routing-gitops plan` end to end: the emulator's analytics in, one rolling pull request out. */
describe('plan → pull request', () => {
  let ws: Workspace;
  let github: FakeGitHub;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 80, seed: 4, days: 14, now: () => FIXED_NOW });
    github = await FakeGitHub.start();
    Object.assign(ws.env, {
      GITHUB_TOKEN: github.token,
      GITHUB_REPOSITORY: 'acme/routing',
      GITHUB_API_URL: github.url,
    });
  });
  afterEach(async () => {
    await github.close();
    await ws.close();
  });

  it('opens one labelled PR, and an identical second run changes nothing', async () => {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    github.state.commitFiles(github.state.defaultBranch, await filesOf(ws.cwd, 'desired-state'), 'export');
    const pristine = join(ws.cwd, 'pristine');
    await cp(ws.dir, pristine, { recursive: true });

    // one clock for both runs, so both read the same analytics period
    const now = FIXED_NOW;
    const first = await ws.cli(['plan', '--days', '14', '--json'], now);
    expect(first.code).toBe(0);
    const outcome = JSON.parse(first.stdout);
    expect(outcome.recommendations.length + outcome.weights.length).toBeGreaterThan(0);
    expect(outcome.pullRequest.action).toBe('created');
    expect(github.count('POST', '/repos/{owner}/{repo}/pulls')).toBe(1);
    const pr = [...github.state.pulls.values()][0]!;
    expect(pr.body).toContain('routing-gitops:plan v1');
    expect(pr.body).toContain(outcome.recommendations[0]?.email ?? outcome.weights[0].queue);

    // the next nightly run starts again from main: same analytics, same plan, nothing to push or edit
    await rm(ws.dir, { recursive: true });
    await cp(pristine, ws.dir, { recursive: true });
    const exchanges = github.exchanges.length;
    const second = await ws.cli(['plan', '--days', '14', '--json'], now);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).pullRequest.action).toBe('unchanged');
    expect(github.exchanges.slice(exchanges).every((e) => e.method === 'GET')).toBe(true);
  });
});
