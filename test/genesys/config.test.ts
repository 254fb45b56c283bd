import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { configFromEnv } from '../../src/genesys/index.js';

const creds = { GENESYSCLOUD_OAUTHCLIENT_ID: 'id', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret' };

describe('configFromEnv', () => {
  it.each([
    ['us-east-1', 'mypurecloud.com'],
    ['eu-west-1', 'mypurecloud.ie'],
    ['us-west-2', 'usw2.pure.cloud'],
    ['eu-central-1', 'mypurecloud.de'],
    ['ap-southeast-2', 'mypurecloud.com.au'],
    ['ap-northeast-1', 'mypurecloud.jp'],
    ['ca-central-1', 'cac1.pure.cloud'],
    ['eu-west-2', 'euw2.pure.cloud'],
    ['ap-south-1', 'aps1.pure.cloud'],
    ['us-east-2', 'use2.us-gov-pure.cloud'],
    ['sa-east-1', 'sae1.pure.cloud'],
    ['ap-northeast-2', 'apne2.pure.cloud'],
    ['me-central-1', 'mec1.pure.cloud'],
    ['ap-northeast-3', 'apne3.pure.cloud'],
    ['eu-central-2', 'euc2.pure.cloud'],
  ])('GENESYSCLOUD_REGION %s → api/login.%s', (region, domain) => {
    const config = configFromEnv({ ...creds, GENESYSCLOUD_REGION: region });
    expect(config.apiBaseUrl).toBe(`https://api.${domain}`);
    expect(config.tokenUrl).toBe(`https://login.${domain}/oauth/token`);
  });

  it('accepts the SDK spelling with underscores and upper case', () => {
    expect(configFromEnv({ ...creds, GENESYSCLOUD_REGION: 'EU_WEST_1' }).apiBaseUrl).toBe(
      'https://api.mypurecloud.ie',
    );
  });

  it.each([
    ['https://api.mypurecloud.ie', 'https://api.mypurecloud.ie', 'https://login.mypurecloud.ie/oauth/token'],
    [
      'https://api.usw2.pure.cloud/',
      'https://api.usw2.pure.cloud',
      'https://login.usw2.pure.cloud/oauth/token',
    ],
    ['http://127.0.0.1:4567', 'http://127.0.0.1:4567', 'http://127.0.0.1:4567/oauth/token'],
    ['http://localhost:8080/api/v2', 'http://localhost:8080', 'http://localhost:8080/oauth/token'],
  ])('GENESYSCLOUD_API_REGION %s → %s, token at %s', (base, api, token) => {
    const config = configFromEnv({ ...creds, GENESYSCLOUD_API_REGION: base });
    expect(config).toEqual({ clientId: 'id', clientSecret: 'secret', apiBaseUrl: api, tokenUrl: token });
  });

  it('prefers GENESYSCLOUD_API_REGION over GENESYSCLOUD_REGION', () => {
    const config = configFromEnv({
      ...creds,
      GENESYSCLOUD_REGION: 'us-east-1',
      GENESYSCLOUD_API_REGION: 'http://127.0.0.1:9',
    });
    expect(config.apiBaseUrl).toBe('http://127.0.0.1:9');
  });

  it.each([
    [
      { GENESYSCLOUD_OAUTHCLIENT_SECRET: 's', GENESYSCLOUD_REGION: 'us-east-1' },
      'GENESYSCLOUD_OAUTHCLIENT_ID is not set',
    ],
    [
      { GENESYSCLOUD_OAUTHCLIENT_ID: 'i', GENESYSCLOUD_REGION: 'us-east-1' },
      'GENESYSCLOUD_OAUTHCLIENT_SECRET is not set',
    ],
    [{ ...creds, GENESYSCLOUD_OAUTHCLIENT_ID: '  ' }, 'GENESYSCLOUD_OAUTHCLIENT_ID is not set'],
    [creds, 'GENESYSCLOUD_REGION is not set'],
  ])('names the missing variable (%#)', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(message);
  });

  it('rejects an unknown region and an unusable base URL', () => {
    expect(() => configFromEnv({ ...creds, GENESYSCLOUD_REGION: 'mars-1' })).toThrow(
      /GENESYSCLOUD_REGION "mars-1" is not a Genesys Cloud region \(known: us-east-1, /,
    );
    expect(() => configFromEnv({ ...creds, GENESYSCLOUD_API_REGION: 'api.mypurecloud.ie' })).toThrow(
      ConfigError,
    );
    expect(() => configFromEnv({ ...creds, GENESYSCLOUD_API_REGION: 'ftp://x' })).toThrow(/http\(s\) URL/);
  });

  it('never puts the secret in an error message', () => {
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: 'x', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'top-secret-value' };
    const error = thrown(() => configFromEnv({ ...env, GENESYSCLOUD_REGION: 'nowhere' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('"nowhere"');
    expect(error.message).not.toContain('top-secret-value');
  });
});

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
