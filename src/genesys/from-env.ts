import type { Dispatcher } from 'undici';
import type { GenesysClientOptions } from './client.js';
import { DEADLINE_ENV, deadlineFromEnv, networkDispatcher } from './network.js';

/**
 * The client options a command takes from its environment: the run deadline (`ROUTING_GITOPS_DEADLINE_SECONDS`,
 * default 25 minutes, below the plan workflow's 30) and the proxy (`HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`).
 * A dispatcher passed in (tests) is used as it is.
 */
export function clientOptionsFromEnv(
  env: Record<string, string | undefined>,
  dispatcher?: Dispatcher,
): GenesysClientOptions {
  const deadlineMs = deadlineFromEnv(env);
  return {
    dispatcher: dispatcher ?? networkDispatcher(env),
    ...(deadlineMs === undefined ? {} : { deadlineMs, deadlineSource: DEADLINE_ENV }),
  };
}
