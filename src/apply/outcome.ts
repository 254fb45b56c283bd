import type { Released } from './ownership.js';
import type { ReleasedWeights } from './weight-ownership.js';
import type { ChangeCounts } from './diff.js';
import type { Change } from './types.js';
import type { ChangeResult } from './execute.js';
import type { GuardrailViolation } from './guardrails.js';
import type { InterruptedRun } from './journal.js';
import type { QueueWhatIf } from '../simulate/types.js';

export type ApplyStatus = 'in-sync' | 'applied' | 'partial' | 'dry-run' | 'deferred' | 'blocked';

export interface DriftNote {
  email: string;
  changedBy: string;
  changedAt: string;
}

export interface ApplyOutcome {
  status: ApplyStatus;
  runAt: string;
  commit: string | undefined;
  dir: string;
  /** settings.yaml report.csvLocale (the --csv-locale flag wins) */
  csvLocale?: string;
  changes: Change[];
  counts: ChangeCounts;
  results: ChangeResult[];
  applied: number;
  failed: number;
  violations: GuardrailViolation[];
  /** when deferred: the next time the off-peak window opens */
  deferredUntil?: string;
  interrupted?: InterruptedRun;
  /** the plan's what-if per queue, when it was computed for exactly this desired state */
  serviceLevels?: QueueWhatIf[];
  /** users taken over by this run (skills before) and users that left git (src/apply/ownership.ts) */
  ownership?: {
    taken: Record<string, Record<string, number>>;
    released: Released[];
    /** queues whose weight rows this run took over (rows before) and queues that left git (./weight-ownership.ts) */
    takenWeights?: Record<string, Record<string, number>>;
    releasedWeights?: ReleasedWeights[];
  };
  drift: DriftNote[];
  /** `file:line:col: message` of what was skipped, e.g. an inactive user git still names */
  warnings?: string[];
  /** API requests as sent (HTTP retries included) */
  apiCalls: { total: number; reads: number; writes: number; retries: number };
  /**
   * Write operations: `planned` in the first pass, `retried` by the final sweep (only what still differed on a
   * re-read); `total` = planned + retried. HTTP retries of one operation are in `apiCalls.retries`.
   */
  writes: { planned: number; retried: number; total: number };
  /** the final sweep: rounds run, targets it retried, how many it settled, its time budget */
  sweep: { rounds: number; retriedTargets: number; recovered: number; budgetSeconds: number };
  durationMs: number;
}

export function exitCodeFor(outcome: ApplyOutcome): number {
  return outcome.status === 'partial' || outcome.status === 'blocked' ? 1 : 0;
}
