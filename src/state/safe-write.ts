/**
 * Writing generated files inside a repository without being redirected: every path component below the root must
 * be a real directory or file (a symlink placed in `desired-state/plan/` would otherwise carry the write anywhere
 * the process may write), and each file is written to a temp file beside it and renamed over it, so a reader or a
 * crash sees the old bytes or the new, never half a file.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RoutingGitopsError } from '../errors.js';

export class UnsafePathError extends RoutingGitopsError {
  constructor(message: string) {
    super('UNSAFE_PATH', message);
  }
}

/** Writes `content` to `rel` (relative, forward or native slashes) under `root`, atomically, through no symlink. */
export async function writeFileInside(root: string, rel: string, content: string): Promise<void> {
  const parts = rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..') || path.isAbsolute(rel)) {
    throw new UnsafePathError(`refusing to write ${JSON.stringify(rel)}: not a path inside the repository`);
  }
  const shown = parts.join('/');
  let current = root;
  for (const [i, part] of parts.entries()) {
    current = path.join(current, part);
    const last = i === parts.length - 1;
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const here = parts.slice(0, i + 1).join('/');
    if (info?.isSymbolicLink()) {
      throw new UnsafePathError(
        `refusing to write ${shown}: ${here} is a symlink; generated files are written only as real files ` +
          `inside the repository. Remove the symlink (git rm ${here}) and run again`,
      );
    }
    if (!last && !info) await mkdir(current);
    else if (!last && !info?.isDirectory()) {
      throw new UnsafePathError(`refusing to write ${shown}: ${here} is not a directory`);
    } else if (last && info && !info.isFile()) {
      throw new UnsafePathError(`refusing to write ${shown}: it exists and is not a regular file`);
    }
  }
  const temp = path.join(path.dirname(current), `.${parts.at(-1)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, current);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
