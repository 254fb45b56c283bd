import { describe, expect, it } from 'vitest';
import { createTableBuilder } from '../../src/recommend/table-builder.js';
import { forEachActiveSlot, isActive } from '../../src/recommend/table.js';

describe('createTableBuilder', () => {
  it('counts a quiet spell of up to 2 hours inside a shift as on shift, not a longer one', () => {
    const b = createTableBuilder({ start: '2024-05-01T00:00:00Z', days: 1 });
    for (const slot of [10, 15, 21, 47]) b.addUserActivity('u1', slot, 1, 60_000);
    b.addUserActivity('u2', 11, 2, 120_000);
    const { users } = b.build();
    const slots: number[] = [];
    forEachActiveSlot(users, users.index.get('u1')!, (s) => slots.push(s));
    expect(slots).toEqual([10, 11, 12, 13, 14, 15, 21, 47]);
    expect(users.activeSlots[users.index.get('u1')!]).toBe(8);
    expect([10, 11, 12, 16].map((s) => users.activePerSlot[s])).toEqual([1, 2, 1, 0]);
    expect(isActive(users, users.index.get('u2')!, 11)).toBe(true);
    expect([users.handled[0], users.handleMs[0]]).toEqual([4, 240_000]);
  });

  it('sums repeated figures and ignores slots outside the period', () => {
    const b = createTableBuilder({ start: '2024-05-01T00:00:00Z', days: 1, shiftGapSlots: 0 });
    const q = { id: 'q', name: 'Q' };
    const s = { id: 's', name: 'S' };
    b.addQueueSkill(q, s, 3, { offered: 2, handleMs: 10 });
    b.addQueueSkill(q, s, 3, { offered: 1 });
    b.addQueueSkill(q, s, 48, { offered: 100 });
    b.addQueueSkill(q, s, -1, { offered: 100 });
    b.addUserActivity('u', 1, 1, 1);
    b.addUserActivity('u', 3, 1, 1);
    const t = b.build();
    expect(t.queueSkills).toHaveLength(1);
    expect([t.queueSkills[0]!.offered[3], t.queueSkills[0]!.handleMs[3]]).toEqual([3, 10]);
    expect(t.queueSkills[0]!.offered.reduce((a, v) => a + v, 0)).toBe(3);
    expect(isActive(t.users, 0, 2)).toBe(false);
    expect([t.start, t.end, t.slots]).toEqual(['2024-05-01T00:00:00.000Z', '2024-05-02T00:00:00.000Z', 48]);
  });
});
