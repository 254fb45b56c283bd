import { describe, expect, it } from 'vitest';
import { syntheticCentre } from '../../src/bench/centre-bench.js';
import { groupAgents } from '../../src/simulate/centre/groups.js';
import { CentreRunCache, simulateCentres, type CentreJob } from '../../src/simulate/centre/parallel.js';
import type * as Parallel from '../../src/simulate/centre/parallel.js';
import { centreArrivals, simulateCentre } from '../../src/simulate/centre/run.js';
import type { CentreInput } from '../../src/simulate/centre/types.js';

// a small centre of the bench's kind: 60 agents, 4 queues, voice, messages three at once, email, callbacks
const month = syntheticCentre({ agents: 60, queues: 4, skills: 3, days: 2 });
const agents = month.agents.map((a) => ({ ...a, skills: month.current[a.id] ?? {} }));
const input: CentreInput = {
  startMs: month.startMs,
  slotSeconds: month.slotSeconds,
  slots: month.slots,
  streams: month.streams,
  agents,
  priorities: month.currentPriorities,
  capacity: { message: 3 },
  seed: 5,
};
const groups = groupAgents(agents, month.streams);
// a second state: a third of the agents hold no skill (they take only the streams that request none)
const narrowed = agents.map((a, i) => (i % 3 === 0 ? { ...a, skills: {} } : a));
const jobs: CentreJob[] = [
  { groups, priorities: input.priorities },
  { groups: groupAgents(narrowed, month.streams), priorities: input.priorities },
  { groups, priorities: Float64Array.from(input.priorities, (p, i) => (i % 2 === 0 ? p + 30 : p)) },
];
const one = (job: CentreJob) => simulateCentre({ ...input, priorities: job.priorities }, job.groups);

describe('simulateCentres (parallel.ts)', () => {
  it('gives each job the run simulateCentre gives it, with the arrivals drawn once', () => {
    const runs = simulateCentres(input, centreArrivals(input), jobs);
    expect(runs).toEqual(jobs.map(one));
    // the states differ, so the runs do: a run is not another job's
    expect(runs[1]).not.toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[0]);
  });

  it("the agents' log-ins and log-outs drawn once give the same runs as drawn per run", () => {
    const withPresence = centreArrivals(input);
    expect(withPresence.presence?.agents).toBe(agents.length);
    const contactsOnly = { ...withPresence, presence: undefined };
    for (const job of jobs)
      expect(simulateCentre({ ...input, priorities: job.priorities }, job.groups, withPresence)).toEqual(
        simulateCentre({ ...input, priorities: job.priorities }, job.groups, contactsOnly),
      );
  });

  it('arrivals drawn for another seed, period or set of agents are refused', () => {
    expect(() =>
      simulateCentre({ ...input, agents: agents.slice(1) }, undefined, centreArrivals(input)),
    ).toThrow(/another seed/);
    expect(() => simulateCentre(input, groups, centreArrivals({ ...input, seed: 6 }))).toThrow(
      /another seed/,
    );
    expect(() => simulateCentre(input, groups, centreArrivals({ ...input, slots: 48 }))).toThrow(
      /another seed/,
    );
  });

  it('a cache reuses a run only for the same centre, groups and priorities', () => {
    const cache = new CentreRunCache();
    const arrivals = centreArrivals(input);
    const first = simulateCentres(input, arrivals, jobs.slice(0, 1), { cache });
    // another search's copy of the same centre (other arrays, same numbers) finds the run
    const copy = { ...input, streams: input.streams.map((s) => ({ ...s, offered: Array.from(s.offered) })) };
    const again = simulateCentres(copy, arrivals, jobs, { cache });
    expect(again[0]).toBe(first[0]);
    expect(again).toEqual(jobs.map(one));
    // another presence is another centre
    const shorter = {
      ...input,
      agents: agents.map((a, i) => (i === 0 ? { ...a, onQueueSeconds: new Float64Array(input.slots) } : a)),
    };
    expect(simulateCentres(shorter, arrivals, jobs.slice(0, 1), { cache })[0]).not.toBe(first[0]);
  });

  it('the built worker (dist/) makes the same runs as the main thread', async () => {
    // test/global-setup.ts builds dist/ before the tests: the worker script exists there only
    const script = new URL('../../dist/simulate/centre/parallel.js', import.meta.url).href;
    const built = (await import(script)) as typeof Parallel;
    let byWorker = 0;
    const runs = built.simulateCentres(input, centreArrivals(input), jobs, {
      minContacts: 0,
      onWorker: (n) => (byWorker = n),
    });
    expect(byWorker).toBe(1);
    expect(runs).toEqual(jobs.map(one));
  });
});
