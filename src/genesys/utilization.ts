import { seg } from './listing.js';
import { PERMISSIONS } from './permissions.js';
import type { CallFn } from './pipeline.js';
import type { UserUtilization } from './port.js';

interface ApiMediaUtilization {
  maximumCapacity?: number;
}

interface ApiUtilization {
  utilization?: Record<string, ApiMediaUtilization>;
  level?: string;
}

/**
 * `GET /api/v2/routing/users/{userId}/utilization`: the user's max utilization, or the organization-wide default
 * when the user has none ("If not configured, the organization-wide default is returned"). Optional input: a 403
 * (no `routing:utilization:view`, or the user outside the client's divisions) or 404 answers undefined, so the
 * planner works with a client lacking the permission.
 */
export async function getUserUtilization(call: CallFn, userId: string): Promise<UserUtilization | undefined> {
  const result = await call({
    method: 'GET',
    path: `/api/v2/routing/users/${seg(userId)}/utilization`,
    permission: PERMISSIONS.getUserUtilization,
    accept: (status) => status === 403 || status === 404,
  });
  if (result.status === 403 || result.status === 404) return undefined;
  const body = (result.body ?? {}) as ApiUtilization;
  const capacity: Record<string, number> = {};
  for (const [media, settings] of Object.entries(body.utilization ?? {})) {
    const max = settings?.maximumCapacity;
    if (typeof max === 'number' && Number.isFinite(max) && max >= 0) capacity[media] = max;
  }
  return { capacity, level: body.level === 'Agent' ? 'Agent' : 'Organization' };
}
