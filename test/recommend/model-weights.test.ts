import { describe, expect, it } from 'vitest';
import { checkWeightsWithModel } from '../../src/recommend/model-weights.js';
import type { WeightRecommendation } from '../../src/recommend/types.js';
import { weightsEvaluator } from '../../src/simulate/centre/weights-effect.js';

const w = (skill: string, before: number, after: number): WeightRecommendation => ({
  queue: 'Support',
  skill,
  before,
  after,
  reason: 'formula',
});

describe('weights the model shows help', () => {
  it('keeps a change that does not lower the org, rejects one that does or that starves a stream', () => {
    const evaluate = (weights: Record<string, Record<string, number>>) => {
      const billing = weights.Support?.Billing ?? 50;
      const spanish = weights.Support?.Spanish ?? 50;
      return {
        serviceLevel: 0.8 + (billing - 50) / 1000 - (50 - spanish) / 500,
        streams: new Map([
          ['Support|Billing', 0.8],
          ['Support|Spanish', spanish < 30 ? 0.3 : 0.7],
        ]),
      };
    };
    const out = checkWeightsWithModel({
      proposed: [w('Billing', 50, 70), w('Spanish', 50, 40), w('Spanish', 50, 20)],
      current: { Support: { Billing: 50, Spanish: 50 } },
      evaluate,
    });
    expect(out.weights.map((x) => `${x.skill}:${x.after}`)).toEqual(['Billing:70']);
    expect(out.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/lowers the org's service level: 80\.0% → 78\.0%/),
      expect.stringMatching(/starves Support\|Spanish/),
    ]);
  });

  it('rejects a change that lowers one queue by more than a point, even when the org gains', () => {
    // Billing up: the org gains 2 points, Sales (another queue sharing the agents) loses 3
    const evaluate = (weights: Record<string, Record<string, number>>) => {
      const up = (weights.Support?.Billing ?? 50) > 50;
      return {
        serviceLevel: up ? 0.82 : 0.8,
        streams: new Map([
          ['Support|Billing', up ? 0.9 : 0.8],
          ['Sales|Sales', up ? 0.77 : 0.8],
        ]),
        queues: new Map([
          ['Support', up ? 0.9 : 0.8],
          ['Sales', up ? 0.77 : 0.8],
        ]),
      };
    };
    const guarded = checkWeightsWithModel({
      proposed: [w('Billing', 50, 70)],
      current: { Support: { Billing: 50 } },
      evaluate,
    });
    expect(guarded.weights).toEqual([]);
    expect(guarded.rejected.map((r) => r.reason)).toEqual([
      "the model lowers Sales's service level by more than 1 point: 80.0% → 77.0%",
    ]);
    const loose = checkWeightsWithModel({
      proposed: [w('Billing', 50, 70)],
      current: { Support: { Billing: 50 } },
      evaluate,
      maxQueueDrop: 0.05,
    });
    expect(loose.weights.map((x) => `${x.skill}:${x.after}`)).toEqual(['Billing:70']);
  });

  it('evaluates weights through the centre model: a raised stream is served better', () => {
    const slots = 96;
    const stream = (skill: string) => ({
      queueId: 'q1',
      queue: 'Support',
      media: 'voice',
      skills: [skill],
      offered: new Array<number>(slots).fill(30),
      ahtSeconds: 300,
      patienceSeconds: 180,
      thresholdSeconds: 20,
    });
    const agents = Array.from({ length: 11 }, (_, i) => ({
      id: `a${i}`,
      queueIds: ['q1'],
      languages: [],
      onQueueSeconds: new Array<number>(slots).fill(1800),
    }));
    const skills = Object.fromEntries(agents.map((a) => [a.id, { Billing: 3, Sales: 3 }]));
    const evaluate = weightsEvaluator(
      { startMs: 0, slots, slotSeconds: 1800, streams: [stream('Billing'), stream('Sales')], agents },
      skills,
      2,
    );
    const even = evaluate({});
    const raised = evaluate({ Support: { Billing: 90 } });
    expect(raised.streams.get('Support|Billing|voice|')).toBeGreaterThan(
      even.streams.get('Support|Billing|voice|')! + 0.02,
    );
    expect(evaluate({})).toEqual(even);
    // one queue: its service level is the org's
    expect([...even.queues.keys()]).toEqual(['Support']);
    expect(even.queues.get('Support')).toBeCloseTo(even.serviceLevel, 12);
  });
});
