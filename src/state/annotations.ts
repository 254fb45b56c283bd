/**
 * GitHub Actions workflow commands for problems (`::error file=…,line=…,col=…::message`), escaped the way the
 * Actions toolkit escapes them, with file paths made relative to the repository root (GITHUB_WORKSPACE).
 */
import path from 'node:path';
import type { SourceProblem } from '../errors.js';
import { inert } from '../safe-text.js';

export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export interface AnnotationOptions {
  /** where relative problem paths are relative to (default: GITHUB_WORKSPACE, else the process's cwd) */
  cwd?: string;
}

/** One workflow command per problem when running under GitHub Actions; none otherwise. */
export function formatAnnotations(
  problems: readonly SourceProblem[],
  env: Readonly<Record<string, string | undefined>>,
  options: AnnotationOptions = {},
): string[] {
  if (env.GITHUB_ACTIONS !== 'true') return [];
  const workspace = env.GITHUB_WORKSPACE;
  const cwd = options.cwd ?? workspace ?? process.cwd();
  return problems.map((p) => {
    const command = p.severity === 'warning' ? 'warning' : 'error';
    const file = repoPath(p.file, cwd, workspace);
    const props = `file=${escapeProperty(file)},line=${p.line},col=${p.col}`;
    return `::${command} ${props}::${inert(escapeData(p.message))}`;
  });
}

function repoPath(file: string, cwd: string, workspace: string | undefined): string {
  const absolute = path.resolve(cwd, file);
  if (!workspace) return file.split(path.sep).join('/');
  const relative = path.relative(workspace, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join('/');
}
