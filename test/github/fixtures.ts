import type { PlanOutcome, SkillRecommendation } from '../../src/recommend/types.js';
import type { QueueMetrics, QueueWhatIf } from '../../src/simulate/types.js';

export function metrics(serviceLevel: number, overrides: Partial<QueueMetrics> = {}): QueueMetrics {
  return {
    agents: 10,
    serviceLevel,
    waitProbability: 1 - serviceLevel,
    asa: 40 * (1 - serviceLevel),
    occupancy: 0.8,
    abandonRate: 0.05,
    ...overrides,
  };
}

export function queue(name: string, offered: number, current: number, proposed: number): QueueWhatIf {
  return {
    queueId: `q-${name.length}-${offered}`,
    queue: name,
    offered,
    current: metrics(current),
    proposed: metrics(proposed, { asa: 40 * (1 - proposed), occupancy: 0.75, abandonRate: 0.03 }),
    worstInterval: undefined,
    days: [],
  };
}

export function recommendation(i: number, overrides: Partial<SkillRecommendation> = {}): SkillRecommendation {
  const action = (['add', 'remove', 'update'] as const)[i % 3] ?? 'add';
  return {
    email: `agent${i}@example.com`,
    userName: `Agent ${i}`,
    skill: `Skill ${i % 7}`,
    action,
    before: action === 'add' ? undefined : 3,
    after: action === 'remove' ? undefined : action === 'update' ? 1 + (i % 5) : 4,
    reason: `Skill ${i % 7}: ${20 + (i % 9)} holders, ${15 + (i % 4)} needed at the busiest interval`,
    ...overrides,
  };
}

/** a plan with `n` skill changes across two queues (deterministic) */
export function makeOutcome(overrides: Partial<PlanOutcome> = {}, n = 3): PlanOutcome {
  return {
    generatedAt: '2025-03-04T03:17:00.000Z',
    days: 30,
    policy: 'staffing',
    recommendations: Array.from({ length: n }, (_, i) => recommendation(i)),
    weights: [
      { queue: 'Support', skill: 'Billing', before: 40, after: 80, reason: 'volume 0.82, wait 0.64' },
    ],
    rejected: [
      { subject: 'bob@example.com: remove Billing', reason: 'would leave Billing below the need (12 < 14)' },
    ],
    whatIf: {
      answerWithinSeconds: 20,
      serviceLevelTarget: 0.8,
      queues: [queue('Support', 1200, 0.71, 0.83), queue('Sales', 800, 0.9, 0.88)],
      belowFloor: [],
    },
    drift: [{ subject: 'carol@example.com', detail: 'Billing: git 4, live 2', changedBy: 'Dana Admin' }],
    files: {
      whatIfMarkdown: 'desired-state/plan/what-if.md',
      whatIfJson: 'desired-state/plan/what-if.json',
      yamlDiff: 'desired-state/plan/desired-state.diff',
      changesJson: 'desired-state/plan/changes.json',
    },
    yamlDiff: '',
    apiCalls: 42,
    ...overrides,
  };
}
