import { evaluateQueue } from '../../src/simulate/evaluate.js';
import type { QueueWhatIf, WhatIfDemand, WhatIfInput, WhatIfResult } from '../../src/simulate/types.js';

export const T1 = '2024-05-01T09:00:00.000Z';
export const T2 = '2024-05-01T09:30:00.000Z';
export const T3 = '2024-05-02T09:00:00.000Z';

/** A demand row with AHT 180 s; the queue's id is `id-<name>`. */
export function row(
  queue: string,
  skill: string,
  start: string,
  offered: number,
  extra: Partial<WhatIfDemand> = {},
): WhatIfDemand {
  return { queueId: `id-${queue}`, queue, skill, start, offered, ahtSeconds: 180, ...extra };
}

/** `count` users holding exactly `skills`, ids `<prefix>0` … */
export function users(
  prefix: string,
  count: number,
  skills: Record<string, number>,
): Record<string, Record<string, number>> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, { ...skills }]));
}

export function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

export function input(overrides: Partial<WhatIfInput>): WhatIfInput {
  return {
    demand: [],
    onShift: {},
    current: {},
    proposed: {},
    answerWithinSeconds: 20,
    serviceLevelTarget: 0.8,
    serviceLevelFloor: 0.5,
    ...overrides,
  };
}

/** Independent expectation: Erlang C (or A with `patience`) for `agents` on one 30-minute interval, AHT 180 s. */
export function expected(offered: number, agents: number, patience?: number) {
  return evaluateQueue({
    offered,
    intervalSeconds: 1800,
    ahtSeconds: 180,
    agents,
    answerWithinSeconds: 20,
    patienceSeconds: patience,
  });
}

export function queue(result: WhatIfResult, name: string): QueueWhatIf {
  const found = result.queues.find((q) => q.queue === name);
  if (!found) throw new Error(`no queue ${name}`);
  return found;
}
