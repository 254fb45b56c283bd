import { describe, expect, it } from 'vitest';
import { renderOwnershipRecord } from '../../src/apply/ownership.js';
import { ownedWeightsFromRecords, weightOwnershipChanges } from '../../src/apply/weight-ownership.js';
import { diff } from '../../src/apply/diff.js';
import { desired, liveOrg } from '../support/builders.js';

describe('weight ownership records (pure)', () => {
  it('takes over a queue on its first change, with its rows before (longest queue name owns a key)', () => {
    const live = {
      ...liveOrg([], {
        'Sales|Billing': 40,
        'Sales|Retention': 10,
        'Sales|EU|Billing': 99,
        'Support|Billing': 5,
      }),
      queues: [
        { id: 'q1', name: 'Sales' },
        { id: 'q2', name: 'Sales|EU' },
      ],
    } as Parameters<typeof diff>[1];
    const state = desired([], { Sales: { Billing: 50 } });
    const changes = diff(state, live);
    const { taken, released, restore } = weightOwnershipChanges(state, live, changes, new Map());
    expect(taken).toEqual({ Sales: { Billing: 40, Retention: 10 } });
    expect(released).toEqual([]);
    expect(restore).toEqual([]);
    // already owned: not taken again (the first record is what revert restores)
    const owned = new Map([['Sales', { Billing: 1 }]]);
    expect(weightOwnershipChanges(state, live, changes, owned).taken).toEqual({});
  });

  it('restores a released queue: changed rows back, created rows deleted, deleted rows re-created', () => {
    const live = liveOrg([], { 'Sales|Billing': 50, 'Sales|Spanish': 7, 'Support|Billing': 5 });
    const state = desired([], { Support: { Billing: 5 } });
    const owned = ownedWeightsFromRecords([
      renderOwnershipRecord({ taken: {}, released: [], weights: { Sales: { Billing: 40, Retention: 10 } } }),
    ]);
    const { released, restore } = weightOwnershipChanges(state, live, [], owned);
    expect(released).toEqual([{ queue: 'Sales', before: { Billing: 40, Retention: 10 }, action: 'restore' }]);
    expect(restore.map((c) => [c.target.key, c.action, c.before, c.after])).toEqual([
      ['Sales|Billing', 'update', 50, 40],
      ['Sales|Retention', 'create', undefined, 10],
      ['Sales|Spanish', 'delete', 7, undefined],
    ]);
    const leave = {
      ...state,
      settings: {
        ...state.settings,
        ownership: { ...state.settings.ownership, onRelease: 'leave' as const },
      },
    };
    expect(weightOwnershipChanges(leave, live, [], owned)).toMatchObject({
      restore: [],
      released: [{ action: 'leave' }],
    });
  });

  it('a later record that releases the queue ends the ownership; broken lines are ignored', () => {
    const messages = [
      renderOwnershipRecord({ taken: {}, released: [], weights: { Sales: { Billing: 40 } } }),
      'routing-gitops-ownership: {broken',
      renderOwnershipRecord({ taken: {}, released: [], releasedWeights: ['Sales'] }),
    ];
    expect([...ownedWeightsFromRecords(messages)]).toEqual([]);
    expect([...ownedWeightsFromRecords(messages.slice(0, 2))]).toEqual([['Sales', { Billing: 40 }]]);
  });
});
