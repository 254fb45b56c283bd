import { describe, expect, it } from 'vitest';
import { checkGuardrails } from '../../src/apply/guardrails.js';
import { isInWindow, nextWindowStart } from '../../src/apply/window.js';
import { diff } from '../../src/apply/diff.js';
import { desired, liveOrg, profile, settings, user } from '../support/builders.js';

const live = liveOrg([
  user('u1', 'a@x.example', { Billing: 1, Sales: 1, Spanish: 1 }),
  user('u2', 'boss@x.example', { Billing: 1 }),
]);

describe('guardrails', () => {
  it.each([
    {
      rule: 'maxChangesPerRun',
      guard: { maxChangesPerRun: 2 },
      git: [profile('a@x.example', { Billing: 5, Sales: 5, Spanish: 5 })],
    },
    { rule: 'maxRemovals', guard: { maxRemovals: 1 }, git: [profile('a@x.example', { Billing: 1 })] },
    {
      rule: 'protectedUsers',
      guard: { protectedUsers: ['Boss@x.example'] },
      git: [profile('boss@x.example', { Billing: 2 })],
    },
  ])('stops on $rule', ({ rule, guard, git }) => {
    const state = desired(git, {}, guard);
    const violations = checkGuardrails(diff(state, live), state.settings);
    expect(violations.map((v) => v.rule)).toEqual([rule]);
    expect(violations[0]!.message).toMatch(/settings|protected/);
  });

  it('passes a change inside every limit', () => {
    const state = desired([profile('a@x.example', { Billing: 2, Sales: 1, Spanish: 1 })]);
    expect(checkGuardrails(diff(state, live), state.settings)).toEqual([]);
  });

  it('stops when the plan what-if puts a queue under the service-level floor', () => {
    const violations = checkGuardrails([], settings(), [{ queue: 'Support', proposed: 0.5, floor: 0.6 }]);
    expect(violations[0]).toMatchObject({ rule: 'serviceLevelFloor' });
    expect(violations[0]!.message).toContain('50.0%');
  });
});

describe('off-peak window', () => {
  const window = { start: '22:00', end: '06:00', timeZone: 'Europe/London' };
  it.each([
    ['2026-07-01T20:59:00Z', false], // 21:59 BST
    ['2026-07-01T21:00:00Z', true], // 22:00 BST
    ['2026-07-02T04:59:00Z', true], // 05:59 BST
    ['2026-07-02T05:00:00Z', false], // 06:00 BST
    ['2026-01-15T22:30:00Z', true], // 22:30 GMT
  ])('%s in window: %s', (iso, expected) => {
    expect(isInWindow(window, new Date(iso))).toBe(expected);
  });

  it('honours weekdays, counting a window over midnight to the day it starts', () => {
    const fridayNights = { ...window, days: [5] };
    expect(isInWindow(fridayNights, new Date('2026-11-27T23:00:00Z'))).toBe(true); // Fri 23:00
    expect(isInWindow(fridayNights, new Date('2026-11-28T03:00:00Z'))).toBe(true); // Sat 03:00, Friday's window
    expect(isInWindow(fridayNights, new Date('2026-11-28T23:00:00Z'))).toBe(false); // Sat 23:00
  });

  it('names when the window opens next', () => {
    expect(nextWindowStart(window, new Date('2026-07-01T12:00:00Z'))?.toISOString()).toBe(
      '2026-07-01T21:00:00.000Z',
    );
    expect(nextWindowStart({ ...window, days: [1] }, new Date('2026-11-24T12:00:00Z'))?.toISOString()).toBe(
      '2026-11-30T22:00:00.000Z',
    );
  });
});
