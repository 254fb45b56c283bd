/**
 * Reads the YAML files of a desired-state dir defensively: size cap before reading, binary and encoding checks,
 * symlinks must stay inside the dir, special files are never opened. `plan/` and `schemas/` (output) and dot
 * files are skipped; other non-YAML files are ignored with a warning.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceProblem } from '../errors.js';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const SKIPPED_TOP_DIRS = new Set(['plan', 'schemas']);

export interface SourceFile {
  /** path relative to the desired-state dir, forward slashes */
  rel: string;
  text: string;
}

export interface ReadResult {
  files: SourceFile[];
  problems: SourceProblem[];
}

export interface ReadOptions {
  maxFileBytes?: number;
  /** how a relative path appears in messages */
  display: (rel: string) => string;
}

export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

export async function readDesiredStateFiles(root: string, options: ReadOptions): Promise<ReadResult> {
  const result: ReadResult = { files: [], problems: [] };
  const problem = (
    rel: string,
    message: string,
    severity: 'error' | 'warning' = 'error',
    line = 1,
    col = 1,
  ) => result.problems.push({ file: options.display(rel), line, col, message, severity });
  let rootReal: string;
  try {
    rootReal = await realpath(root);
    if (!(await stat(rootReal)).isDirectory()) throw new Error('not a directory');
  } catch {
    problem('', 'directory not found');
    return result;
  }
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const visited = new Set<string>([rootReal]);
  const pending: { real: string; rel: string }[] = [{ real: rootReal, rel: '' }];
  for (let dir = pending.shift(); dir; dir = pending.shift()) {
    const entries = await readdir(dir.real, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = dir.rel ? `${dir.rel}/${entry.name}` : entry.name;
      let real = path.join(dir.real, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await realpath(real).catch(() => undefined);
        if (!target) {
          problem(rel, 'broken symlink');
          continue;
        }
        if (target !== rootReal && !target.startsWith(rootReal + path.sep)) {
          problem(rel, 'symlink points outside the desired-state directory; refusing to read it');
          continue;
        }
        real = target;
      }
      const info = await stat(real).catch(() => undefined);
      if (!info) {
        problem(rel, 'cannot be read');
        continue;
      }
      if (info.isDirectory()) {
        if (dir.rel === '' && SKIPPED_TOP_DIRS.has(entry.name)) continue;
        if (!visited.has(real)) pending.push({ real, rel });
        visited.add(real);
        continue;
      }
      if (!info.isFile()) {
        problem(rel, 'not a regular file; ignored', 'warning');
        continue;
      }
      if (!isYamlName(entry.name)) {
        problem(rel, 'not a .yaml or .yml file; ignored', 'warning');
        continue;
      }
      const read = await readCapped(real, maxBytes);
      if (read.tooLarge !== undefined) {
        problem(rel, `file is ${formatBytes(read.tooLarge)}; the limit is ${formatBytes(maxBytes)}`);
        continue;
      }
      const decoded = decodeText(read.bytes);
      if ('error' in decoded) problem(rel, decoded.error, 'error', decoded.line, decoded.col);
      else result.files.push({ rel, text: decoded.text });
    }
  }
  return result;
}

/** Reads at most `max` bytes; a larger file is reported without being read. */
async function readCapped(file: string, max: number): Promise<{ bytes: Buffer; tooLarge?: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > max) return { bytes: Buffer.alloc(0), tooLarge: size };
    const bytes = Buffer.alloc(size + 1);
    let length = 0;
    while (length < bytes.length) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > max) return { bytes: Buffer.alloc(0), tooLarge: length };
    return { bytes: bytes.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

type Decoded = { text: string } | { error: string; line: number; col: number };

/** UTF-8 text only: NUL bytes or invalid UTF-8 mean binary junk. */
export function decodeText(bytes: Buffer): Decoded {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const before = bytes.subarray(0, nul).toString('utf8');
    return { error: 'binary content (NUL byte); expected UTF-8 YAML text', ...position(before) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    return { error: 'invalid UTF-8; expected UTF-8 YAML text', ...position(lossy.slice(0, Math.max(at, 0))) };
  }
}

function position(before: string): { line: number; col: number } {
  const lines = before.split('\n');
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}
