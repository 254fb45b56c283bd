import { weightedMetrics } from './aggregate.js';
import { evaluateQueue } from './evaluate.js';
import type { IntervalWhatIf, QueueMetrics } from './types.js';
import type { QueueInterval, Unit } from './units.js';

/** What every unit of one queue shares. */
export interface QueueContext {
  intervalSeconds: number;
  answerWithinSeconds: number;
  patienceSeconds: number | undefined;
  /** efficiency factor on the agents (1 = as counted) */
  efficiency: number;
}

/** Current and proposed metrics of one queue in one interval. */
export function intervalWhatIf(interval: QueueInterval, context: QueueContext): IntervalWhatIf {
  const current: QueueMetrics[] = [];
  const proposed: QueueMetrics[] = [];
  for (const unit of interval.units) {
    const now = unitMetrics(unit, unit.current, context);
    current.push(now);
    proposed.push(unit.proposed === unit.current ? { ...now } : unitMetrics(unit, unit.proposed, context));
  }
  return {
    start: interval.start,
    offered: interval.offered,
    current: combine(interval.units, current),
    proposed: combine(interval.units, proposed),
  };
}

export function unitMetrics(unit: Unit, agents: number, context: QueueContext): QueueMetrics {
  return evaluateQueue({
    offered: unit.offered,
    intervalSeconds: context.intervalSeconds,
    ahtSeconds: unit.ahtSeconds,
    agents: agents * context.efficiency,
    answerWithinSeconds: context.answerWithinSeconds,
    patienceSeconds: context.patienceSeconds,
  });
}

/**
 * A queue's metrics from its streams': rates and waits weighted by offered contacts, agents summed, occupancy =
 * busy agents ÷ agents. A single unit is returned as it is.
 */
function combine(units: readonly Unit[], metrics: QueueMetrics[]): QueueMetrics {
  if (metrics.length === 1 && metrics[0]) return metrics[0];
  const out = weightedMetrics(units.map((unit, i) => ({ weight: unit.offered, metrics: at(metrics, i) })));
  let agents = 0;
  let busy = 0;
  for (const m of metrics) {
    agents += m.agents;
    busy += m.agents * m.occupancy;
  }
  out.agents = agents;
  if (agents > 0) out.occupancy = busy / agents;
  return out;
}

function at(metrics: QueueMetrics[], i: number): QueueMetrics {
  const m = metrics[i];
  if (!m) throw new RangeError(`no metrics for unit ${i}`);
  return m;
}
