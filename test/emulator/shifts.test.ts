import { describe, expect, it } from 'vitest';
import { absSlotOf, INTRADAY, isOnShift } from '../../src/emulator/calendar.js';
import { History } from '../../src/emulator/history.js';
import { buildRoster } from '../../src/emulator/roster.js';
import { seedOrg } from '../../src/emulator/seed.js';
import { Simulator } from '../../src/emulator/simulate.js';

const seeded = seedOrg({
  seed: 3,
  users: 400,
  queues: 6,
  skills: 10,
  createdAt: new Date('2026-03-10T00:00:00Z'),
});
const history = new History(seeded.streams.length);
const roster = buildRoster(seeded.users, seeded.streams, history.pairs);
const simulator = new Simulator(3, seeded.streams, history);
const tuesday = absSlotOf(Date.parse('2026-03-10T00:00:00Z'));

describe('shifts', () => {
  it('the simulator logs in exactly the agents isOnShift says, slot by slot over a week', () => {
    for (let slot = tuesday; slot < tuesday + 7 * 48; slot += 5) {
      const expected = roster.users.flatMap((u, i) =>
        u.shift && isOnShift(u.shift, roster.userSeeds[i]!, slot) ? [i] : [],
      );
      expect([...simulator.loggedIn(roster, slot)].sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('logs in a realistic share of agents: about half at the weekday peak, none at night, fewer at weekends', () => {
    const share = (slot: number) => simulator.loggedIn(roster, slot).length / roster.users.length;
    expect(share(tuesday + 21)).toBeGreaterThan(0.35);
    expect(share(tuesday + 21)).toBeLessThan(0.65);
    expect(share(tuesday + 6)).toBe(0);
    expect(share(tuesday + 4 * 48 + 21)).toBeLessThan(share(tuesday + 21) * 0.6);
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
