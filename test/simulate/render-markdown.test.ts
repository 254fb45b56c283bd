import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderWhatIfMarkdown } from '../../src/simulate/render-markdown.js';
import type { QueueMetrics, QueueWhatIf, WhatIfResult } from '../../src/simulate/types.js';

function metrics(serviceLevel: number, asa: number, occupancy: number, abandonRate = 0): QueueMetrics {
  return { agents: 10, serviceLevel, waitProbability: 0.3, asa, occupancy, abandonRate };
}

function queue(
  name: string,
  current: QueueMetrics,
  proposed: QueueMetrics,
  extra: Partial<QueueWhatIf> = {},
) {
  return {
    queueId: `id-${name}`,
    queue: name,
    offered: 1234.4,
    current,
    proposed,
    worstInterval: { start: '2024-05-01T09:30:00.000Z', offered: 80, current, proposed },
    days: [],
    ...extra,
  };
}

const result: WhatIfResult = {
  answerWithinSeconds: 20,
  serviceLevelTarget: 0.8,
  queues: [
    queue('Support', metrics(0.72, 35.2, 0.85, 0.04), metrics(0.815, 8.04, 0.78, 0.012), {
      patienceSeconds: 120,
    }),
    queue('Sales', metrics(0.9, 3, 0.5), metrics(0.9, 3, 0.5)),
    queue('Retention', metrics(0.7, 12, 0.9), metrics(0.45, Number.POSITIVE_INFINITY, 1)),
  ],
  belowFloor: [{ queue: 'Retention', current: 0.7, proposed: 0.45, floor: 0.5 }],
};

describe('renderWhatIfMarkdown', () => {
  it('renders one row per queue with current → projected', () => {
    expect(renderWhatIfMarkdown(result)).toMatchInlineSnapshot(`
      "Service level = answered within 20 s ÷ offered (target 80.0%). Current → projected, weighted by volume.

      | Queue | Offered | Service level | ASA | Occupancy | Abandoned | Worst interval (projected) |
      |---|---:|---|---|---|---|---|
      | Support † | 1,234 | 72.0% → 81.5% (▲ +9.5 pp) | 35 s → 8.0 s | 85.0% → 78.0% | 4.0% → 1.2% | 2024-05-01 09:30 UTC: 72.0% → 81.5% |
      | Sales | 1,234 | 90.0% → 90.0% (= 0.0 pp) | 3.0 s | 50.0% | 0.0% | 2024-05-01 09:30 UTC: 90.0% → 90.0% |
      | Retention | 1,234 | 70.0% → 45.0% (▼ −25.0 pp) | 12 s → ∞ | 90.0% → 100.0% | 0.0% | 2024-05-01 09:30 UTC: 70.0% → 45.0% |

      † Erlang A with the mean patience given or estimated from abandons; other queues Erlang C.

      **Below the service-level floor:**

      - Retention: 70.0% → 45.0% (floor 50.0%)
      "
    `);
  });

  it('marks calibrated queues and names their factors', () => {
    const md = renderWhatIfMarkdown({
      ...result,
      queues: [
        queue('Billing', metrics(0.83, 12.5, 0.8), metrics(0.86, 9, 0.78), { calibration: 0.5812 }),
        queue('A|B', metrics(0.8, 1, 0.5), metrics(0.8, 1, 0.5), { calibration: 1.5 }),
        queue('Sales', metrics(0.9, 3, 0.5), metrics(0.9, 3, 0.5)),
      ],
      belowFloor: [],
    });
    expect(md).toContain('| Billing ‡ | 1,234 |');
    expect(md).toContain('| Sales | 1,234 |');
    expect(md).toContain(
      '‡ Calibrated to the measured waits: the agents are scaled by an efficiency factor k per queue, fitted so ' +
        'that the current mean wait matches the measured one, and the same k is applied to the projection ' +
        '(k: Billing 0.58, A\\|B 1.50).',
    );
  });

  it('says what the centre model simulated (days of the period, replications)', () => {
    const simulated = { ...result, simulatedDays: 3, replications: 1 } as WhatIfResult;
    expect(renderWhatIfMarkdown(simulated)).toContain(
      'Simulated: the most recent 3 days of the period, 1 replication.',
    );
    expect(renderWhatIfMarkdown(result)).not.toContain('Simulated:');
  });

  it('says so when nothing was offered', () => {
    expect(renderWhatIfMarkdown({ ...result, queues: [], belowFloor: [] })).toContain(
      'No queue had offered contacts',
    );
  });

  it('keeps hostile queue names inside their cell', () => {
    const name = 'A|B <script>alert(1)</script> `code` *bold* [link](x)\nsecond line';
    const md = renderWhatIfMarkdown({
      ...result,
      queues: [queue(name, metrics(0.8, 1, 0.5), metrics(0.8, 1, 0.5))],
    });
    const row = md.split('\n').find((line) => line.includes('alert'));
    expect(row).toBeDefined();
    const cells = (row ?? '').split(/(?<!\\)\|/);
    expect(cells).toHaveLength(9); // leading and trailing pipes + 7 cells
    expect(row).not.toMatch(/<script>|(?<!\\)`|(?<!\\)\*/);
    expect(md).not.toContain('\nsecond line');
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['<b>', '&lt;b&gt;'],
    ['x`y', 'x\\`y'],
    ['one\r\ntwo', 'one two'],
    ['back\\slash', 'back\\\\slash'],
    ['AT&T', 'AT&amp;T'],
  ])('escapes %j as %j', (raw, escaped) => {
    expect(escapeMarkdown(raw)).toBe(escaped);
  });
});
