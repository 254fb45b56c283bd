import { queryInChunks, scanInChunks } from './aggregates.js';
import type { CallFn } from './pipeline.js';
import type { AggregateResponse, AggregateVisitor, UserAggregateQuery } from './port.js';

/** The permission `POST /api/v2/analytics/users/aggregates/query` needs. */
export const USER_AGGREGATES_PERMISSION = 'analytics:userAggregate:view';

/**
 * Genesys accepts at most 100 user predicates in one users aggregates query ("filter on userId only, ≤ 100
 * predicates"), so the user list is asked in batches of this size.
 */
export const MAX_USER_PREDICATES = 100;

const USER_AGGREGATES = {
  path: '/api/v2/analytics/users/aggregates/query',
  permission: USER_AGGREGATES_PERMISSION,
};

/**
 * `POST /api/v2/analytics/users/aggregates/query` (metrics `tAgentRoutingStatus`, `tOrganizationPresence`,
 * `tSystemPresence`; the routing status or presence of each figure is its `qualifier`). Long intervals are split
 * into chunks of `chunkDays` like the conversation aggregates, and the chunks' answers merged by user.
 */
export async function queryUserAggregates(
  call: CallFn,
  query: UserAggregateQuery,
  chunkDays: number,
): Promise<AggregateResponse> {
  return queryInChunks(call, USER_AGGREGATES, query, chunkDays);
}

/** {@link queryUserAggregates} statistic by statistic, read from the answers' bytes (genesys/aggregate-scan.ts). */
export async function scanUserAggregates(
  call: CallFn,
  query: UserAggregateQuery,
  chunkDays: number,
  visit: AggregateVisitor,
): Promise<void> {
  return scanInChunks(call, USER_AGGREGATES, query, chunkDays, visit);
}

/** The users aggregates queries for these users: one per batch of at most 100, filtered on `userId`. */
export function userBatchQueries(
  userIds: readonly string[],
  base: Omit<UserAggregateQuery, 'filter'>,
): UserAggregateQuery[] {
  const out: UserAggregateQuery[] = [];
  for (let i = 0; i < userIds.length; i += MAX_USER_PREDICATES) {
    const batch = userIds.slice(i, i + MAX_USER_PREDICATES);
    out.push({
      ...base,
      groupBy: ['userId'],
      filter: {
        type: 'or',
        predicates: batch.map((value) => ({ type: 'dimension', dimension: 'userId', value })),
      },
    });
  }
  return out;
}
