import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCommentBody, applyCommentMarker, commentApplyResult } from '../../src/github/apply-comment.js';
import { ensurePlanPullRequest } from '../../src/github/plan-pull-request.js';
import type { ScmPort } from '../../src/github/scm-port.js';
import type { FakeGitHub } from './fake/fake-github.js';
import { makeOutcome } from './fixtures.js';
import { planFiles, scmFor, startFake } from './support.js';

describe('commentApplyResult against the GitHub fake', () => {
  let fake: FakeGitHub;
  let scm: ScmPort;
  let number: number;
  let mergeSha: string;

  beforeEach(async () => {
    fake = await startFake();
    scm = scmFor(fake);
    const outcome = makeOutcome();
    number = (await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome })).number!;
    mergeSha = fake.state.merge(number);
  });
  afterEach(() => fake.close());

  const commentsOn = (n: number) => fake.state.comments.filter((c) => c.issue === n);

  it('posts one comment on the pull request merged as the commit, then updates it instead of adding more', async () => {
    const first = await commentApplyResult(scm, {
      sha: mergeSha,
      summaryMarkdown: '## Applied\n\n3 changes\n',
    });
    expect(first).toMatchObject({ action: 'created', number });
    expect(commentsOn(number).map((c) => c.body)).toEqual([
      `${applyCommentMarker(mergeSha)}\n## Applied\n\n3 changes\n`,
    ]);

    const same = await commentApplyResult(scm, { sha: mergeSha, summaryMarkdown: '## Applied\n\n3 changes' });
    expect(same).toMatchObject({ action: 'unchanged', commentId: first.commentId });

    const rerun = await commentApplyResult(scm, {
      sha: mergeSha,
      summaryMarkdown: '## Applied\n\n4 changes',
    });
    expect(rerun).toMatchObject({ action: 'updated', commentId: first.commentId });
    expect(commentsOn(number)).toHaveLength(1);
    expect(commentsOn(number)[0]!.body).toContain('4 changes');
  });

  it('does nothing for a commit no pull request was merged as', async () => {
    const direct = fake.state.commitFiles('main', { 'desired-state/x.yaml': 'x: 1\n' }, 'pushed directly');
    const writesBefore = fake.writes().length;
    expect(await commentApplyResult(scm, { sha: direct, summaryMarkdown: 'x' })).toEqual({ action: 'none' });
    expect(fake.writes()).toHaveLength(writesBefore);
    expect(commentsOn(number)).toEqual([]);
  });

  it('refuses something that is not a sha', async () => {
    await expect(commentApplyResult(scm, { sha: 'main', summaryMarkdown: 'x' })).rejects.toThrow(
      '"main" is not a commit sha',
    );
  });

  it('cuts a huge summary at a line to stay under GitHub’s limit', async () => {
    const huge = Array.from({ length: 5_000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`).join('\n');
    const result = await commentApplyResult(scm, { sha: mergeSha, summaryMarkdown: huge });
    const body = commentsOn(number)[0]!.body;
    expect(result.action).toBe('created');
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/\| row \d+ \| x{20} \|\n\n…summary cut to fit a comment/);
    expect(applyCommentBody(mergeSha, 'short', 100)).toBe(`${applyCommentMarker(mergeSha)}\nshort\n`);
  });
});
