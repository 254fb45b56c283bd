import { ConfigError } from '../errors.js';
import type { RepoCoordinates } from './scm-port.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** Where and as whom the product talks to GitHub. Never log this object: it holds the token. */
export interface GitHubSettings extends RepoCoordinates {
  token: string;
  /** REST API root, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3` (no trailing slash) */
  apiUrl: string;
}

/**
 * Reads the variables GitHub Actions sets: `GITHUB_TOKEN` (the workflow passes it in `env:`),
 * `GITHUB_REPOSITORY` (`owner/name`) and `GITHUB_API_URL` (optional, defaults to api.github.com).
 */
export function gitHubSettingsFromEnv(env: Record<string, string | undefined>): GitHubSettings {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) {
    throw new ConfigError(
      'GITHUB_TOKEN is not set (in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}`; locally: a token with contents and pull-requests write access)',
    );
  }
  return { token, ...repositoryFromEnv(env), apiUrl: apiUrlFromEnv(env) };
}

function repositoryFromEnv(env: Record<string, string | undefined>): RepoCoordinates {
  const value = env.GITHUB_REPOSITORY?.trim();
  if (!value) throw new ConfigError('GITHUB_REPOSITORY is not set (expected "owner/name")');
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(value);
  if (!match?.[1] || !match[2] || match[2] === '.' || match[2] === '..') {
    throw new ConfigError(`GITHUB_REPOSITORY "${value}" is not "owner/name"`);
  }
  return { owner: match[1], repo: match[2] };
}

function apiUrlFromEnv(env: Record<string, string | undefined>): string {
  const value = env.GITHUB_API_URL?.trim();
  if (!value) return DEFAULT_GITHUB_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`GITHUB_API_URL "${value}" is not a URL (expected e.g. ${DEFAULT_GITHUB_API_URL})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`GITHUB_API_URL "${value}" must be an http(s) URL`);
  }
  if (url.username || url.password) throw new ConfigError('GITHUB_API_URL must not contain credentials');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
