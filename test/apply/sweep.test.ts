import { describe, expect, it } from 'vitest';
import { executeChanges } from '../../src/apply/execute.js';
import { isRetryableApiError } from '../../src/apply/retryable.js';
import { sweepFailures, type SweepOptions } from '../../src/apply/sweep.js';
import { RateLimitError } from '../../src/errors.js';
import { NetworkError } from '../../src/genesys/errors.js';
import { diff } from '../../src/apply/diff.js';
import type { DesiredState } from '../../src/state/model.js';
import { desired, liveOrg, profile, SKILLS, user } from '../support/builders.js';
import { http, MemoryPort } from './memory-port.js';

/** A virtual time base: sleeping advances `now` at once. */
function virtualTime(): Pick<SweepOptions, 'now' | 'sleep'> & { slept: number[] } {
  let t = Date.parse('2026-11-26T02:00:00Z');
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(t),
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

function setup(
  state: DesiredState = desired(
    [profile('a@x.example', { Billing: 5 }), profile('b@x.example', { Sales: 2 })],
    { Support: { Billing: 80 } },
  ),
) {
  const live = liveOrg([user('u1', 'a@x.example', { Sales: 1 }), user('u2', 'b@x.example', { Billing: 1 })], {
    'Support|Billing': 10,
  });
  const port = new MemoryPort(
    structuredClone(live.users),
    SKILLS.map((name) => ({ id: `skill-${name}`, name })),
    [{ key: 'Support|Billing', weight: 10 }],
  );
  return { state, live, port, changes: diff(state, live) };
}

async function applyWithSweep(s: ReturnType<typeof setup>, budgetMs = 120_000) {
  const first = await executeChanges(s.port, s.live, s.changes);
  const time = virtualTime();
  const swept = await sweepFailures(s.port, s.state, s.live, first, { budgetMs, ...time });
  return { first, time, ...swept };
}

describe('final sweep', () => {
  it('outlasts a burst of consecutive 5xx on one user, longer than one request retry budget', async () => {
    const s = setup();
    s.port.fail('replaceUserSkills', 'u1', 6, http(502));
    const { first, results, summary, time } = await applyWithSweep(s);
    expect(first.filter((r) => r.status === 'failed')).toHaveLength(1);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(summary).toMatchObject({ rounds: 6, writes: 6, retriedTargets: 1, recovered: 1 });
    expect(time.slept).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(diff(s.state, liveOrg(s.port.users, { 'Support|Billing': 80 }))).toEqual([]);
    // each sweep write went to the user that failed: planned 3 + retried 6
    expect(s.port.writeCalls).toHaveLength(3 + 6);
    expect(s.port.writeCalls.slice(3).every((c) => c.target === 'u1')).toBe(true);
  });

  it('re-reads before writing again: a write that reached the org despite its 502 is not sent twice', async () => {
    const s = setup();
    s.port.fail('replaceUserSkills', 'u2', 1, http(502), true);
    const { results, summary } = await applyWithSweep(s);
    expect(
      results.find((r) => r.change.kind !== 'weight' && r.change.target.email === 'b@x.example'),
    ).toMatchObject({
      status: 'applied',
      sweepRounds: 1,
    });
    expect(summary).toMatchObject({ rounds: 1, writes: 0, recovered: 1 });
    expect(s.port.writeCalls).toHaveLength(3);
  });

  it('retries weight rows the same way', async () => {
    const s = setup();
    s.port.fail(
      'updateDataTableRow',
      'Support|Billing',
      2,
      http(503, 'PUT', '/api/v2/flows/datatables/t/rows/k'),
    );
    const { results, summary } = await applyWithSweep(s);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(summary).toMatchObject({ rounds: 2, writes: 2 });
    expect(s.port.rows).toEqual([{ key: 'Support|Billing', weight: 80 }]);
  });

  it('does not retry an error that will not pass, and says why it is left', async () => {
    const s = setup();
    s.port.fail('replaceUserSkills', 'u1', 1, http(400));
    const { results, summary, time } = await applyWithSweep(s);
    expect(summary.rounds).toBe(0);
    expect(time.slept).toEqual([]);
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatch(/→ 400: HTTP 400 from the test/);
  });

  it('stops a retried target at the first non-retryable answer', async () => {
    const s = setup();
    s.port.fail('replaceUserSkills', 'u1', 1, http(503));
    s.port.fail('replaceUserSkills', 'u1', 1, http(404));
    const { results, summary } = await applyWithSweep(s);
    expect(summary.rounds).toBe(1);
    expect(results.find((r) => r.status === 'failed')).toMatchObject({ retryable: false, sweepRounds: 1 });
  });

  it('gives up when the budget is spent and names each item left with its last error', async () => {
    const s = setup();
    s.port.fail('replaceUserSkills', 'u1', 99, http(504));
    const { results, summary, time } = await applyWithSweep(s, 10_000);
    expect(time.slept).toEqual([1000, 2000, 4000]);
    expect(summary).toMatchObject({ rounds: 3, recovered: 0, writes: 3 });
    const left = results.filter((r) => r.status === 'failed');
    expect(left).toHaveLength(1);
    expect(left[0]!.error).toMatch(/^still failing after 3 sweep rounds \(sweep budget 10 s\): PUT .* → 504/);
  });

  it('carries on when a re-read fails for a retryable reason', async () => {
    const s = setup();
    s.port.fail('replaceUserSkills', 'u1', 1, http(429));
    s.port.failReads = 1;
    const { results, summary } = await applyWithSweep(s);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(summary.rounds).toBe(2);
  });

  it('a budget of 0 turns the sweep off', async () => {
    const s = setup();
    s.port.fail('replaceUserSkills', 'u1', 1, http(502));
    const { results, summary } = await applyWithSweep(s, 0);
    expect(summary.rounds).toBe(0);
    expect(results.filter((r) => r.status === 'failed')[0]!.error).toMatch(
      /^still failing after 0 sweep rounds/,
    );
  });

  it.each([
    [http(429)(), true],
    [http(409)(), true],
    [http(408)(), true],
    [http(500)(), true],
    [http(503)(), true],
    [new NetworkError('GET /x failed after 6 attempts: other side closed (UND_ERR_SOCKET)'), true],
    [http(400)(), false],
    [http(404)(), false],
    [
      new RateLimitError({
        status: 429,
        method: 'PUT',
        path: '/x',
        message: 'Retry the request in [3] seconds',
      }),
      true,
    ],
    [
      new RateLimitError({
        status: 429,
        method: 'PUT',
        path: '/x',
        message:
          'Genesys Cloud asks to wait 3600 s, longer than the 61 s this client waits (a daily or hourly limit?)',
      }),
      false,
    ],
    [new Error('skill "X" does not exist in the org'), false],
  ])('classifies %s as retryable: %s', (error, expected) => {
    expect(isRetryableApiError(error)).toBe(expected);
  });
});
