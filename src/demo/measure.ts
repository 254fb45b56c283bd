import type { GenesysPort } from '../genesys/port.js';

export interface MeasuredQueue {
  queueId: string;
  offered: number;
  /** answered within the queue's target ÷ offered */
  serviceLevel: number;
  /** abandoned ÷ offered */
  abandonRate: number;
}

/** What the analytics actually showed per queue over [start, end): the emulated month, measured like a user would. */
export function measureQueues(
  port: GenesysPort,
  start: Date,
  end: Date,
): Promise<Map<string, MeasuredQueue>> {
  return measure(port, start, end, 'queueId');
}

/** The same per requested skill (keyed by skill id). */
export function measureSkills(
  port: GenesysPort,
  start: Date,
  end: Date,
): Promise<Map<string, MeasuredQueue>> {
  return measure(port, start, end, 'requestedRoutingSkillId');
}

async function measure(
  port: GenesysPort,
  start: Date,
  end: Date,
  dimension: 'queueId' | 'requestedRoutingSkillId',
): Promise<Map<string, MeasuredQueue>> {
  const response = await port.queryAggregates({
    interval: `${start.toISOString()}/${end.toISOString()}`,
    groupBy: [dimension],
    metrics: ['nOffered', 'oServiceLevel', 'tAbandon'],
  });
  const out = new Map<string, MeasuredQueue>();
  for (const result of response.results) {
    const queueId = result.group[dimension];
    if (!queueId) continue;
    let offered = 0;
    let inSla = 0;
    let slDenominator = 0;
    let abandoned = 0;
    for (const d of result.data) {
      for (const m of d.metrics) {
        if (m.metric === 'nOffered') offered += m.stats.count ?? 0;
        if (m.metric === 'oServiceLevel') {
          inSla += m.stats.numerator ?? 0;
          slDenominator += m.stats.denominator ?? 0;
        }
        if (m.metric === 'tAbandon') abandoned += m.stats.count ?? 0;
      }
    }
    out.set(queueId, {
      queueId,
      offered,
      serviceLevel: slDenominator > 0 ? inSla / slDenominator : 0,
      abandonRate: offered > 0 ? abandoned / offered : 0,
    });
  }
  return out;
}
