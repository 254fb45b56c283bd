import { describe, expect, it } from 'vitest';
import { absSlotOf, INTRADAY, isOnShift, slotOfDay } from '../../src/emulator/calendar.js';
import { AWAY, U, USER_WIDTH, WINDOW } from '../../src/emulator/history.js';
import { EmulatorOrg } from '../../src/emulator/org.js';

const now = Date.parse('2026-03-17T00:00:00Z');
const org = new EmulatorOrg({
  seed: 3,
  users: 400,
  queues: 6,
  skills: 10,
  days: 7,
  now: () => new Date(now),
});
const first = absSlotOf(now) - 7 * 48;

/** Presence the simulation recorded for a user in an absolute slot (undefined outside their shift window). */
function presence(userIndex: number, absSlot: number) {
  const block = org.history.block(Math.floor(org.history.toVirtual(absSlot) / 48))!;
  const user = org.users[userIndex]!;
  const w = slotOfDay(absSlot) - user.shift!.startSlot;
  if (w < 0 || w >= WINDOW) return undefined;
  const o = (userIndex * WINDOW + w) * USER_WIDTH;
  return {
    onQueue: block.presence[o + U.onQueue]!,
    interacting: block.presence[o + U.interacting]!,
    away: block.presence[o + U.away]!,
    kind: block.presence[o + U.awayKind]!,
  };
}

describe('shifts and presence', () => {
  const agents = org.users.filter(
    (u) => u.state === 'active' && u.shift && u.queueIds.length > 0 && u.skills.size > 0,
  );
  const seeds = new Map(
    agents.map((u) => [
      u.index,
      org.currentConfig().roster.userSeeds[org.currentConfig().rosterOf[u.index]!]!,
    ]),
  );
  const rostered = agents.filter((u) => org.currentConfig().rosterOf[u.index]! >= 0);

  it('puts agents on queue for exactly the slots isOnShift says, and handles conversations only then', () => {
    let onQueueSlots = 0;
    for (let slot = first; slot < first + 7 * 48; slot++) {
      for (const user of rostered.slice(slot % 4, undefined)) {
        if (user.index % 4 !== slot % 4) continue;
        const p = presence(user.index, slot);
        const scheduled = isOnShift(user.shift!, seeds.get(user.index)!, slot);
        if (!p) {
          expect(scheduled).toBe(false);
          continue;
        }
        if (scheduled) {
          expect(p.onQueue).toBe(1800);
          onQueueSlots++;
        }
        // interacting time never exceeds on-queue time (agents logging out finish on queue)
        expect(p.interacting).toBeLessThanOrEqual(p.onQueue);
      }
    }
    expect(onQueueSlots).toBeGreaterThan(1000);
  });

  it('records lunch as a meal and short absences as breaks, off queue', () => {
    const kinds = new Set<number>();
    for (let slot = first; slot < first + 2 * 48; slot++) {
      for (const user of rostered) {
        const p = presence(user.index, slot);
        if (p && p.away > 0) kinds.add(p.kind);
      }
    }
    expect([...kinds].sort()).toEqual([AWAY.meal, AWAY.break]);
  });

  it('opens the queues during business hours with a morning and an afternoon hump', () => {
    const hour = (h: number) => INTRADAY[h * 2] ?? 0;
    expect(hour(3)).toBe(0);
    expect(hour(23)).toBe(0);
    expect(hour(10)).toBeGreaterThan(hour(12.5));
    expect(hour(14.5)).toBeGreaterThan(hour(12.5));
    expect(Math.max(...INTRADAY)).toBe(1);
  });
});
