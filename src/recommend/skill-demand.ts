/**
 * Demand per skill: offered load and agents needed in every 30-minute slot, from the queue×skill aggregates.
 *
 * Load A(t) = Σ over queues requesting the skill of offered(t) × AHT(queue, skill) ÷ 1800 s, with the AHT taken
 * over the whole period (stable, unlike per-slot AHT). Agents needed N*(t) is the Erlang C staffing for the skill
 * as one pool: the fewest agents meeting the service-level target within `answerWithinSeconds` at no more than
 * `maxOccupancy`. A conversation requesting several skills counts towards each of them.
 *
 * "Busy" means the 90th percentile: a skill is staffed when supply covers the need in at least 90% of its loaded
 * slots (slots with offered load in which anyone in the org was working; a slot where nobody worked is a rota
 * gap no skill change can fix).
 */
import type { PlannerSettings } from '../state/model.js';
import { agentsNeeded } from './agents-needed.js';
import { SLOT_MS, sum, type AnalyticsTable } from './table.js';

export const BUSY_QUANTILE = 0.9;

export interface SkillDemand {
  skill: string;
  /** queues whose conversations requested the skill, by name */
  queues: string[];
  offered: number;
  handled: number;
  /** average handle time over the period, seconds */
  ahtSeconds: number;
  /** per slot: offered load (Erlangs) and agents needed */
  load: Float64Array;
  need: Float64Array;
  /** loaded slots, ascending */
  loadedSlots: Uint32Array;
  /** most loaded slots allowed to fall short: floor((1 − BUSY_QUANTILE) × loaded slots) */
  allowedShort: number;
  /** the slot at the 90th percentile of load among loaded slots (for reasons), or -1 */
  busySlot: number;
}

type Target = Pick<PlannerSettings, 'serviceLevelTarget' | 'answerWithinSeconds' | 'maxOccupancy'>;

/** Skills with offered conversations and a measurable handle time, by name. */
export function buildSkillDemand(table: AnalyticsTable, target: Target): Map<string, SkillDemand> {
  const bySkill = new Map<string, AnalyticsTable['queueSkills']>();
  for (const series of table.queueSkills) {
    const list = bySkill.get(series.skill) ?? [];
    list.push(series);
    bySkill.set(series.skill, list);
  }
  const staffing = {
    serviceLevel: target.serviceLevelTarget,
    answerWithinSeconds: target.answerWithinSeconds,
    maxOccupancy: target.maxOccupancy,
  };
  const out = new Map<string, SkillDemand>();
  for (const [skill, list] of [...bySkill].sort(([a], [b]) => compare(a, b))) {
    let offered = 0;
    let handled = 0;
    let handleMs = 0;
    const perQueue = list.map((s) => {
      const t = totals(s);
      offered += t.offered;
      handled += t.handled;
      handleMs += t.handleMs;
      return t;
    });
    if (offered <= 0 || handled <= 0 || handleMs <= 0) continue;
    const skillAht = handleMs / handled;
    const load = new Float64Array(table.slots);
    list.forEach((series, i) => {
      const t = perQueue[i];
      const aht = t && t.handled > 0 && t.handleMs > 0 ? t.handleMs / t.handled : skillAht;
      for (let slot = 0; slot < table.slots; slot++) {
        const n = series.offered[slot] ?? 0;
        if (n > 0) load[slot] = (load[slot] ?? 0) + (n * aht) / SLOT_MS;
      }
    });
    const ahtSeconds = skillAht / 1000;
    const need = new Float64Array(table.slots);
    const loaded: number[] = [];
    for (let slot = 0; slot < table.slots; slot++) {
      const a = load[slot] ?? 0;
      if (a <= 0) continue;
      need[slot] = agentsNeeded(a, ahtSeconds, staffing);
      if ((table.users.activePerSlot[slot] ?? 0) > 0) loaded.push(slot);
    }
    const byLoad = [...loaded].sort((x, y) => (load[x] ?? 0) - (load[y] ?? 0) || x - y);
    out.set(skill, {
      skill,
      queues: [...new Set(list.filter((s) => sum(s.offered) > 0).map((s) => s.queue))].sort(compare),
      offered,
      handled,
      ahtSeconds,
      load,
      need,
      loadedSlots: Uint32Array.from(loaded),
      allowedShort: Math.floor((1 - BUSY_QUANTILE) * loaded.length + 1e-9),
      busySlot: byLoad[Math.floor(BUSY_QUANTILE * (byLoad.length - 1))] ?? -1,
    });
  }
  return out;
}

function totals(s: AnalyticsTable['queueSkills'][number]) {
  return { offered: sum(s.offered), handled: sum(s.handled), handleMs: sum(s.handleMs) };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
