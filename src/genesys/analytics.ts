import { queryInChunks, scanInChunks } from './aggregates.js';
import { PERMISSIONS } from './permissions.js';
import type { CallFn } from './pipeline.js';
import type { AggregateQuery, AggregateResponse, AggregateVisitor, AuditEntry, AuditQuery } from './port.js';

const AUDIT_PAGE_SIZE = 500;
const MAX_AUDIT_PAGES = 200;

/**
 * `POST /api/v2/analytics/conversations/aggregates/query`. The API has no paging, so long intervals are split
 * into chunks of `chunkDays`, queried together (within the concurrency limit) and merged by group.
 */
export async function queryAggregates(
  call: CallFn,
  query: AggregateQuery,
  chunkDays: number,
): Promise<AggregateResponse> {
  return queryInChunks(call, CONVERSATION_AGGREGATES, query, chunkDays);
}

const CONVERSATION_AGGREGATES = {
  path: '/api/v2/analytics/conversations/aggregates/query',
  permission: PERMISSIONS.queryAggregates,
};

/** {@link queryAggregates} statistic by statistic, read from the answers' bytes (genesys/aggregate-scan.ts). */
export async function scanAggregates(
  call: CallFn,
  query: AggregateQuery,
  chunkDays: number,
  visit: AggregateVisitor,
): Promise<void> {
  return scanInChunks(call, CONVERSATION_AGGREGATES, query, chunkDays, visit);
}

interface ApiAuditMessage {
  id: string;
  user?: { id?: string; name?: string };
  client?: { id?: string };
  entity?: { id?: string };
  entityType?: string;
  action?: string;
  eventDate?: string;
  serviceName?: string;
}

interface ApiAuditPage {
  entities?: ApiAuditMessage[];
  pageCount?: number;
}

/** `POST /api/v2/audits/query/realtime?expand=user`, every page. */
export async function queryAudits(call: CallFn, query: AuditQuery): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let pageNumber = 1; pageNumber <= MAX_AUDIT_PAGES; pageNumber += 1) {
    const result = await call({
      method: 'POST',
      path: '/api/v2/audits/query/realtime',
      query: { expand: 'user' },
      body: { ...query, pageNumber, pageSize: AUDIT_PAGE_SIZE },
      permission: PERMISSIONS.queryAudits,
    });
    const page = (result.body ?? {}) as ApiAuditPage;
    const batch = page.entities ?? [];
    entries.push(...batch.map(toAuditEntry));
    const more = page.pageCount === undefined ? batch.length >= AUDIT_PAGE_SIZE : pageNumber < page.pageCount;
    if (!more) break;
  }
  return entries;
}

export function toAuditEntry(message: ApiAuditMessage): AuditEntry {
  const entry: AuditEntry = {
    id: message.id,
    action: message.action ?? '',
    eventDate: message.eventDate ?? '',
  };
  if (message.user?.id !== undefined) entry.userId = message.user.id;
  if (message.user?.name !== undefined) entry.userName = message.user.name;
  if (message.client?.id !== undefined) entry.clientId = message.client.id;
  if (message.entity?.id !== undefined) entry.entityId = message.entity.id;
  if (message.entityType !== undefined) entry.entityType = message.entityType;
  if (message.serviceName !== undefined) entry.serviceName = message.serviceName;
  return entry;
}
