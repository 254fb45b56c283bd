/**
 * The port through which the product talks to GitHub (release-please's `Scm`): just the REST operations the
 * plan pull request, the apply comment and the audit tag need. The real implementation is `octokit-scm.ts`;
 * tests use it against a local fake server, or pass any other implementation.
 */

export interface RepoCoordinates {
  owner: string;
  repo: string;
}

export interface GitCommit {
  sha: string;
  treeSha: string;
  parents: string[];
  message: string;
}

export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

export interface GitTree {
  sha: string;
  /** every entry, recursively (directories included as `tree` entries) */
  entries: TreeEntry[];
  /** GitHub cut the listing short (very large trees) */
  truncated: boolean;
}

export interface NewTreeEntry {
  path: string;
  mode: '100644' | '100755';
  /** sha of a blob created with `createBlob` (or already in the repository) */
  sha: string;
}

export interface PullRequest {
  number: number;
  /** the page a person opens (`html_url`) */
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  headRef: string;
  headSha: string;
  baseRef: string;
  labels: string[];
  mergedAt: string | undefined;
  mergeCommitSha: string | undefined;
  /** when it was closed (merged or not); absent while open */
  closedAt?: string | undefined;
}

export interface IssueComment {
  id: number;
  body: string;
  url: string;
}

export interface LabelSpec {
  name: string;
  /** six hex digits, no `#` */
  color: string;
  description: string;
}

/**
 * Refs are named as the git data API names them, without `refs/`: `heads/main`, `tags/v1`.
 * Methods that look something up return `undefined` for "not found"; every other failure throws an `ApiError`.
 */
export interface ScmPort {
  readonly repository: RepoCoordinates;
  getDefaultBranch(): Promise<string>;
  /** the sha the ref points at, or undefined when the ref does not exist */
  getRef(ref: string): Promise<string | undefined>;
  createRef(ref: string, sha: string): Promise<void>;
  /** moves the ref, with `force` (the plan branch is rebuilt on every run) */
  forceUpdateRef(ref: string, sha: string): Promise<void>;
  /** deletes the ref; a ref that is already gone is not an error */
  deleteRef(ref: string): Promise<void>;
  getCommit(sha: string): Promise<GitCommit>;
  /** the tree, recursively */
  getTree(treeSha: string): Promise<GitTree>;
  /** creates a blob from UTF-8 text, returns its sha */
  createBlob(content: string): Promise<string>;
  createTree(baseTreeSha: string, entries: NewTreeEntry[]): Promise<string>;
  createCommit(input: { message: string; treeSha: string; parents: string[] }): Promise<string>;
  /** an annotated tag object pointing at a commit; returns the tag object's sha (create the ref separately) */
  createTagObject(input: { tag: string; message: string; commitSha: string }): Promise<string>;
  /** a blob's content as UTF-8 text (reviewer control reads closed plan pull requests' files) */
  getBlob?(sha: string): Promise<string>;
  /** closed pull requests from `head` (a branch of this repository), most recently closed first, at most 30 */
  listClosedPullRequests?(head: string): Promise<PullRequest[]>;
  /** the open pull request from `head` (a branch of this repository), whatever its base, if any */
  findOpenPullRequest(head: string): Promise<PullRequest | undefined>;
  getPullRequest(number: number): Promise<PullRequest>;
  createPullRequest(input: { title: string; body: string; head: string; base: string }): Promise<PullRequest>;
  updatePullRequest(
    number: number,
    patch: { title?: string; body?: string; base?: string; state?: 'open' | 'closed' },
  ): Promise<PullRequest>;
  /** pull requests associated with a commit (merged as it, or having it as head) */
  pullRequestsForCommit(sha: string): Promise<PullRequest[]>;
  /** creates the repository label; a label that already exists is not an error */
  ensureLabel(label: LabelSpec): Promise<void>;
  addLabels(issueNumber: number, labels: string[]): Promise<void>;
  /** every comment on the issue or pull request, oldest first */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
}
