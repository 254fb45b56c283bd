/**
 * A user's utilization: GET /api/v2/routing/users/{userId}/utilization, "Get the user's max utilization settings.
 * If not configured, the organization-wide default is returned" (Genesys Platform API, operation
 * getRoutingUserUtilization; permissions routing:utilization:view or :manage; response AgentMaxUtilizationResponse).
 *
 * Served from what the emulated centre does (src/emulator/des.ts): a call, callback or email takes the agent whole
 * (capacity 1) and messages go up to the user's `messageCapacity`; nothing interrupts anything, so every media's
 * `interruptableMediaTypes` is empty. The org default is {@link ORG_MESSAGE_CAPACITY} messages (the seeded
 * value); a user whose message capacity differs is reported at level "Agent", as an agent-level override is.
 * Unknown users answer 404 (EmulatorOrg.user), users of another division 404 for a home-only client (divisionGate);
 * auth and the per-token rate limit are the server's, as for every route.
 */
import type { OrgUser } from '../model.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import type { Router } from '../http/router.js';

/** Messages at once in the emulated org's organization-wide utilization (see seed-users.ts). */
export const ORG_MESSAGE_CAPACITY = 4;

function media(maximumCapacity: number) {
  return { maximumCapacity, interruptableMediaTypes: [] as string[], includeNonAcd: false };
}

export function utilizationJson(user: OrgUser) {
  return {
    utilization: {
      call: media(1),
      callback: media(1),
      email: media(1),
      message: media(user.messageCapacity),
    },
    maxInboundCalls: 1,
    level: user.messageCapacity === ORG_MESSAGE_CAPACITY ? 'Organization' : 'Agent',
  };
}

function getUserUtilization(ctx: ApiContext) {
  const user = ctx.org.user(ctx.params.userId ?? '');
  return { status: 200, body: utilizationJson(user) };
}

export function utilizationRoutes(router: Router<ApiHandler>): void {
  router.add('GET', '/api/v2/routing/users/{userId}/utilization', getUserUtilization);
}
