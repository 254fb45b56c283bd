import type { Clock } from './clock.js';

/** What Genesys says about the token's rate limit on every answer. */
export interface RateLimitState {
  /** requests counted in the current window (this one included) */
  count: number;
  /** requests allowed per window */
  allowed: number;
  /** time until the window resets */
  resetMs: number;
}

export function readRateLimitHeaders(
  headers: Record<string, string | undefined>,
): RateLimitState | undefined {
  const count = numberHeader(headers['inin-ratelimit-count']);
  const allowed = numberHeader(headers['inin-ratelimit-allowed']);
  const reset = numberHeader(headers['inin-ratelimit-reset']);
  if (count === undefined || allowed === undefined || reset === undefined) return undefined;
  if (allowed <= 0 || reset < 0) return undefined;
  return { count, allowed, resetMs: reset * 1000 };
}

function numberHeader(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The limit would make the next request wait longer than the caller accepts. */
export class PacingTooLongError extends Error {
  constructor(
    readonly waitMs: number,
    readonly window: Readonly<RateLimitWindow> | undefined,
  ) {
    super(`the rate limit allows the next request only in ${Math.ceil(waitMs / 1000)} s`);
  }
}

interface RateLimitWindow {
  end: number;
  lengthMs: number;
  allowed: number;
  /** requests we may still start in this window (already net of those in flight) */
  left: number;
  /** rolled over by us at the expected reset, not yet confirmed by an answer */
  assumed: boolean;
  /** when we started treating this window as the current one */
  since: number;
}

const MIN_WINDOW_MS = 1000;

/**
 * Paces requests so they run close to the rate the `inin-ratelimit-*` headers allow without tripping it: the
 * requests left in the window are spread evenly over the time until it resets (a GCRA token bucket whose rate
 * is re-tuned from every answer, with a small burst allowance). A 429's `Retry-After` pauses everyone.
 */
export class Pacer {
  private window: RateLimitWindow | undefined;
  private tat = 0;
  private pausedUntil = 0;
  private inFlight = 0;
  private roundsDown = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: { maxWaitMs: number; burst: number },
  ) {}

  /**
   * Waits for this request's turn and returns its start time (hand it back to `observe`); throws
   * PacingTooLongError instead of waiting longer than maxWaitMs.
   */
  async acquire(): Promise<number> {
    const now = this.clock.now();
    const start = this.reserve(now);
    this.inFlight += 1;
    if (start > now) await this.clock.sleep(start - now);
    return start;
  }

  /** The request started at `sentAt` finished: its answer's rate-limit state, or undefined without one. */
  observe(sentAt: number, state: RateLimitState | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!state) return;
    const now = this.clock.now();
    if (state.resetMs === 0 && !this.roundsDown) {
      // "0 s" while the window is still on: the server rounds down, so read every reset as "under n+1 s"
      this.roundsDown = true;
      if (this.window && !this.window.assumed) this.window.end = Math.max(this.window.end, now + 1000);
    }
    const resetMs = state.resetMs + (this.roundsDown ? 1000 : 0);
    const heard = { end: now + resetMs, left: state.allowed - state.count - this.inFlight };
    const w = this.window;
    if (!w || heard.end > w.end + w.lengthMs / 2) {
      const lengthMs = Math.max(w?.lengthMs ?? 0, resetMs, MIN_WINDOW_MS);
      this.window = { ...heard, lengthMs, allowed: state.allowed, assumed: false, since: now };
      return;
    }
    if (sentAt < w.since) return; // sent under an earlier window: stale
    w.allowed = state.allowed;
    w.lengthMs = Math.max(w.lengthMs, resetMs);
    if (w.assumed || heard.end < w.end - w.lengthMs / 2) {
      // the server's word on a window we only assumed (or rolled too early): it replaces the guess
      Object.assign(w, heard, { assumed: false });
      return;
    }
    // resets are whole seconds rounded up: the earliest end heard is the closest
    w.end = Math.min(w.end, heard.end);
    w.left = Math.min(w.left, heard.left);
  }

  /** Nobody starts a request before `until` (a 429's Retry-After). */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** For logs and tests. */
  snapshot(): { left: number | undefined; windowEnd: number | undefined; inFlight: number } {
    return { left: this.window?.left, windowEnd: this.window?.end, inFlight: this.inFlight };
  }

  private reserve(now: number): number {
    let start = Math.max(now, this.pausedUntil);
    if (!this.window) return start;
    const w = { ...this.window };
    // a window we rolled over ourselves begins when the old one ends, not before
    if (w.assumed) start = Math.max(start, w.since);
    // GCRA: the next request may go at the theoretical arrival time, less a tolerance of `burst - 1` gaps
    let tat = Math.min(this.tat, w.end);
    start = Math.max(start, tat - ((this.options.burst - 1) * (w.end - start)) / Math.max(w.left, 1));
    if (start >= w.end || w.left <= 0) {
      start = Math.max(start, w.end);
      roll(w, start, this.inFlight);
      tat = start;
    }
    if (start - now > this.options.maxWaitMs) throw new PacingTooLongError(start - now, this.window);
    const gap = (w.end - start) / Math.max(w.left, 1);
    this.tat = Math.min(Math.max(tat, start) + gap, w.end);
    w.left -= 1;
    this.window = w;
    return start;
  }
}

/**
 * The window we knew has ended by `at`: assume a fresh one with the full allowance, less the requests still in
 * flight (they may be counted in the new window).
 */
function roll(w: RateLimitWindow, at: number, inFlight: number): void {
  if (at < w.end) return;
  const windows = Math.floor((at - w.end) / w.lengthMs) + 1;
  w.end += windows * w.lengthMs;
  w.left = w.allowed - inFlight;
  w.assumed = true;
  w.since = at;
}
