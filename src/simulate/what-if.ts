import { weightedMetrics } from './aggregate.js';
import { fitQueueEfficiency } from './calibration.js';
import { compare, getOrAdd, groupDemand } from './demand.js';
import type { QueueInfo } from './demand.js';
import { SimulationError } from './errors.js';
import { intervalWhatIf } from './interval-metrics.js';
import type { IntervalWhatIf, QueueWhatIf, WhatIfInput, WhatIfResult } from './types.js';
import { evaluationUnits } from './units.js';

const DEFAULT_INTERVAL_SECONDS = 1800;
/** a projected SL this close to the current one counts as unchanged (float noise is not a regression) */
const SAME_SERVICE_LEVEL = 1e-9;

/**
 * Current vs proposed routing profiles, per queue and interval: agents from the allocation rule (allocation.ts,
 * or membership.ts when `queueMembers` is given, one Erlang queue per queue × skill stream then), optionally
 * scaled by a per-queue efficiency factor fitted to the measured waits (calibration.ts), then Erlang A where the
 * queue's patience is given or estimable from abandons, Erlang C otherwise; aggregated per queue and per day
 * weighted by offered contacts. Pure: same input, same output.
 */
export function simulateWhatIf(input: WhatIfInput): WhatIfResult {
  checkInput(input);
  const intervalSeconds = input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const grouped = groupDemand(input);
  const units = evaluationUnits(input, grouped, {
    intervalSeconds,
    onShiftAt: (start) => onShiftAt(input, start),
  });
  const queues: QueueWhatIf[] = [];
  for (const [queueId, intervals] of units) {
    const info = grouped.queues.get(queueId);
    const context = {
      intervalSeconds,
      answerWithinSeconds: input.answerWithinSeconds,
      patienceSeconds: info?.patienceSeconds,
    };
    const calibration =
      input.calibrate === true && info
        ? fitQueueEfficiency(
            intervals,
            { offered: info.measuredOffered, waitSeconds: info.measuredWaitSeconds },
            context,
          )
        : undefined;
    const efficiency = calibration ?? 1;
    const evaluated = intervals.map((interval) => intervalWhatIf(interval, { ...context, efficiency }));
    const queue = summarise(info, queueId, evaluated);
    if (calibration !== undefined) queue.calibration = calibration;
    queues.push(queue);
  }
  queues.sort((a, b) => compare(a.queue, b.queue) || compare(a.queueId, b.queueId));
  return {
    answerWithinSeconds: input.answerWithinSeconds,
    serviceLevelTarget: input.serviceLevelTarget,
    queues,
    belowFloor: belowFloor(queues, input.serviceLevelFloor),
  };
}

function summarise(info: QueueInfo | undefined, queueId: string, intervals: IntervalWhatIf[]): QueueWhatIf {
  const offered = intervals.reduce((sum, i) => sum + i.offered, 0);
  const byDay = new Map<string, IntervalWhatIf[]>();
  for (const interval of intervals) getOrAdd(byDay, interval.start.slice(0, 10), () => []).push(interval);
  const result: QueueWhatIf = {
    queueId,
    queue: info?.queue ?? queueId,
    offered,
    current: weighted(intervals, 'current'),
    proposed: weighted(intervals, 'proposed'),
    worstInterval: worst(intervals),
    days: [...byDay].map(([date, day]) => ({
      date,
      offered: day.reduce((sum, i) => sum + i.offered, 0),
      current: weighted(day, 'current'),
      proposed: weighted(day, 'proposed'),
    })),
  };
  if (info?.patienceSeconds !== undefined) result.patienceSeconds = info.patienceSeconds;
  return result;
}

function weighted(intervals: readonly IntervalWhatIf[], scenario: 'current' | 'proposed') {
  return weightedMetrics(intervals.map((i) => ({ weight: i.offered, metrics: i[scenario] })));
}

/** Lowest projected SL; ties go to the busier interval, then the earlier one. */
function worst(intervals: readonly IntervalWhatIf[]): IntervalWhatIf | undefined {
  let found: IntervalWhatIf | undefined;
  for (const interval of intervals) {
    if (!found) {
      found = interval;
      continue;
    }
    const sl = interval.proposed.serviceLevel;
    const best = found.proposed.serviceLevel;
    if (sl < best || (sl === best && interval.offered > found.offered)) found = interval;
  }
  return found;
}

/**
 * Queues the change would push (or push further) below the floor: projected SL < floor AND < current SL.
 * A queue already below the floor that the change leaves as it is (or improves) is not a reason to reject it.
 */
function belowFloor(queues: readonly QueueWhatIf[], floor: number): WhatIfResult['belowFloor'] {
  return queues
    .filter(
      (q) =>
        q.proposed.serviceLevel < floor &&
        q.proposed.serviceLevel < q.current.serviceLevel - SAME_SERVICE_LEVEL,
    )
    .map((q) => ({
      queue: q.queue,
      current: q.current.serviceLevel,
      proposed: q.proposed.serviceLevel,
      floor,
    }));
}

function onShiftAt(input: WhatIfInput, start: string): number {
  return input.onShift[start] ?? input.defaultOnShift ?? 1;
}

function checkInput(input: WhatIfInput): void {
  const fraction = (value: number) => value >= 0 && value <= 1;
  if (!(input.answerWithinSeconds >= 0 && Number.isFinite(input.answerWithinSeconds))) {
    throw new SimulationError(
      `answerWithinSeconds must be a number of seconds ≥ 0, got ${input.answerWithinSeconds}`,
    );
  }
  if (!fraction(input.serviceLevelTarget)) {
    throw new SimulationError(`serviceLevelTarget must be between 0 and 1, got ${input.serviceLevelTarget}`);
  }
  if (!fraction(input.serviceLevelFloor)) {
    throw new SimulationError(`serviceLevelFloor must be between 0 and 1, got ${input.serviceLevelFloor}`);
  }
  const intervalSeconds = input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  if (!(intervalSeconds > 0 && Number.isFinite(intervalSeconds))) {
    throw new SimulationError(`intervalSeconds must be a positive number, got ${intervalSeconds}`);
  }
  if (input.defaultOnShift !== undefined && !fraction(input.defaultOnShift)) {
    throw new SimulationError(`defaultOnShift must be between 0 and 1, got ${input.defaultOnShift}`);
  }
  for (const [start, value] of Object.entries(input.onShift)) {
    if (!fraction(value))
      throw new SimulationError(`onShift[${start}] must be between 0 and 1, got ${value}`);
  }
  if (input.queueMembers) checkMembers(input.queueMembers, input);
}

/** Member ids that match no user in either scenario almost always mean emails on one side and ids on the other. */
function checkMembers(queueMembers: Record<string, string[]>, input: WhatIfInput): void {
  let named = 0;
  for (const [queue, members] of Object.entries(queueMembers)) {
    if (!Array.isArray(members))
      throw new SimulationError(`queueMembers[${JSON.stringify(queue)}] must be a list of user ids`);
    for (const id of members) {
      named += 1;
      if (Object.hasOwn(input.current, id) || Object.hasOwn(input.proposed, id)) return;
    }
  }
  if (named > 0) {
    throw new SimulationError(
      'queueMembers names none of the users in current/proposed: use the same user ids in both',
    );
  }
}
