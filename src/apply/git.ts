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

export interface AppliedTag {
  /** e.g. `routing-gitops/apply/123456` */
  name: string;
  /** the commit the tag is on */
  commit: string;
}

/**
 * Apply audit tags that contain `commit` (`--contains`: on it or a later commit) or that it contains (`--merged`:
 * on it or an earlier one), newest first. Empty outside a git work tree or when git does not know the commit.
 */
export async function appliedTags(
  cwd: string,
  relation: '--contains' | '--merged',
  commit: string,
): Promise<AppliedTag[]> {
  try {
    const { stdout } = await run(
      'git',
      [
        'tag',
        '--list',
        'routing-gitops/apply/*',
        relation,
        commit,
        '--sort=-refname',
        '--sort=-creatordate',
        '--format=%(refname:strip=2)%09%(*objectname)%09%(objectname)',
      ],
      { cwd },
    );
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name = '', peeled = '', object = ''] = line.split('\t');
        return { name, commit: peeled || object };
      });
  } catch {
    return [];
  }
}

/** The text of `file` (relative to `dir`) as committed in `commit`, or undefined when it is not there. */
export async function fileAtCommit(dir: string, commit: string, file: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['show', `${commit}:./${file}`], { cwd: dir, maxBuffer: 16 << 20 });
    return stdout;
  } catch {
    return undefined;
  }
}

/** Commits on the first-parent line after `from` up to `to`, newest first (at most `limit`); [] when unknown. */
export async function commitsSince(cwd: string, from: string, to: string, limit = 100): Promise<string[]> {
  try {
    const { stdout } = await run(
      'git',
      ['rev-list', '--first-parent', `--max-count=${limit}`, `${from}..${to}`],
      {
        cwd,
      },
    );
    return stdout.split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
