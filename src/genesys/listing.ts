import { fetchAllPages, type PageListing } from './paging.js';
import type { ApiCall, CallFn } from './pipeline.js';

/** The largest page most Genesys listings serve. */
export const PAGE_SIZE = 500;

/** Every entity of a page-number listing (`GET path?pageSize=…&pageNumber=…`). */
export function listAll<T>(
  call: CallFn,
  path: string,
  permission: string,
  query: ApiCall['query'] = {},
  pageSize = PAGE_SIZE,
): Promise<T[]> {
  return fetchAllPages<T>(async (pageNumber) => {
    const result = await call({ method: 'GET', path, query: { ...query, pageSize, pageNumber }, permission });
    const page: PageListing<T> = result.body ?? {};
    return page;
  }, pageSize);
}

/** Path segment for an id or a data-table key (keys hold `|` and spaces). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
