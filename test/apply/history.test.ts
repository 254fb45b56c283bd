import { describe, expect, it } from 'vitest';
import { effectiveGuardrails } from '../../src/apply/guardrails.js';
import { refuseBackwards } from '../../src/apply/history.js';
import type { Guardrails } from '../../src/state/model.js';

const base: Guardrails = {
  maxChangesPerRun: 10,
  maxRemovals: 2,
  protectedUsers: ['a@x.example'],
  serviceLevelFloor: 0.6,
};
const window = { start: '22:00', end: '06:00', timeZone: 'UTC' };

describe('guardrails in force', () => {
  it.each([
    ['a raised change cap', { maxChangesPerRun: 99 }, { maxChangesPerRun: 10 }, 'maxChangesPerRun 10 → 99'],
    ['a raised prune cap', { maxRemovals: 50 }, { maxRemovals: 2 }, 'maxRemovals 2 → 50'],
    [
      'a lowered floor',
      { serviceLevelFloor: 0.2 },
      { serviceLevelFloor: 0.6 },
      'serviceLevelFloor 0.6 → 0.2',
    ],
    [
      'an unprotected user',
      { protectedUsers: [] },
      { protectedUsers: ['a@x.example'] },
      'without a@x.example',
    ],
  ])('holds back %s until it has been applied', (_name, change, expected, note) => {
    const { guardrails, held } = effectiveGuardrails({ ...base, ...change }, base);
    expect(guardrails).toMatchObject(expected);
    expect(held.join('; ')).toContain(note);
  });

  it('keeps the applied window when the commit drops or moves it, takes a new one at once', () => {
    expect(effectiveGuardrails(base, { ...base, window }).guardrails.window).toEqual(window);
    expect(effectiveGuardrails(base, { ...base, window }).held).toEqual(['no window']);
    expect(effectiveGuardrails({ ...base, window }, base)).toEqual({
      guardrails: { ...base, window },
      held: [],
    });
  });

  it('takes tightening at once and everything when nothing was applied yet', () => {
    const tighter = {
      ...base,
      maxRemovals: 1,
      serviceLevelFloor: 0.7,
      protectedUsers: ['a@x.example', 'b@x.example'],
    };
    expect(effectiveGuardrails(tighter, base)).toEqual({ guardrails: tighter, held: [] });
    const looser = { ...base, maxRemovals: 500 };
    expect(effectiveGuardrails(looser, undefined)).toEqual({ guardrails: looser, held: [] });
  });
});

describe('refuseBackwards', () => {
  const commit = 'a'.repeat(40);
  it('refuses a commit with an apply tag on a later commit, and says what to do', () => {
    const message = refuseBackwards({
      commit,
      later: [{ name: 'routing-gitops/apply/7', commit: 'b'.repeat(40) }],
    });
    expect(message).toContain('older than a commit already applied (routing-gitops/apply/7 on bbbbbbbbbbbb)');
    expect(message).toContain('dispatch a new run of the apply workflow on main');
  });
  it('refuses a commit that is not the tip of the default branch', () => {
    expect(refuseBackwards({ commit, later: [], tip: { branch: 'main', sha: 'c'.repeat(40) } })).toContain(
      'not the tip of the default branch main (now cccccccccccc)',
    );
  });
  it('lets the tip, and any commit without later applies outside Actions, through', () => {
    expect(refuseBackwards({ commit, later: [], tip: { branch: 'main', sha: commit } })).toBeUndefined();
    expect(refuseBackwards({ commit, later: [] })).toBeUndefined();
  });
});
