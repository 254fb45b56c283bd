import { createHash } from 'node:crypto';
import { gitBlobSha } from '../../../src/github/git-blob.js';

/** A tree kept flat: path → blob (directories are derived). Good enough for a fake; shas are deterministic. */
export interface FlatTree {
  sha: string;
  files: Map<string, { mode: string; sha: string }>;
}

export interface StoredCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  date: string;
}

export interface StoredTag {
  sha: string;
  tag: string;
  message: string;
  object: string;
  date: string;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** blobs hash the way git does (the code under test compares them); trees, commits and tags need only be stable */
export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, FlatTree>();
  readonly commits = new Map<string, StoredCommit>();
  readonly tags = new Map<string, StoredTag>();
  /** full ref name (`refs/heads/main`) → sha */
  readonly refs = new Map<string, string>();

  putBlob(content: Buffer): string {
    const sha = gitBlobSha(content.toString('utf8'));
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(files: Map<string, { mode: string; sha: string }>): FlatTree {
    const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : 1));
    const sha = sha1(`tree\0${JSON.stringify(sorted)}`);
    const tree = { sha, files: new Map(sorted) };
    this.trees.set(sha, tree);
    return tree;
  }

  putCommit(input: Omit<StoredCommit, 'sha'>): StoredCommit {
    const sha = sha1(`commit\0${JSON.stringify(input)}`);
    const commit = { sha, ...input };
    this.commits.set(sha, commit);
    return commit;
  }

  putTag(input: Omit<StoredTag, 'sha'>): StoredTag {
    const sha = sha1(`tag\0${JSON.stringify(input)}`);
    const tag = { sha, ...input };
    this.tags.set(sha, tag);
    return tag;
  }

  /** is `ancestor` reachable from `sha` through parents? */
  isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (next === ancestor) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return false;
  }

  /** the files of a commit's tree as text */
  filesAt(commitSha: string): Map<string, string> {
    const commit = this.commits.get(commitSha);
    const tree = commit ? this.trees.get(commit.tree) : undefined;
    const out = new Map<string, string>();
    for (const [path, entry] of tree?.files ?? [])
      out.set(path, this.blobs.get(entry.sha)?.toString('utf8') ?? '');
    return out;
  }

  /** directory entries derived from a flat tree (for recursive listings), sorted */
  listing(tree: FlatTree, recursive: boolean) {
    const dirs = new Map<string, Map<string, { mode: string; sha: string }>>();
    for (const [path, entry] of tree.files) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        const inner = dirs.get(dir) ?? new Map<string, { mode: string; sha: string }>();
        inner.set(parts.slice(i).join('/'), entry);
        dirs.set(dir, inner);
      }
    }
    const entries: { path: string; mode: string; type: 'blob' | 'tree'; sha: string; size?: number }[] = [];
    for (const [path, inner] of dirs) {
      if (recursive || !path.includes('/')) {
        entries.push({
          path,
          mode: '040000',
          type: 'tree',
          sha: sha1(`tree\0${JSON.stringify([...inner])}`),
        });
      }
    }
    for (const [path, entry] of tree.files) {
      if (recursive || !path.includes('/')) {
        entries.push({
          path,
          mode: entry.mode,
          type: 'blob',
          sha: entry.sha,
          size: this.blobs.get(entry.sha)?.length,
        });
      }
    }
    return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
  }
}
