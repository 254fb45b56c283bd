import { comment, label, pullFull, pullSimple, type PullState } from './representations.js';
import { paginate, text, type RouteDef } from './routes.js';
import { notFound, unprocessable, type FakeState } from './state.js';

const REPO = '/repos/{owner}/{repo}';

function full(s: FakeState, pr: PullState) {
  return pullFull(s.urls, pr, s.labelsOf(pr), s.defaultBranch, s.commentCount(pr.number));
}

function simple(s: FakeState, pr: PullState) {
  return pullSimple(s.urls, pr, s.labelsOf(pr), s.defaultBranch);
}

/** GitHub's limit on pull request and comment bodies */
function checkBody(body: string | undefined, resource: string): void {
  if (body !== undefined && body.length > 65_536) {
    throw unprocessable('Validation Failed', [
      { resource, code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' },
    ]);
  }
}

function number(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw notFound();
  return n;
}

export const pullRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: `${REPO}/pulls`,
    handle(req, s) {
      const state = req.query.get('state') ?? 'open';
      const head = req.query.get('head');
      const base = req.query.get('base');
      const matches = s.pulls
        .filter((p) => state === 'all' || p.state === state)
        .filter((p) => !head || `${s.urls.owner}:${p.head}` === head || p.head === head)
        .filter((p) => !base || p.base === base)
        .sort((a, b) => b.number - a.number);
      return paginate(
        req,
        matches.map((p) => simple(s, p)),
      );
    },
  },
  {
    method: 'POST',
    route: `${REPO}/pulls`,
    handle(req, s) {
      const title = text(req.body.title);
      const head = text(req.body.head);
      const base = text(req.body.base);
      checkBody(text(req.body.body), 'PullRequest');
      if (!title || !head || !base)
        throw unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'missing_field' }]);
      const headSha = s.git.refs.get(`refs/heads/${head}`);
      const baseSha = s.git.refs.get(`refs/heads/${base}`);
      if (!headSha)
        throw unprocessable('Validation Failed', [
          { resource: 'PullRequest', code: 'invalid', field: 'head' },
        ]);
      if (!baseSha)
        throw unprocessable('Validation Failed', [
          { resource: 'PullRequest', code: 'invalid', field: 'base' },
        ]);
      if (s.pulls.some((p) => p.state === 'open' && p.head === head && p.base === base)) {
        throw unprocessable('Validation Failed', [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${s.urls.owner}:${head}.`,
          },
        ]);
      }
      if (s.git.isAncestor(headSha, baseSha)) {
        throw unprocessable('Validation Failed', [
          { resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` },
        ]);
      }
      const at = s.now();
      const pr: PullState = {
        number: s.id(),
        id: s.id(),
        title,
        body: text(req.body.body) ?? null,
        state: 'open',
        head,
        headSha,
        base,
        baseSha,
        labels: [],
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        mergedAt: null,
        mergeCommitSha: null,
      };
      s.pulls.push(pr);
      return { status: 201, body: full(s, pr) };
    },
  },
  {
    method: 'GET',
    route: `${REPO}/pulls/{pull_number}`,
    handle: (req, s) => ({ status: 200, body: full(s, s.pull(number(req.params.pull_number))) }),
  },
  {
    method: 'PATCH',
    route: `${REPO}/pulls/{pull_number}`,
    handle(req, s) {
      const pr = s.pull(number(req.params.pull_number));
      const title = text(req.body.title);
      const body = text(req.body.body);
      const state = text(req.body.state);
      checkBody(body, 'PullRequest');
      if (state !== undefined && state !== 'open' && state !== 'closed')
        throw unprocessable('Validation Failed');
      const base = text(req.body.base);
      if (base !== undefined) {
        const baseSha = s.git.refs.get(`refs/heads/${base}`);
        if (!baseSha)
          throw unprocessable('Validation Failed', [
            { resource: 'PullRequest', code: 'invalid', field: 'base' },
          ]);
        Object.assign(pr, { base, baseSha });
      }
      if (title !== undefined) pr.title = title;
      if (body !== undefined) pr.body = body;
      if (state === 'closed' && pr.state === 'open') Object.assign(pr, { state, closedAt: s.now() });
      if (state === 'open' && pr.state === 'closed' && !pr.mergedAt)
        Object.assign(pr, { state, closedAt: null });
      pr.updatedAt = s.now();
      return { status: 200, body: full(s, pr) };
    },
  },
  {
    method: 'POST',
    route: `${REPO}/labels`,
    handle(req, s) {
      const name = text(req.body.name);
      if (!name)
        throw unprocessable('Validation Failed', [
          { resource: 'Label', code: 'missing_field', field: 'name' },
        ]);
      if (s.labels.has(name)) {
        throw unprocessable('Validation Failed', [
          { resource: 'Label', code: 'already_exists', field: 'name' },
        ]);
      }
      const created = s.ensureLabel(
        name,
        text(req.body.color) ?? 'ededed',
        text(req.body.description) ?? null,
      );
      return { status: 201, body: label(s.urls, created) };
    },
  },
  {
    method: 'POST',
    route: `${REPO}/issues/{issue_number}/labels`,
    handle(req, s) {
      const pr = s.pull(number(req.params.issue_number));
      const names = Array.isArray(req.body.labels) ? req.body.labels.map(String) : [];
      for (const name of names) {
        s.ensureLabel(name);
        if (!pr.labels.includes(name)) pr.labels.push(name);
      }
      return { status: 200, body: s.labelsOf(pr).map((l) => label(s.urls, l)) };
    },
  },
  {
    method: 'GET',
    route: `${REPO}/issues/{issue_number}/comments`,
    handle(req, s) {
      const pr = s.pull(number(req.params.issue_number));
      const list = s.comments.filter((c) => c.issue === pr.number).map((c) => comment(s.urls, c));
      return paginate(req, list);
    },
  },
  {
    method: 'POST',
    route: `${REPO}/issues/{issue_number}/comments`,
    handle(req, s) {
      const pr = s.pull(number(req.params.issue_number));
      const body = text(req.body.body);
      if (!body)
        throw unprocessable('Validation Failed', [
          { resource: 'IssueComment', code: 'missing_field', field: 'body' },
        ]);
      checkBody(body, 'IssueComment');
      const at = s.now();
      const created = { id: s.id(), issue: pr.number, body, createdAt: at, updatedAt: at };
      s.comments.push(created);
      return { status: 201, body: comment(s.urls, created) };
    },
  },
  {
    method: 'PATCH',
    route: `${REPO}/issues/comments/{comment_id}`,
    handle(req, s) {
      const found = s.comments.find((c) => c.id === Number(req.params.comment_id));
      if (!found) throw notFound();
      const body = text(req.body.body);
      if (!body)
        throw unprocessable('Validation Failed', [
          { resource: 'IssueComment', code: 'missing_field', field: 'body' },
        ]);
      checkBody(body, 'IssueComment');
      Object.assign(found, { body, updatedAt: s.now() });
      return { status: 200, body: comment(s.urls, found) };
    },
  },
  {
    method: 'GET',
    route: `${REPO}/commits/{commit_sha}/pulls`,
    handle(req, s) {
      const sha = req.params.commit_sha ?? '';
      const associated = s.pulls.filter((p) => p.mergeCommitSha === sha || p.headSha === sha);
      return paginate(
        req,
        associated.map((p) => simple(s, p)),
      );
    },
  },
];
