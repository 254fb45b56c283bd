import { describe, expect, it } from 'vitest';
import { measuredConcurrency } from '../../src/recommend/plan/what-if-input.js';
import { handleTimeCv, type CentreData } from '../../src/recommend/centre-analytics.js';
import { calibrateWorkScale } from '../../src/simulate/centre/calibrate.js';
import { groupAgents } from '../../src/simulate/centre/groups.js';
import { createRandom } from '../../src/simulate/centre/random.js';
import { simulateCentre } from '../../src/simulate/centre/run.js';
import type { AgentInput, CentreInput, StreamInput } from '../../src/simulate/centre/types.js';
import {
  recentWindow,
  simulateCentreWhatIf,
  type CentreWhatIfInput,
} from '../../src/simulate/centre/what-if.js';

const SLOT = 1800;
const SLOTS = 480;

function stream(
  queueId: string,
  media: string,
  perSlot: number,
  over: Partial<StreamInput> = {},
): StreamInput {
  return {
    queueId,
    queue: queueId,
    media,
    skills: [],
    offered: new Array<number>(SLOTS).fill(perSlot),
    ahtSeconds: 300,
    patienceSeconds: Infinity,
    thresholdSeconds: 20,
    ...over,
  };
}

function agents(n: number, queueIds: string[]): AgentInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    queueIds,
    skills: {},
    languages: [],
    onQueueSeconds: new Array<number>(SLOTS).fill(SLOT),
  }));
}

function centre(streams: StreamInput[], people: AgentInput[], seed = 1): CentreInput {
  return {
    startMs: 0,
    slotSeconds: SLOT,
    slots: SLOTS,
    streams,
    agents: people,
    priorities: new Float64Array(streams.length).fill(50),
    seed,
  };
}

function levelOf(run: ReturnType<typeof simulateCentre>, s: number): number {
  const t = run.streams[s];
  return t && t.offered > 0 ? t.within / t.offered : 1;
}

describe('calibrating the centre model to measured service level', () => {
  // two queues with their own agents; the "measured" centre is the model with contacts taking 1.25× and 0.8× the agent
  // time their handle time says; the fit starts from 1 and must find its way back to the measured levels
  const truth = [
    stream('q1', 'voice', 30, { workScale: 1.25 }),
    stream('q2', 'voice', 25, { workScale: 0.8 }),
  ];
  const people = [...agents(10, ['q1']), ...agents(6, ['q2']).map((a) => ({ ...a, id: `b${a.id}` }))];
  const measuredRun = simulateCentre(centre(truth, people, 99), groupAgents(people, truth));
  const measured = truth.map((s, i) => ({
    queueId: s.queueId,
    media: s.media,
    offered: measuredRun.streams[i]?.offered ?? 0,
    within: measuredRun.streams[i]?.within ?? 0,
  }));
  const start = truth.map((s) => ({ ...s, workScale: undefined }));

  it('reproduces each queue × media within a point, with work scales near the true ones', () => {
    const fit = calibrateWorkScale(centre(start, people), measured, groupAgents(people, start));
    for (const [i, cell] of fit.cells.entries()) {
      const target = (measured[i]?.within ?? 0) / (measured[i]?.offered ?? 1);
      expect(Math.abs(cell.uncalibrated - target)).toBeGreaterThan(0.03);
      expect(Math.abs(cell.fitted - target)).toBeLessThan(0.01);
    }
    // the fit sees other random numbers than the "measured" run, so the scales are near the true ones, not equal
    expect(fit.cells[0]?.workScale).toBeGreaterThan(1.25 * 0.93);
    expect(fit.cells[0]?.workScale).toBeLessThan(1.25 * 1.07);
    expect(fit.cells[1]?.workScale).toBeGreaterThan(0.8 * 0.93);
    expect(fit.cells[1]?.workScale).toBeLessThan(0.8 * 1.07);
    const check = simulateCentre(centre(fit.streams, people), groupAgents(people, fit.streams));
    for (let i = 0; i < 2; i++)
      expect(
        Math.abs(levelOf(check, i) - (measured[i]?.within ?? 0) / (measured[i]?.offered ?? 1)),
      ).toBeLessThan(0.01);
  });

  it('leaves a queue without measurements, or already within tolerance, at scale 1', () => {
    const fit = calibrateWorkScale(centre(start, people), [], groupAgents(people, start));
    expect(fit.cells.map((c) => c.workScale)).toEqual([1, 1]);
    expect(fit.runs).toBe(1);
  });

  it('the what-if is deterministic for a seed, "now" matches the measured level, and no change projects no change', () => {
    const input: CentreWhatIfInput = {
      startMs: 0,
      slots: SLOTS,
      slotSeconds: SLOT,
      streams: start,
      measured: truth.map((s, i) => ({ ...measured[i]!, queue: s.queue, answered: 0, abandoned: 0 })),
      agents: people,
      current: {},
      proposed: {},
      currentPriorities: [50, 50],
      proposedPriorities: [50, 50],
      replications: 2,
      calibrate: true,
      seed: 3,
      answerWithinSeconds: 20,
      serviceLevelTarget: 0.8,
      serviceLevelFloor: 0,
    };
    const a = simulateCentreWhatIf(input);
    const b = simulateCentreWhatIf(input);
    expect(b).toEqual(a);
    for (const m of a.media) {
      expect(Math.abs(m.modelServiceLevel - (m.measuredServiceLevel ?? 0))).toBeLessThan(0.02);
      expect(m.proposed.serviceLevel).toBeCloseTo(m.current.serviceLevel, 9);
      expect(m.band[0]).toBeLessThanOrEqual(m.band[1]);
    }
    expect(a.calibrationRuns).toBeGreaterThan(1);
    const uncalibrated = simulateCentreWhatIf({ ...input, calibrate: false });
    expect(uncalibrated.calibrationRuns).toBe(0);
  });
});

describe('recentWindow', () => {
  const base: CentreWhatIfInput = {
    startMs: 0,
    slots: 48 * 30,
    slotSeconds: SLOT,
    streams: [{ ...stream('q1', 'voice', 0), offered: new Array<number>(48 * 30).fill(100) }],
    measured: [
      {
        queueId: 'q1',
        queue: 'q1',
        media: 'voice',
        offered: 144_000,
        within: 72_000,
        answered: 0,
        abandoned: 0,
        slotOffered: new Array<number>(48 * 30).fill(100),
        slotWithin: Array.from({ length: 48 * 30 }, (_, i) => (i < 48 * 20 ? 40 : 80)),
      },
    ],
    agents: agents(1, ['q1']).map((a) => ({ ...a, onQueueSeconds: new Array<number>(48 * 30).fill(SLOT) })),
    current: {},
    proposed: {},
    currentPriorities: [50],
    proposedPriorities: [50],
    answerWithinSeconds: 20,
    serviceLevelTarget: 0.8,
    serviceLevelFloor: 0,
  };

  it('keeps the whole period when it holds fewer contacts than the budget', () => {
    expect(recentWindow(base, 1e9, 7)).toBe(base);
  });

  it('cuts to the most recent days within the budget, never under the minimum, measured figures cut alike', () => {
    const week = recentWindow(base, 10_000, 7);
    expect(week.slots).toBe(48 * 7);
    expect(week.startMs).toBe(23 * 86_400_000);
    expect(week.agents[0]?.onQueueSeconds.length).toBe(48 * 7);
    expect(week.measured[0]?.offered).toBe(100 * 48 * 7);
    expect((week.measured[0]?.within ?? 0) / (week.measured[0]?.offered ?? 1)).toBeCloseTo(0.8, 9);
    const tenDays = recentWindow(base, 48_000, 7);
    expect(tenDays.slots).toBe(48 * 10);
  });
});

describe('inputs estimated from aggregates', () => {
  it('handleTimeCv recovers the spread of one contact’s handle time from half-hourly means', () => {
    const random = createRandom(5);
    let handled = 0;
    let handleMs = 0;
    let squares = 0;
    const slots = 400;
    for (let i = 0; i < slots; i++) {
      const n = 20;
      let sum = 0;
      for (let k = 0; k < n; k++) sum += random.logNormal(300_000, 0.6);
      handled += n;
      handleMs += sum;
      squares += (sum * sum) / n;
    }
    const cv = handleTimeCv({ handled, handleMs, handleSlots: slots, handleSlotSquares: squares });
    expect(cv).toBeGreaterThan(0.5);
    expect(cv).toBeLessThan(0.7);
    expect(
      handleTimeCv({ handled: 5, handleMs: 1000, handleSlots: 3, handleSlotSquares: 1 }),
    ).toBeUndefined();
  });

  it('measuredConcurrency: message time over the INTERACTING time the single media leave', () => {
    const outcome = (media: string, handleMs: number) => ({
      queueId: 'q',
      media,
      offered: 1,
      answered: 1,
      within: 1,
      abandoned: 0,
      answeredWaitMs: 0,
      abandonWaitMs: 0,
      handleMs,
      alertMs: 0,
      slotOffered: new Float32Array(1),
      slotWithin: new Float32Array(1),
    });
    const data = {
      statusSeconds: { INTERACTING: 1000 },
      measured: new Map([
        ['q|voice', outcome('voice', 600_000)],
        ['q|message', outcome('message', 1_000_000)],
      ]),
    } as unknown as CentreData;
    expect(measuredConcurrency(data)).toEqual({ message: 2.5 });
    expect(measuredConcurrency({ ...data, statusSeconds: {} })).toBeUndefined();
  });
});
