import { isRetryableApiError } from './retryable.js';

export interface Rounds {
  /** longest time spent on further rounds, waits included */
  budgetMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** first wait (default 1 s), doubling up to 15 s */
  baseDelayMs?: number;
}

/**
 * Runs `read` again, in rounds with backoff, while it fails for a reason that may pass (429, 5xx, reset,
 * timeout) and the budget allows: a read that met a burst of faults does not end the run.
 */
export async function readInRounds<T>(read: () => Promise<T>, rounds: Rounds): Promise<T> {
  const started = rounds.now().getTime();
  let waited = 0;
  for (let round = 0; ; round++) {
    try {
      return await read();
    } catch (error) {
      const delay = Math.min(15_000, (rounds.baseDelayMs ?? 1000) * 2 ** round);
      const elapsed = Math.max(rounds.now().getTime() - started, waited);
      if (!isRetryableApiError(error) || elapsed + delay > rounds.budgetMs) throw error;
      await rounds.sleep(delay);
      waited += delay;
    }
  }
}
