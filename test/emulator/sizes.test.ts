import { describe, expect, it } from 'vitest';
import { queryAggregates } from '../../src/emulator/analytics/engine.js';
import { EmulatorOrg } from '../../src/emulator/org.js';
import { T0 } from './helpers.js';

describe('org sizes', () => {
  it.each([
    { users: 1, queues: 1, skills: 1, days: 1 },
    { users: 5, queues: 20, skills: 2, days: 2 },
    { users: 30, queues: 2, skills: 45, days: 1 },
    { users: 300, queues: 17, skills: 31, days: 1 },
  ])('builds and answers queries for $users users, $queues queues, $skills skills', (size) => {
    const org = new EmulatorOrg({ seed: 5, ...size, now: () => new Date(T0) });
    expect(org.users.filter((u) => u.name !== 'Dana Admin')).toHaveLength(size.users);
    expect(org.queues).toHaveLength(size.queues);
    expect(org.skills).toHaveLength(size.skills);
    expect(new Set(org.skills.map((s) => s.name)).size).toBe(size.skills);
    expect(new Set(org.queues.map((q) => q.name)).size).toBe(size.queues);
    expect(new Set(org.users.map((u) => u.email)).size).toBe(org.users.length);
    for (const q of org.queues) {
      for (const media of ['voice', 'message', 'email', 'callback']) {
        const shares = q.requests.filter((r) => r.mediaType === media).reduce((a, r) => a + r.share, 0);
        expect(shares).toBeCloseTo(1, 9);
      }
    }
    const interval = `${new Date(T0 - size.days * 86_400_000).toISOString()}/${new Date(T0).toISOString()}`;
    const { results } = queryAggregates(org, {
      interval,
      groupBy: ['queueId'],
      metrics: ['nOffered', 'oServiceLevel'],
    });
    for (const r of results) {
      const sl = r.data[0]!.metrics.find((m) => m.metric === 'oServiceLevel')!.stats;
      expect(sl.ratio).toBeGreaterThanOrEqual(0);
      expect(sl.ratio).toBeLessThanOrEqual(1);
    }
  });
});
