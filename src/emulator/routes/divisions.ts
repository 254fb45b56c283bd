/** /api/v2/authorization/divisions: the org's divisions as the calling client may see them. */
import { divisionListing, homeOnly } from '../divisions.js';
import type { Router } from '../http/router.js';
import type { ApiContext, ApiHandler } from '../runtime.js';

function listDivisions(ctx: ApiContext) {
  return { status: 200, body: divisionListing(ctx.org, homeOnly(ctx.actor.clientId)) };
}

export function divisionRoutes(router: Router<ApiHandler>): void {
  router.add('GET', '/api/v2/authorization/divisions', listDivisions);
}
