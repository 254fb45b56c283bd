import { ConfigError } from '../errors.js';
import { gitBlobSha } from './git-blob.js';
import type { GitCommit, GitTree, NewTreeEntry, ScmPort } from './scm-port.js';

export interface PlanFile {
  /** repository path with forward slashes, e.g. `desired-state/rule-weights.yaml` */
  path: string;
  content: string;
}

/** the base branch as the plan starts from it */
export interface BaseSnapshot {
  branch: string;
  headSha: string;
  commit: GitCommit;
  /** path → `mode sha` of every non-directory entry */
  entries: Map<string, string>;
  truncated: boolean;
}

export function checkPlanFiles(files: readonly PlanFile[]): void {
  const seen = new Set<string>();
  for (const { path } of files) {
    const segments = path.split('/');
    const unsafe =
      path.includes('\\') ||
      path.includes('\0') ||
      segments.some((s) => s === '' || s === '.' || s === '..') ||
      segments[0] === '.git';
    if (unsafe)
      throw new ConfigError(`plan file path "${path}" must be a relative path inside the repository`);
    if (seen.has(path)) throw new ConfigError(`plan file "${path}" is listed twice`);
    seen.add(path);
  }
}

function entryMap(tree: GitTree): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of tree.entries) if (e.type !== 'tree') map.set(e.path, `${e.mode} ${e.sha}`);
  return map;
}

export async function readBase(scm: ScmPort, branch: string): Promise<BaseSnapshot> {
  const headSha = await scm.getRef(`heads/${branch}`);
  if (!headSha) {
    const { owner, repo } = scm.repository;
    throw new ConfigError(`base branch "${branch}" does not exist in ${owner}/${repo}`);
  }
  const commit = await scm.getCommit(headSha);
  const tree = await scm.getTree(commit.treeSha);
  return { branch, headSha, commit, entries: entryMap(tree), truncated: tree.truncated };
}

function modeOf(entry: string | undefined): NewTreeEntry['mode'] {
  return entry?.startsWith('100755 ') ? '100755' : '100644';
}

/** the plan files whose content differs from the base branch, with the mode they keep */
export function changedFiles(base: BaseSnapshot, files: readonly PlanFile[]) {
  return files.flatMap((file) => {
    const sha = gitBlobSha(file.content);
    const existing = base.entries.get(file.path);
    const mode = modeOf(existing);
    return existing === `${mode} ${sha}` ? [] : [{ ...file, sha, mode }];
  });
}

type ChangedFile = ReturnType<typeof changedFiles>[number];

/** the branch is exactly one commit on the current base head with exactly the base tree plus the changes */
async function branchMatches(scm: ScmPort, head: string, base: BaseSnapshot, changed: ChangedFile[]) {
  if (base.truncated) return false;
  const commit = await scm.getCommit(head);
  if (commit.parents.length !== 1 || commit.parents[0] !== base.headSha) return false;
  const tree = await scm.getTree(commit.treeSha);
  if (tree.truncated) return false;
  const expected = new Map(base.entries);
  for (const file of changed) expected.set(file.path, `${file.mode} ${file.sha}`);
  const actual = entryMap(tree);
  if (actual.size !== expected.size) return false;
  for (const [path, entry] of expected) if (actual.get(path) !== entry) return false;
  return true;
}

/**
 * Makes `branch` one commit on top of the base head holding the changed files (git data API: blobs, a tree on
 * the base tree, a commit, then the ref created or force-moved). Pushes nothing when the branch already holds
 * exactly that content on the current base.
 */
export async function ensurePlanBranch(
  scm: ScmPort,
  input: { branch: string; base: BaseSnapshot; changed: ChangedFile[]; message: string },
): Promise<{ sha: string; pushed: boolean }> {
  const ref = `heads/${input.branch}`;
  const current = await scm.getRef(ref);
  if (current && (await branchMatches(scm, current, input.base, input.changed))) {
    return { sha: current, pushed: false };
  }
  const entries: NewTreeEntry[] = [];
  for (const file of input.changed) {
    const sha = await scm.createBlob(file.content);
    entries.push({ path: file.path, mode: file.mode, sha });
  }
  const treeSha = await scm.createTree(input.base.commit.treeSha, entries);
  const sha = await scm.createCommit({ message: input.message, treeSha, parents: [input.base.headSha] });
  if (current) await scm.forceUpdateRef(ref, sha);
  else await scm.createRef(ref, sha);
  return { sha, pushed: true };
}
