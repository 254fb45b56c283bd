import { describe, expect, it } from 'vitest';
import { queryAggregates } from '../../src/emulator/analytics/engine.js';
import { queryUserAggregates } from '../../src/emulator/analytics/presence.js';
import { writeUserSkills } from '../../src/emulator/mutations.js';
import { EmulatorOrg } from '../../src/emulator/org.js';
import {
  prefetch,
  runJob,
  seededBlocks,
  type DayJob,
  type DayResult,
  type DayRunner,
} from '../../src/emulator/parallel.js';
import { T0 } from './helpers.js';

const DAY = 86_400_000;
const options = { seed: 4, users: 80, queues: 3, skills: 6, days: 6, now: () => new Date(T0) };

/** A runner with a copy of the seeded org in this thread; messages cloned as postMessage would. */
function copyRunner(org: EmulatorOrg): DayRunner & { jobs: number } {
  const { nowMs, ...rest } = org.seedOptions;
  const copy = new EmulatorOrg({ ...rest, now: () => new Date(nowMs) });
  return {
    size: 1,
    jobs: 0,
    run(_slot: number, job: DayJob): Promise<DayResult> {
      this.jobs++;
      return Promise.resolve(structuredClone(runJob(copy, structuredClone(job))));
    },
    close: () => Promise.resolve(),
  };
}

function answers(org: EmulatorOrg) {
  const interval = `${new Date(T0 - 7 * DAY).toISOString()}/${new Date(T0).toISOString()}`;
  return [
    queryAggregates(org, {
      interval,
      granularity: 'PT30M',
      groupBy: ['queueId', 'requestedRoutingSkillId', 'mediaType'],
      metrics: ['nOffered', 'nConnected', 'tAnswered', 'tAbandon', 'tHandle', 'tAcw', 'oServiceLevel'],
    }),
    queryAggregates(org, {
      interval,
      granularity: 'PT30M',
      groupBy: ['userId', 'requestedRoutingSkillId'],
      metrics: ['tAlert', 'nConnected', 'tHandle', 'tNotResponding'],
    }),
    queryUserAggregates(org, {
      interval,
      granularity: 'PT30M',
      groupBy: ['userId'],
      metrics: ['tAgentRoutingStatus', 'tSystemPresence'],
    }),
  ];
}

describe('days simulated by a copy of the seeded org', () => {
  it('give the same answers, byte for byte, as days simulated in place', async () => {
    const parallel = new EmulatorOrg(options);
    const runner = copyRunner(parallel);
    const done = await prefetch(parallel, T0 - 7 * DAY, T0, () => runner, 0);
    expect(done).toBeGreaterThan(0);
    expect(runner.jobs).toBe(done);
    expect(seededBlocks(parallel, T0 - 7 * DAY, T0)).toEqual([]);
    expect(JSON.stringify(answers(parallel))).toBe(JSON.stringify(answers(new EmulatorOrg(options))));
  });

  it('leaves days run with a changed configuration to the org itself', async () => {
    const org = new EmulatorOrg(options);
    const user = org.users.find((u) => u.state === 'active' && u.skills.size > 0)!;
    const [skill] = [...user.skills.keys()];
    writeUserSkills(org, user, [{ id: skill!, proficiency: 5 }], 'replace', org.actors.api);
    org.advance(2);
    const pending = seededBlocks(org, T0 - 8 * DAY, T0);
    // the two newest days ran with the changed roster
    const newest = org.history.days.slice(-2);
    for (const block of newest) expect(pending).not.toContain(block);
    const runner = copyRunner(org);
    await prefetch(org, T0 - 8 * DAY, T0, () => runner, 0);
    expect(runner.jobs).toBeLessThanOrEqual(pending.length);
    const reference = new EmulatorOrg(options);
    writeUserSkills(
      reference,
      reference.user(user.id),
      [{ id: skill!, proficiency: 5 }],
      'replace',
      reference.actors.api,
    );
    reference.advance(2);
    expect(JSON.stringify(answers(org))).toBe(JSON.stringify(answers(reference)));
  });
});
