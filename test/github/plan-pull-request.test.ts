import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { PlanPrBody } from '../../src/github/plan-pr-body.js';
import { ensurePlanPullRequest, PLAN_LABEL, PLAN_PR_TITLE } from '../../src/github/plan-pull-request.js';
import type { ScmPort } from '../../src/github/scm-port.js';
import type { FakeGitHub } from './fake/fake-github.js';
import { makeOutcome } from './fixtures.js';
import { planFiles, scmFor, SEED, startFake } from './support.js';

const PULLS = '/repos/{owner}/{repo}/pulls';
const PULL = '/repos/{owner}/{repo}/pulls/{pull_number}';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const BRANCH = 'routing-gitops/plan';

describe('ensurePlanPullRequest against the GitHub fake', () => {
  let fake: FakeGitHub;
  let scm: ScmPort;

  beforeEach(async () => {
    fake = await startFake();
    scm = scmFor(fake);
  });
  afterEach(() => fake.close());

  const head = (branch: string) => fake.state.git.refs.get(`refs/heads/${branch}`);
  const commitOf = (sha: string | undefined) => fake.state.git.commits.get(sha ?? '')!;

  /** the requests made by `run`, as `METHOD route` */
  async function requestsDuring(run: () => Promise<unknown>): Promise<string[]> {
    const before = fake.exchanges.length;
    await run();
    return fake.exchanges.slice(before).map((e) => `${e.method} ${e.route}`);
  }

  it('first plan: one commit on main with the files, a labelled pull request with the rendered body', async () => {
    const outcome = makeOutcome();
    const mainHead = head('main');
    const result = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });

    expect(result).toMatchObject({ action: 'created', pushed: true, commit: head(BRANCH) });
    const commit = commitOf(head(BRANCH));
    expect(commit.parents).toEqual([mainHead]);
    expect(commit.message.split('\n')[0]).toBe(
      'plan: 3 users, 3 skill changes, 1 weight; SL Support 71% → 83%',
    );
    const files = fake.state.git.filesAt(commit.sha);
    for (const f of planFiles(outcome)) expect(files.get(f.path)).toBe(f.content);
    expect(files.get('README.md')).toBe(SEED['README.md']);
    expect(files.size).toBe(Object.keys(SEED).length + 2); // rule-weights.yaml replaced, two plan files added

    expect(fake.state.pulls).toHaveLength(1);
    const pr = fake.state.pulls[0]!;
    expect(result.number).toBe(pr.number);
    expect(result.url).toBe(`https://github.example/acme/routing/pull/${pr.number}`);
    expect(pr).toMatchObject({ title: PLAN_PR_TITLE, head: BRANCH, base: 'main', labels: [PLAN_LABEL.name] });
    expect(pr.body).toBe(PlanPrBody.render(outcome, { branch: BRANCH, baseBranch: 'main' }));
    expect(PlanPrBody.parse(pr.body)).toMatchObject({ intact: true, users: 3, skillChanges: 3, weights: 1 });
    expect(fake.state.labels.get(PLAN_LABEL.name)).toMatchObject({ color: PLAN_LABEL.color });
    expect(fake.count('POST', COMMENTS)).toBe(0);
  });

  it('second identical plan: reads only — no commit, no PATCH, no comment', async () => {
    const outcome = makeOutcome();
    await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    const branchHead = head(BRANCH);
    // a later run of the same plan: only the timestamp and the API call count differ
    const again = makeOutcome({ generatedAt: '2025-03-05T03:17:00.000Z', apiCalls: 99 });

    const requests = await requestsDuring(async () => {
      const result = await ensurePlanPullRequest(scm, { files: planFiles(again), outcome: again });
      expect(result).toMatchObject({ action: 'unchanged', pushed: false, commit: branchHead });
    });

    expect(requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
    expect(head(BRANCH)).toBe(branchHead);
    expect(fake.state.pulls).toHaveLength(1);
  });

  it('a new plan force-updates the same branch and PATCHes the body of the same pull request', async () => {
    const first = makeOutcome();
    const created = await ensurePlanPullRequest(scm, { files: planFiles(first), outcome: first });
    const firstHead = head(BRANCH);
    const second = makeOutcome({}, 5);

    const requests = await requestsDuring(async () => {
      const result = await ensurePlanPullRequest(scm, { files: planFiles(second, 95), outcome: second });
      expect(result).toMatchObject({ action: 'updated', number: created.number, pushed: true });
    });

    expect(head(BRANCH)).not.toBe(firstHead);
    expect(commitOf(head(BRANCH)).parents).toEqual([head('main')]); // rebuilt, not stacked
    const refUpdate = fake.exchanges.findLast(
      (e) => e.method === 'PATCH' && e.route?.endsWith('/git/refs/{ref}'),
    );
    expect(refUpdate?.requestBody).toMatchObject({ force: true });
    expect(fake.state.pulls).toHaveLength(1);
    expect(fake.state.pulls[0]!.body).toBe(PlanPrBody.render(second, { branch: BRANCH, baseBranch: 'main' }));
    expect(requests.filter((r) => r === `PATCH ${PULL}`)).toHaveLength(1);
    expect(requests.filter((r) => r.startsWith('POST /repos/{owner}/{repo}/labels'))).toEqual([]);
    expect(requests).not.toContain(`POST ${PULLS}`);
    expect(requests).not.toContain(`POST ${COMMENTS}`);
  });

  it('rebuilds the branch on the new base when main moved, even for the same plan', async () => {
    const outcome = makeOutcome();
    await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    const moved = fake.state.commitFiles('main', { 'docs/notes.md': 'unrelated\n' }, 'someone else');

    const result = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });

    expect(result).toMatchObject({ action: 'updated', pushed: true });
    expect(commitOf(head(BRANCH)).parents).toEqual([moved]);
    expect(fake.state.git.filesAt(head(BRANCH)!).get('docs/notes.md')).toBe('unrelated\n');
    expect(fake.count('PATCH', PULL)).toBe(0); // same body
  });

  it('an empty plan closes the pull request with one comment and deletes the branch', async () => {
    const outcome = makeOutcome();
    const created = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    const empty = makeOutcome({ recommendations: [], weights: [] });

    const result = await ensurePlanPullRequest(scm, { files: [], outcome: empty });

    expect(result).toEqual({ action: 'closed', number: created.number, url: created.url });
    expect(fake.state.pulls[0]!.state).toBe('closed');
    expect(fake.state.pulls[0]!.mergedAt).toBeNull();
    expect(head(BRANCH)).toBeUndefined();
    const comments = fake.state.comments.filter((c) => c.issue === created.number);
    expect(comments.map((c) => c.body)).toEqual([
      'Closing: the plan of 2025-03-04T03:17:00.000Z (last 30 days) found nothing to change. The next plan with changes opens a new pull request.',
    ]);

    const requests = await requestsDuring(() => ensurePlanPullRequest(scm, { files: [], outcome: empty }));
    expect(requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
  });

  it('closes the pull request when its changes are already on main', async () => {
    const outcome = makeOutcome();
    const created = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    fake.state.commitFiles(
      'main',
      Object.fromEntries(planFiles(outcome).map((f) => [f.path, f.content])),
      'by hand',
    );

    const result = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });

    expect(result).toMatchObject({ action: 'closed', number: created.number });
    expect(fake.state.comments.at(-1)!.body).toMatch(/found only changes that are already on `main`/);
  });

  it('after a person closes the pull request, the next plan opens a new one from the same branch', async () => {
    const outcome = makeOutcome();
    const first = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    fake.state.pull(first.number!).state = 'closed';

    const second = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });

    expect(second.action).toBe('created');
    expect(second.number).not.toBe(first.number);
    expect(fake.state.pulls.filter((p) => p.state === 'open')).toHaveLength(1);
  });

  it('finds its pull request by branch even when someone retargeted it, and points it back at the base', async () => {
    const outcome = makeOutcome();
    const created = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    fake.state.commitFiles('release', { 'x.md': 'x\n' }, 'another branch');
    Object.assign(fake.state.pull(created.number!), { base: 'release', title: 'renamed by hand' });

    const result = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });

    expect(result).toMatchObject({ action: 'updated', number: created.number, pushed: false });
    expect(fake.state.pulls).toHaveLength(1);
    expect(fake.state.pull(created.number!)).toMatchObject({ base: 'main', title: PLAN_PR_TITLE });
  });

  it('keeps a 5,000-change plan under GitHub’s body limit, end to end', async () => {
    const outcome = makeOutcome({}, 5_000);
    const result = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    const body = fake.state.pull(result.number!).body!;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(PlanPrBody.parse(body)).toMatchObject({ intact: true, skillChanges: 5_000 });
  });

  it('refuses unsafe file paths and a plan branch equal to the base', async () => {
    const outcome = makeOutcome();
    const bad = [{ path: '../outside.yaml', content: 'x' }];
    await expect(ensurePlanPullRequest(scm, { files: bad, outcome })).rejects.toThrow(/relative path/);
    await expect(
      ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome, branch: 'main' }),
    ).rejects.toThrow(/must not be the base branch/);
    await expect(
      ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome, baseBranch: 'nope' }),
    ).rejects.toThrow('base branch "nope" does not exist in acme/routing');
    expect(fake.writes()).toEqual([]);
  });

  it('never shows the token in errors or logs (canary)', async () => {
    const canary = 'ghs_CANARY_e2e_5d1c9b7a3f';
    const guarded = await startFake({ token: canary });
    try {
      const logs: string[] = [];
      const client = scmFor(guarded, { log: (line) => logs.push(line) });
      guarded.failNext('POST', PULLS, 403, {
        message: `Resource not accessible by integration (${canary})`,
        documentation_url: 'https://docs.github.com/rest',
      });
      const outcome = makeOutcome();
      const error: unknown = await ensurePlanPullRequest(client, {
        files: planFiles(outcome),
        outcome,
      }).catch((e: unknown) => e);

      expect(guarded.exchanges[0]!.authorization).toBe(`token ${canary}`); // the canary was really used
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(403);
      expect((error as ApiError).message).toMatch(/pull-requests: write/);
      const shown = [
        String(error),
        (error as Error).stack,
        inspect(error, { depth: 10 }),
        JSON.stringify(error),
      ];
      expect(shown.join('\n')).not.toContain(canary);
      expect(logs.join('\n')).not.toContain(canary);
    } finally {
      await guarded.close();
    }
  });
});
