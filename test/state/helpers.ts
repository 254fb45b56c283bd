import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatProblem } from '../../src/errors.js';
import { buildDesiredState } from '../../src/state/build.js';
import type { LoadResult } from '../../src/state/build.js';

export const HEAD = 'apiVersion: routing-gitops/v1\n';
export const PROFILES = `${HEAD}kind: RoutingProfiles\n`;
export const WEIGHTS = `${HEAD}kind: RuleWeights\n`;
export const SETTINGS = `${HEAD}kind: Settings\n`;

/** Builds from in-memory files (relative path → text) as if they sat in a dir called `ds`. */
export function build(files: Record<string, string>): LoadResult {
  return buildDesiredState(
    Object.entries(files).map(([rel, text]) => ({ rel, text })),
    { dir: '/nowhere/ds', displayDir: 'ds' },
  );
}

/** Every problem as the CLI prints it; warnings marked. */
export function problems(files: Record<string, string>): string[] {
  const result = build(files);
  return [
    ...result.errors.map(formatProblem),
    ...result.warnings.map((w) => `${formatProblem(w)} [warning]`),
  ];
}

/** A table of named cases → one block of text per case (for one inline snapshot per table). */
export function table(cases: Record<string, Record<string, string>>): string {
  return Object.entries(cases)
    .map(([name, files]) => [`${name}:`, ...problems(files).map((p) => `  ${p}`)].join('\n'))
    .join('\n');
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'routing-gitops-state-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
