/** Whether the git work tree holding `dir` has uncommitted changes (false outside git: nothing to claim). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadDesiredState } from '../state/load.js';

const run = promisify(execFile);

export async function workTreeDirty(dir: string): Promise<boolean> {
  try {
    const { stdout } = await run('git', ['status', '--porcelain', '--untracked-files=no', '--', '.'], {
      cwd: dir,
    });
    return stdout.trim().length > 0;
  } catch {
    return false;
  }
}

/** email → the routing-profiles file that names the user (for the CSV's team_file); empty when dir is invalid. */
export async function teamFilesIn(dir: string): Promise<Map<string, string>> {
  const loaded = await loadDesiredState(dir);
  return new Map((loaded.value?.profiles ?? []).map((p) => [p.email.toLowerCase(), p.source.file]));
}
