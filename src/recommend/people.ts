/**
 * The people the planner may change: every email in the desired state, joined to its live user id and to the
 * analytics. A user is *known to the table* when the analytics mention them (handled or were offered at least
 * one conversation in the period); users the table does not know are never changed (on leave, new, or gone).
 */
import type { SkillDemand } from './skill-demand.js';
import { compare } from './skill-demand.js';
import { SLOT_MS, type AnalyticsTable } from './table.js';
import { own } from './format.js';

export interface UserRef {
  id: string;
  email: string;
  name: string;
}

export interface SkillActivity {
  /** conversations requesting the skill offered to / handled by the user over the period */
  offered: number;
  handled: number;
  handleMs: number;
}

export interface Person {
  /** lower-cased */
  email: string;
  name: string;
  userId: string | undefined;
  /** row in `table.users`, or -1 when the user was never active */
  activity: number;
  known: boolean;
  protected: boolean;
  /** skill name → proficiency, from git */
  skills: Record<string, number>;
  /** handled time ÷ time in the slots they were active, 0–1 */
  occupancy: number;
  /** skills the user holds that have demand (at least 1, for division) */
  loadedHeld: number;
  /**
   * The divisor the supply currently accounts for: `loadedHeld` plus skills added by this plan (an added skill
   * dilutes the idle share the user's other skills get). Removals do not lower it (conservative).
   */
  held: number;
  /** skills this plan removes from the user */
  removed: Set<string>;
  /** per skill name: activity from the agent×skill aggregates */
  bySkill: Map<string, SkillActivity>;
  /** per held skill with demand: share of the user's handled time on skills with demand that went to it */
  share: Map<string, number>;
}

export interface PeopleInput {
  table: AnalyticsTable;
  users: UserRef[];
  current: Record<string, Record<string, number>>;
  protectedUsers: string[];
}

/** People by lower-cased email, in email order. */
export function buildPeople(
  input: PeopleInput,
  demand: ReadonlyMap<string, SkillDemand>,
): Map<string, Person> {
  const { table } = input;
  const byEmail = new Map(input.users.map((u) => [u.email.toLowerCase(), u]));
  const protectedSet = new Set(input.protectedUsers.map((e) => e.toLowerCase()));
  const skillRows = new Map<string, Map<string, SkillActivity>>();
  for (const row of table.userSkills) {
    const perUser = skillRows.get(row.userId) ?? new Map<string, SkillActivity>();
    const prev = perUser.get(row.skill) ?? { offered: 0, handled: 0, handleMs: 0 };
    perUser.set(row.skill, {
      offered: prev.offered + row.offered,
      handled: prev.handled + row.handled,
      handleMs: prev.handleMs + row.handleMs,
    });
    skillRows.set(row.userId, perUser);
  }

  const people = new Map<string, Person>();
  for (const rawEmail of Object.keys(input.current).sort(compare)) {
    const email = rawEmail.toLowerCase();
    const user = byEmail.get(email);
    const userId = user?.id;
    const activity = userId === undefined ? -1 : (table.users.index.get(userId) ?? -1);
    const bySkill = (userId !== undefined && skillRows.get(userId)) || new Map<string, SkillActivity>();
    const skills = { ...(input.current[rawEmail] ?? {}) };
    const held = Object.keys(skills).filter((s) => demand.has(s));
    people.set(email, {
      email,
      name: user?.name ?? email,
      userId,
      activity,
      known: activity >= 0 || bySkill.size > 0,
      protected: protectedSet.has(email),
      skills,
      occupancy: occupancyOf(table, activity),
      loadedHeld: Math.max(1, held.length),
      held: Math.max(1, held.length),
      removed: new Set(),
      bySkill,
      share: sharesOf(held, bySkill, demand),
    });
  }
  return people;
}

function occupancyOf(table: AnalyticsTable, activity: number): number {
  if (activity < 0) return 0;
  const slots = table.users.activeSlots[activity] ?? 0;
  const ms = table.users.handleMs[activity] ?? 0;
  if (slots <= 0) return 0;
  return Math.min(1, Math.max(0, ms / (slots * SLOT_MS)));
}

/**
 * Share of the user's handled time per held skill with demand, out of their handled time on every skill with
 * demand (held or not: time on a skill they no longer hold serves none of their skills). Independent of the
 * skills the plan adds or removes, so one user's change never shifts busy time between their other skills.
 */
function sharesOf(
  held: string[],
  bySkill: Map<string, SkillActivity>,
  demand: ReadonlyMap<string, SkillDemand>,
): Map<string, number> {
  let total = 0;
  for (const [skill, activity] of bySkill) if (demand.has(skill)) total += activity.handleMs;
  const share = new Map<string, number>();
  for (const skill of held) share.set(skill, total > 0 ? (bySkill.get(skill)?.handleMs ?? 0) / total : 0);
  return share;
}

/**
 * What one holder gives a skill, in agents, while on shift. `low` splits the agent in two: the busy part by
 * where their handled time went, the idle part equally over their skills with demand (sums to 1 over the
 * skills: conservative, used before removing). `high` lets the whole idle part serve the skill (optimistic,
 * used to detect a shortage). The gap between the two keeps plans from flapping between add and remove.
 */
export function contribution(person: Person, skill: string): { low: number; high: number } {
  const busy = person.occupancy * (person.share.get(skill) ?? 0);
  const idle = 1 - person.occupancy;
  return { low: busy + idle / person.held, high: busy + idle };
}

/** Queue name → lower-cased member emails → the set of emails who are members of any of the given queues. */
export function membersOf(queueMembers: Record<string, string[]>, queues: string[]): Set<string> {
  const out = new Set<string>();
  for (const q of queues) for (const e of own(queueMembers, q) ?? []) out.add(e.toLowerCase());
  return out;
}
