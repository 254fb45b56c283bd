import type { ApiHandler } from '../runtime.js';
import { Router } from '../http/router.js';
import { analyticsRoutes } from './analytics.js';
import { auditRoutes } from './audits.js';
import { dataTableRoutes } from './datatables.js';
import { divisionRoutes } from './divisions.js';
import { languageRoutes } from './languages.js';
import { routingRoutes } from './routing.js';
import { userRoutes } from './users.js';
import { utilizationRoutes } from './utilization.js';

/** Every Genesys API route the emulator serves. */
export function apiRouter(): Router<ApiHandler> {
  const router = new Router<ApiHandler>();
  userRoutes(router);
  routingRoutes(router);
  languageRoutes(router);
  dataTableRoutes(router);
  auditRoutes(router);
  analyticsRoutes(router);
  divisionRoutes(router);
  utilizationRoutes(router);
  return router;
}
