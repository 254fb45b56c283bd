import { describe, expect, it } from 'vitest';
import {
  headlineQueue,
  planCommitMessage,
  planCommitSubject,
  planFigures,
} from '../../src/github/plan-figures.js';
import { makeOutcome, queue, recommendation } from './fixtures.js';

describe('plan figures and the commit message', () => {
  it.each([
    [makeOutcome(), 'plan: 3 users, 3 skill changes, 1 weight; SL Support 71% → 83%'],
    [makeOutcome({ weights: [] }, 1), 'plan: 1 user, 1 skill change, 0 weights; SL Support 71% → 83%'],
    [
      makeOutcome({
        recommendations: [recommendation(1), recommendation(2, { email: 'AGENT1@example.com' })],
        whatIf: { answerWithinSeconds: 20, serviceLevelTarget: 0.8, queues: [], belowFloor: [] },
      }),
      'plan: 1 user, 2 skill changes, 1 weight',
    ],
  ])('%#: %s', (outcome, subject) => {
    expect(planCommitSubject(planFigures(outcome))).toBe(subject);
  });

  it('headline: the biggest service-level move, then the busier queue, then the name', () => {
    expect(headlineQueue([queue('A', 10, 0.5, 0.6), queue('B', 5, 0.5, 0.8)])?.queue).toBe('B');
    expect(headlineQueue([queue('A', 10, 0.5, 0.6), queue('B', 50, 0.6, 0.5)])?.queue).toBe('B');
    expect(headlineQueue([queue('B', 10, 0.5, 0.6), queue('A', 10, 0.5, 0.6)])?.queue).toBe('A');
    expect(headlineQueue([])).toBeUndefined();
  });

  it('the message body lists the busiest queues on single lines', () => {
    const outcome = makeOutcome({
      whatIf: {
        answerWithinSeconds: 20,
        serviceLevelTarget: 0.8,
        queues: [queue('Sup\nport', 100, 0.7, 0.8), queue('Sales', 900, 0.9, 0.91)],
        belowFloor: [],
      },
    });
    expect(planCommitMessage(outcome)).toBe(
      [
        'plan: 3 users, 3 skill changes, 1 weight; SL Sup port 70% → 80%',
        '',
        '- Sales: SL 90% → 91%',
        '- Sup port: SL 70% → 80%',
        '',
        'Planned by routing-gitops at 2025-03-04T03:17:00.000Z from the last 30 days (policy staffing).',
      ].join('\n'),
    );
  });
});
