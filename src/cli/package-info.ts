/** This package's own name, version and GitHub repository, read from its package.json at run time. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
  /** `owner/name` on GitHub, where action.yml lives */
  repository: string;
  /** the package root (holds package.json, .github/workflows, templates) */
  root: string;
}

/** src/cli and dist/cli are both two levels below the package root. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  const json = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
    name: string;
    version: string;
    repository?: string | { url?: string };
  };
  const url = typeof json.repository === 'string' ? json.repository : (json.repository?.url ?? '');
  const repository = /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url)?.[1] ?? '';
  cached = { name: json.name, version: json.version, repository, root: ROOT };
  return cached;
}
