import { describe, expect, it } from 'vitest';
import { syntheticCentre } from '../../src/bench/centre-bench.js';
import { simulateCentre } from '../../src/simulate/centre/run.js';
import { simulateCentreWhatIf } from '../../src/simulate/centre/what-if.js';
import type { AgentInput, CentreInput, CentreRun, StreamInput } from '../../src/simulate/centre/types.js';

const SLOT = 1800;
const SLOTS = 48 * 2;

function stream(queueId: string, skills: string[], perSlot: number, language?: string): StreamInput {
  return {
    queueId,
    queue: queueId,
    media: 'voice',
    skills,
    language,
    offered: new Array<number>(SLOTS).fill(perSlot),
    ahtSeconds: 300,
    patienceSeconds: 240,
    thresholdSeconds: 20,
    handleCv: 1.2,
  };
}

function agent(i: number, skills: Record<string, number>, languages: string[] = []): AgentInput {
  return {
    id: `a${i}`,
    queueIds: ['q1', 'q2'],
    skills,
    languages,
    onQueueSeconds: new Array<number>(SLOTS).fill(SLOT),
  };
}

const streams = [stream('q1', [], 30), stream('q1', ['billing'], 12), stream('q2', [], 20, 'French')];
const people = [
  ...Array.from({ length: 9 }, (_, i) => agent(i, {})),
  ...Array.from({ length: 4 }, (_, i) => agent(10 + i, { billing: 1 })),
  ...Array.from({ length: 6 }, (_, i) => agent(20 + i, {}, ['French'])),
];

function centre(agents: AgentInput[], seed: number): CentreInput {
  return { startMs: 0, slotSeconds: SLOT, slots: SLOTS, streams, agents, priorities: [50, 50, 50], seed };
}

function levels(run: CentreRun): number[] {
  return run.streams.map((t) => t.within / t.offered);
}

function gap(a: number[], b: number[]): number {
  return Math.max(...a.map((x, i) => Math.abs(x - (b[i] ?? 0))));
}

describe('common random numbers (run.ts)', () => {
  const base = simulateCentre(centre(people, 1));

  it('an unchanged configuration gives identical results, whatever the order of its agents', () => {
    expect(simulateCentre(centre(people, 1))).toEqual(base);
    // the contacts' random numbers do not depend on who serves them: reordering agents changes nothing measured
    const reordered = simulateCentre(centre([...people].reverse(), 1));
    expect(reordered.streams.map((t) => t.offered)).toEqual(base.streams.map((t) => t.offered));
    expect(reordered.contacts).toBe(base.contacts);
  });

  const seeds = [1, 2, 3, 4];
  const runs = seeds.map((seed) => levels(simulateCentre(centre(people, seed))));
  /** the largest difference between two seeds' results of the same configuration, over the streams */
  const noise = Math.max(...runs.slice(1).map((r) => gap(r, runs[0]!)));

  it('a small one-agent change moves the result far less than a new seed does', () => {
    // one agent off queue for one half hour of the second day
    const changed = people.map((a) =>
      a.id === 'a0'
        ? { ...a, onQueueSeconds: Array.from(a.onQueueSeconds, (x, i) => (i === 60 ? 0 : x)) }
        : a,
    );
    const run = simulateCentre(centre(changed, 1));
    // the same contacts arrive at the same times in both runs
    expect(run.streams.map((t) => t.offered)).toEqual(base.streams.map((t) => t.offered));
    const effect = gap(levels(run), levels(base));
    expect(noise).toBeGreaterThan(0.01);
    expect(effect).toBeLessThan(noise / 5);
  });
});

describe('the what-if window (what-if.ts)', () => {
  it('simulates at least `minDays` (default 7) of the most recent days when `maxContacts` is small', () => {
    const month = syntheticCentre({ agents: 30, queues: 2, skills: 3, days: 9 });
    expect(simulateCentreWhatIf({ ...month, replications: 1, maxContacts: 1 }).simulatedDays).toBe(7);
    const short = simulateCentreWhatIf({ ...month, replications: 1, maxContacts: 1, minDays: 2 });
    expect(short.simulatedDays).toBe(2);
    // the same plan as the current state: the two states see the same contacts, so nothing moves
    for (const q of short.media) expect(q.proposed.serviceLevel).toBe(q.current.serviceLevel);
  });
});
