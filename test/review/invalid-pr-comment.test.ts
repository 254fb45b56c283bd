import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { commentMarker } from '../../src/github/sticky-comment.js';
import { renderInvalidPrCheck } from '../../src/github/pr-check.js';
import type { FakeGitHub } from '../github/fake/fake-github.js';
import { scmFor, startFake } from '../github/support.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/desired-state/minimal');
const PROFILES = 'routing-profiles/all.yaml';

describe('the pull-request check comment on invalid input', () => {
  let fake: FakeGitHub;
  let cwd: string;
  let pr: number;
  beforeEach(async () => {
    fake = await startFake();
    fake.state.commitFiles('feature', { 'desired-state/x.yaml': 'x: 1\n' }, 'feature');
    pr = (await scmFor(fake).createPullRequest({ title: 't', body: '', head: 'feature', base: 'main' }))
      .number;
    cwd = await mkdtemp(path.join(tmpdir(), 'routing-gitops-pr-check-'));
    await cp(FIXTURE, path.join(cwd, 'desired-state'), { recursive: true });
  });
  afterEach(async () => {
    await fake.close();
    await rm(cwd, { recursive: true, force: true });
  });

  async function validate(): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['validate', '--offline', '--comment-pr', String(pr)], {
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      env: {
        GITHUB_TOKEN: fake.token,
        GITHUB_REPOSITORY: 'acme/routing',
        GITHUB_API_URL: fake.url,
      },
      cwd,
      isTTY: false,
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  const checkComments = () =>
    fake.state.comments.filter(
      (c) => c.issue === pr && c.body.startsWith(commentMarker('pull-request-check')),
    );

  it('lists the errors with file:line in the one check comment, fails, and updates it in place', async () => {
    const file = path.join(cwd, 'desired-state', PROFILES);
    await writeFile(
      file,
      'apiVersion: routing-gitops/v1\nkind: RoutingProfiles\nprofiles:\n  someone@example.com:\n    skills: { Billing: 7 }\n',
    );
    const run = await validate();
    expect(run.code).toBe(1);
    expect(run.err).toContain(`pull request #${pr}: check comment created`);
    expect(run.err + run.out).not.toContain(fake.token);
    const [comment] = checkComments();
    expect(comment?.body).toContain('❌ `desired-state` is invalid (1 error)');
    expect(comment?.body).toMatch(/routing-profiles\/all\.yaml:5:\d+: .*Billing/);

    // a second error: the same comment, updated
    await writeFile(
      file,
      'apiVersion: routing-gitops/v1\nkind: RoutingProfiles\nprofiles:\n  someone@example.com:\n    skills: { Billing: 7, Sales: -1 }\n',
    );
    expect((await validate()).code).toBe(1);
    expect(checkComments()).toHaveLength(1);
    expect(checkComments()[0]!.body).toContain('(2 errors)');

    // valid again: validate leaves the comment to apply --comment-pr, which writes the dry run's result
    await cp(path.join(FIXTURE, PROFILES), file);
    const writes = fake.writes().length;
    const valid = await validate();
    expect(valid.code).toBe(0);
    expect(fake.writes()).toHaveLength(writes);
  });

  it('stays a fenced list under GitHub’s limit whatever the messages hold', () => {
    const errors = Array.from(
      { length: 5000 },
      (_, i) => `a.yaml:${i}:1: bad \`\`\` value ${'x'.repeat(50)}`,
    );
    const body = renderInvalidPrCheck('desired-state', errors);
    expect(body.length).toBeLessThan(20_000);
    expect(body).toContain('… and 4800 more (see the job log)');
    expect(body.match(/```/g)).toHaveLength(2);
  });
});
