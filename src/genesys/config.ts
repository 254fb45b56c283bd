import { ConfigError } from '../errors.js';

/** Where and as whom the client talks to Genesys Cloud. */
export interface GenesysConfig {
  clientId: string;
  clientSecret: string;
  /** API origin, e.g. `https://api.mypurecloud.ie` or the emulator's `http://127.0.0.1:PORT` */
  apiBaseUrl: string;
  /** OAuth token endpoint, e.g. `https://login.mypurecloud.ie/oauth/token`; derived from apiBaseUrl when absent */
  tokenUrl?: string;
}

/**
 * Genesys Cloud regions (AWS region names, as CX as Code's `GENESYSCLOUD_REGION` takes them) and their
 * environment domains. Source: the official SDK's `PureCloudRegionHosts` (purecloud-platform-client-v2).
 */
export const REGION_DOMAINS: Readonly<Record<string, string>> = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'mx-central-1': 'mxc1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'eusc-de-east-1': 'edee1.eusc-pure.cloud',
  'me-central-1': 'mec1.pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-southeast-1': 'apse1.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud',
};

/**
 * Reads the CX-as-Code environment variables. `GENESYSCLOUD_API_REGION` (a base URL) wins over
 * `GENESYSCLOUD_REGION` (a region name); one of them is required. When both are set and name different hosts,
 * `warn` is told which one is used.
 */
export function configFromEnv(
  env: Record<string, string | undefined>,
  warn: (message: string) => void = () => undefined,
): Required<GenesysConfig> {
  const clientId = required(env, 'GENESYSCLOUD_OAUTHCLIENT_ID');
  const clientSecret = required(env, 'GENESYSCLOUD_OAUTHCLIENT_SECRET');
  const apiRegion = env.GENESYSCLOUD_API_REGION?.trim();
  const region = env.GENESYSCLOUD_REGION?.trim();
  if (apiRegion) {
    const endpoints = endpointsFromBaseUrl(apiRegion);
    if (region) warnOnDisagreement(region, endpoints.apiBaseUrl, warn);
    return { clientId, clientSecret, ...endpoints };
  }
  if (!region) {
    throw new ConfigError(
      'GENESYSCLOUD_REGION is not set (or set GENESYSCLOUD_API_REGION to the API base URL, e.g. https://api.mypurecloud.ie)',
    );
  }
  return { clientId, clientSecret, ...endpointsFromRegion(region) };
}

function warnOnDisagreement(region: string, apiBaseUrl: string, warn: (message: string) => void): void {
  let regional: string;
  try {
    regional = endpointsFromRegion(region).apiBaseUrl;
  } catch {
    warn(
      `GENESYSCLOUD_REGION "${region}" is not a known region and GENESYSCLOUD_API_REGION is set: using ` +
        `GENESYSCLOUD_API_REGION (${apiBaseUrl}); unset one of them`,
    );
    return;
  }
  if (regional === apiBaseUrl) return;
  warn(
    `GENESYSCLOUD_REGION "${region}" (${regional}) and GENESYSCLOUD_API_REGION (${apiBaseUrl}) disagree: ` +
      'using GENESYSCLOUD_API_REGION; unset the one you do not mean',
  );
}

export interface Endpoints {
  apiBaseUrl: string;
  tokenUrl: string;
}

export function endpointsFromRegion(region: string): Endpoints {
  const domain = REGION_DOMAINS[region.toLowerCase().replaceAll('_', '-')];
  if (!domain) {
    const known = Object.keys(REGION_DOMAINS).join(', ');
    throw new ConfigError(`GENESYSCLOUD_REGION "${region}" is not a Genesys Cloud region (known: ${known})`);
  }
  return { apiBaseUrl: `https://api.${domain}`, tokenUrl: `https://login.${domain}/oauth/token` };
}

/**
 * `https://api.X` → token at `https://login.X/oauth/token`; any other origin (the emulator) serves the token
 * endpoint itself.
 */
export function endpointsFromBaseUrl(baseUrl: string): Endpoints {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError(
      `GENESYSCLOUD_API_REGION "${baseUrl}" is not a URL (expected e.g. https://api.mypurecloud.ie)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`GENESYSCLOUD_API_REGION "${baseUrl}" must be an http(s) URL`);
  }
  const apiBaseUrl = url.origin;
  if (url.hostname.startsWith('api.')) {
    const login = new URL(apiBaseUrl);
    login.hostname = `login.${url.hostname.slice('api.'.length)}`;
    return { apiBaseUrl, tokenUrl: `${login.origin}/oauth/token` };
  }
  return { apiBaseUrl, tokenUrl: `${apiBaseUrl}/oauth/token` };
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is not set`);
  return value;
}
