/**
 * When contacts arrive and who is logged in: intraday and weekday demand patterns, agents' shifts. All times are
 * UTC slots of 30 minutes (the org's business hours are 07:00–22:00 UTC).
 */
import { DAY_MS, SLOT_MS, SLOTS_PER_DAY, type ShiftPattern } from './model.js';
import { unitHash } from './random.js';

/** 0 = Monday … 6 = Sunday */
export function weekdayOfSlot(absSlot: number): number {
  const day = Math.floor(absSlot / SLOTS_PER_DAY);
  return (((day + 3) % 7) + 7) % 7;
}

export function slotOfDay(absSlot: number): number {
  return ((absSlot % SLOTS_PER_DAY) + SLOTS_PER_DAY) % SLOTS_PER_DAY;
}

export function absSlotOf(ms: number): number {
  return Math.floor(ms / SLOT_MS);
}

export function dayOfSlot(absSlot: number): number {
  return Math.floor(absSlot / SLOTS_PER_DAY);
}

export function startOfDayMs(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

const WEEKDAY_DEMAND = [1.15, 1.05, 1.0, 1.0, 0.95, 0.45, 0.3];

/** Intraday demand (peak = 1): a morning and an afternoon hump, closed outside 07:00–22:00. */
export const INTRADAY: readonly number[] = (() => {
  const values: number[] = [];
  for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
    const hour = (slot + 0.5) / 2;
    if (hour < 7 || hour > 22) {
      values.push(0);
      continue;
    }
    const morning = Math.exp(-((hour - 10.5) ** 2) / (2 * 1.5 ** 2));
    const afternoon = 0.85 * Math.exp(-((hour - 14.75) ** 2) / (2 * 1.7 ** 2));
    values.push(0.06 + morning + afternoon);
  }
  const peak = Math.max(...values);
  return values.map((v) => v / peak);
})();

/** The reference slot used for calibration: Tuesday 10:30 UTC, the weekly peak. */
export const PEAK_SLOT_OF_DAY = 21;

/** Arrival-rate multiplier for a stream in an absolute slot (intraday × weekday × day-to-day noise). */
export function demandFactor(absSlot: number, streamSeed: number): number {
  const intraday = INTRADAY[slotOfDay(absSlot)] ?? 0;
  if (intraday === 0) return 0;
  const day = dayOfSlot(absSlot);
  const weekday = WEEKDAY_DEMAND[weekdayOfSlot(absSlot)] ?? 1;
  const dayNoise = 0.88 + 0.24 * unitHash(streamSeed, day, 17);
  const slotNoise = 0.93 + 0.14 * unitHash(streamSeed, absSlot, 29);
  return intraday * weekday * dayNoise * slotNoise;
}

/** Probability of being away for a whole working day (leave, sickness) and per slot (coaching, meetings). */
export const ABSENCE_DAY = 0.07;
export const ABSENCE_SLOT = 0.06;

export function isOnShift(shift: ShiftPattern, userSeed: number, absSlot: number): boolean {
  const tod = slotOfDay(absSlot);
  const offset = tod - shift.startSlot;
  if (offset < 0 || offset >= shift.lengthSlots || offset === shift.lunchOffset) return false;
  if ((shift.workDays & (1 << weekdayOfSlot(absSlot))) === 0) return false;
  if (unitHash(userSeed, dayOfSlot(absSlot), 1) < ABSENCE_DAY) return false;
  return unitHash(userSeed, absSlot, 2) >= ABSENCE_SLOT;
}

/** Expected probability of being logged in at a slot of an average weekday (Monday–Friday). */
export function weekdayAvailability(shift: ShiftPattern, tod: number): number {
  const offset = tod - shift.startSlot;
  if (offset < 0 || offset >= shift.lengthSlots || offset === shift.lunchOffset) return 0;
  let days = 0;
  for (let d = 0; d < 5; d++) if (shift.workDays & (1 << d)) days++;
  return (days / 5) * (1 - ABSENCE_DAY) * (1 - ABSENCE_SLOT);
}
