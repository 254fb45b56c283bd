/**
 * The emulated org: configuration (users, skills, queues, wrap-up codes, data tables), the audit trail, and the
 * simulated conversation history, which always ends at the injected clock's current 30-minute slot.
 */
import { absSlotOf } from './calendar.js';
import { notFound } from './errors.js';
import { History, type DayBlock } from './history.js';
import {
  SLOT_MS,
  SLOTS_PER_DAY,
  type Actor,
  type AuditRecord,
  type OrgDataTable,
  type OrgIdentity,
  type OrgLanguage,
  type OrgQueue,
  type OrgSkill,
  type OrgUser,
  type Stream,
  type WrapupCode,
} from './model.js';
import { hashSeed, Rng } from './random.js';
import { buildRoster, type Roster } from './roster.js';
import { seedOrg } from './seed.js';
import type { SkillRoles } from './seed-users.js';
import { buildConfig, DaySimulator, type DayTotals, type SimConfig } from './des.js';
import { S } from './history.js';
import { streamPriorities } from './priority.js';

export interface OrgOptions {
  seed: number;
  users: number;
  queues: number;
  skills: number;
  days: number;
  now: () => Date;
  /** oldest history kept, in days (default 120) */
  retentionDays?: number;
  /** name of the API OAuth client as it appears in audits */
  apiClientId?: string;
}

/** The options a copy of a seeded org is built from (its clock fixed at the original's start). */
export interface SeedCopyOptions {
  seed: number;
  users: number;
  queues: number;
  skills: number;
  days: number;
  nowMs: number;
  apiClientId?: string;
}

export interface AdvanceSummary {
  days: number;
  slots: number;
  now: string;
  historyStart: string;
  historyEnd: string;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number;
  averageWaitSeconds: number;
}

export class EmulatorOrg {
  readonly seed: number;
  readonly identity: OrgIdentity;
  readonly skills: OrgSkill[];
  readonly languages: OrgLanguage[];
  readonly users: OrgUser[];
  readonly queues: OrgQueue[];
  readonly wrapups: WrapupCode[];
  readonly streams: Stream[];
  readonly tables: OrgDataTable[];
  readonly roles: SkillRoles;
  readonly history: History;
  readonly audits: AuditRecord[] = [];
  /** the API's OAuth client and the colleague in the admin UI, as they appear in audits */
  readonly actors: { api: Actor; admin: Actor };
  readonly now: () => Date;
  readonly retentionDays: number;
  readonly rng: Rng;
  private roster: Roster | undefined;
  private config: SimConfig | undefined;
  /** the configuration the org was seeded with: a day run only with it can be simulated by a copy of the org */
  readonly seededConfig: SimConfig;
  /** what a copy of the seeded org is built from (see parallel.ts) */
  readonly seedOptions: SeedCopyOptions;
  private readonly simulator: DaySimulator;
  private readonly usersById: Map<string, OrgUser>;
  private readonly skillsById: Map<string, OrgSkill>;

  constructor(options: OrgOptions) {
    const seeded = seedOrg({ ...options, createdAt: options.now() });
    this.seed = options.seed;
    this.now = options.now;
    this.retentionDays = Math.max(options.retentionDays ?? 120, options.days);
    this.identity = seeded.identity;
    this.skills = seeded.skills;
    this.languages = seeded.languages;
    this.users = seeded.users;
    this.queues = seeded.queues;
    this.wrapups = seeded.wrapups;
    this.streams = seeded.streams;
    this.tables = seeded.tables;
    this.roles = seeded.roles;
    this.rng = new Rng(hashSeed('org-runtime', options.seed));
    this.actors = {
      api: {
        clientId: options.apiClientId ?? 'emulator-client',
        userId: this.rng.uuid(),
        name: 'routing-gitops',
      },
      admin: { clientId: 'admin-ui', userId: seeded.admin.id, name: seeded.admin.name },
    };
    this.usersById = new Map(this.users.map((u) => [u.id, u]));
    this.skillsById = new Map(this.skills.map((s) => [s.id, s]));
    this.history = new History(this.streams.length);
    this.simulator = new DaySimulator(options.seed, this.streams, this.users, this.history);
    this.history.materialize = (block) => this.simulator.simulate(block);
    const end = absSlotOf(this.now().getTime());
    this.history.reset(end - options.days * SLOTS_PER_DAY);
    this.append(end - options.days * SLOTS_PER_DAY, options.days * SLOTS_PER_DAY);
    this.seededConfig = this.currentConfig();
    this.seedOptions = {
      seed: options.seed,
      users: options.users,
      queues: options.queues,
      skills: options.skills,
      days: options.days,
      nowMs: end * SLOT_MS,
      ...(options.apiClientId === undefined ? {} : { apiClientId: options.apiClientId }),
    };
  }

  /** Simulates a block run entirely with the seeded configuration (a copy of the org does this in a worker). */
  simulateSeeded(block: DayBlock): void {
    block.configs.length = 0;
    block.configs.push(this.seededConfig);
    block.slotConfig.fill(0);
    this.simulator.simulate(block);
  }

  user(id: string): OrgUser {
    const user = this.usersById.get(id);
    if (!user) throw notFound(`User ${id} not found`, id);
    return user;
  }

  findUser(id: string): OrgUser | undefined {
    return this.usersById.get(id);
  }

  findSkill(id: string): OrgSkill | undefined {
    return this.skillsById.get(id);
  }

  addSkill(skill: OrgSkill): void {
    this.skills.push(skill);
    this.skillsById.set(skill.id, skill);
  }

  skill(id: string): OrgSkill {
    const skill = this.skillsById.get(id);
    if (!skill) throw notFound(`Skill ${id} not found`, id);
    return skill;
  }

  queue(id: string): OrgQueue {
    const queue = this.queues.find((q) => q.id === id);
    if (!queue) throw notFound(`Queue ${id} not found`, id);
    return queue;
  }

  table(id: string): OrgDataTable {
    const table = this.tables.find((t) => t.id === id);
    if (!table) throw notFound(`Data table ${id} not found`, id);
    return table;
  }

  findLanguage(id: string): OrgLanguage | undefined {
    return this.languages.find((l) => l.id === id);
  }

  languageName(id: string): string {
    return this.findLanguage(id)?.name ?? id;
  }

  skillName(id: string): string {
    return this.skillsById.get(id)?.name ?? id;
  }

  /** Call after any change that affects routing (skills, languages, weights): later slots use the new config. */
  configurationChanged(): void {
    this.roster = undefined;
    this.config = undefined;
  }

  /** The org as configured now, as the simulation reads it. */
  currentConfig(): SimConfig {
    if (!this.config) {
      this.roster ??= buildRoster(this.users, this.streams, this.history.pairs);
      const priorities = streamPriorities(this.streams, this.queues, this.skills, this.tables);
      this.config = buildConfig(this.roster, priorities, this.users.length);
    }
    return this.config;
  }

  /** Catches the history up with the clock: slots that have elapsed are simulated with the org as it is. */
  sync(): void {
    const target = absSlotOf(this.now().getTime());
    let end = this.history.toAbsolute(this.history.endVirtual);
    if (target < end) {
      this.history.shiftBack(Math.ceil((end - target) / SLOTS_PER_DAY));
      end = this.history.toAbsolute(this.history.endVirtual);
    }
    if (target === end) return;
    const maxSlots = this.retentionDays * SLOTS_PER_DAY;
    if (target - end > maxSlots) {
      this.history.reset(target - maxSlots);
      end = target - maxSlots;
    }
    this.append(end, target - end);
  }

  /**
   * Simulates `days` more days with the org as configured now; they become the most recent days and all older
   * history moves back, so the history still ends at the current slot.
   */
  advance(days: number): AdvanceSummary {
    this.sync();
    const end = absSlotOf(this.now().getTime());
    const slots = days * SLOTS_PER_DAY;
    const firstVirtual = this.history.endVirtual;
    this.append(end - slots, slots);
    const totals = this.totals(firstVirtual, this.history.endVirtual);
    this.history.shiftBack(days);
    this.history.trim(this.retentionDays);
    return {
      days,
      slots,
      now: this.now().toISOString(),
      historyStart: new Date(this.history.toAbsolute(this.history.startVirtual) * SLOT_MS).toISOString(),
      historyEnd: new Date(end * SLOT_MS).toISOString(),
      offered: totals.offered,
      answered: totals.answered,
      abandoned: totals.abandoned,
      serviceLevel: totals.offered > 0 ? totals.answeredInSla / totals.offered : 1,
      averageWaitSeconds: totals.offered > 0 ? totals.waitSum / totals.offered : 0,
    };
  }

  /** Absolute [start, end) of the held history, in ms. */
  historyRange(): { start: number; end: number } {
    return {
      start: this.history.toAbsolute(this.history.startVirtual) * SLOT_MS,
      end: this.history.toAbsolute(this.history.endVirtual) * SLOT_MS,
    };
  }

  recordAudit(record: Omit<AuditRecord, 'id' | 'eventDate'>): void {
    this.audits.push({ id: this.rng.uuid(), eventDate: this.now().toISOString(), ...record });
    const cutoff = this.now().getTime() - 31 * 86_400_000;
    while (this.audits.length > 0 && Date.parse(this.audits[0]?.eventDate ?? '') < cutoff)
      this.audits.shift();
  }

  /** Appends slots to the history with the org as configured now; they are simulated when first read. */
  private append(fromAbs: number, count: number): void {
    const config = this.currentConfig();
    for (let i = 0; i < count; i++) this.history.appendSlot(fromAbs + i, config);
    this.history.trim(this.retentionDays);
  }

  /** Totals over virtual slots [from, to) (simulating the blocks they fall in). */
  private totals(from: number, to: number): DayTotals {
    const totals: DayTotals = { offered: 0, answered: 0, answeredInSla: 0, abandoned: 0, waitSum: 0 };
    for (let v = from; v < to; v++) {
      const day = Math.floor(v / SLOTS_PER_DAY);
      const block = this.history.block(day);
      if (!block) continue;
      for (let k = 0; k < this.streams.length; k++) {
        const o = block.streamOffset(v - day * SLOTS_PER_DAY, k);
        totals.offered += block.streams[o + S.offered] ?? 0;
        totals.answered += block.streams[o + S.answered] ?? 0;
        totals.answeredInSla += block.streams[o + S.answeredInSla] ?? 0;
        totals.abandoned += block.streams[o + S.abandoned] ?? 0;
        totals.waitSum += block.streams[o + S.waitSum] ?? 0;
      }
    }
    return totals;
  }
}
