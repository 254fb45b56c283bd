import { describe, expect, it } from 'vitest';
import { declinedSubjects, routingInYaml, type PlanProposals } from '../../src/review/closed-plans.js';
import { honourReviewers } from '../../src/review/reviewer-control.js';

const proposals: PlanProposals = {
  recommendations: [
    { email: 'Ann@x.com', skill: 'Sales', action: 'add', after: 3 },
    { email: 'bob@x.com', skill: 'French', action: 'remove', after: undefined },
    { email: 'cy@x.com', skill: 'Billing', action: 'update', after: 2.5 },
  ],
  weights: [{ queue: 'Support', skill: 'Billing', after: 80 }],
};

const merged = `apiVersion: routing-gitops/v1
kind: RoutingProfiles
profiles:
  ann@x.com:
    skills: {Sales: 3}
  bob@x.com:
    skills: {French: 4} # keep French!
  cy@x.com:
    skills: {Billing: 2.5}
---
apiVersion: routing-gitops/v1
kind: RuleWeights
queues:
  Support: {Billing: 70}
`;

describe('declines from closed plan pull requests (pure)', () => {
  it('a pull request closed unmerged declines every proposal', () => {
    expect(declinedSubjects(proposals, undefined)).toEqual([
      'Ann@x.com: add Sales',
      'bob@x.com: remove French',
      'cy@x.com: update Billing',
      'Support|Billing weight',
    ]);
  });

  it.each([
    ['as proposed', merged, ['bob@x.com: remove French', 'Support|Billing weight']],
    [
      'a user removed from the YAML',
      merged.replace('  ann@x.com:\n    skills: {Sales: 3}\n', ''),
      ['Ann@x.com: add Sales', 'bob@x.com: remove French', 'Support|Billing weight'],
    ],
    [
      'every line kept',
      merged.replace('{French: 4} # keep French!', '{}').replace('Billing: 70', 'Billing: 80'),
      [],
    ],
    [
      'a value changed by the reviewer',
      merged.replace('Billing: 2.5', 'Billing: 2'),
      ['bob@x.com: remove French', 'cy@x.com: update Billing', 'Support|Billing weight'],
    ],
  ])(
    'a merged pull request declines only what the merged YAML does not hold: %s',
    (_name, yaml, expected) => {
      expect(declinedSubjects(proposals, routingInYaml([yaml]))).toEqual(expected);
    },
  );

  it('the planner leaves declined proposals alone and says which pull request declined them', () => {
    const out = honourReviewers(
      {
        recommendations: [
          {
            email: 'bob@x.com',
            userName: 'Bob',
            skill: 'French',
            action: 'remove',
            before: 4,
            after: undefined,
            reason: '',
          },
          {
            email: 'bob@x.com',
            userName: 'Bob',
            skill: 'Sales',
            action: 'add',
            before: undefined,
            after: 2,
            reason: '',
          },
        ],
        weights: [],
      },
      { keys: new Set() },
      [
        {
          subject: 'bob@x.com: remove French',
          until: '2027-01-01T00:00:00.000Z',
          why: 'plan PR #7 closed unmerged',
        },
      ],
    );
    expect(out.recommendations.map((r) => r.skill)).toEqual(['Sales']);
    expect(out.leftAlone).toEqual([
      {
        subject: 'bob@x.com: remove French',
        reason:
          'declined by a reviewer (plan PR #7 closed unmerged); not proposed again before 2027-01-01T00:00:00.000Z',
      },
    ]);
  });
});
