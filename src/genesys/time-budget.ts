import { RoutingGitopsError } from '../errors.js';
import type { Clock } from './clock.js';

/** The run's deadline passed, or would pass during a wait: stop with a clear error instead of hanging on. */
export class DeadlineError extends RoutingGitopsError {
  constructor(message: string) {
    super('DEADLINE', message);
  }
}

export interface TimeLimits {
  /** one exchange (connect, headers and body) must be over within this many ms */
  requestTimeoutMs: number;
  /** a call whose attempts get no answer stops retrying once this many ms have gone by since its first try */
  noAnswerBudgetMs: number;
  /** the whole run must be over within this many ms of the client's creation (undefined: no deadline) */
  deadlineMs?: number;
  /** where the deadline is set, for the error message (e.g. the env var) */
  deadlineSource?: string;
}

/** Time limits with the clock they are measured on: per exchange, per call and per run. */
export class TimeBudget {
  private readonly deadlineAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    readonly limits: TimeLimits,
  ) {
    this.deadlineAt = limits.deadlineMs === undefined ? undefined : clock.now() + limits.deadlineMs;
  }

  /** The timeout for the exchange about to start (never past the deadline). */
  exchangeTimeout(what: string): number {
    this.assertCanWait(0, what);
    if (this.deadlineAt === undefined) return this.limits.requestTimeoutMs;
    return Math.max(1, Math.min(this.limits.requestTimeoutMs, this.deadlineAt - this.clock.now()));
  }

  /** Throws DeadlineError when waiting `waitMs` before `what` would run past the deadline. */
  assertCanWait(waitMs: number, what: string): void {
    if (this.deadlineAt === undefined) return;
    const now = this.clock.now();
    if (now + waitMs < this.deadlineAt) return;
    const limit = `${Math.round((this.limits.deadlineMs ?? 0) / 1000)} s`;
    const source = this.limits.deadlineSource ? ` (${this.limits.deadlineSource})` : '';
    const when =
      waitMs > 0 ? `would pass while waiting ${Math.ceil(waitMs / 1000)} s before` : 'passed before';
    throw new DeadlineError(
      `the run's deadline of ${limit}${source} ${when} ${what}; stopping here — re-run when Genesys Cloud ` +
        'answers again (a re-run picks up where this one stopped)',
    );
  }

  /** A call that started at `startedAt` and got no answer may try again after `waitMs`. */
  mayRetryNoAnswer(startedAt: number, waitMs: number): boolean {
    return this.clock.now() - startedAt + waitMs < this.limits.noAnswerBudgetMs;
  }
}
