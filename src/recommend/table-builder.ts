import {
  SLOT_MS,
  type AnalyticsTable,
  type QueueSkillSeries,
  type QueueWrapupTotals,
  type UserSkillTotals,
} from './table.js';

export interface Named {
  id: string;
  name: string;
}

/** One slot's queue×skill figures (counts and millisecond sums), all optional. */
export type QueueSkillSlot = Partial<
  Pick<
    Record<keyof QueueSkillSeries, number>,
    | 'offered'
    | 'answered'
    | 'answeredMs'
    | 'handled'
    | 'handleMs'
    | 'abandoned'
    | 'abandonMs'
    | 'waited'
    | 'waitMs'
    | 'acwMs'
    | 'connected'
  >
>;

export type UserSkillFigures = Partial<Pick<UserSkillTotals, 'offered' | 'handled' | 'handleMs'>>;
export type QueueWrapupFigures = Partial<
  Pick<QueueWrapupTotals, 'handled' | 'handleMs' | 'waited' | 'waitMs' | 'answered' | 'answeredMs'>
>;

/** Longest quiet spell (in slots) inside a shift: 2 hours. */
export const SHIFT_GAP_SLOTS = 4;

const SERIES_FIELDS = [
  'offered',
  'answered',
  'answeredMs',
  'handled',
  'handleMs',
  'abandoned',
  'abandonMs',
  'waited',
  'waitMs',
  'acwMs',
  'connected',
] as const;

export interface TableBuilder {
  readonly start: string;
  readonly slots: number;
  addQueueSkill(queue: Named, skill: Named, slot: number, figures: QueueSkillSlot): void;
  /** marks the user active in the slot and adds what they handled there */
  addUserActivity(userId: string, slot: number, handled: number, handleMs: number): void;
  addUserSkill(userId: string, skill: Named, figures: UserSkillFigures): void;
  addQueueWrapup(queue: Named, wrapup: Named, figures: QueueWrapupFigures): void;
  build(): AnalyticsTable;
}

/**
 * Accumulates analytics into an {@link AnalyticsTable}; used by `fetchAnalytics` and by tests that hand-build
 * tables. Figures added twice for the same key are summed. Slots outside [0, slots) are ignored.
 */
export function createTableBuilder(init: {
  start: Date | string;
  days: number;
  /** quiet spells of at most this many slots between two active slots count as on shift (default 4: 2 hours) */
  shiftGapSlots?: number;
}): TableBuilder {
  const maxGap = init.shiftGapSlots ?? SHIFT_GAP_SLOTS;
  const startMs = new Date(init.start).getTime();
  const slots = Math.round((init.days * 24 * 3600 * 1000) / SLOT_MS);
  const start = new Date(startMs).toISOString();
  const stride = Math.ceil(slots / 8);
  const queueSkills = new Map<string, QueueSkillSeries>();
  const userSkills = new Map<string, UserSkillTotals>();
  const queueWrapups = new Map<string, QueueWrapupTotals>();
  const userIndex = new Map<string, number>();
  const userIds: string[] = [];
  const presence: Uint8Array[] = [];
  const handled: number[] = [];
  const handleMs: number[] = [];
  const inRange = (slot: number) => Number.isInteger(slot) && slot >= 0 && slot < slots;

  function user(userId: string): number {
    let i = userIndex.get(userId);
    if (i !== undefined) return i;
    i = userIds.length;
    userIndex.set(userId, i);
    userIds.push(userId);
    presence.push(new Uint8Array(stride));
    handled.push(0);
    handleMs.push(0);
    return i;
  }

  return {
    start,
    slots,
    addQueueSkill(queue, skill, slot, figures) {
      if (!inRange(slot)) return;
      const key = `${queue.id}\u0000${skill.id}`;
      let series = queueSkills.get(key);
      if (!series) {
        series = emptySeries(queue, skill, slots);
        queueSkills.set(key, series);
      }
      for (const field of SERIES_FIELDS) {
        const value = figures[field];
        if (value) series[field][slot] = (series[field][slot] ?? 0) + value;
      }
    },
    addUserActivity(userId, slot, count, ms) {
      if (!inRange(slot)) return;
      const i = user(userId);
      const bits = presence[i] as Uint8Array;
      bits[slot >> 3] = (bits[slot >> 3] ?? 0) | (1 << (slot & 7));
      handled[i] = (handled[i] ?? 0) + count;
      handleMs[i] = (handleMs[i] ?? 0) + ms;
    },
    addUserSkill(userId, skill, figures) {
      const key = `${userId}\u0000${skill.id}`;
      let totals = userSkills.get(key);
      if (!totals) {
        totals = { userId, skillId: skill.id, skill: skill.name, offered: 0, handled: 0, handleMs: 0 };
        userSkills.set(key, totals);
      }
      totals.offered += figures.offered ?? 0;
      totals.handled += figures.handled ?? 0;
      totals.handleMs += figures.handleMs ?? 0;
    },
    addQueueWrapup(queue, wrapup, figures) {
      const key = `${queue.id}\u0000${wrapup.id}`;
      let totals = queueWrapups.get(key);
      if (!totals) {
        totals = {
          queueId: queue.id,
          queue: queue.name,
          wrapupId: wrapup.id,
          wrapup: wrapup.name,
          handled: 0,
          handleMs: 0,
          waited: 0,
          waitMs: 0,
          answered: 0,
          answeredMs: 0,
        };
        queueWrapups.set(key, totals);
      }
      totals.handled += figures.handled ?? 0;
      totals.handleMs += figures.handleMs ?? 0;
      totals.waited += figures.waited ?? 0;
      totals.waitMs += figures.waitMs ?? 0;
      totals.answered += figures.answered ?? 0;
      totals.answeredMs += figures.answeredMs ?? 0;
    },
    build() {
      const packed = new Uint8Array(userIds.length * stride);
      const activeSlots = new Uint32Array(userIds.length);
      const activePerSlot = new Uint32Array(slots);
      presence.forEach((bits, i) => {
        fillGaps(bits, slots, maxGap);
        packed.set(bits, i * stride);
        bits.forEach((byte, b) => {
          for (let bit = 0; bit < 8 && byte !== 0; bit++, byte >>= 1) {
            if ((byte & 1) === 0) continue;
            activeSlots[i] = (activeSlots[i] ?? 0) + 1;
            const slot = b * 8 + bit;
            activePerSlot[slot] = (activePerSlot[slot] ?? 0) + 1;
          }
        });
      });
      return {
        start,
        end: new Date(startMs + slots * SLOT_MS).toISOString(),
        days: init.days,
        slots,
        queueSkills: [...queueSkills.values()],
        userSkills: [...userSkills.values()],
        queueWrapups: [...queueWrapups.values()],
        users: {
          ids: userIds,
          index: userIndex,
          stride,
          presence: packed,
          handled: Float64Array.from(handled),
          handleMs: Float64Array.from(handleMs),
          activeSlots,
          activePerSlot,
        },
      };
    },
  };
}

/** Marks the slots between two active slots at most `maxGap` apart as active (a quiet spell within a shift). */
function fillGaps(bits: Uint8Array, slots: number, maxGap: number): void {
  let last = -1;
  for (let slot = 0; slot < slots; slot++) {
    const byte = bits[slot >> 3] ?? 0;
    if (byte === 0 && (slot & 7) === 0) {
      slot += 7;
      continue;
    }
    if ((byte & (1 << (slot & 7))) === 0) continue;
    if (last >= 0 && slot - last > 1 && slot - last - 1 <= maxGap) {
      for (let t = last + 1; t < slot; t++) bits[t >> 3] = (bits[t >> 3] ?? 0) | (1 << (t & 7));
    }
    last = slot;
  }
}

function emptySeries(queue: Named, skill: Named, slots: number): QueueSkillSeries {
  const f = () => new Float64Array(slots);
  return {
    queueId: queue.id,
    queue: queue.name,
    skillId: skill.id,
    skill: skill.name,
    offered: f(),
    answered: f(),
    answeredMs: f(),
    handled: f(),
    handleMs: f(),
    abandoned: f(),
    abandonMs: f(),
    waited: f(),
    waitMs: f(),
    acwMs: f(),
    connected: f(),
  };
}
