/** Route templates like `/api/v2/users/{userId}/routingskills/bulk`; literal segments beat parameters. */

export interface Route<H> {
  method: string;
  template: string;
  handler: H;
  segments: string[];
  literals: number;
}

export interface RouteMatch<H> {
  route: Route<H>;
  params: Record<string, string>;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): this {
    const segments = template.split('/').filter(Boolean);
    const literals = segments.filter((s) => !s.startsWith('{')).length;
    this.routes.push({ method, template, handler, segments, literals });
    this.routes.sort((a, b) => b.literals - a.literals);
    return this;
  }

  /** every registered route as `METHOD /template` */
  list(): string[] {
    return this.routes.map((r) => `${r.method} ${r.template}`);
  }

  /** The route for the method and path; `methodMismatch` when only another method matches the path. */
  match(method: string, path: string): RouteMatch<H> | { methodMismatch: true } | undefined {
    let raw: string[];
    try {
      raw = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return undefined;
    }
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, raw);
      if (!params) continue;
      if (route.method === method) return { route, params };
      pathMatched = true;
    }
    return pathMatched ? { methodMismatch: true } : undefined;
  }
}

function matchSegments(template: string[], path: string[]): Record<string, string> | undefined {
  if (template.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of template.entries()) {
    const value = path[i] ?? '';
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = value;
    else if (segment !== value) return undefined;
  }
  return params;
}
