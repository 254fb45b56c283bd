/** POST /api/v2/analytics/conversations/aggregates/query and /api/v2/analytics/users/aggregates/query */
import { aggregatesJson } from '../analytics/aggregates-json.js';
import { userAggregatesJson } from '../analytics/presence.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import type { Router } from '../http/router.js';

function aggregates(ctx: ApiContext) {
  // written as bytes, never built as objects (analytics/aggregates-json.ts)
  return {
    status: 200,
    json: aggregatesJson(ctx.org, ctx.body, ctx.runtime.faults.settings.maxQueryDays),
  };
}

function userAggregates(ctx: ApiContext) {
  return {
    status: 200,
    json: userAggregatesJson(ctx.org, ctx.body, ctx.runtime.faults.settings.maxQueryDays),
  };
}

export function analyticsRoutes(router: Router<ApiHandler>): void {
  router.add('POST', '/api/v2/analytics/conversations/aggregates/query', aggregates);
  router.add('POST', '/api/v2/analytics/users/aggregates/query', userAggregates);
}
