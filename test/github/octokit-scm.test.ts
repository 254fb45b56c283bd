import { inspect } from 'node:util';
import { fetch as undiciFetch, MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, RateLimitError } from '../../src/errors.js';
import { createGitHubScm } from '../../src/github/octokit-scm.js';
import type { ScmPort } from '../../src/github/scm-port.js';

const TOKEN = 'ghs_CANARY_7f3a9c1e5b2d8f4a6c0e';
const API = 'https://api.github.com';
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

describe('createGitHubScm (octokit) without a network', () => {
  let agent: MockAgent;
  let logs: string[];
  let scm: ScmPort;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    logs = [];
    const fetch = ((input: string, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof globalThis.fetch;
    scm = createGitHubScm(
      { token: TOKEN, owner: 'acme', repo: 'routing', apiUrl: API },
      { fetch, log: (line) => logs.push(line) },
    );
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  /** everything an error could show: message, stack, inspect (with cause), JSON */
  function everythingIn(error: unknown): string {
    return [String(error), (error as Error).stack, inspect(error, { depth: 8 }), JSON.stringify(error)].join(
      '\n',
    );
  }

  async function failure(run: () => Promise<unknown>): Promise<ApiError> {
    try {
      await run();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect(everythingIn(error)).not.toContain(TOKEN);
      return error as ApiError;
    }
    throw new Error('expected a failure');
  }

  it('sends the token as authorization and reads the default branch', async () => {
    agent
      .get(API)
      .intercept({ path: '/repos/acme/routing', method: 'GET', headers: { authorization: `token ${TOKEN}` } })
      .reply(200, { default_branch: 'trunk' }, { headers: JSON_HEADERS });
    expect(await scm.getDefaultBranch()).toBe('trunk');
  });

  it('a missing ref is undefined, not an error', async () => {
    agent
      .get(API)
      .intercept({ path: '/repos/acme/routing/git/ref/heads%2Frouting-gitops%2Fplan', method: 'GET' })
      .reply(404, { message: 'Not Found' }, { headers: JSON_HEADERS });
    expect(await scm.getRef('heads/routing-gitops/plan')).toBeUndefined();
  });

  it('403 on creating the pull request names the permission and the repository setting', async () => {
    agent
      .get(API)
      .intercept({ path: '/repos/acme/routing/pulls', method: 'POST' })
      .reply(
        403,
        { message: 'GitHub Actions is not permitted to create or approve pull requests.' },
        { headers: JSON_HEADERS },
      );
    const error = await failure(() =>
      scm.createPullRequest({ title: 't', body: 'b', head: 'x', base: 'main' }),
    );
    expect(error.status).toBe(403);
    expect(error.message).toMatchInlineSnapshot(
      `"POST /repos/acme/routing/pulls → 403: GitHub Actions is not permitted to create or approve pull requests. The workflow job needs \`permissions: pull-requests: write\`, and the repository setting "Allow GitHub Actions to create and approve pull requests" (or a GitHub App token, vars.PLAN_APP_ID)"`,
    );
  });

  it('422 carries GitHub’s validation details; an existing label is not an error', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/repos/acme/routing/labels', method: 'POST' }).reply(
      422,
      {
        message: 'Validation Failed',
        errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
      },
      { headers: JSON_HEADERS },
    );
    await scm.ensureLabel({ name: 'routing-gitops', color: '1d76db', description: 'd' });
    pool
      .intercept({ path: '/repos/acme/routing/git/refs', method: 'POST' })
      .reply(
        422,
        { message: 'Reference already exists', errors: [{ resource: 'Ref', code: 'custom', field: 'ref' }] },
        { headers: JSON_HEADERS },
      );
    const error = await failure(() => scm.createRef('heads/x', 'a'.repeat(40)));
    expect(error.message).toBe(
      'POST /repos/acme/routing/git/refs → 422: Reference already exists; ref custom',
    );
  });

  it('a secondary rate limit is a RateLimitError, not a permission problem', async () => {
    agent
      .get(API)
      .intercept({ path: '/repos/acme/routing/issues/7/comments', method: 'POST' })
      .reply(403, { message: 'You have exceeded a secondary rate limit.' }, { headers: JSON_HEADERS });
    const error = await failure(() => scm.createComment(7, 'hello'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe(
      'POST /repos/acme/routing/issues/7/comments → 403: You have exceeded a secondary rate limit. GitHub rate limit: run the workflow again later',
    );
  });

  it('401 and network failures become ApiErrors without the token', async () => {
    const pool = agent.get(API);
    pool
      .intercept({ path: '/repos/acme/routing/git/blobs', method: 'POST' })
      .reply(401, { message: 'Bad credentials' });
    const refused = await failure(() => scm.createBlob('x'));
    expect(refused.message).toMatch(/→ 401: Bad credentials\. The GitHub token was refused/);
    pool
      .intercept({ path: '/repos/acme/routing', method: 'GET' })
      .replyWithError(new Error(`socket hang up ${TOKEN}`));
    const network = await failure(() => scm.getDefaultBranch());
    expect(network.code).toBe('NETWORK');
  });

  it('octokit’s warnings go to the log, without the token', async () => {
    agent
      .get(API)
      .intercept({ path: '/repos/acme/routing/git/commits/abc', method: 'GET' })
      .reply(
        200,
        { sha: 'abc', tree: { sha: 'def' }, parents: [{ sha: '123' }], message: 'm' },
        { headers: { ...JSON_HEADERS, deprecation: 'true', sunset: 'Wed, 01 Jan 2031 00:00:00 GMT' } },
      );
    expect(await scm.getCommit('abc')).toEqual({
      sha: 'abc',
      treeSha: 'def',
      parents: ['123'],
      message: 'm',
    });
    expect(logs.join('\n')).toMatch(/is deprecated/);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });
});
