/** Loading desired state from disk: read files defensively, then the pure pipeline in ./build.ts. */
import path from 'node:path';
import { buildDesiredState, displayPath, EXPECTED_LAYOUT, sortProblems } from './build.js';
import type { LoadResult } from './build.js';
import { checkStateDir } from './dir-check.js';
import { readDesiredStateFiles } from './read-files.js';

export type { LoadResult } from './build.js';

export interface LoadOptions {
  /** base for a relative `dir` (default: the process's cwd) */
  cwd?: string;
  /** prefix of file names in messages (default: `dir` as given) */
  displayDir?: string;
  /** files larger than this are rejected unread (default 10 MB) */
  maxFileBytes?: number;
}

export async function loadDesiredState(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const absolute = path.resolve(options.cwd ?? process.cwd(), dir);
  const displayDir = (options.displayDir ?? dir).split(path.sep).join('/').replace(/\/+$/, '') || '.';
  const wrongDir = await checkStateDir(absolute, displayDir);
  if (wrongDir) return { errors: [{ file: displayDir, line: 1, col: 1, message: wrongDir }], warnings: [] };
  const read = await readDesiredStateFiles(absolute, {
    display: (rel) => displayPath(displayDir, rel),
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
  });
  const built = buildDesiredState(read.files, { dir: absolute, displayDir });
  const errors = sortProblems([...read.problems.filter((p) => p.severity !== 'warning'), ...built.errors]);
  const warnings = sortProblems([
    ...read.problems.filter((p) => p.severity === 'warning'),
    ...built.warnings,
  ]);
  if (read.files.length === 0 && read.problems.length === 0) {
    const message = `no desired-state files found (${EXPECTED_LAYOUT})`;
    warnings.push({ file: displayDir, line: 1, col: 1, message, severity: 'warning' });
  }
  if (errors.length > 0) {
    const partial = built.partial ?? built.value;
    return { errors, warnings, ...(partial ? { partial } : {}) };
  }
  return { ...built, errors, warnings };
}
