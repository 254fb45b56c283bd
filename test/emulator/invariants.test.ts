import { describe, expect, it } from 'vitest';
import { queryAggregates } from '../../src/emulator/analytics/engine.js';
import { EmulatorOrg } from '../../src/emulator/org.js';
import { T0 } from './helpers.js';

/** Invariants of the simulated centre, per seed. */
const DAY = 86_400_000;
const week = `${new Date(T0 - 7 * DAY).toISOString()}/${new Date(T0).toISOString()}`;

function orgOf(seed: number): EmulatorOrg {
  return new EmulatorOrg({ seed, users: 150, queues: 4, skills: 8, days: 2, now: () => new Date(T0) });
}

function figures(org: EmulatorOrg, filter: { dimension: string; value: string }[]) {
  const { results } = queryAggregates(org, {
    interval: week,
    metrics: ['nOffered', 'nConnected', 'tAbandon', 'tWait'],
    filter: { type: 'and', predicates: filter.map((p) => ({ ...p, type: 'dimension' })) },
  });
  const stat = (name: string) => results[0]?.data[0]?.metrics.find((m) => m.metric === name)?.stats;
  return {
    offered: stat('nOffered')?.count ?? 0,
    answered: stat('nConnected')?.count ?? 0,
    abandoned: stat('tAbandon')?.count ?? 0,
    /** seconds (Genesys's t-metrics are milliseconds) */
    meanAbandonWait: (stat('tAbandon')?.sum ?? 0) / 1000 / Math.max(1, stat('tAbandon')?.count ?? 0),
    meanWait: (stat('tWait')?.sum ?? 0) / Math.max(1, stat('tWait')?.count ?? 0),
  };
}

describe.each([1, 2, 3])('seed %i', (seed) => {
  it('offered = answered + abandoned (+ emails still waiting) for every queue and media', () => {
    const org = orgOf(seed);
    org.advance(7);
    for (const queue of org.queues) {
      for (const media of ['voice', 'message', 'callback', 'email']) {
        const f = figures(org, [
          { dimension: 'queueId', value: queue.id },
          { dimension: 'mediaType', value: media },
        ]);
        if (media === 'email') expect(f.offered).toBeGreaterThanOrEqual(f.answered + f.abandoned);
        else expect(f.offered).toBe(f.answered + f.abandoned);
      }
    }
  });

  /**
   * A contact that nobody can take waits in the queue until its own patience runs out, and the simulation only
   * notices when it next looks at the queue (or at the day's close): its abandon time is still its patience, never
   * the moment it was noticed (fixed 2026-11-26; before, every contact still queued at the close abandoned at the
   * close, and a queue with no members showed hours of tAbandon).
   */
  it('a queue with no members: every contact abandons after its own patience (exponential, mean as set)', () => {
    const org = orgOf(seed);
    const queue = org.queues[0]!;
    const patience = 75;
    for (const s of org.streams) if (s.queueId === queue.id) s.patienceSeconds = patience;
    for (const u of org.users) u.queueIds = u.queueIds.filter((id) => id !== queue.id);
    org.configurationChanged();
    org.advance(7);
    const f = figures(org, [
      { dimension: 'queueId', value: queue.id },
      { dimension: 'mediaType', value: 'voice' },
    ]);
    expect(f.answered).toBe(0);
    expect(f.abandoned).toBe(f.offered);
    expect(f.abandoned).toBeGreaterThan(100);
    // the mean of n exponential patiences: standard error patience / √n; four of them is a false alarm in 1/15,000
    expect(Math.abs(f.meanAbandonWait - patience)).toBeLessThan((4 * patience) / Math.sqrt(f.abandoned));
  });

  /**
   * Raising a weight is not free for the queue's total: the favoured stream of the seeded org is a second topic
   * whose calls take about 1.8× as long as the queue's main topic (and its callers are more or less patient), so
   * serving it first spends the same agent time on fewer, longer calls and lets more of the others abandon. That
   * is a genuine queueing effect (serving long jobs first lowers the count served), not an artefact: over seeds
   * 2–12 the queue's answered moved by −0.6% … +0.3% (measured 2026-11-26), and with the favoured stream's handle
   * time and patience made equal to the main topic's, the drops (seeds 4, 7, 8, 10, 11) turned into gains but one,
   * within one √abandoned. Hence two checks: the org as seeded (within 1%) and all else equal, handle time and
   * patience included (within noise).
   */
  function raiseWeight(seed: number, equalise: boolean) {
    const control = orgOf(seed);
    const raised = orgOf(seed);
    const queue = raised.queues.find((q) =>
      q.requests.some(
        (r) =>
          r.mediaType === 'voice' && r.skillIds.length === 1 && r.skillIds[0] !== q.requests[0]!.skillIds[0],
      ),
    )!;
    const skillId = queue.requests.find(
      (r) =>
        r.mediaType === 'voice' &&
        r.skillIds.length === 1 &&
        r.skillIds[0] !== queue.requests[0]!.skillIds[0],
    )!.skillIds[0]!;
    const key = `${queue.name}|${raised.skillName(skillId)}`;
    // all else equal: the row weighs 1 in one org and 100 in the other
    for (const [org, weight] of [
      [control, 1],
      [raised, 100],
    ] as const) {
      org.tables.find((t) => t.name === 'Routing Skill Weights')!.rows.set(key, { key, weight });
      if (equalise) {
        const main = org.streams.find(
          (s) => s.queueId === queue.id && s.mediaType === 'voice' && !s.skillIds.includes(skillId),
        )!;
        for (const s of org.streams) {
          if (s.queueId !== queue.id || s.mediaType !== 'voice' || !s.skillIds.includes(skillId)) continue;
          s.ahtSeconds = main.ahtSeconds;
          s.patienceSeconds = main.patienceSeconds;
        }
      }
      org.configurationChanged();
    }
    control.advance(7);
    raised.advance(7);
    const stream = [
      { dimension: 'queueId', value: queue.id },
      { dimension: 'requestedRoutingSkillId', value: skillId },
      { dimension: 'mediaType', value: 'voice' },
    ];
    const before = figures(control, stream);
    const after = figures(raised, stream);
    expect(after.offered).toBe(before.offered);
    expect(after.meanWait).toBeLessThan(before.meanWait);
    const whole = [{ dimension: 'queueId', value: queue.id }];
    return { control: figures(control, whole), raised: figures(raised, whole) };
  }

  it('raising one queue × skill weight lowers that stream’s wait and keeps the queue’s answered within 1%', () => {
    const { control, raised } = raiseWeight(seed, false);
    expect(raised.answered).toBeGreaterThanOrEqual(0.99 * control.answered);
  });

  it('all else equal (handle time and patience too), a raised weight does not lower the queue’s answered beyond noise', () => {
    const { control, raised } = raiseWeight(seed, true);
    // noise: one standard deviation of the queue's abandoned count (Poisson)
    expect(raised.answered).toBeGreaterThanOrEqual(control.answered - Math.sqrt(control.abandoned));
  });
});
