import { describe, expect, it } from 'vitest';
import { diff } from '../../src/apply/diff.js';
import { ignoredRemovals, plural, renderDiffReport } from '../../src/apply/diff-report.js';
import { desired, liveOrg, profile, user } from '../support/builders.js';

describe('diff for people', () => {
  const state = {
    ...desired(
      [
        {
          ...profile('a@x.example', { Billing: 3 }),
          source: { file: 'routing-profiles/billing.yaml', line: 7, col: 3 },
          skillSources: { Billing: { file: 'routing-profiles/billing.yaml', line: 8, col: 15 } },
        },
        {
          ...profile('b@x.example', { Sales: 2 }, 'additive'),
          source: { file: 'routing-profiles/sales.yaml', line: 4, col: 3 },
        },
      ],
      { Support: { Billing: 20 } },
    ),
    weightSources: { 'Support|Billing': { file: 'rule-weights.yaml', line: 5, col: 5 } },
  };
  const live = liveOrg(
    [
      user('u1', 'a@x.example', { Billing: 1 }),
      user('u2', 'b@x.example', { Sales: 2, French: 4, Claims: 1 }),
    ],
    { 'Support|Billing': 10 },
  );
  const changes = diff(state, live);

  it('gives file:line per change and counts in correct English', () => {
    const text = renderDiffReport({ changes, drift: [], unmanaged: [], ignored: [] }, state);
    expect(text).toContain('  ~ user a@x.example (User u1)  desired-state/routing-profiles/billing.yaml:7\n');
    expect(text).toMatch(/~ Billing\s+1 → 3\s+desired-state\/routing-profiles\/billing\.yaml:8\n/);
    expect(text).toMatch(/~ Support\|Billing\s+10 → 20\s+desired-state\/rule-weights\.yaml:5/);
    expect(text).toContain(
      'Plan: 1 user (0 skills to add, 1 to change, 0 to remove), 1 weight (0 to add, 1 to change, 0 to remove).',
    );
  });

  it('names users no longer managed and the removals additive ownership holds back', () => {
    const ignored = ignoredRemovals(state, live.users);
    expect(ignored).toEqual([{ email: 'b@x.example', kept: ['Claims', 'French'] }]);
    const text = renderDiffReport({ changes: [], drift: [], unmanaged: ['gone@x.example'], ignored }, state);
    expect(text).toBe(
      [
        'No changes. The org matches git.',
        '',
        'No longer managed: 1 user left git since the last commit; apply leaves their skills as they are:',
        '  gone@x.example',
        '',
        'Kept by additive ownership: 2 skills of 1 user that git does not list (apply removes only under authoritative ownership):',
        '  b@x.example: Claims, French',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [0, 'users'],
    [1, 'user'],
    [2, 'users'],
  ])('%i %s', (n, word) => {
    expect(plural(n, 'user')).toBe(`${n} ${word}`);
  });
});
