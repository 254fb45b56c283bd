/** Page-number listings `{entities, pageSize, pageNumber, total, pageCount, …Uri}` and list filters. */
import { badRequest } from '../errors.js';

export interface Paging {
  pageSize: number;
  pageNumber: number;
}

export function parsePaging(query: URLSearchParams, defaults: { size?: number; max?: number } = {}): Paging {
  return {
    pageSize: positive(query.get('pageSize'), 'pageSize', defaults.size ?? 25, defaults.max ?? 500),
    pageNumber: positive(query.get('pageNumber'), 'pageNumber', 1, Number.MAX_SAFE_INTEGER),
  };
}

function positive(text: string | null, field: string, fallback: number, max: number): number {
  if (text === null || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${field} must be a positive integer`, field);
  if (n > max) throw badRequest(`${field} must be at most ${max}`, field);
  return n;
}

export function listing<T>(
  items: T[],
  paging: Paging,
  path: string,
  query: URLSearchParams,
  options: { totals?: boolean } = {},
): Record<string, unknown> {
  const { pageSize, pageNumber } = paging;
  const total = items.length;
  const pageCount = Math.ceil(total / pageSize);
  const entities = items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const uri = (n: number) => {
    const q = new URLSearchParams(query);
    q.set('pageSize', String(pageSize));
    q.set('pageNumber', String(n));
    return `${path}?${q.toString()}`;
  };
  const out: Record<string, unknown> = { entities, pageSize, pageNumber };
  if (options.totals !== false) {
    out.total = total;
    out.pageCount = pageCount;
  }
  out.firstUri = uri(1);
  out.selfUri = uri(pageNumber);
  if (pageNumber < pageCount) out.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) out.previousUri = uri(pageNumber - 1);
  if (options.totals !== false) out.lastUri = uri(Math.max(1, pageCount));
  return out;
}

/** Values of a multi-valued query parameter given repeated and/or comma-separated. */
export function multi(query: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const key of [name, `${name}[]`]) {
    for (const v of query.getAll(key))
      for (const part of v.split(',')) if (part.trim()) out.push(part.trim());
  }
  return out;
}

/** Genesys-style name filter: exact (case-insensitive) unless it contains `*` wildcards. */
export function nameMatcher(
  pattern: string | null,
  mode: 'exact' | 'prefix' = 'exact',
): (name: string) => boolean {
  if (pattern === null || pattern === '') return () => true;
  if (pattern.includes('*')) {
    const re = new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`, 'i');
    return (name) => re.test(name);
  }
  const lower = pattern.toLowerCase();
  return mode === 'prefix'
    ? (name) => name.toLowerCase().startsWith(lower)
    : (name) => name.toLowerCase() === lower;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function sortOrder(query: URLSearchParams): 1 | -1 {
  const v = (query.get('sortOrder') ?? 'asc').toLowerCase();
  if (!['asc', 'ascending', 'desc', 'descending'].includes(v))
    throw badRequest('sortOrder must be ascending or descending', 'sortOrder');
  return v.startsWith('desc') ? -1 : 1;
}
