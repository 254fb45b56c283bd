export { createGenesysClient, type GenesysClient, type GenesysClientOptions } from './client.js';
export {
  configFromEnv,
  endpointsFromBaseUrl,
  endpointsFromRegion,
  REGION_DOMAINS,
  type GenesysConfig,
} from './config.js';
export { systemClock, type Clock } from './clock.js';
export { clientOptionsFromEnv } from './from-env.js';
export { DEADLINE_ENV, DEFAULT_DEADLINE_SECONDS, NETWORK_DEFAULTS, networkDispatcher } from './network.js';
export { DeadlineError } from './time-budget.js';
export { BULK_LIMIT } from './user-writes.js';
export { NetworkError } from './errors.js';
export { INVALID_CLIENT_MESSAGE } from './auth.js';
export { PERMISSIONS } from './permissions.js';
export type { ApiCall, ApiResult, CallFn, ClientStats } from './pipeline.js';
export type * from './port.js';
