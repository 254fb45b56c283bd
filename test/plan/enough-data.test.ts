import { describe, expect, it } from 'vitest';
import { assertEnoughData, dataFound, NotEnoughDataError } from '../../src/recommend/plan/enough-data.js';

/** a table of `days` days at 30 minutes with `perDay` conversations offered at noon on each of `busyDays` */
function table(days: number, perDay: number, busyDays = days) {
  const offered = new Float64Array(days * 48);
  for (let d = 0; d < busyDays; d++) offered[d * 48 + 24] = perDay;
  return { days, slots: days * 48, queueSkills: [{ offered }] } as unknown as Parameters<typeof dataFound>[0];
}

describe('the minimum-data guard of plan', () => {
  it('counts days with conversations and conversations', () => {
    expect(dataFound(table(30, 10, 12))).toEqual({ days: 30, daysWithConversations: 12, conversations: 120 });
  });

  it.each([
    [table(1, 5000), /at least 7 days of analytics, got 1: run plan with --days 7 or more/],
    [table(6, 5000), /got 6/],
    [table(30, 5, 30), /at least 200 conversations in the period, found 150 on 30 of 30 days/],
  ])('refuses too little data with what to do (%#)', (t, message) => {
    expect(() => assertEnoughData(t)).toThrow(NotEnoughDataError);
    expect(() => assertEnoughData(t)).toThrow(message);
    try {
      assertEnoughData(t);
    } catch (error) {
      expect((error as NotEnoughDataError).exitCode).toBe(1);
    }
  });

  it('accepts enough data, and takes other minimums', () => {
    expect(assertEnoughData(table(7, 30)).conversations).toBe(210);
    expect(() => assertEnoughData(table(7, 30), { conversations: 1000 })).toThrow(/1000 conversations/);
    expect(assertEnoughData(table(2, 1), { days: 1, conversations: 1 }).days).toBe(2);
  });
});
