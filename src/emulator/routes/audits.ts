/** POST /api/v2/audits/query/realtime: the changes made through the API and the admin UI (last 14 days). */
import { parseInterval } from '../analytics/iso.js';
import { badRequest } from '../errors.js';
import type { AuditRecord } from '../model.js';
import type { ApiContext, ApiHandler } from '../runtime.js';
import type { Router } from '../http/router.js';
import { auditJson } from './render.js';

const FILTERS = ['UserId', 'TrusteeOrganizationId', 'ClientId', 'Action', 'EntityType', 'EntityId'];
const REALTIME_DAYS = 14;

function queryAudits(ctx: ApiContext) {
  const body = ctx.body as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The body must be an AuditRealtimeQueryRequest');
  const interval = parseInterval(body.interval);
  const end = interval.end;
  // the realtime endpoint only retrieves the last 14 days, whatever the interval asks for
  const start = Math.max(interval.start, ctx.runtime.now().getTime() - REALTIME_DAYS * 86_400_000);
  if (body.serviceName !== undefined && typeof body.serviceName !== 'string')
    throw badRequest('serviceName must be a string', 'serviceName');
  const filters = parseFilters(body.filters);
  const pageSize = optionalInt(body.pageSize, 'pageSize', 25, 500);
  const pageNumber = optionalInt(body.pageNumber, 'pageNumber', 1, Number.MAX_SAFE_INTEGER);
  const descending = parseSort(body.sort);
  const matches = ctx.org.audits.filter((a) => {
    const at = Date.parse(a.eventDate);
    if (at < start || at >= end) return false;
    if (typeof body.serviceName === 'string' && a.serviceName !== body.serviceName) return false;
    return filters.every((f) => property(a, f.property) === f.value);
  });
  matches.sort((a, b) =>
    descending ? b.eventDate.localeCompare(a.eventDate) : a.eventDate.localeCompare(b.eventDate),
  );
  const entities = matches
    .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
    .map((a) => auditJson(ctx.org, a));
  return {
    status: 200,
    body: {
      entities,
      pageSize,
      pageNumber,
      total: matches.length,
      pageCount: Math.ceil(matches.length / pageSize),
    },
  };
}

function property(a: AuditRecord, name: string): string {
  switch (name) {
    case 'UserId':
      return a.actor.userId;
    case 'ClientId':
      return a.actor.clientId;
    case 'Action':
      return a.action;
    case 'EntityType':
      return a.entityType;
    case 'EntityId':
      return a.entity.id;
    default:
      return '';
  }
}

function parseFilters(value: unknown): { property: string; value: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('filters must be an array', 'filters');
  return value.map((f, i) => {
    const { property: p, value: v } = (f ?? {}) as { property?: unknown; value?: unknown };
    if (typeof p !== 'string' || !FILTERS.includes(p))
      throw badRequest(`filters[${i}].property must be one of ${FILTERS.join(', ')}`, 'filters');
    if (typeof v !== 'string') throw badRequest(`filters[${i}].value must be a string`, 'filters');
    return { property: p, value: v };
  });
}

function parseSort(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) throw badRequest('sort must be an array', 'sort');
  const first = value[0] as { name?: unknown; sortOrder?: unknown } | undefined;
  if (!first) return true;
  if (first.name !== 'Timestamp' || (first.sortOrder !== 'ascending' && first.sortOrder !== 'descending')) {
    throw badRequest('sort must be [{name: "Timestamp", sortOrder: "ascending" | "descending"}]', 'sort');
  }
  return first.sortOrder === 'descending';
}

function optionalInt(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw badRequest(`${field} must be an integer from 1 to ${max}`, field);
  }
  return value;
}

export function auditRoutes(router: Router<ApiHandler>): void {
  router.add('POST', '/api/v2/audits/query/realtime', queryAudits);
}
