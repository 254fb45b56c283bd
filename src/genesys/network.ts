import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ConfigError } from '../errors.js';

/**
 * Network limits. Together they bound a dead or stuck API: a connection that cannot be made fails in 10 s, an
 * accepted request with no answer in 30 s, a stalled or trickling answer in 60 s; a call retries no-answers
 * for at most a minute; the CLI sets a deadline for the whole run below the workflows' timeouts.
 */
export const NETWORK_DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  noAnswerBudgetMs: 60_000,
  maxResponseBytes: 64 * 1024 * 1024,
} as const;

/** The run deadline the CLI uses unless `ROUTING_GITOPS_DEADLINE_SECONDS` says otherwise: 25 minutes. */
export const DEFAULT_DEADLINE_SECONDS = 25 * 60;
export const DEADLINE_ENV = 'ROUTING_GITOPS_DEADLINE_SECONDS';

/** `ROUTING_GITOPS_DEADLINE_SECONDS` (0 = no deadline), or the default. */
export function deadlineFromEnv(env: Record<string, string | undefined>): number | undefined {
  const raw = env[DEADLINE_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_DEADLINE_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw new ConfigError(
      `${DEADLINE_ENV} "${raw}" must be a whole number of seconds (0 for no deadline; default ${DEFAULT_DEADLINE_SECONDS})`,
    );
  }
  return seconds === 0 ? undefined : seconds * 1000;
}

/**
 * The dispatcher for a real org: undici's agent with a connect timeout, through the proxy that `HTTPS_PROXY`
 * (or `HTTP_PROXY`) names unless `NO_PROXY` exempts the host, as curl and most tools read them. Never installed
 * globally.
 */
export function networkDispatcher(
  env: Record<string, string | undefined>,
  connectTimeoutMs: number = NETWORK_DEFAULTS.connectTimeoutMs,
): Dispatcher {
  const options = { connect: { timeout: connectTimeoutMs } };
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  const httpProxy = envValue(env, 'HTTP_PROXY');
  if (httpsProxy === undefined && httpProxy === undefined) return new Agent(options);
  for (const [name, value] of [
    ['HTTPS_PROXY', httpsProxy],
    ['HTTP_PROXY', httpProxy],
  ] as const) {
    if (value !== undefined && !URL.canParse(value)) {
      throw new ConfigError(
        `${name} "${redactUserInfo(value)}" is not a URL (expected e.g. http://proxy.example.com:3128)`,
      );
    }
  }
  return new EnvHttpProxyAgent({
    ...options,
    // both given explicitly, so undici never falls back to process.env behind the caller's back
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? httpProxy ?? '',
    noProxy: envValue(env, 'NO_PROXY') ?? '',
  });
}

/** The proxy variables as curl reads them: lower case first, then upper case. */
function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = (env[name.toLowerCase()] ?? env[name])?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A proxy URL may hold a password: never print it. */
export function redactUserInfo(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/, '//[redacted]@');
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The client secret and tokens travel only over https; plain http is allowed to loopback (the emulator). */
export function assertSecureUrl(value: string, what: string): void {
  const url = new URL(value);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return;
  throw new ConfigError(
    `${what} "${redactUserInfo(value)}" is not https: the client secret and access tokens would travel in ` +
      'clear text. Use an https:// URL (plain http is accepted only for 127.0.0.1 / localhost, e.g. the emulator)',
  );
}
