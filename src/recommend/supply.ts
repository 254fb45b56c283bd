/**
 * Supply per skill and slot: what the holders who were on shift in that slot give the skill, in agents
 * (see `contribution`), against the skill's need. Kept up to date as the planner adds and removes holders.
 *
 * The conservative supply (`low`) only ever goes down during a plan: removals and the dilution of a user's
 * other skills when one is added lower it; an added holder's contribution is not counted. So every guard
 * checked against it also holds for any subset of the plan's changes (what remains after the per-plan cap).
 */
import { contribution, type Person } from './people.js';
import type { SkillDemand } from './skill-demand.js';
import { forEachActiveSlot, isActive, type AnalyticsTable } from './table.js';

const EPS = 1e-9;

export interface SkillSupply {
  demand: SkillDemand;
  /** emails holding the skill in git (any, known to the table or not) */
  holders: Set<string>;
  /** 1 for loaded slots */
  loaded: Uint8Array;
  low: Float64Array;
  high: Float64Array;
  /** loaded slots where supply falls short of the need */
  shortLow: number;
  shortHigh: number;
}

export function buildSupply(
  table: AnalyticsTable,
  demand: SkillDemand,
  people: Iterable<Person>,
): SkillSupply {
  const loaded = new Uint8Array(table.slots);
  for (const slot of demand.loadedSlots) loaded[slot] = 1;
  const supply: SkillSupply = {
    demand,
    holders: new Set(),
    loaded,
    low: new Float64Array(table.slots),
    high: new Float64Array(table.slots),
    shortLow: 0,
    shortHigh: 0,
  };
  for (const person of people) {
    if (!Object.hasOwn(person.skills, demand.skill)) continue;
    supply.holders.add(person.email);
    if (person.activity < 0) continue;
    const c = contribution(person, demand.skill);
    forEachActiveSlot(table.users, person.activity, (slot) => {
      supply.low[slot] = (supply.low[slot] ?? 0) + c.low;
      supply.high[slot] = (supply.high[slot] ?? 0) + c.high;
    });
  }
  for (const slot of demand.loadedSlots) {
    const need = demand.need[slot] ?? 0;
    if ((supply.low[slot] ?? 0) < need - EPS) supply.shortLow++;
    if ((supply.high[slot] ?? 0) < need - EPS) supply.shortHigh++;
  }
  return supply;
}

/** Loaded slots that would newly fall short (conservative supply) if `amount` were taken from the person's slots. */
export function newlyShortIfReduced(
  table: AnalyticsTable,
  supply: SkillSupply,
  person: Person,
  amount: number,
): number {
  if (person.activity < 0 || amount <= 0) return 0;
  let count = 0;
  forEachActiveSlot(table.users, person.activity, (slot) => {
    if (!supply.loaded[slot]) return;
    const need = supply.demand.need[slot] ?? 0;
    const before = supply.low[slot] ?? 0;
    if (before >= need - EPS && before - amount < need - EPS) count++;
  });
  return count;
}

/**
 * The guard "never below the need": taking `amount` from the person's slots is allowed when the short slots stay
 * within the allowed 10%, or when it neither makes a covered slot short nor deepens a slot already short.
 */
export function mayReduce(
  table: AnalyticsTable,
  supply: SkillSupply,
  person: Person,
  amount: number,
): boolean {
  if (person.activity < 0 || amount <= 0) return true;
  let newly = 0;
  let deepens = false;
  forEachActiveSlot(table.users, person.activity, (slot) => {
    if (!supply.loaded[slot]) return;
    const need = supply.demand.need[slot] ?? 0;
    const before = supply.low[slot] ?? 0;
    if (before < need - EPS) deepens = true;
    else if (before - amount < need - EPS) newly++;
  });
  if (supply.shortLow + newly <= supply.demand.allowedShort) return true;
  return newly === 0 && !deepens;
}

/** Fewest holders a skill may keep: the agents needed at its busy half-hour, and at least one. */
export function minHolders(demand: SkillDemand): number {
  const busy = demand.busySlot;
  return Math.max(1, Math.ceil(busy >= 0 ? (demand.need[busy] ?? 0) : 0));
}

/** Lowers the conservative supply by `amount` in the person's active slots. */
export function reduceLow(table: AnalyticsTable, supply: SkillSupply, person: Person, amount: number): void {
  if (person.activity < 0 || amount <= 0) return;
  forEachActiveSlot(table.users, person.activity, (slot) => {
    const need = supply.demand.need[slot] ?? 0;
    const before = supply.low[slot] ?? 0;
    supply.low[slot] = before - amount;
    if (supply.loaded[slot] && before >= need - EPS && before - amount < need - EPS) supply.shortLow++;
  });
}

export function removeHolder(table: AnalyticsTable, supply: SkillSupply, person: Person): void {
  const c = contribution(person, supply.demand.skill);
  supply.holders.delete(person.email);
  person.removed.add(supply.demand.skill);
  reduceLow(table, supply, person, c.low);
  if (person.activity < 0) return;
  forEachActiveSlot(table.users, person.activity, (slot) => {
    const need = supply.demand.need[slot] ?? 0;
    const before = supply.high[slot] ?? 0;
    supply.high[slot] = before - c.high;
    if (supply.loaded[slot] && before >= need - EPS && before - c.high < need - EPS) supply.shortHigh++;
  });
}

/**
 * What the person would do for the skill by giving `amount` in their active slots: the shortfall covered
 * (agent-half-hours, optimistic supply) and the short slots that would become covered.
 */
export function shortfallCovered(
  table: AnalyticsTable,
  supply: SkillSupply,
  person: Person,
  amount: number,
): { covered: number; fixed: number } {
  const out = { covered: 0, fixed: 0 };
  if (person.activity < 0 || amount <= 0) return out;
  forEachActiveSlot(table.users, person.activity, (slot) => {
    if (!supply.loaded[slot]) return;
    const gap = (supply.demand.need[slot] ?? 0) - (supply.high[slot] ?? 0);
    if (gap <= EPS) return;
    out.covered += Math.min(gap, amount);
    if (amount >= gap - EPS) out.fixed++;
  });
  return out;
}

/** Shortfall over all loaded slots (agent-half-hours, optimistic supply). */
export function totalShortfall(supply: SkillSupply): number {
  let total = 0;
  for (const slot of supply.demand.loadedSlots) {
    const gap = (supply.demand.need[slot] ?? 0) - (supply.high[slot] ?? 0);
    if (gap > EPS) total += gap;
  }
  return total;
}

/** Adds a new holder giving `amount` (their idle capacity) to the optimistic supply in their active slots. */
export function addHolder(table: AnalyticsTable, supply: SkillSupply, person: Person, amount: number): void {
  supply.holders.add(person.email);
  if (person.activity < 0) return;
  forEachActiveSlot(table.users, person.activity, (slot) => {
    const need = supply.demand.need[slot] ?? 0;
    const before = supply.high[slot] ?? 0;
    supply.high[slot] = before + amount;
    if (supply.loaded[slot] && before < need - EPS && before + amount >= need - EPS) supply.shortHigh--;
  });
}

/** Holders on shift in a slot (active in it), for reasons. */
export function holdersOnShift(
  table: AnalyticsTable,
  supply: SkillSupply,
  people: ReadonlyMap<string, Person>,
  slot: number,
): number {
  let n = 0;
  for (const email of supply.holders) {
    const p = people.get(email);
    if (p && p.activity >= 0 && isActive(table.users, p.activity, slot)) n++;
  }
  return n;
}
