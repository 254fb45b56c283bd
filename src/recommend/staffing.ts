/**
 * The `staffing` policy. Per skill with demand, in every loaded half-hour: agents needed (Erlang C) against what
 * the holders on shift give (see `contribution`).
 * - Shortage: even the optimistic supply falls short in more than 10% of loaded half-hours → add the skill to
 *   members of the queues requesting it who were on shift in the short half-hours and have spare capacity
 *   (occupancy below `maxOccupancy`), most shortfall covered first (then fewer skills), until covered; an
 *   addition must cover a noticeable part of the shortfall (MIN_GAIN_SHARE) or close a short half-hour.
 * - Surplus: the conservative supply covers the need in at least 90% of loaded half-hours → remove the skill
 *   from holders with the least activity on it (fewest handled, then most skills held), one by one, as long as
 *   the conservative supply still covers the need there; never a user's last skill, never fewer holders than
 *   agents needed at the busy half-hour (and at least one).
 */
import type { PlannerSettings } from '../state/model.js';
import { membersOf, contribution, type Person } from './people.js';
import type { Proposal } from './proposal.js';
import { compare, type SkillDemand } from './skill-demand.js';
import {
  addHolder,
  holdersOnShift,
  mayReduce,
  minHolders,
  reduceLow,
  removeHolder,
  shortfallCovered,
  totalShortfall,
  type SkillSupply,
} from './supply.js';
import type { AnalyticsTable } from './table.js';
import { own, plural, pct, round1 } from './format.js';

/**
 * An addition must cover at least this share of the skill's shortfall (agent-half-hours, optimistic supply) and
 * at least MIN_GAIN agent-half-hours, or close the gap in a short half-hour: the cap goes to the additions that
 * matter, not to agents who would cover a few half-hours in a month.
 */
export const MIN_GAIN_SHARE = 0.02;
export const MIN_GAIN = 1;

export interface StaffingContext {
  table: AnalyticsTable;
  people: Map<string, Person>;
  supplies: Map<string, SkillSupply>;
  queueMembers: Record<string, string[]>;
  settings: Pick<PlannerSettings, 'newSkillProficiency' | 'maxOccupancy'>;
  /** skills each person still holds after this plan's removals (last-skill guard) */
  remaining: Map<string, number>;
}

export function staffingProposals(ctx: StaffingContext): Proposal[] {
  const out: Proposal[] = [];
  const supplies = [...ctx.supplies.values()];
  const short = supplies
    .filter((s) => s.shortHigh > s.demand.allowedShort)
    .sort((a, b) => b.shortHigh - a.shortHigh || compare(a.demand.skill, b.demand.skill));
  for (const supply of short) out.push(...additions(ctx, supply, summary(ctx, supply, 'short')));
  const surplus = supplies
    .filter((s) => s.shortLow <= s.demand.allowedShort)
    .sort((a, b) => b.holders.size - a.holders.size || compare(a.demand.skill, b.demand.skill));
  for (const supply of surplus) out.push(...removals(ctx, supply, summary(ctx, supply, 'surplus')));
  return out;
}

function additions(ctx: StaffingContext, supply: SkillSupply, why: string): Proposal[] {
  const { table } = ctx;
  const skill = supply.demand.skill;
  const members = membersOf(ctx.queueMembers, supply.demand.queues);
  const candidates: { person: Person; spare: number; gain: number }[] = [];
  for (const email of [...members].sort(compare)) {
    const person = ctx.people.get(email);
    if (!person || !person.known || person.protected || Object.hasOwn(person.skills, skill)) continue;
    if (person.occupancy >= ctx.settings.maxOccupancy) continue;
    const spare = 1 - person.occupancy;
    const gain = shortfallCovered(table, supply, person, spare).covered;
    if (gain > 0) candidates.push({ person, spare, gain });
  }
  candidates.sort(
    (a, b) =>
      b.gain - a.gain || a.person.loadedHeld - b.person.loadedHeld || compare(a.person.email, b.person.email),
  );
  const out: Proposal[] = [];
  const minGain = Math.max(MIN_GAIN, MIN_GAIN_SHARE * totalShortfall(supply));
  for (const c of candidates) {
    if (supply.shortHigh <= supply.demand.allowedShort) break;
    if (c.gain < minGain) break;
    const { covered: gain, fixed } = shortfallCovered(table, supply, c.person, c.spare);
    if (gain < minGain && fixed === 0) continue;
    addHolder(table, supply, c.person, c.spare);
    dilute(ctx, c.person, skill);
    const queues = supply.demand.queues.filter((q) =>
      (own(ctx.queueMembers, q) ?? []).some((e) => e.toLowerCase() === c.person.email),
    );
    out.push({
      email: c.person.email,
      userName: c.person.name,
      skill,
      action: 'add',
      before: undefined,
      after: ctx.settings.newSkillProficiency,
      reason:
        `${why}; ${c.person.email} (member of ${queues.join(', ')}) is ${pct(c.person.occupancy)} occupied, ` +
        `holds ${plural(Object.keys(c.person.skills).length, 'skill')} and covers ${round1(gain)} agent-half-hours of the shortfall`,
      context: why,
      group: 0,
      impact: gain,
    });
  }
  return out;
}

function removals(ctx: StaffingContext, supply: SkillSupply, why: string): Proposal[] {
  const { table } = ctx;
  const skill = supply.demand.skill;
  const keep = minHolders(supply.demand);
  const candidates = [...supply.holders]
    .map((email) => ctx.people.get(email))
    .filter((p): p is Person => p !== undefined && p.known && !p.protected)
    .map((person) => ({ person, handled: person.bySkill.get(skill)?.handled ?? 0 }))
    .sort(
      (a, b) =>
        a.handled - b.handled ||
        Object.keys(b.person.skills).length - Object.keys(a.person.skills).length ||
        compare(a.person.email, b.person.email),
    );
  const out: Proposal[] = [];
  const holdersBefore = supply.holders.size;
  for (const { person, handled } of candidates) {
    if (supply.holders.size <= keep) break;
    const left = ctx.remaining.get(person.email) ?? Object.keys(person.skills).length;
    if (left <= 1) continue;
    if (!mayReduce(table, supply, person, contribution(person, skill).low)) continue;
    removeHolder(table, supply, person);
    ctx.remaining.set(person.email, left - 1);
    out.push({
      email: person.email,
      userName: person.name,
      skill,
      action: 'remove',
      before: person.skills[skill],
      after: undefined,
      reason:
        `${why}; ${person.email} handled ${plural(handled, `${skill} conversation`)} in ${plural(table.days, 'day')} ` +
        `and keeps ${plural(left - 1, 'other skill')}`,
      context: why,
      group: 1,
      impact: holdersBefore > 0 ? (holdersBefore - keep) / holdersBefore : 0,
    });
  }
  return out;
}

/**
 * Adding a skill splits the user's idle time over one more skill, so in the conservative view each of their
 * other skills gets less: recorded there, so that this plan's removals of those skills from other users are
 * judged against the smaller supply. It does not block the addition: the user has spare capacity (occupancy
 * below `maxOccupancy`), and the what-if's service-level floor judges the plan as a whole.
 */
function dilute(ctx: StaffingContext, person: Person, added: string): void {
  const idle = 1 - person.occupancy;
  const amount = idle / person.held - idle / (person.held + 1);
  for (const skill of Object.keys(person.skills)) {
    const other = ctx.supplies.get(skill);
    if (skill !== added && !person.removed.has(skill) && other) reduceLow(ctx.table, other, person, amount);
  }
  person.held++;
}

/**
 * The skill's situation in numbers, before this plan's changes: `short` explains an addition, `surplus` a
 * removal, `status` both sides.
 */
export function summary(
  ctx: Pick<StaffingContext, 'table' | 'people'>,
  supply: SkillSupply,
  view: 'short' | 'surplus' | 'status',
): string {
  const d: SkillDemand = supply.demand;
  const loaded = d.loadedSlots.length;
  const head = `${d.skill}: ${plural(supply.holders.size, 'holder')}`;
  if (d.busySlot < 0) return `${head}; no half-hours with traffic while anyone was working`;
  const slot = d.busySlot;
  const onShift = holdersOnShift(ctx.table, supply, ctx.people, slot);
  const busy =
    `${head}; at the busy half-hour (p90 of ${loaded} with traffic) ${plural(d.need[slot] ?? 0, 'agent')} ` +
    `needed for ${round1(d.load[slot] ?? 0)} Erlangs (AHT ${Math.round(d.ahtSeconds)} s), ${onShift} holders on ` +
    `shift giving ${round1(supply.low[slot] ?? 0)}–${round1(supply.high[slot] ?? 0)} agents`;
  const allIdle = `short in ${supply.shortHigh} of ${loaded} half-hours even with all their idle time`;
  const splitIdle = `covered in ${loaded - supply.shortLow} of ${loaded} half-hours with their idle time split over their skills`;
  if (view === 'short') return `${busy}; ${allIdle} (${d.allowedShort} allowed)`;
  if (view === 'surplus') return `${busy}; ${splitIdle} (${loaded - d.allowedShort} required)`;
  return `${busy}; ${allIdle}, ${splitIdle} (at most ${d.allowedShort} short allowed)`;
}
