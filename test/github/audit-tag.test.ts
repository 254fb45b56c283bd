import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditTagName, ensureAuditTag } from '../../src/github/audit-tag.js';
import type { ScmPort } from '../../src/github/scm-port.js';
import type { FakeGitHub } from './fake/fake-github.js';
import { scmFor, startFake } from './support.js';

describe('audit tag', () => {
  let fake: FakeGitHub;
  let scm: ScmPort;

  beforeEach(async () => {
    fake = await startFake();
    scm = scmFor(fake);
  });
  afterEach(() => fake.close());

  it.each([
    [123, 1, 'routing-gitops/apply/123'],
    ['987', '2', 'routing-gitops/apply/987-2'],
  ])('auditTagName(%o, %o) = %s', (run, attempt, name) => {
    expect(auditTagName(run, attempt)).toBe(name);
  });

  it('rejects a run id that is not a number', () => {
    expect(() => auditTagName('1; rm -rf /')).toThrow(/is not a run id/);
  });

  it('records an annotated tag on the applied commit, once', async () => {
    const sha = fake.state.git.refs.get('refs/heads/main')!;
    const input = {
      name: 'routing-gitops/apply/123',
      commitSha: sha,
      message: 'apply: 3 changes\n\nreport.csv',
    };

    const first = await ensureAuditTag(scm, input);
    expect(first.action).toBe('created');
    const tagSha = fake.state.git.refs.get('refs/tags/routing-gitops/apply/123')!;
    expect(fake.state.git.tags.get(tagSha)).toMatchObject({ object: sha, message: input.message });

    expect(await ensureAuditTag(scm, input)).toEqual({ action: 'unchanged', ref: first.ref, sha: tagSha });
    expect(fake.count('POST', '/repos/{owner}/{repo}/git/tags')).toBe(1);
  });

  it('refuses names outside its prefix', async () => {
    await expect(ensureAuditTag(scm, { name: 'v1.0', commitSha: 'a', message: 'm' })).rejects.toThrow(
      /not a valid audit tag/,
    );
    await expect(
      ensureAuditTag(scm, { name: 'routing-gitops/apply/1..2', commitSha: 'a', message: 'm' }),
    ).rejects.toThrow(/not a valid audit tag/);
  });
});
