/** POST /api/v2/analytics/conversations/aggregates/query */
import { queryAggregates } from '../analytics/engine.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import type { Router } from '../http/router.js';

function aggregates(ctx: ApiContext) {
  return { status: 200, body: queryAggregates(ctx.org, ctx.body, ctx.runtime.faults.settings.maxQueryDays) };
}

export function analyticsRoutes(router: Router<ApiHandler>): void {
  router.add('POST', '/api/v2/analytics/conversations/aggregates/query', aggregates);
}
