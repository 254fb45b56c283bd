import { fullRepository, gitCommit, gitRef, gitTag, gitTree } from './representations.js';
import { text, type RouteDef } from './routes.js';
import { notFound, unprocessable, type FakeState } from './state.js';

const REPO = '/repos/{owner}/{repo}';

function refResponse(s: FakeState, ref: string, sha: string) {
  return gitRef(s.urls, ref, sha, s.git.tags.has(sha) ? 'tag' : 'commit');
}

function objectExists(s: FakeState, sha: string): boolean {
  return s.git.commits.has(sha) || s.git.tags.has(sha);
}

export const gitRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: REPO,
    handle: (_req, s) => ({ status: 200, body: fullRepository(s.urls, s.defaultBranch) }),
  },
  {
    method: 'GET',
    route: `${REPO}/git/ref/{ref}`,
    handle(req, s) {
      const ref = `refs/${req.params.ref}`;
      const sha = s.git.refs.get(ref);
      if (!sha) throw notFound();
      return { status: 200, body: refResponse(s, ref, sha) };
    },
  },
  {
    method: 'POST',
    route: `${REPO}/git/refs`,
    handle(req, s) {
      const ref = text(req.body.ref);
      const sha = text(req.body.sha);
      if (!ref || !sha || !/^refs\/[^/]+\/.+/.test(ref)) throw unprocessable('ref must be fully qualified');
      if (s.git.refs.has(ref)) throw unprocessable('Reference already exists');
      if (!objectExists(s, sha)) throw unprocessable('Object does not exist');
      s.git.refs.set(ref, sha);
      return { status: 201, body: refResponse(s, ref, sha) };
    },
  },
  {
    method: 'PATCH',
    route: `${REPO}/git/refs/{ref}`,
    handle(req, s) {
      const ref = `refs/${req.params.ref}`;
      const sha = text(req.body.sha);
      const current = s.git.refs.get(ref);
      if (!current) throw unprocessable('Reference does not exist');
      if (!sha || !objectExists(s, sha)) throw unprocessable('Object does not exist');
      if (req.body.force !== true && !s.git.isAncestor(current, sha))
        throw unprocessable('Update is not a fast forward');
      s.git.refs.set(ref, sha);
      for (const pr of s.pulls) if (`refs/heads/${pr.head}` === ref && pr.state === 'open') pr.headSha = sha;
      return { status: 200, body: refResponse(s, ref, sha) };
    },
  },
  {
    method: 'DELETE',
    route: `${REPO}/git/refs/{ref}`,
    handle(req, s) {
      const ref = `refs/${req.params.ref}`;
      if (!s.git.refs.delete(ref)) throw unprocessable('Reference does not exist');
      // GitHub closes the open pull requests whose head branch is deleted
      for (const pr of s.pulls) {
        if (`refs/heads/${pr.head}` === ref && pr.state === 'open') {
          Object.assign(pr, { state: 'closed', closedAt: s.now(), updatedAt: s.now() });
        }
      }
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    route: `${REPO}/git/commits/{commit_sha}`,
    handle(req, s) {
      const commit = s.git.commits.get(req.params.commit_sha ?? '');
      if (!commit) throw notFound();
      return { status: 200, body: gitCommit(s.urls, commit) };
    },
  },
  {
    method: 'POST',
    route: `${REPO}/git/commits`,
    handle(req, s) {
      const message = text(req.body.message);
      const tree = text(req.body.tree);
      const parents = Array.isArray(req.body.parents) ? req.body.parents.map(String) : [];
      if (message === undefined || !tree || !s.git.trees.has(tree))
        throw unprocessable('Tree SHA does not exist');
      if (parents.some((p) => !s.git.commits.has(p))) throw unprocessable('Parent SHA does not exist');
      const commit = s.git.putCommit({ tree, parents, message, date: s.now() });
      return { status: 201, body: gitCommit(s.urls, commit) };
    },
  },
  {
    method: 'GET',
    route: `${REPO}/git/trees/{tree_sha}`,
    handle(req, s) {
      const sha = req.params.tree_sha ?? '';
      const tree = s.git.trees.get(sha) ?? s.git.trees.get(s.git.commits.get(sha)?.tree ?? '');
      if (!tree) throw notFound();
      const recursive = Boolean(req.query.get('recursive'));
      return { status: 200, body: gitTree(s.urls, tree.sha, s.git.listing(tree, recursive)) };
    },
  },
  {
    method: 'POST',
    route: `${REPO}/git/trees`,
    handle(req, s) {
      const baseSha = text(req.body.base_tree);
      const base = baseSha ? s.git.trees.get(baseSha) : undefined;
      if (baseSha && !base) throw unprocessable('base_tree is not a valid tree');
      const files = new Map(base?.files ?? []);
      const entries = Array.isArray(req.body.tree) ? (req.body.tree as Record<string, unknown>[]) : [];
      for (const entry of entries) {
        const path = text(entry.path);
        const mode = text(entry.mode) ?? '100644';
        if (!path || entry.type !== 'blob') throw unprocessable('tree entries must be blobs with a path');
        if (entry.sha === null) {
          files.delete(path);
          continue;
        }
        const sha = text(entry.sha) ?? s.git.putBlob(Buffer.from(text(entry.content) ?? '', 'utf8'));
        if (!s.git.blobs.has(sha)) throw unprocessable(`tree.sha ${sha} is not a valid blob`);
        files.set(path, { mode, sha });
      }
      const tree = s.git.putTree(files);
      return { status: 201, body: gitTree(s.urls, tree.sha, s.git.listing(tree, false)) };
    },
  },
  {
    method: 'POST',
    route: `${REPO}/git/blobs`,
    handle(req, s) {
      const content = text(req.body.content);
      if (content === undefined) throw unprocessable('content is missing');
      const bytes =
        req.body.encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
      const sha = s.git.putBlob(bytes);
      return {
        status: 201,
        body: { sha, url: `${s.urls.api}/repos/${s.urls.owner}/${s.urls.repo}/git/blobs/${sha}` },
      };
    },
  },
  {
    method: 'GET',
    route: `${REPO}/git/blobs/{file_sha}`,
    handle(req, s) {
      const sha = req.params.file_sha ?? '';
      const bytes = s.git.blobs.get(sha);
      if (!bytes) throw notFound();
      return {
        status: 200,
        body: {
          sha,
          node_id: `B_${sha.slice(0, 16)}`,
          url: `${s.urls.api}/repos/${s.urls.owner}/${s.urls.repo}/git/blobs/${sha}`,
          size: bytes.length,
          content: bytes.toString('base64'),
          encoding: 'base64',
        },
      };
    },
  },
  {
    method: 'POST',
    route: `${REPO}/git/tags`,
    handle(req, s) {
      const tag = text(req.body.tag);
      const message = text(req.body.message);
      const object = text(req.body.object);
      if (!tag || message === undefined || !object || req.body.type !== 'commit')
        throw unprocessable('Invalid request');
      if (!s.git.commits.has(object)) throw unprocessable('Object does not exist');
      const stored = s.git.putTag({ tag, message, object, date: s.now() });
      return { status: 201, body: gitTag(s.urls, stored) };
    },
  },
];
