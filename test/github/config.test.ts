import { describe, expect, it } from 'vitest';
import { gitHubSettingsFromEnv } from '../../src/github/config.js';
import { ConfigError } from '../../src/errors.js';

const TOKEN = 'ghs_CANARY0123456789abcdef';
const BASE = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'acme/routing' };

describe('gitHubSettingsFromEnv', () => {
  it('reads what GitHub Actions sets, with api.github.com as the default API', () => {
    expect(gitHubSettingsFromEnv(BASE)).toEqual({
      token: TOKEN,
      owner: 'acme',
      repo: 'routing',
      apiUrl: 'https://api.github.com',
    });
    expect(gitHubSettingsFromEnv({ ...BASE, GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }).apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
  });

  it.each([
    [{ GITHUB_REPOSITORY: 'acme/routing' }, /^GITHUB_TOKEN is not set/],
    [{ GITHUB_TOKEN: '  ', GITHUB_REPOSITORY: 'acme/routing' }, /^GITHUB_TOKEN is not set/],
    [{ GITHUB_TOKEN: TOKEN }, /^GITHUB_REPOSITORY is not set/],
    [{ ...BASE, GITHUB_REPOSITORY: 'routing' }, /^GITHUB_REPOSITORY "routing" is not "owner\/name"/],
    [{ ...BASE, GITHUB_REPOSITORY: 'acme/../x' }, /^GITHUB_REPOSITORY "acme\/..\/x" is not/],
    [{ ...BASE, GITHUB_API_URL: 'not a url' }, /^GITHUB_API_URL "not a url" is not a URL/],
    [{ ...BASE, GITHUB_API_URL: 'ftp://x' }, /^GITHUB_API_URL "ftp:\/\/x" must be an http\(s\) URL/],
    [{ ...BASE, GITHUB_API_URL: 'https://u:p@x' }, /^GITHUB_API_URL must not contain credentials/],
  ])('%o → ConfigError naming the variable', (env, message) => {
    let caught: unknown;
    try {
      gitHubSettingsFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain(TOKEN);
  });
});
