import { Octokit } from '@octokit/rest';
import { statusOf, toGitHubApiError } from './api-error.js';
import { gitHubSettingsFromEnv, type GitHubSettings } from './config.js';
import type { GitTree, IssueComment, PullRequest, ScmPort, TreeEntry } from './scm-port.js';

export interface GitHubScmOptions {
  /** fetch implementation for every request (tests: a fetch bound to a local server or an undici MockAgent) */
  fetch?: typeof fetch;
  /** where octokit's warnings go (deprecations); never receives the token */
  log?: (line: string) => void;
  userAgent?: string;
}

/** A pull request as the REST API returns it (the fields we read, common to the full and simple forms). */
interface PullResponse {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  state: string;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: { name?: string }[];
  merged_at: string | null;
  merge_commit_sha: string | null;
  closed_at?: string | null;
}

const CONTENTS_READ = 'contents: read';
const CONTENTS_WRITE = 'contents: write';
const PULLS_WRITE = 'pull-requests: write';

export function gitHubScmFromEnv(
  env: Record<string, string | undefined>,
  options: GitHubScmOptions = {},
): ScmPort {
  return createGitHubScm(gitHubSettingsFromEnv(env), options);
}

/** The real `ScmPort`: GitHub's REST API through octokit. */
export function createGitHubScm(settings: GitHubSettings, options: GitHubScmOptions = {}): ScmPort {
  const { owner, repo } = settings;
  const log = options.log ?? (() => undefined);
  const scrub = (text: string): string => text.split(settings.token).join('[redacted]');
  const octokitLog = {
    debug: () => undefined,
    info: () => undefined,
    warn: (m: string) => log(scrub(m)),
    error: (m: string) => log(scrub(m)),
  };
  const octokit = new Octokit({
    auth: settings.token,
    baseUrl: settings.apiUrl,
    userAgent: options.userAgent ?? 'routing-gitops',
    // the request layer logs (deprecations) through `request.log`, octokit itself through `log`
    request: { log: octokitLog, ...(options.fetch ? { fetch: options.fetch } : {}) },
    log: octokitLog,
  });

  async function call<T>(
    method: string,
    route: string,
    permission: string,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toGitHubApiError(error, { method, route, permission, scrub });
    }
  }

  /** undefined for 404 (and 409 "Git Repository is empty"), the value otherwise */
  async function lookup<T>(method: string, route: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call(method, route, CONTENTS_READ, run);
    } catch (error) {
      if (statusOf(error) === 404 || statusOf(error) === 409) return undefined;
      throw error;
    }
  }

  const scm: ScmPort = {
    repository: { owner, repo },

    async getDefaultBranch() {
      const { data } = await call('GET', '/repos/{owner}/{repo}', CONTENTS_READ, () =>
        octokit.rest.repos.get({ owner, repo }),
      );
      return data.default_branch;
    },

    async getRef(ref) {
      const found = await lookup('GET', '/repos/{owner}/{repo}/git/ref/{ref}', () =>
        octokit.rest.git.getRef({ owner, repo, ref }),
      );
      return found?.data.object.sha;
    },

    async createRef(ref, sha) {
      await call('POST', '/repos/{owner}/{repo}/git/refs', CONTENTS_WRITE, () =>
        octokit.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha }),
      );
    },

    async forceUpdateRef(ref, sha) {
      await call('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', CONTENTS_WRITE, () =>
        octokit.rest.git.updateRef({ owner, repo, ref, sha, force: true }),
      );
    },

    async deleteRef(ref) {
      try {
        await call('DELETE', '/repos/{owner}/{repo}/git/refs/{ref}', CONTENTS_WRITE, () =>
          octokit.rest.git.deleteRef({ owner, repo, ref }),
        );
      } catch (error) {
        // 422 "Reference does not exist": someone (or GitHub's auto-delete) got there first
        if (statusOf(error) !== 422 && statusOf(error) !== 404) throw error;
      }
    },

    async getCommit(sha) {
      const { data } = await call(
        'GET',
        '/repos/{owner}/{repo}/git/commits/{commit_sha}',
        CONTENTS_READ,
        () => octokit.rest.git.getCommit({ owner, repo, commit_sha: sha }),
      );
      return {
        sha: data.sha,
        treeSha: data.tree.sha,
        parents: data.parents.map((p) => p.sha),
        message: data.message,
      };
    },

    async getTree(treeSha) {
      const { data } = await call('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', CONTENTS_READ, () =>
        octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha, recursive: 'true' }),
      );
      const entries: TreeEntry[] = [];
      for (const entry of data.tree) {
        if (!entry.path || !entry.sha || !entry.mode) continue;
        const type = entry.type === 'tree' || entry.type === 'commit' ? entry.type : 'blob';
        entries.push({ path: entry.path, mode: entry.mode, type, sha: entry.sha });
      }
      return { sha: data.sha, entries, truncated: data.truncated } satisfies GitTree;
    },

    async getBlob(sha) {
      const { data } = await call('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', CONTENTS_READ, () =>
        octokit.rest.git.getBlob({ owner, repo, file_sha: sha }),
      );
      return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
    },

    async listClosedPullRequests(head) {
      const { data } = await call('GET', '/repos/{owner}/{repo}/pulls', CONTENTS_READ, () =>
        octokit.rest.pulls.list({
          owner,
          repo,
          state: 'closed',
          head: `${owner}:${head}`,
          sort: 'updated',
          direction: 'desc',
          per_page: 30,
        }),
      );
      return data
        .filter((pr) => pr.head.ref === head)
        .map(toPullRequest)
        .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
    },

    async createBlob(content) {
      const { data } = await call('POST', '/repos/{owner}/{repo}/git/blobs', CONTENTS_WRITE, () =>
        octokit.rest.git.createBlob({ owner, repo, content, encoding: 'utf-8' }),
      );
      return data.sha;
    },

    async createTree(baseTreeSha, entries) {
      const tree = entries.map((e) => ({ path: e.path, mode: e.mode, type: 'blob' as const, sha: e.sha }));
      const { data } = await call('POST', '/repos/{owner}/{repo}/git/trees', CONTENTS_WRITE, () =>
        octokit.rest.git.createTree({ owner, repo, base_tree: baseTreeSha, tree }),
      );
      return data.sha;
    },

    async createCommit({ message, treeSha, parents }) {
      const { data } = await call('POST', '/repos/{owner}/{repo}/git/commits', CONTENTS_WRITE, () =>
        octokit.rest.git.createCommit({ owner, repo, message, tree: treeSha, parents }),
      );
      return data.sha;
    },

    async createTagObject({ tag, message, commitSha }) {
      const { data } = await call('POST', '/repos/{owner}/{repo}/git/tags', CONTENTS_WRITE, () =>
        octokit.rest.git.createTag({ owner, repo, tag, message, object: commitSha, type: 'commit' }),
      );
      return data.sha;
    },

    async findOpenPullRequest(head) {
      const { data } = await call('GET', '/repos/{owner}/{repo}/pulls', CONTENTS_READ, () =>
        octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${head}`, per_page: 10 }),
      );
      const found = data.find((pr) => pr.head.ref === head);
      return found ? toPullRequest(found) : undefined;
    },

    async getPullRequest(number) {
      const { data } = await call('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', CONTENTS_READ, () =>
        octokit.rest.pulls.get({ owner, repo, pull_number: number }),
      );
      return toPullRequest(data);
    },

    async createPullRequest({ title, body, head, base }) {
      const { data } = await call('POST', '/repos/{owner}/{repo}/pulls', PULLS_WRITE, () =>
        octokit.rest.pulls.create({ owner, repo, title, body, head, base, maintainer_can_modify: false }),
      );
      return toPullRequest(data);
    },

    async updatePullRequest(number, patch) {
      const { data } = await call('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', PULLS_WRITE, () =>
        octokit.rest.pulls.update({ owner, repo, pull_number: number, ...patch }),
      );
      return toPullRequest(data);
    },

    async pullRequestsForCommit(sha) {
      const route = '/repos/{owner}/{repo}/commits/{commit_sha}/pulls';
      const { data } = await call('GET', route, CONTENTS_READ, () =>
        octokit.rest.repos.listPullRequestsAssociatedWithCommit({
          owner,
          repo,
          commit_sha: sha,
          per_page: 100,
        }),
      );
      return data.map(toPullRequest);
    },

    async ensureLabel({ name, color, description }) {
      try {
        await call('POST', '/repos/{owner}/{repo}/labels', PULLS_WRITE, () =>
          octokit.rest.issues.createLabel({ owner, repo, name, color, description }),
        );
      } catch (error) {
        if (statusOf(error) !== 422) throw error; // 422 already_exists
      }
    },

    async addLabels(issueNumber, labels) {
      await call('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', PULLS_WRITE, () =>
        octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels }),
      );
    },

    async listComments(issueNumber) {
      const route = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
      const comments = await call('GET', route, CONTENTS_READ, () =>
        octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: 100,
        }),
      );
      return comments.map(toComment);
    },

    async createComment(issueNumber, body) {
      const { data } = await call(
        'POST',
        '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        PULLS_WRITE,
        () => octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
      );
      return toComment(data);
    },

    async updateComment(commentId, body) {
      const { data } = await call(
        'PATCH',
        '/repos/{owner}/{repo}/issues/comments/{comment_id}',
        PULLS_WRITE,
        () => octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body }),
      );
      return toComment(data);
    },
  };
  return scm;
}

function toPullRequest(data: PullResponse): PullRequest {
  return {
    number: data.number,
    url: data.html_url,
    title: data.title,
    body: data.body ?? '',
    state: data.state === 'closed' ? 'closed' : 'open',
    headRef: data.head.ref,
    headSha: data.head.sha,
    baseRef: data.base.ref,
    labels: data.labels.flatMap((l) => (l.name ? [l.name] : [])),
    mergedAt: data.merged_at ?? undefined,
    mergeCommitSha: data.merge_commit_sha ?? undefined,
    ...(data.closed_at ? { closedAt: data.closed_at } : {}),
  };
}

function toComment(data: { id: number; body?: string; html_url: string }): IssueComment {
  return { id: data.id, body: data.body ?? '', url: data.html_url };
}
