import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCommentMarker, commentApplyResults } from '../../src/github/apply-comment.js';
import type { ScmPort } from '../../src/github/scm-port.js';
import { commentMarker, ensureComment, markedBody } from '../../src/github/sticky-comment.js';
import type { FakeGitHub } from './fake/fake-github.js';
import { scmFor, startFake } from './support.js';

describe('sticky comments against the GitHub fake', () => {
  let fake: FakeGitHub;
  let scm: ScmPort;
  beforeEach(async () => {
    fake = await startFake();
    scm = scmFor(fake);
  });
  afterEach(() => fake.close());

  const commentsOn = (n: number) => fake.state.comments.filter((c) => c.issue === n);

  async function mergedPr(branch: string): Promise<{ number: number; sha: string }> {
    fake.state.commitFiles(branch, { [`desired-state/${branch}.yaml`]: 'x: 1\n' }, branch);
    const pr = await scm.createPullRequest({ title: branch, body: '', head: branch, base: 'main' });
    return { number: pr.number, sha: fake.state.merge(pr.number) };
  }

  it('ensureComment keeps one comment per marker, updated in place, and leaves other comments alone', async () => {
    fake.state.commitFiles('feature', { 'desired-state/f.yaml': 'x: 1\n' }, 'feature');
    const { number } = await scm.createPullRequest({ title: 't', body: '', head: 'feature', base: 'main' });
    await scm.createComment(number, 'a reviewer says hi');
    const marker = commentMarker('pull-request-check');
    const first = await ensureComment(scm, { issue: number, marker, text: 'plan A' });
    expect(first.action).toBe('created');
    const writes = fake.writes().length;
    expect((await ensureComment(scm, { issue: number, marker, text: 'plan A\n' })).action).toBe('unchanged');
    expect(fake.writes()).toHaveLength(writes);
    const second = await ensureComment(scm, { issue: number, marker, text: 'plan B' });
    expect(second).toMatchObject({ action: 'updated', commentId: first.commentId });
    expect(commentsOn(number).map((c) => c.body)).toEqual(['a reviewer says hi', `${marker}\nplan B\n`]);
  });

  it('markers cannot be closed early by their key, and long text is cut at a line to fit', () => {
    const marker = commentMarker('x --> y\n');
    expect(marker.indexOf('>')).toBe(marker.length - 1);
    expect(marker).toMatch(/^<!-- routing-gitops:\S+ -->$/);
    const body = markedBody('<!-- m -->', `${'line\n'.repeat(100)}`, 120);
    expect(body.length).toBeLessThanOrEqual(120);
    expect(body).toContain('cut to fit');
  });

  it('the apply comment reaches every pull request merged since the last applied commit, once each', async () => {
    const a = await mergedPr('a');
    const b = await mergedPr('b');
    const c = await mergedPr('c');
    const summary = '## Applied\n\n3 changes\n';
    const results = await commentApplyResults(scm, {
      sha: c.sha,
      mergedAs: [c.sha, b.sha, a.sha],
      summaryMarkdown: summary,
    });
    expect(results.map((r) => [r.number, r.action])).toEqual([
      [c.number, 'created'],
      [b.number, 'created'],
      [a.number, 'created'],
    ]);
    for (const n of [a.number, b.number, c.number])
      expect(commentsOn(n).map((x) => x.body)).toEqual([`${applyCommentMarker(c.sha)}\n${summary}`]);
    const again = await commentApplyResults(scm, {
      sha: c.sha,
      mergedAs: [b.sha, a.sha],
      summaryMarkdown: summary,
    });
    expect(again.every((r) => r.action === 'unchanged')).toBe(true);
  });
});
