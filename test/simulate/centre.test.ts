import { describe, expect, it } from 'vitest';
import { erlangAAnsweredWait } from '../../src/simulate/erlang-a.js';
import { erlangB, evaluate } from '../../src/simulate/index.js';
import { createRandom } from '../../src/simulate/centre/random.js';
import { simulateCentre } from '../../src/simulate/centre/run.js';
import type { AgentInput, CentreInput, StreamInput } from '../../src/simulate/centre/types.js';

const SLOT = 1800;

function stream(over: Partial<StreamInput> & { perSlot: number; slots: number }): StreamInput {
  return {
    queueId: 'q1',
    queue: 'Support',
    media: 'voice',
    skills: [],
    offered: new Array<number>(over.slots).fill(over.perSlot),
    ahtSeconds: 300,
    patienceSeconds: Infinity,
    thresholdSeconds: 20,
    ...over,
  };
}

function agents(n: number, slots: number, over: Partial<AgentInput> = {}): AgentInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    queueIds: ['q1'],
    skills: {},
    languages: [],
    onQueueSeconds: new Array<number>(slots).fill(SLOT),
    ...over,
  }));
}

/** Poisson counts from a seeded generator (Knuth's method; the mean is small) */
function poissonCounts(mean: number, slots: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: slots }, () => {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random.next();
    while (p > limit) {
      k += 1;
      p *= random.next();
    }
    return k;
  });
}

function serviceLevel(run: ReturnType<typeof simulateCentre>, s = 0): number {
  const t = run.streams[s]!;
  return t.within / t.offered;
}

describe('simulateCentre', () => {
  it('reproduces Erlang C on one queue with one skill-less stream (steady state, many slots)', () => {
    const slots = 48 * 6;
    const input: CentreInput = {
      startMs: 0,
      slotSeconds: SLOT,
      slots,
      // Erlang C assumes Poisson arrivals: draw each slot's count (the model replays whatever counts it is given)
      streams: [stream({ perSlot: 0, slots, offered: poissonCounts(60, slots, 99) })],
      agents: agents(12, slots),
      priorities: [50],
      seed: 7,
    };
    const run = simulateCentre(input);
    const offered = run.streams[0]!.offered;
    expect(offered).toBeGreaterThan(60 * slots * 0.97);
    const erlang = evaluate({ offeredLoad: 10, agents: 12, ahtSeconds: 300, answerWithinSeconds: 20 });
    // one run's service level moves ±2 points with the seed at this load: the mean of three runs is compared
    const runs = [run, simulateCentre({ ...input, seed: 8 }), simulateCentre({ ...input, seed: 9 })];
    const level = runs.reduce((sum, r) => sum + serviceLevel(r), 0) / runs.length;
    expect(Math.abs(level - erlang.serviceLevel)).toBeLessThan(0.03);
    const asa =
      runs.reduce((sum, r) => sum + r.streams[0]!.answeredWaitSeconds / r.streams[0]!.answered, 0) /
      runs.length;
    expect(Math.abs(asa - erlang.asa) / erlang.asa).toBeLessThan(0.15);
  });

  it('reproduces Erlang A when contacts abandon', () => {
    const slots = 48 * 6;
    const input: CentreInput = {
      startMs: 0,
      slotSeconds: SLOT,
      slots,
      streams: [stream({ perSlot: 0, slots, offered: poissonCounts(66, slots, 5), patienceSeconds: 120 })],
      agents: agents(10, slots),
      priorities: [50],
      seed: 3,
    };
    const run = simulateCentre(input);
    const erlang = evaluate({
      offeredLoad: 11,
      agents: 10,
      ahtSeconds: 300,
      answerWithinSeconds: 20,
      patienceSeconds: 120,
    });
    const t = run.streams[0]!;
    expect(Math.abs(t.abandoned / t.offered - erlang.abandonRate)).toBeLessThan(0.03);
    expect(Math.abs(serviceLevel(run) - erlang.serviceLevel)).toBeLessThan(0.04);
    // the answered contacts' mean wait, integrated from Erlang A, matches the simulated one
    const params = { offeredLoad: 11, agents: 10, ahtSeconds: 300, answerWithinSeconds: 20 };
    const answered = erlangAAnsweredWait(erlangB(10, 11), params, 120);
    expect(Math.abs(t.answeredWaitSeconds / t.answered - answered) / answered).toBeLessThan(0.15);
    expect(answered).toBeLessThan(erlang.asa / (1 - erlang.abandonRate));
  });

  it('is deterministic for a seed and replays the measured counts exactly', () => {
    const slots = 48;
    const input: CentreInput = {
      startMs: 0,
      slotSeconds: SLOT,
      slots,
      streams: [stream({ perSlot: 40, slots, patienceSeconds: 60 })],
      agents: agents(8, slots),
      priorities: [50],
      seed: 11,
    };
    const a = simulateCentre(input);
    const b = simulateCentre(input);
    expect(a.streams).toEqual(b.streams);
    expect(a.streams[0]!.offered).toBe(40 * slots);
    const c = simulateCentre({ ...input, seed: 12 });
    expect(c.streams[0]!.within).not.toBe(a.streams[0]!.within);
  });

  it('serves higher priority first: the raised stream waits less, the queue answers no fewer', () => {
    const slots = 96;
    const base: CentreInput = {
      startMs: 0,
      slotSeconds: SLOT,
      slots,
      streams: [
        stream({ perSlot: 30, slots, skills: ['Billing'], patienceSeconds: 180 }),
        stream({ perSlot: 30, slots, skills: ['Sales'], patienceSeconds: 180 }),
      ],
      agents: agents(11, slots, { skills: { Billing: 3, Sales: 3 } }),
      priorities: [50, 50],
      seed: 5,
    };
    const even = simulateCentre(base);
    const raised = simulateCentre({ ...base, priorities: [80, 50] });
    const wait = (r: typeof even, s: number) => r.streams[s]!.answeredWaitSeconds / r.streams[s]!.answered;
    expect(wait(raised, 0)).toBeLessThan(wait(even, 0) * 0.8);
    expect(wait(raised, 1)).toBeGreaterThan(wait(even, 1));
    const answered = (r: typeof even) => r.streams[0]!.answered + r.streams[1]!.answered;
    expect(answered(raised)).toBeGreaterThanOrEqual(answered(even) * 0.98);
  });

  it('routes only to members holding every requested skill and the language', () => {
    const slots = 8;
    const run = simulateCentre({
      startMs: 0,
      slotSeconds: SLOT,
      slots,
      streams: [stream({ perSlot: 10, slots, skills: ['Billing', 'Sales'], language: 'Spanish' })],
      agents: [
        ...agents(3, slots, { skills: { Billing: 3, Sales: 3 } }),
        ...agents(3, slots, { skills: { Billing: 3 }, languages: ['Spanish'] }),
        ...agents(3, slots, { queueIds: ['q2'], skills: { Billing: 3, Sales: 3 }, languages: ['Spanish'] }),
      ],
      priorities: [50],
      seed: 1,
    });
    expect(run.streams[0]!.answered).toBe(0);
  });

  it('lets an agent work several messages at once and honours presence', () => {
    const slots = 48;
    const onQueue = Array.from({ length: slots }, (_, i) => (i >= 16 && i < 32 ? SLOT : 0));
    const input: CentreInput = {
      startMs: 0,
      slotSeconds: SLOT,
      slots,
      streams: [
        stream({
          perSlot: 0,
          slots,
          media: 'message',
          thresholdSeconds: 60,
          offered: onQueue.map((s) => (s > 0 ? 20 : 0)),
        }),
      ],
      agents: agents(2, slots, { onQueueSeconds: onQueue }),
      priorities: [50],
      capacity: { message: 4 },
      seed: 2,
    };
    const one = simulateCentre({ ...input, capacity: { message: 1 } });
    const four = simulateCentre(input);
    expect(serviceLevel(four)).toBeGreaterThan(serviceLevel(one) + 0.2);
    expect(four.busySeconds.slice(0, 16).every((x) => x === 0)).toBe(true);
  });
});
