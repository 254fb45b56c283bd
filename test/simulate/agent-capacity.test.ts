import { describe, expect, it } from 'vitest';
import { groupAgents } from '../../src/simulate/centre/groups.js';
import { simulateCentre } from '../../src/simulate/centre/run.js';
import type { AgentInput, CentreInput, StreamInput } from '../../src/simulate/centre/types.js';

const SLOT = 1800;
const SLOTS = 16;

const messages: StreamInput = {
  queueId: 'q1',
  queue: 'Chat',
  media: 'message',
  skills: [],
  offered: new Array<number>(SLOTS).fill(40),
  ahtSeconds: 600,
  patienceSeconds: Infinity,
  thresholdSeconds: 60,
};

function agents(n: number, capacity?: Record<string, number>): AgentInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    queueIds: ['q1'],
    skills: {},
    languages: [],
    onQueueSeconds: new Array<number>(SLOTS).fill(SLOT),
    ...(capacity ? { capacity } : {}),
  }));
}

function serviceLevel(team: AgentInput[], capacity?: Record<string, number>): number {
  const input: CentreInput = {
    startMs: 0,
    slotSeconds: SLOT,
    slots: SLOTS,
    streams: [messages],
    agents: team,
    priorities: [50],
    ...(capacity ? { capacity } : {}),
    seed: 7,
  };
  const t = simulateCentre(input).streams[0]!;
  return t.within / t.offered;
}

describe('agents’ own utilization in the centre model', () => {
  it('groups agents by their own capacity as well as by what they can take', () => {
    const team = [...agents(3, { message: 4 }), ...agents(2, { message: 1 })];
    const groups = groupAgents(team, [messages]);
    expect(groups.count).toBe(2);
    expect(groups.capacityOf).toEqual([{ message: 4 }, { message: 1 }]);
  });

  it('an agent’s own capacity overrides the input’s, and fewer messages at once serve worse', () => {
    // 40 messages of 600 s per half hour ≈ 13.3 messages in hand: 6 agents cope at 4 at once, not at 1
    const four = serviceLevel(agents(6, { message: 4 }), { message: 1 });
    const one = serviceLevel(agents(6, { message: 1 }), { message: 4 });
    expect(four).toBeGreaterThan(0.9);
    expect(one).toBeLessThan(0.5);
    // the input's capacity still applies to agents without their own
    expect(serviceLevel(agents(6), { message: 4 })).toBeCloseTo(four, 5);
    const mixed = serviceLevel([...agents(3, { message: 4 }), ...agents(3, { message: 1 })]);
    expect(mixed).toBeGreaterThan(one);
    expect(mixed).toBeLessThan(four + 1e-9);
  });
});
