import type { FakeState } from './state.js';

export interface FakeRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** the request's own URL (for Link headers) */
  url: URL;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** as in GitHub's OpenAPI description, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}` */
  route: string;
  handle(req: FakeRequest, state: FakeState): FakeResponse;
}

/** page of a list, with GitHub's `Link` header when there is a next page */
export function paginate<T>(req: FakeRequest, items: T[]): FakeResponse {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30)));
  const page = Math.max(1, Number(req.query.get('page') ?? 1));
  const body = items.slice((page - 1) * perPage, page * perPage);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  if (page >= pages) return { status: 200, body };
  const link = (p: number) => {
    const url = new URL(req.url);
    url.searchParams.set('page', String(p));
    url.searchParams.set('per_page', String(perPage));
    return url.toString();
  };
  return {
    status: 200,
    body,
    headers: { link: `<${link(page + 1)}>; rel="next", <${link(pages)}>; rel="last"` },
  };
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
