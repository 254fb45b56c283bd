/** Writes init's files; refuses to overwrite any existing file unless forced, and then writes nothing. */
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';

export async function writeScaffold(
  dir: string,
  files: Readonly<Record<string, string>>,
  options: { force?: boolean } = {},
): Promise<string[]> {
  const targets = Object.keys(files).sort();
  if (!options.force) {
    const existing: string[] = [];
    for (const rel of targets) if (await exists(path.join(dir, rel))) existing.push(rel);
    if (existing.length > 0) {
      const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ', …' : '');
      throw new ConfigError(
        `${dir} already has ${existing.length === 1 ? 'a file' : `${existing.length} files`} init would write (${shown}); ` +
          'nothing was written. Pass --force to overwrite them, or choose another --dir',
      );
    }
  }
  for (const rel of targets) {
    const target = path.join(dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, files[rel]!);
  }
  return targets;
}

/** The package's own .github/workflows files by name. */
export async function readPackageWorkflows(root: string): Promise<Record<string, string>> {
  const dir = path.join(root, '.github', 'workflows');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n));
  if (names.length === 0) {
    throw new ConfigError(
      `no workflows in ${dir}: this installation of routing-gitops is incomplete; reinstall it`,
    );
  }
  const out: Record<string, string> = {};
  for (const name of names) out[name] = await readFile(path.join(dir, name), 'utf8');
  return out;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
