import type { AnalyticsTable } from '../recommend/table.js';
import { SLOT_MS } from '../recommend/table.js';
import type { WhatIfDemand } from '../simulate/types.js';

/**
 * Turns the planner's analytics table into the what-if's demand (queue × skill × half hour) and the share of
 * agents on shift per half hour (distinct agents who handled something in it ÷ agents holding any skill).
 */
export function whatIfDemand(
  table: AnalyticsTable,
  agents: number,
): { demand: WhatIfDemand[]; onShift: Record<string, number> } {
  const start = Date.parse(table.start);
  const iso = (slot: number): string => new Date(start + slot * SLOT_MS).toISOString();
  const demand: WhatIfDemand[] = [];
  for (const s of table.queueSkills) {
    const totalHandled = s.handled.reduce((a, b) => a + b, 0);
    const totalHandleMs = s.handleMs.reduce((a, b) => a + b, 0);
    const fallbackAht = totalHandled > 0 ? totalHandleMs / totalHandled / 1000 : 300;
    for (let slot = 0; slot < table.slots; slot++) {
      const offered = s.offered[slot] ?? 0;
      if (offered <= 0) continue;
      const handled = s.handled[slot] ?? 0;
      const aht = handled > 0 ? (s.handleMs[slot] ?? 0) / handled / 1000 : fallbackAht;
      demand.push({
        queueId: s.queueId,
        queue: s.queue,
        skill: s.skill,
        start: iso(slot),
        offered,
        ahtSeconds: aht > 0 ? aht : fallbackAht,
        abandoned: s.abandoned[slot] ?? 0,
        totalWaitSeconds: ((s.answeredMs[slot] ?? 0) + (s.abandonMs[slot] ?? 0)) / 1000,
      });
    }
  }
  const onShift: Record<string, number> = {};
  const denominator = Math.max(1, agents);
  for (let slot = 0; slot < table.slots; slot++) {
    const active = table.users.activePerSlot[slot] ?? 0;
    if (active > 0) onShift[iso(slot)] = Math.min(1, active / denominator);
  }
  return { demand, onShift };
}
