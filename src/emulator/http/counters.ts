/** Request counters for `GET /__emulator/requests` (control routes are not counted). */

export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
  status: Record<string, number>;
}

export class RequestCounters {
  private counts: RequestCounts = { total: 0, byRoute: {}, status: {} };

  request(route: string): void {
    this.counts.total++;
    this.counts.byRoute[route] = (this.counts.byRoute[route] ?? 0) + 1;
  }

  status(code: number | string): void {
    const key = String(code);
    this.counts.status[key] = (this.counts.status[key] ?? 0) + 1;
  }

  snapshot(): RequestCounts {
    return {
      total: this.counts.total,
      byRoute: { ...this.counts.byRoute },
      status: { ...this.counts.status },
    };
  }

  reset(): void {
    this.counts = { total: 0, byRoute: {}, status: {} };
  }
}
