/** Small hand-built analytics worlds for the planner's tests (no network). */
import { defaultSettings } from '../../src/state/index.js';
import type { PlannerSettings } from '../../src/state/model.js';
import { createTableBuilder } from '../../src/recommend/table-builder.js';
import type { AnalyticsTable } from '../../src/recommend/table.js';
import type { UserRef } from '../../src/recommend/people.js';

export interface TrafficSpec {
  queue: string;
  skill: string;
  slots: number[];
  /** per slot */
  offered: number;
  ahtSeconds: number;
  waitSeconds?: number;
}

export interface AgentSpec {
  email: string;
  skills: Record<string, number>;
  /** slots in which the agent handled something; none = unknown to the table (unless bySkill is given) */
  slots?: number[];
  /** handle seconds per active slot (occupancy = this ÷ 1800) */
  handleSecondsPerSlot?: number;
  /** agent×skill totals */
  bySkill?: Record<string, { offered?: number; handled: number; handleSeconds?: number }>;
}

export interface WorldSpec {
  days?: number;
  start?: string;
  queues?: Record<string, string[]>;
  traffic?: TrafficSpec[];
  agents: AgentSpec[];
  wrapups?: { queue: string; wrapup: string; handled: number; waitSeconds: number }[];
}

export interface World {
  table: AnalyticsTable;
  users: UserRef[];
  current: Record<string, Record<string, number>>;
  queueMembers: Record<string, string[]>;
}

export const START = '2024-05-01T00:00:00.000Z';

export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

const named = (prefix: string, name: string) => ({ id: `${prefix}-${name}`, name });

export function buildWorld(spec: WorldSpec): World {
  const builder = createTableBuilder({ start: spec.start ?? START, days: spec.days ?? 1 });
  for (const t of spec.traffic ?? []) {
    for (const slot of t.slots) {
      builder.addQueueSkill(named('q', t.queue), named('s', t.skill), slot, {
        offered: t.offered,
        handled: t.offered,
        handleMs: t.offered * t.ahtSeconds * 1000,
        answered: t.offered,
        answeredMs: t.offered * (t.waitSeconds ?? 10) * 1000,
        waited: t.offered,
        waitMs: t.offered * (t.waitSeconds ?? 10) * 1000,
      });
    }
  }
  const users: UserRef[] = [];
  const current: Record<string, Record<string, number>> = {};
  for (const a of spec.agents) {
    const id = `u-${a.email}`;
    users.push({ id, email: a.email, name: a.email.split('@')[0] ?? a.email });
    current[a.email] = { ...a.skills };
    for (const slot of a.slots ?? []) {
      const seconds = a.handleSecondsPerSlot ?? 900;
      builder.addUserActivity(id, slot, Math.max(1, Math.round(seconds / 300)), seconds * 1000);
    }
    for (const [skill, f] of Object.entries(a.bySkill ?? {})) {
      builder.addUserSkill(id, named('s', skill), {
        offered: f.offered ?? f.handled,
        handled: f.handled,
        handleMs: (f.handleSeconds ?? f.handled * 300) * 1000,
      });
    }
  }
  for (const w of spec.wrapups ?? []) {
    builder.addQueueWrapup(named('q', w.queue), named('w', w.wrapup), {
      handled: w.handled,
      handleMs: w.handled * 300_000,
      waited: w.handled,
      waitMs: w.handled * w.waitSeconds * 1000,
    });
  }
  return { table: builder.build(), users, current, queueMembers: spec.queues ?? {} };
}

export function plannerSettings(overrides: Partial<PlannerSettings> = {}): PlannerSettings {
  return { ...defaultSettings().planner, days: 1, ...overrides };
}

/** The desired state after applying skill recommendations. */
export function applySkills(
  current: Record<string, Record<string, number>>,
  recs: { email: string; skill: string; action: string; after: number | undefined }[],
): Record<string, Record<string, number>> {
  const next: Record<string, Record<string, number>> = {};
  for (const [email, skills] of Object.entries(current)) next[email] = { ...skills };
  for (const r of recs) {
    const skills = (next[r.email] ??= {});
    if (r.action === 'remove') delete skills[r.skill];
    else skills[r.skill] = r.after ?? 0;
  }
  return next;
}
