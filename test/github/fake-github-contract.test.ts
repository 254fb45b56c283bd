import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentApplyResult } from '../../src/github/apply-comment.js';
import { ensureAuditTag } from '../../src/github/audit-tag.js';
import { ensurePlanPullRequest } from '../../src/github/plan-pull-request.js';
import type { ScmPort } from '../../src/github/scm-port.js';
import { ROUTES, type FakeGitHub } from './fake/fake-github.js';
import { makeOutcome } from './fixtures.js';
import { loadGitHubOpenApi, OpenApiChecker } from './openapi.js';
import { planFiles, scmFor, startFake } from './support.js';

const checker = new OpenApiChecker(loadGitHubOpenApi());

describe('GitHub fake against GitHub’s OpenAPI description', () => {
  let fake: FakeGitHub;
  let scm: ScmPort;

  /** drives every route, including the error answers the code relies on */
  async function exerciseEverything(): Promise<void> {
    const outcome = makeOutcome();
    const created = await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    await ensurePlanPullRequest(scm, { files: planFiles(outcome), outcome });
    const next = makeOutcome({}, 4);
    await ensurePlanPullRequest(scm, { files: planFiles(next, 90), outcome: next });
    await scm.getPullRequest(created.number!);
    await expect(scm.getPullRequest(9999)).rejects.toThrow(/404/);
    await scm.ensureLabel({ name: 'routing-gitops', color: '000000', description: 'again' }); // 422 already_exists
    await scm.createRef('heads/scratch', (await scm.getRef('heads/main'))!);
    await expect(scm.createRef('heads/scratch', (await scm.getRef('heads/main'))!)).rejects.toThrow(/422/);
    await scm.deleteRef('heads/scratch');
    await scm.deleteRef('heads/scratch'); // 422 Reference does not exist, tolerated
    await expect(scm.getCommit('0'.repeat(40))).rejects.toThrow(/404/);

    // paginated comments: 101 comments, two pages
    for (let i = 0; i < 101; i++) {
      fake.state.comments.push({
        id: fake.state.id(),
        issue: created.number!,
        body: `c${i}`,
        createdAt: 'x',
        updatedAt: 'x',
      });
    }
    for (const c of fake.state.comments) c.createdAt = c.updatedAt = '2025-01-01T00:00:00Z';
    expect((await scm.listComments(created.number!)).length).toBeGreaterThanOrEqual(101);

    const merge = fake.state.merge(created.number!);
    await commentApplyResult(scm, { sha: merge, summaryMarkdown: '## Applied\n\n3 changes' });
    await commentApplyResult(scm, { sha: merge, summaryMarkdown: '## Applied\n\n4 changes' });
    await ensureAuditTag(scm, { name: 'routing-gitops/apply/42', commitSha: merge, message: 'apply' });
    // reviewer control reads closed plan pull requests and their files (src/review/closed-plans.ts)
    expect((await scm.listClosedPullRequests!('routing-gitops/plan')).map((p) => p.number)).toContain(
      created.number,
    );
    const blob = await scm.createBlob('declined: ü\n');
    expect(await scm.getBlob!(blob)).toBe('declined: ü\n');
    await expect(scm.getBlob!('0'.repeat(40))).rejects.toThrow(/404/);

    const open = makeOutcome({}, 2);
    await ensurePlanPullRequest(scm, { files: planFiles(open, 70), outcome: open });
    const empty = makeOutcome({ recommendations: [], weights: [] });
    await ensurePlanPullRequest(scm, { files: [], outcome: empty });
    await expect(scmFor(fake, { token: 'wrong' }).getDefaultBranch()).rejects.toThrow(/401/);
  }

  beforeAll(async () => {
    fake = await startFake();
    scm = scmFor(fake);
    await exerciseEverything();
  });
  afterAll(() => fake.close());

  it('serves only operations that exist in the description, with their exact path templates', () => {
    const missing = ROUTES.filter((r) => !checker.operation(r.method, r.route)).map(
      (r) => `${r.method} ${r.route}`,
    );
    expect(missing).toEqual([]);
  });

  it('was driven through every route it serves', () => {
    const unused = ROUTES.filter((r) => fake.count(r.method, r.route) === 0).map(
      (r) => `${r.method} ${r.route}`,
    );
    expect(unused).toEqual([]);
    expect(fake.exchanges.filter((e) => e.route === undefined)).toEqual([]);
  });

  it('answered every request with a documented status and a body matching the documented schema', () => {
    const problems = fake.exchanges.flatMap((e) => checker.check(e));
    expect(problems).toEqual([]);
    const statuses = new Set(fake.exchanges.map((e) => e.status));
    for (const status of [200, 201, 204, 401, 404, 422]) expect(statuses).toContain(status);
  });

  it('was only sent query parameters the operations document', () => {
    const problems = fake.exchanges.flatMap((e) => {
      const known = checker.queryParameters(e.method, e.route ?? '');
      return Object.keys(e.query)
        .filter((name) => !known.has(name))
        .map((name) => `${e.method} ${e.route}: ?${name}`);
    });
    expect(problems).toEqual([]);
  });

  it('the checker itself rejects a response that breaks the schema', () => {
    const good = fake.exchanges.find(
      (e) => e.route === '/repos/{owner}/{repo}/pulls' && e.method === 'POST' && e.status === 201,
    )!;
    expect(checker.check(good)).toEqual([]);
    const broken = {
      ...good,
      responseBody: { ...(good.responseBody as object), number: 'seven', head: undefined },
    };
    expect(checker.check(broken).join('\n')).toMatch(/number|head/);
    expect(checker.check({ ...good, status: 418 }).join('\n')).toMatch(/does not document status 418/);
  });
});
