/** A Genesys page-number listing (`…EntityListing`). */
export interface PageListing<T> {
  entities?: T[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  pageCount?: number;
}

/** Stop somewhere even if a server keeps answering full pages. */
const MAX_PAGES = 10_000;

/**
 * Reads every page of a page-number listing. Page 1 tells how many pages there are (`pageCount`, or `total`);
 * the rest are then requested together (the pipeline's concurrency limit applies). Listings that report
 * neither (queue members) are read one page at a time until a short page.
 */
export async function fetchAllPages<T>(
  fetchPage: (pageNumber: number) => Promise<PageListing<T>>,
  requestedPageSize: number,
): Promise<T[]> {
  const first = await fetchPage(1);
  const entities = [...(first.entities ?? [])];
  const pageCount = pageCountOf(first, requestedPageSize);
  if (pageCount !== undefined) {
    const rest = await Promise.all(range(2, Math.min(pageCount, MAX_PAGES)).map((n) => fetchPage(n)));
    for (const page of rest) entities.push(...(page.entities ?? []));
    return entities;
  }
  let last = first;
  for (let n = 2; n <= MAX_PAGES && isFull(last, requestedPageSize); n += 1) {
    last = await fetchPage(n);
    entities.push(...(last.entities ?? []));
  }
  return entities;
}

function pageCountOf(page: PageListing<unknown>, requestedPageSize: number): number | undefined {
  if (typeof page.pageCount === 'number') return page.pageCount;
  if (typeof page.total !== 'number') return undefined;
  const size = page.pageSize ?? requestedPageSize;
  return size > 0 ? Math.ceil(page.total / size) : undefined;
}

function isFull(page: PageListing<unknown>, requestedPageSize: number): boolean {
  const size = page.pageSize ?? requestedPageSize;
  const count = page.entities?.length ?? 0;
  return count > 0 && count >= size;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n += 1) out.push(n);
  return out;
}
