import { GitStore } from './git-store.js';
import type { CommentState, FakeUrls, LabelState, PullState } from './representations.js';
import { basicError, validationError } from './representations.js';

/** thrown by handlers; becomes the response */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export function notFound(): HttpError {
  return new HttpError(404, basicError('Not Found', 404));
}

export function unprocessable(
  message: string,
  errors: Parameters<typeof validationError>[1] = [],
): HttpError {
  return new HttpError(422, validationError(message, errors));
}

/** In-memory repository: git objects and refs, pull requests, comments, labels. */
export class FakeState {
  readonly git = new GitStore();
  readonly pulls: PullState[] = [];
  readonly comments: CommentState[] = [];
  readonly labels = new Map<string, LabelState>();
  private nextId = 100;
  private tick = 0;

  constructor(
    readonly urls: FakeUrls,
    readonly defaultBranch: string,
  ) {}

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** deterministic timestamps, one second apart */
  now(): string {
    this.tick += 1;
    return new Date(Date.UTC(2025, 0, 1) + this.tick * 1000).toISOString().replace('.000Z', 'Z');
  }

  pull(number: number): PullState {
    const found = this.pulls.find((p) => p.number === number);
    if (!found) throw notFound();
    return found;
  }

  labelsOf(pull: PullState): LabelState[] {
    return pull.labels.flatMap((name) => {
      const l = this.labels.get(name);
      return l ? [l] : [];
    });
  }

  commentCount(issue: number): number {
    return this.comments.filter((c) => c.issue === issue).length;
  }

  /** a label as GitHub creates it implicitly when it is added to an issue */
  ensureLabel(name: string, color = 'ededed', description: string | null = null): LabelState {
    const existing = this.labels.get(name);
    if (existing) return existing;
    const created = { id: this.id(), name, color, description };
    this.labels.set(name, created);
    return created;
  }

  /** commit `files` on top of `branch` (creating the branch from nothing when it does not exist) */
  commitFiles(branch: string, files: Record<string, string>, message: string): string {
    const ref = `refs/heads/${branch}`;
    const parent = this.git.refs.get(ref);
    const base = parent ? this.git.trees.get(this.git.commits.get(parent)!.tree)!.files : new Map();
    const next = new Map(base);
    for (const [path, content] of Object.entries(files)) {
      next.set(path, { mode: '100644', sha: this.git.putBlob(Buffer.from(content, 'utf8')) });
    }
    const tree = this.git.putTree(next);
    const commit = this.git.putCommit({
      tree: tree.sha,
      parents: parent ? [parent] : [],
      message,
      date: this.now(),
    });
    this.git.refs.set(ref, commit.sha);
    return commit.sha;
  }

  /** merges an open pull request with a merge commit, as the merge button does */
  merge(number: number): string {
    const pr = this.pull(number);
    if (pr.state !== 'open') throw new Error(`pull request #${number} is not open`);
    const baseRef = `refs/heads/${pr.base}`;
    const baseHead = this.git.refs.get(baseRef)!;
    const headTree = this.git.commits.get(pr.headSha)!.tree;
    const commit = this.git.putCommit({
      tree: headTree,
      parents: [baseHead, pr.headSha],
      message: `Merge pull request #${number} from ${this.urls.owner}/${pr.head}`,
      date: this.now(),
    });
    this.git.refs.set(baseRef, commit.sha);
    const at = this.now();
    Object.assign(pr, {
      state: 'closed',
      mergedAt: at,
      closedAt: at,
      updatedAt: at,
      mergeCommitSha: commit.sha,
    });
    return commit.sha;
  }
}
