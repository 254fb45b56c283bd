import { describe, expect, it } from 'vitest';
import type { ApplyOutcome } from '../../src/apply/outcome.js';
import { countChanges } from '../../src/apply/diff.js';
import { renderPrCheck } from '../../src/github/pr-check.js';

function outcome(over: Partial<ApplyOutcome> = {}): ApplyOutcome {
  return {
    status: 'dry-run',
    runAt: '2026-11-26T10:00:00.000Z',
    commit: 'abc',
    dir: 'desired-state',
    changes: [],
    counts: countChanges([]),
    results: [],
    applied: 0,
    failed: 0,
    violations: [],
    drift: [],
    apiCalls: { total: 0, reads: 0, writes: 0, retries: 0 },
    writes: { planned: 0, retried: 0, total: 0 },
    sweep: { rounds: 0, retriedTargets: 0, recovered: 0, budgetSeconds: 0 },
    durationMs: 0,
    ...over,
  };
}

describe('the pull-request check comment', () => {
  it.each([
    ['blocked', '⛔ Merging this now would be refused by a guardrail'],
    ['in-sync', '✅ The org already matches this pull request.'],
    ['dry-run', '✅ Valid, and inside every guardrail.'],
  ] as const)('says plainly what a %s dry run means', (status, verdict) => {
    expect(renderPrCheck(outcome({ status }), '## summary\n')).toContain(verdict);
  });

  it('names the users and queues a revert stops managing, and what apply does with them', () => {
    const text = renderPrCheck(
      outcome({
        ownership: {
          taken: {},
          released: [{ email: 'ann@x.com', before: { Sales: 2 }, action: 'restore' }],
          releasedWeights: [{ queue: 'Support|<b>', before: { Billing: 40 }, action: 'leave' }],
        },
      }),
      '## summary\n',
    );
    expect(text).toContain('**No longer managed** (git no longer names them):');
    expect(text).toContain('- user ann@x.com: apply restores what it recorded when it took them over');
    expect(text).toMatch(/- weights of queue Support\\?\|&lt;b&gt;: left as they are/);
    expect(renderPrCheck(outcome(), '')).not.toContain('No longer managed');
  });
});
