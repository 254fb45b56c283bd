import type { AgentGroups } from './groups.js';
import { simulateCentre } from './run.js';
import type { CentreInput, CentreRun, StreamInput } from './types.js';

/** Measured service level of one queue × media (answered within its threshold ÷ offered). */
export interface CalibrationTarget {
  queueId: string;
  media: string;
  offered: number;
  within: number;
  slotOffered?: ArrayLike<number> | undefined;
  slotWithin?: ArrayLike<number> | undefined;
}

export interface CellCalibration {
  queueId: string;
  media: string;
  /** measured service level over the calibrated slots */
  measured: number;
  /** the model's service level before calibration (work scale 1) */
  uncalibrated: number;
  /** the model's service level in the last fitting run (the scale's final step is not simulated again) */
  fitted: number;
  workScale: number;
}

export interface Calibration {
  /** the input's streams with their fitted `workScale` */
  streams: StreamInput[];
  /** contacts of each media an agent works at once, as simulated */
  capacity: Record<string, number>;
  cells: CellCalibration[];
  /** simulations run to fit */
  runs: number;
}

const MIN_LOG_SCALE = Math.log(0.02);
const MAX_LOG_SCALE = Math.log(10);
/** cells within this many points of the measured service level are left as they are */
const TOLERANCE = 0.002;

/**
 * Calibrates the model to the measured service level, per queue × media: one multiplier of the agent time a
 * contact takes (`workScale`), fitted so that the simulation of the measured period reproduces the service
 * level the conversation aggregates measured. It stands for what the API does not show (the concurrency agents
 * really work at, gaps between contacts, routing details), so a proposal is judged with the centre as it
 * behaves, not as configured. Cells share agents, so all are fitted together: a secant step per cell on
 * logit(service level) against log(scale), from one simulation per iteration with the same random numbers.
 * `from` (a slot) limits the fit to the period's most recent slots, whose measured figures are then used.
 */
export function calibrateWorkScale(
  input: CentreInput,
  measured: readonly CalibrationTarget[],
  groups: AgentGroups,
  options: { iterations?: number; from?: number } = {},
): Calibration {
  const iterations = Math.max(1, options.iterations ?? 8);
  let runs = 0;
  const capacity: Record<string, number> = { ...input.capacity };
  const from = Math.max(0, options.from ?? 0);
  const cellOf = new Map<string, number>();
  const cells: { queueId: string; media: string; streams: number[]; target: number | undefined }[] = [];
  const targetBy = new Map(measured.map((m) => [`${m.queueId}|${m.media}`, m]));
  input.streams.forEach((s, i) => {
    const key = `${s.queueId}|${s.media}`;
    let c = cellOf.get(key);
    if (c === undefined) {
      c = cells.length;
      cellOf.set(key, c);
      cells.push({
        queueId: s.queueId,
        media: s.media,
        streams: [],
        target: measuredLevel(targetBy.get(key), from),
      });
    }
    cells[c]?.streams.push(i);
  });
  const base = Float64Array.from(input.streams, (s) => s.workScale ?? 1);
  const x = new Float64Array(cells.length);
  const lastX = new Float64Array(cells.length).fill(Number.NaN);
  const lastE = new Float64Array(cells.length).fill(Number.NaN);
  const uncalibrated = new Float64Array(cells.length);
  const fitted = new Float64Array(cells.length);
  const scaled = (): StreamInput[] =>
    input.streams.map((s, i) => ({
      ...s,
      workScale: (base[i] ?? 1) * Math.exp(x[cellOf.get(`${s.queueId}|${s.media}`) ?? 0] ?? 0),
    }));
  for (let it = 0; it < iterations; it++) {
    const run = simulateCentre({ ...input, streams: scaled(), capacity }, groups);
    runs += 1;
    let moved = false;
    cells.forEach((cell, c) => {
      const sl = simulatedLevel(run, cell.streams, input.slots, from);
      if (it === 0) uncalibrated[c] = sl ?? Number.NaN;
      fitted[c] = sl ?? Number.NaN;
      if (sl === undefined || cell.target === undefined || Math.abs(sl - cell.target) < TOLERANCE) return;
      const e = logit(sl) - logit(cell.target);
      const xi = x[c] ?? 0;
      let step = 0.7 * e; // simulated too high: contacts take more agent time than measured handle time says
      const px = lastX[c] ?? Number.NaN;
      const pe = lastE[c] ?? Number.NaN;
      if (Number.isFinite(px) && xi !== px) {
        const slope = (e - pe) / (xi - px);
        if (slope < -0.05) step = -e / slope;
      }
      step = Math.max(-1, Math.min(1, step));
      lastX[c] = xi;
      lastE[c] = e;
      const next = Math.max(MIN_LOG_SCALE, Math.min(MAX_LOG_SCALE, xi + step));
      if (next !== xi) moved = true;
      x[c] = next;
    });
    if (!moved) break;
  }
  return {
    streams: scaled(),
    cells: cells.map((cell, c) => ({
      queueId: cell.queueId,
      media: cell.media,
      measured: cell.target ?? Number.NaN,
      uncalibrated: uncalibrated[c] ?? Number.NaN,
      fitted: fitted[c] ?? Number.NaN,
      workScale: Math.exp(x[c] ?? 0),
    })),
    capacity,
    runs,
  };
}

function measuredLevel(m: CalibrationTarget | undefined, from: number): number | undefined {
  if (!m) return undefined;
  if (from > 0 && m.slotOffered && m.slotWithin) {
    let offered = 0;
    let within = 0;
    for (let i = from; i < m.slotOffered.length; i++) {
      offered += m.slotOffered[i] ?? 0;
      within += m.slotWithin[i] ?? 0;
    }
    return offered > 0 ? within / offered : undefined;
  }
  return m.offered > 0 ? m.within / m.offered : undefined;
}

function simulatedLevel(
  run: CentreRun,
  streams: readonly number[],
  slots: number,
  from: number,
): number | undefined {
  let offered = 0;
  let within = 0;
  for (const s of streams)
    for (let i = from; i < slots; i++) {
      offered += run.slotOffered[s * slots + i] ?? 0;
      within += run.slotWithin[s * slots + i] ?? 0;
    }
  return offered > 0 ? within / offered : undefined;
}

const EPS = 1e-4;

export function logit(p: number): number {
  const x = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(x / (1 - x));
}
