import type { AgentGroups } from './groups.js';
import { centreArrivals, simulateCentre } from './run.js';
import type { CentreInput, CentreRun, StreamInput } from './types.js';

/** Measured outcome of one queue × media over the analysed period (conversation aggregates). */
export interface CalibrationTarget {
  queueId: string;
  media: string;
  offered: number;
  /** answered within the queue's threshold for the media */
  within: number;
  /** abandoned (tAbandon count); undefined: the patience is not fitted */
  abandoned?: number | undefined;
  slotOffered?: ArrayLike<number> | undefined;
  slotWithin?: ArrayLike<number> | undefined;
  slotAbandoned?: ArrayLike<number> | undefined;
}

export interface CellCalibration {
  queueId: string;
  media: string;
  /** measured service level over the calibrated slots */
  measured: number;
  /** the model's service level before calibration (work scale and patience as given) */
  uncalibrated: number;
  /** the model's service level in the fitting run whose parameters are returned (the closest one) */
  fitted: number;
  workScale: number;
  /** measured share of offered contacts that abandoned, and the model's in the last fitting run */
  measuredAbandon?: number | undefined;
  fittedAbandon?: number | undefined;
  /** fitted multiplier of the streams' mean patience (1: not fitted) */
  patienceScale: number;
}

export interface Calibration {
  /** the input's streams with their fitted `workScale` and `patienceSeconds` */
  streams: StreamInput[];
  /** contacts of each media an agent works at once, as simulated */
  capacity: Record<string, number>;
  cells: CellCalibration[];
  /** simulations run to fit */
  runs: number;
}

export interface CalibrationOptions {
  /** simulations at most (default 10) */
  iterations?: number;
  /** fit on the slots from this one on (the period's most recent); their measured figures are used */
  from?: number;
  /** bounds of the work scale (default 0.5 … 2: a contact takes between half and twice its handle time) */
  workScale?: readonly [number, number];
  /** bounds of the patience multiplier (default 0.001 … 10) */
  patienceScale?: readonly [number, number];
}

/** cells within this many points of the measured figure are left as they are */
const TOLERANCE = 0.002;
/** fewer contacts than this in a cell: its work scale is not fitted (its service level is mostly noise) */
const MIN_CONTACTS = 200;
/** fewer abandons than this in a cell: its patience is not fitted */
const MIN_ABANDONS = 20;

/**
 * Calibrates the model to what the conversation aggregates measured, per queue × media, with two physical
 * parameters fitted on the analysed period:
 * - the contacts' mean patience (a multiplier of the streams' `patienceSeconds`), fitted to the measured share
 *   of contacts that abandoned. The estimate from tAbandon (abandons ÷ time waited) is exact for exponential
 *   patience only when each abandon's recorded wait is its patience; a few very long recorded waits (contacts
 *   closed out of a queue nobody served) inflate it many times, and a patient model then keeps a backlog that
 *   drags every stream sharing the agents. The abandon count itself is robust.
 * - the agent time a contact takes (`workScale`, a multiplier of the measured handle time), fitted to the
 *   measured service level: it stands for what the API does not show (gaps between contacts, routing details).
 * Cells share agents, so all are fitted together from one simulation per iteration with the same random numbers:
 * a secant step per cell and parameter, on logit(abandon rate) against log(patience) and logit(service level)
 * against log(scale). Both parameters are bounded, so a cell that cannot be matched stays physically plausible.
 */
export function calibrateCentre(
  input: CentreInput,
  measured: readonly CalibrationTarget[],
  groups: AgentGroups,
  options: CalibrationOptions = {},
): Calibration {
  const iterations = Math.max(1, options.iterations ?? 10);
  const [minScale, maxScale] = options.workScale ?? [0.5, 2];
  const [minPatience, maxPatience] = options.patienceScale ?? [0.001, 10];
  let runs = 0;
  const capacity: Record<string, number> = { ...input.capacity };
  const from = Math.max(0, options.from ?? 0);
  const cellOf = new Map<string, number>();
  const cells: {
    queueId: string;
    media: string;
    streams: number[];
    target: number | undefined;
    abandon: number | undefined;
    /** the cell's contacts in the fitted slots */
    offered: number;
    abandons: number;
    finite: boolean;
  }[] = [];
  const targetBy = new Map(measured.map((m) => [`${m.queueId}|${m.media}`, m]));
  input.streams.forEach((s, i) => {
    const key = `${s.queueId}|${s.media}`;
    let c = cellOf.get(key);
    if (c === undefined) {
      c = cells.length;
      cellOf.set(key, c);
      const m = measuredIn(targetBy.get(key), from);
      cells.push({
        queueId: s.queueId,
        media: s.media,
        streams: [],
        target: m?.level,
        abandon: m?.abandon,
        offered: m?.offered ?? 0,
        abandons: m?.abandons ?? 0,
        finite: false,
      });
    }
    const cell = cells[c];
    if (cell) {
      cell.streams.push(i);
      if (Number.isFinite(s.patienceSeconds) && s.patienceSeconds > 0) cell.finite = true;
    }
  });
  const base = Float64Array.from(input.streams, (s) => s.workScale ?? 1);
  const x = fitter(cells.length, Math.log(minScale), Math.log(maxScale), 1);
  const y = fitter(cells.length, Math.log(minPatience), Math.log(maxPatience), 1.5);
  const uncalibrated = new Float64Array(cells.length);
  const fitted = new Float64Array(cells.length);
  const fittedAbandon = new Float64Array(cells.length).fill(Number.NaN);
  const cellIndex = Int32Array.from(input.streams, (s) => cellOf.get(`${s.queueId}|${s.media}`) ?? 0);
  const scaled = (): StreamInput[] =>
    input.streams.map((s, i) => {
      const c = cellIndex[i] ?? 0;
      return {
        ...s,
        workScale: (base[i] ?? 1) * Math.exp(x.value[c] ?? 0),
        patienceSeconds: s.patienceSeconds * Math.exp(y.value[c] ?? 0),
      };
    });
  // the parameters of the run that came closest (cells share agents, so a step can undo another cell's fit):
  // those are returned, with that run's figures, never an unsimulated last step
  let best = { error: Infinity, x: x.value.slice(), y: y.value.slice() };
  // the fit changes work scales and patience only: every run sees the same arrivals
  const arrivals = centreArrivals(input);
  for (let it = 0; it < iterations; it++) {
    const run = simulateCentre({ ...input, streams: scaled(), capacity }, groups, arrivals);
    runs += 1;
    const levels = cells.map((cell) => simulatedIn(run, cell.streams, input.slots, from));
    let error = 0;
    levels.forEach((sim, c) => {
      const cell = cells[c];
      if (!sim || !cell) return;
      if (cell.target !== undefined) error += Math.abs(sim.level - cell.target);
      if (cell.abandon !== undefined && cell.finite) error += Math.abs(sim.abandon - cell.abandon);
    });
    if (error < best.error) {
      best = { error, x: x.value.slice(), y: y.value.slice() };
      levels.forEach((sim, c) => {
        fitted[c] = sim?.level ?? Number.NaN;
        fittedAbandon[c] = sim?.abandon ?? Number.NaN;
      });
    }
    let moved = false;
    cells.forEach((cell, c) => {
      const sim = levels[c];
      if (it === 0) uncalibrated[c] = sim?.level ?? Number.NaN;
      if (!sim) return;
      // patience: the model abandoning more than measured means contacts wait longer before giving up
      if (cell.finite && cell.abandon !== undefined && cell.abandons >= MIN_ABANDONS) {
        if (Math.abs(sim.abandon - cell.abandon) >= TOLERANCE / 2)
          moved = y.step(c, logit(sim.abandon) - logit(cell.abandon), 1) || moved;
      }
      // work scale: the model's service level above the measured one means contacts take more agent time
      if (cell.target !== undefined && cell.offered >= MIN_CONTACTS) {
        if (Math.abs(sim.level - cell.target) >= TOLERANCE)
          moved = x.step(c, logit(sim.level) - logit(cell.target), 0.7) || moved;
      }
    });
    if (!moved) break;
  }
  x.value.set(best.x);
  y.value.set(best.y);
  return {
    streams: scaled(),
    cells: cells.map((cell, c) => ({
      queueId: cell.queueId,
      media: cell.media,
      measured: cell.target ?? Number.NaN,
      uncalibrated: uncalibrated[c] ?? Number.NaN,
      fitted: fitted[c] ?? Number.NaN,
      workScale: Math.exp(x.value[c] ?? 0),
      measuredAbandon: cell.abandon,
      fittedAbandon: fittedAbandon[c],
      patienceScale: Math.exp(y.value[c] ?? 0),
    })),
    capacity,
    runs,
  };
}

/** @deprecated the earlier name: the fit now covers patience as well as work scale */
export const calibrateWorkScale = calibrateCentre;

/**
 * One bounded parameter per cell (in log space), moved by secant steps on an error that falls as it rises:
 * the first step is `gain` × the error (at most half a step), later ones use the slope the last two runs measured
 * when it is negative and not too shallow; each step is at most `maxStep`, and the value stays within its bounds.
 */
function fitter(n: number, lo: number, hi: number, maxStep: number) {
  const value = new Float64Array(n);
  const lastX = new Float64Array(n).fill(Number.NaN);
  const lastE = new Float64Array(n).fill(Number.NaN);
  return {
    value,
    /** returns whether the value moved */
    step(c: number, e: number, gain: number): boolean {
      const xi = value[c] ?? 0;
      let step = gain * e;
      // the first step, on an assumed slope, goes half as far at most
      let cap = maxStep / 2;
      const px = lastX[c] ?? Number.NaN;
      const pe = lastE[c] ?? Number.NaN;
      if (Number.isFinite(px) && xi !== px) {
        // a slope measured between two noisy runs of coupled cells: a shallow one is not trusted
        const slope = (e - pe) / (xi - px);
        if (slope < 0) {
          step = -e / Math.min(-0.25 / gain, slope);
          cap = maxStep;
        }
      }
      step = Math.max(-cap, Math.min(cap, step));
      lastX[c] = xi;
      lastE[c] = e;
      const next = Math.max(lo, Math.min(hi, xi + step));
      value[c] = next;
      return next !== xi;
    },
  };
}

function measuredIn(
  m: CalibrationTarget | undefined,
  from: number,
): { level: number; abandon: number | undefined; offered: number; abandons: number } | undefined {
  if (!m) return undefined;
  let offered = m.offered;
  let within = m.within;
  let abandoned = m.abandoned;
  if (from > 0 && m.slotOffered && m.slotWithin) {
    offered = 0;
    within = 0;
    for (let i = from; i < m.slotOffered.length; i++) {
      offered += m.slotOffered[i] ?? 0;
      within += m.slotWithin[i] ?? 0;
    }
    if (m.slotAbandoned) {
      abandoned = 0;
      for (let i = from; i < m.slotAbandoned.length; i++) abandoned += m.slotAbandoned[i] ?? 0;
    } else if (abandoned !== undefined && m.offered > 0) abandoned *= offered / m.offered;
  }
  if (!(offered > 0)) return undefined;
  return {
    level: within / offered,
    abandon: abandoned === undefined ? undefined : abandoned / offered,
    offered,
    abandons: abandoned ?? 0,
  };
}

function simulatedIn(
  run: CentreRun,
  streams: readonly number[],
  slots: number,
  from: number,
): { level: number; abandon: number } | undefined {
  let offered = 0;
  let within = 0;
  let abandoned = 0;
  for (const s of streams)
    for (let i = from; i < slots; i++) {
      offered += run.slotOffered[s * slots + i] ?? 0;
      within += run.slotWithin[s * slots + i] ?? 0;
      abandoned += run.slotAbandoned[s * slots + i] ?? 0;
    }
  return offered > 0 ? { level: within / offered, abandon: abandoned / offered } : undefined;
}

const EPS = 1e-4;

export function logit(p: number): number {
  const x = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(x / (1 - x));
}
