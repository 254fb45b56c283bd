import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The commit checked out in `cwd`, or undefined outside a git work tree. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records an apply in git as an annotated tag on the applied commit (`git tag -l 'routing-gitops/apply/*' -n20`
 * shows the history). Under GitHub Actions the tag is made through the API instead (src/github/audit-tag.ts).
 */
export async function recordAuditTag(
  cwd: string,
  init: { name: string; message: string; commit: string },
): Promise<void> {
  await run(
    'git',
    [
      '-c',
      'user.name=routing-gitops',
      '-c',
      'user.email=routing-gitops@users.noreply.github.com',
      'tag',
      '-a',
      init.name,
      '-m',
      init.message,
      init.commit,
    ],
    { cwd },
  );
}

/** When git last changed `dir` (its last commit), or undefined outside a git work tree. */
export async function lastCommitTime(dir: string): Promise<Date | undefined> {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%cI', '--', '.'], { cwd: dir });
    const text = stdout.trim();
    return text ? new Date(text) : undefined;
  } catch {
    return undefined;
  }
}
