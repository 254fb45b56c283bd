/**
 * JSON as the GitHub REST API returns it, with every field GitHub's OpenAPI description marks required
 * (checked by fake-github-contract.test.ts).
 */

export interface FakeUrls {
  api: string;
  html: string;
  owner: string;
  repo: string;
}

export interface PullState {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  head: string;
  headSha: string;
  base: string;
  baseSha: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

export interface CommentState {
  id: number;
  issue: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

const EPOCH = '2025-01-01T00:00:00Z';

export function user(api: string, login: string, id: number) {
  const path = encodeURIComponent(login);
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.example/u/${id}`,
    gravatar_id: '',
    url: `${api}/users/${path}`,
    html_url: `https://github.example/${path}`,
    followers_url: `${api}/users/${path}/followers`,
    following_url: `${api}/users/${path}/following{/other_user}`,
    gists_url: `${api}/users/${path}/gists{/gist_id}`,
    starred_url: `${api}/users/${path}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/users/${path}/subscriptions`,
    organizations_url: `${api}/users/${path}/orgs`,
    repos_url: `${api}/users/${path}/repos`,
    events_url: `${api}/users/${path}/events{/privacy}`,
    received_events_url: `${api}/users/${path}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export function repository(u: FakeUrls, defaultBranch: string) {
  const r = `${u.api}/repos/${u.owner}/${u.repo}`;
  return {
    id: 1001,
    node_id: 'R_1001',
    name: u.repo,
    full_name: `${u.owner}/${u.repo}`,
    owner: user(u.api, u.owner, 1),
    private: true,
    html_url: `${u.html}/${u.owner}/${u.repo}`,
    description: null,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    git_url: `git://github.example/${u.owner}/${u.repo}.git`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    ssh_url: `git@github.example:${u.owner}/${u.repo}.git`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
    clone_url: `${u.html}/${u.owner}/${u.repo}.git`,
    mirror_url: null,
    hooks_url: `${r}/hooks`,
    svn_url: `${u.html}/${u.owner}/${u.repo}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: EPOCH,
    created_at: EPOCH,
    updated_at: EPOCH,
    license: null,
  };
}

export function fullRepository(u: FakeUrls, defaultBranch: string) {
  return { ...repository(u, defaultBranch), network_count: 0, subscribers_count: 0 };
}

export function label(u: FakeUrls, l: LabelState) {
  return {
    id: l.id,
    node_id: `LA_${l.id}`,
    url: `${u.api}/repos/${u.owner}/${u.repo}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

function pullLinks(u: FakeUrls, n: number, headSha: string) {
  const r = `${u.api}/repos/${u.owner}/${u.repo}`;
  return {
    url: `${r}/pulls/${n}`,
    html_url: `${u.html}/${u.owner}/${u.repo}/pull/${n}`,
    diff_url: `${u.html}/${u.owner}/${u.repo}/pull/${n}.diff`,
    patch_url: `${u.html}/${u.owner}/${u.repo}/pull/${n}.patch`,
    issue_url: `${r}/issues/${n}`,
    commits_url: `${r}/pulls/${n}/commits`,
    review_comments_url: `${r}/pulls/${n}/comments`,
    review_comment_url: `${r}/pulls/comments{/number}`,
    comments_url: `${r}/issues/${n}/comments`,
    statuses_url: `${r}/statuses/${headSha}`,
  };
}

/** `pull-request-simple` (lists) */
export function pullSimple(u: FakeUrls, p: PullState, labels: LabelState[], defaultBranch: string) {
  const links = pullLinks(u, p.number, p.headSha);
  const bot = user(u.api, 'github-actions[bot]', 41898282);
  const repo = repository(u, defaultBranch);
  const href = (h: string) => ({ href: h });
  return {
    ...links,
    id: p.id,
    node_id: `PR_${p.id}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: bot,
    body: p.body,
    labels: labels.map((l) => label(u, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: { label: `${u.owner}:${p.head}`, ref: p.head, sha: p.headSha, user: repo.owner, repo },
    base: { label: `${u.owner}:${p.base}`, ref: p.base, sha: p.baseSha, user: repo.owner, repo },
    _links: {
      self: href(links.url),
      html: href(links.html_url),
      issue: href(links.issue_url),
      comments: href(links.comments_url),
      review_comments: href(links.review_comments_url),
      review_comment: href(links.review_comment_url),
      commits: href(links.commits_url),
      statuses: href(links.statuses_url),
    },
    author_association: 'NONE',
    auto_merge: null,
    draft: false,
  };
}

/** `pull-request` (get, create, update) */
export function pullFull(
  u: FakeUrls,
  p: PullState,
  labels: LabelState[],
  defaultBranch: string,
  commentCount: number,
) {
  return {
    ...pullSimple(u, p, labels, defaultBranch),
    merged: p.mergedAt !== null,
    mergeable: p.state === 'open' ? true : null,
    rebaseable: null,
    mergeable_state: p.state === 'open' ? 'clean' : 'unknown',
    merged_by: p.mergedAt === null ? null : user(u.api, u.owner, 1),
    comments: commentCount,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

export function comment(u: FakeUrls, c: CommentState) {
  const r = `${u.api}/repos/${u.owner}/${u.repo}`;
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${r}/issues/comments/${c.id}`,
    html_url: `${u.html}/${u.owner}/${u.repo}/pull/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: user(u.api, 'github-actions[bot]', 41898282),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${r}/issues/${c.issue}`,
    author_association: 'NONE',
  };
}

export function gitRef(u: FakeUrls, ref: string, sha: string, type: 'commit' | 'tag') {
  const r = `${u.api}/repos/${u.owner}/${u.repo}`;
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${r}/git/${ref}`,
    object: { type, sha, url: `${r}/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}` },
  };
}

const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

export function gitCommit(
  u: FakeUrls,
  c: { sha: string; tree: string; parents: string[]; message: string; date: string },
) {
  const r = `${u.api}/repos/${u.owner}/${u.repo}`;
  const person = {
    name: 'github-actions[bot]',
    email: '41898282+github-actions[bot]@users.noreply.github.com',
    date: c.date,
  };
  return {
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${r}/git/commits/${c.sha}`,
    html_url: `${u.html}/${u.owner}/${u.repo}/commit/${c.sha}`,
    author: person,
    committer: person,
    message: c.message,
    tree: { sha: c.tree, url: `${r}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${r}/git/commits/${p}`,
      html_url: `${u.html}/${u.owner}/${u.repo}/commit/${p}`,
    })),
    verification: UNSIGNED,
  };
}

export function gitTag(
  u: FakeUrls,
  t: { sha: string; tag: string; message: string; object: string; date: string },
) {
  const r = `${u.api}/repos/${u.owner}/${u.repo}`;
  return {
    node_id: `TAG_${t.sha}`,
    tag: t.tag,
    sha: t.sha,
    url: `${r}/git/tags/${t.sha}`,
    message: t.message,
    tagger: {
      name: 'github-actions[bot]',
      email: '41898282+github-actions[bot]@users.noreply.github.com',
      date: t.date,
    },
    object: { sha: t.object, type: 'commit', url: `${r}/git/commits/${t.object}` },
    verification: UNSIGNED,
  };
}

export function gitTree(
  u: FakeUrls,
  sha: string,
  entries: { path: string; mode: string; type: string; sha: string; size?: number }[],
) {
  const r = `${u.api}/repos/${u.owner}/${u.repo}`;
  return {
    sha,
    url: `${r}/git/trees/${sha}`,
    truncated: false,
    tree: entries.map((e) => ({ ...e, url: `${r}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}` })),
  };
}

export const DOCS = 'https://docs.github.com/rest';

export function basicError(message: string, status: number) {
  return { message, documentation_url: DOCS, status: String(status) };
}

export function validationError(
  message: string,
  errors: { resource?: string; code: string; field?: string; message?: string }[] = [],
) {
  return { message, errors, documentation_url: DOCS, status: '422' };
}
