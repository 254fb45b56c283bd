import type { QueueMetrics, WhatIfResult } from '../types.js';
import { calibrateCentre, logit, type CellCalibration } from './calibrate.js';
import { groupAgents, type AgentGroups } from './groups.js';
import { simulateCentres } from './parallel.js';
import { centreArrivals } from './run.js';
import type { CentreInput, CentreRun, StreamInput } from './types.js';

/** What was measured for one queue and media over the analysed period (from the conversation aggregates). */
export interface MeasuredQueue {
  queueId: string;
  queue: string;
  media: string;
  offered: number;
  /** answered within the queue's threshold for the media */
  within: number;
  answered: number;
  abandoned: number;
  /** per slot of the period: offered and answered within threshold (lets the model calibrate on part of it) */
  slotOffered?: ArrayLike<number> | undefined;
  slotWithin?: ArrayLike<number> | undefined;
  /** per slot: abandoned (lets the fit match the abandon rate on part of the period) */
  slotAbandoned?: ArrayLike<number> | undefined;
}

export interface CentreWhatIfInput {
  startMs: number;
  slots: number;
  slotSeconds: number;
  streams: readonly StreamInput[];
  measured: readonly MeasuredQueue[];
  agents: readonly {
    id: string;
    queueIds: readonly string[];
    languages: readonly string[];
    onQueueSeconds: ArrayLike<number>;
    /** the agent's own utilization (contacts of each media at once), when read */
    capacity?: Readonly<Record<string, number>>;
  }[];
  /** user id → skill → proficiency, now and as proposed */
  current: Readonly<Record<string, Readonly<Record<string, number>>>>;
  proposed: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** each stream's routing priority now and as proposed (same order as `streams`) */
  currentPriorities: ArrayLike<number>;
  proposedPriorities: ArrayLike<number>;
  capacity?: Readonly<Record<string, number>>;
  /** measured mean concurrency per media (what-if-input's `measuredConcurrency`); an agent's capacity for the
   * media is raised to it (rounded up) where the configured one is lower */
  concurrency?: Readonly<Record<string, number>>;
  /** fit each queue × media's patience to its measured abandon rate and its work scale to its measured service
   * level first (`calibrateCentreInput`; default false: a caller that calibrated once passes the fitted streams) */
  calibrate?: boolean;
  /** fit on the period's most recent days only (default: as many recent days as hold `calibrationContacts`) */
  calibrationDays?: number;
  /** contacts the fit simulates at most, each of its runs (default 300,000; at least one day) */
  calibrationContacts?: number;
  /** contacts the what-if simulates at most per run: the most recent days that hold them, at least a week
   * (default 1,500,000: a big org's month is judged on its latest weeks, a small org's on the whole period) */
  maxContacts?: number;
  /** days the what-if simulates at least, whatever `maxContacts` says (default 7; with common random numbers
   * the two states differ by the change alone, so a big org's comparison holds on fewer days) */
  minDays?: number;
  /** independent runs for the band (default 3; current and proposed share each run's random numbers) */
  replications?: number;
  seed?: number;
  answerWithinSeconds: number;
  serviceLevelTarget: number;
  serviceLevelFloor: number;
}

/** One stream's predicted effect: its mean wait (answered contacts) now and as proposed. */
export interface StreamEffect {
  queue: string;
  media: string;
  skills: string[];
  language: string | undefined;
  offered: number;
  priority: { current: number; proposed: number };
  waitSeconds: { current: number; proposed: number };
  serviceLevel: { current: number; proposed: number };
}

export interface CentreQueueWhatIf {
  queueId: string;
  queue: string;
  mediaType: string;
  offered: number;
  thresholdSeconds: number;
  /** measured over the analysed period (answered within threshold ÷ offered) */
  measuredServiceLevel: number | undefined;
  /** the model's own figure for the current state (with the fitted work scale, before the logit offset) */
  modelServiceLevel: number;
  /** the model's figure with no calibration at all (work scale 1) */
  uncalibratedServiceLevel?: number;
  /** the fitted multiplier of agent time per contact (1: not calibrated) */
  workScale?: number;
  /** the fitted multiplier of the contacts' mean patience (1: not calibrated) */
  patienceScale?: number;
  /** logit offset that maps the model's current service level onto the measured one (applied to both) */
  calibration: number;
  current: QueueMetrics & { asaAnswered: number };
  proposed: QueueMetrics & { asaAnswered: number };
  /** lowest and highest proposed service level over the replications */
  band: [number, number];
}

export interface CentreWhatIfResult extends WhatIfResult {
  model: 'simulation';
  replications: number;
  /** simulations run to fit the work scales (0: not calibrated) */
  calibrationRuns: number;
  /** contacts of each media an agent works at once, as simulated */
  capacity: Record<string, number>;
  /** days simulated (the period's most recent), and days the calibration was fitted on */
  simulatedDays: number;
  calibrationDays: number;
  media: CentreQueueWhatIf[];
  streams: StreamEffect[];
}

/**
 * Current vs proposed skills and weights through the centre model, per queue × media: the measured arrivals
 * replayed over the measured presence in both states with the same random numbers, so the difference is the
 * change and not noise; then each queue × media is calibrated to its measured service level (a logit offset,
 * applied to both states; reported, with the model's raw figure). Queue totals weight media by volume.
 */
export function simulateCentreWhatIf(whole: CentreWhatIfInput): CentreWhatIfResult {
  const input = recentWindow(whole, whole.maxContacts ?? 1_500_000, whole.minDays ?? 7);
  const replications = Math.max(1, Math.floor(input.replications ?? 3));
  const seed = input.seed ?? 1;
  const build = (
    from: CentreWhatIfInput,
    skills: CentreWhatIfInput['current'],
    priorities: ArrayLike<number>,
    rep: number,
    streams: readonly StreamInput[],
    capacity?: Record<string, number>,
  ): CentreInput => ({
    startMs: from.startMs,
    slotSeconds: from.slotSeconds,
    slots: from.slots,
    streams,
    agents: from.agents.map((a) => ({ ...a, skills: skills[a.id] ?? {} })),
    priorities,
    capacity: capacity ?? effectiveCapacity(input.capacity, input.concurrency),
    seed: seed + rep * 7919,
  });
  const first = build(input, input.current, input.currentPriorities, 0, input.streams);
  // groups depend on skills, queues and languages only, so they hold for any window of the period
  const currentGroups = groupAgents(first.agents, first.streams);
  const proposedGroups = groupAgents(
    input.agents.map((a) => ({ ...a, skills: input.proposed[a.id] ?? {} })),
    input.streams,
  );
  const calibration =
    input.calibrate !== true ? undefined : calibrateCentreInput(input, { groups: currentGroups });
  // the fitted scales and patience, on the what-if window's streams
  const streams = calibration ? calibration.streams : input.streams;
  const fitBy = new Map<string, CellCalibration>(
    (calibration?.cells ?? []).map((c) => [`${c.queueId}|${c.media}`, c]),
  );
  const runs: { current: CentreRun; proposed: CentreRun }[] = [];
  for (let rep = 0; rep < replications; rep++) {
    const cur = build(input, input.current, input.currentPriorities, rep, streams);
    const pro = build(input, input.proposed, input.proposedPriorities, rep, streams);
    // both states see the same contacts (drawn once), and run at once on two threads when the centre is large
    const [current, proposed] = simulateCentres(cur, centreArrivals(cur), [
      { groups: currentGroups, priorities: cur.priorities },
      { groups: proposedGroups, priorities: pro.priorities },
    ]);
    runs.push({ current: current!, proposed: proposed! });
  }
  const cells = queueMediaCells(input.streams);
  const measuredBy = new Map(input.measured.map((m) => [`${m.queueId}|${m.media}`, m]));
  const agentsOf = agentsPerQueue(input);
  const media: CentreQueueWhatIf[] = [];
  for (const [key, cell] of cells) {
    const now = runs.map((r) => metricsOf(r.current, cell.streams, agentsOf.get(cell.queueId) ?? 0));
    const next = runs.map((r) => metricsOf(r.proposed, cell.streams, agentsOf.get(cell.queueId) ?? 0));
    const current = mean(now);
    const proposed = mean(next);
    const measured = measuredBy.get(key);
    const measuredSl = measured && measured.offered > 0 ? measured.within / measured.offered : undefined;
    const offset = measuredSl === undefined ? 0 : logit(measuredSl) - logit(current.serviceLevel);
    const adjust = (sl: number): number => sigmoid(logit(sl) + offset);
    const bandValues = next.map((m) => adjust(m.serviceLevel));
    media.push({
      queueId: cell.queueId,
      queue: cell.queue,
      mediaType: cell.media,
      offered: current.offered,
      thresholdSeconds: cell.threshold,
      measuredServiceLevel: measuredSl,
      modelServiceLevel: current.serviceLevel,
      ...(fitBy.has(key)
        ? {
            uncalibratedServiceLevel: fitBy.get(key)?.uncalibrated ?? current.serviceLevel,
            workScale: fitBy.get(key)?.workScale ?? 1,
            patienceScale: fitBy.get(key)?.patienceScale ?? 1,
          }
        : {}),
      calibration: offset,
      current: { ...current, serviceLevel: adjust(current.serviceLevel) },
      proposed: { ...proposed, serviceLevel: adjust(proposed.serviceLevel) },
      band: [Math.min(...bandValues), Math.max(...bandValues)],
    });
  }
  media.sort((a, b) => compare(a.queue, b.queue) || compare(a.mediaType, b.mediaType));
  const queues = combineMedia(media);
  const effects = input.streams.map((s, i): StreamEffect => {
    const pick = (scenario: 'current' | 'proposed') => {
      let answered = 0;
      let wait = 0;
      let within = 0;
      let offered = 0;
      for (const r of runs) {
        const t = r[scenario].streams[i];
        if (!t) continue;
        answered += t.answered;
        wait += t.answeredWaitSeconds;
        within += t.within;
        offered += t.offered;
      }
      return { wait: answered > 0 ? wait / answered : 0, sl: offered > 0 ? within / offered : 1, offered };
    };
    const now = pick('current');
    const next = pick('proposed');
    return {
      queue: s.queue,
      media: s.media,
      skills: s.skills,
      language: s.language,
      offered: now.offered / replications,
      priority: { current: input.currentPriorities[i] ?? 50, proposed: input.proposedPriorities[i] ?? 50 },
      waitSeconds: { current: now.wait, proposed: next.wait },
      serviceLevel: { current: now.sl, proposed: next.sl },
    };
  });
  return {
    model: 'simulation',
    replications,
    calibrationRuns: calibration?.runs ?? 0,
    simulatedDays: (input.slots * input.slotSeconds) / 86_400,
    calibrationDays: calibration?.days ?? 0,
    capacity: effectiveCapacity(input.capacity, input.concurrency),
    answerWithinSeconds: input.answerWithinSeconds,
    serviceLevelTarget: input.serviceLevelTarget,
    queues,
    media,
    streams: effects,
    belowFloor: queues
      .filter(
        (q) =>
          q.proposed.serviceLevel < input.serviceLevelFloor &&
          q.proposed.serviceLevel < q.current.serviceLevel - 1e-9,
      )
      .map((q) => ({
        queue: q.queue,
        current: q.current.serviceLevel,
        proposed: q.proposed.serviceLevel,
        floor: input.serviceLevelFloor,
      })),
  };
}

/** What the calibration needs: the what-if's input without the proposal. */
export type CentreCalibrationInput = Pick<
  CentreWhatIfInput,
  | 'startMs'
  | 'slots'
  | 'slotSeconds'
  | 'streams'
  | 'measured'
  | 'agents'
  | 'current'
  | 'currentPriorities'
  | 'capacity'
  | 'concurrency'
  | 'calibrationDays'
  | 'calibrationContacts'
  | 'seed'
>;

export interface CentreCalibration {
  /** the input's streams (whole period) with each queue × media's fitted `workScale` and `patienceSeconds` */
  streams: StreamInput[];
  /** per queue × media: measured and modelled figures, the fitted multipliers */
  cells: CellCalibration[];
  /** simulations run to fit */
  runs: number;
  /** days fitted on (the period's most recent) */
  days: number;
}

/**
 * Calibrates the centre model to the analysed period once, for use before a search or a what-if: each queue ×
 * media's mean patience is fitted to its measured abandon rate and its work scale to its measured service level
 * (calibrate.ts), on the period's most recent days that hold `calibrationContacts` contacts (default 300,000;
 * at least a day) or on `calibrationDays`. Returns the streams to simulate with from then on; pass them to
 * `simulateCentreWhatIf` (with `calibrate` left off) or to the skills search. Deterministic for `seed`.
 */
export function calibrateCentreInput(
  input: CentreCalibrationInput,
  options: { groups?: AgentGroups; iterations?: number } = {},
): CentreCalibration {
  const window: CentreCalibrationInput =
    input.calibrationDays === undefined
      ? recentWindow(input, input.calibrationContacts ?? 300_000, 1)
      : sliceFrom(
          input,
          Math.max(0, input.slots - Math.round((input.calibrationDays * 86_400) / input.slotSeconds)),
        );
  const agents = window.agents.map((a) => ({ ...a, skills: input.current[a.id] ?? {} }));
  const centre: CentreInput = {
    startMs: window.startMs,
    slotSeconds: window.slotSeconds,
    slots: window.slots,
    streams: window.streams,
    agents,
    priorities: input.currentPriorities,
    capacity: effectiveCapacity(input.capacity, input.concurrency),
    seed: input.seed ?? 1,
  };
  // groups depend on skills, queues and languages only, so they hold for any window of the period
  const fit = calibrateCentre(
    centre,
    window.measured,
    options.groups ?? groupAgents(agents, window.streams),
    options.iterations === undefined ? {} : { iterations: options.iterations },
  );
  return {
    streams: input.streams.map((s, i) => ({
      ...s,
      workScale: fit.streams[i]?.workScale ?? s.workScale,
      patienceSeconds: fit.streams[i]?.patienceSeconds ?? s.patienceSeconds,
    })),
    cells: fit.cells,
    runs: fit.runs,
    days: (window.slots * window.slotSeconds) / 86_400,
  };
}

/**
 * The period's most recent slots holding at most `maxContacts` offered contacts (at least `minDays`, at most the
 * whole period), as an input of its own: arrivals, presence and measured outcomes cut to them.
 */
export function recentWindow<T extends WindowInput>(input: T, maxContacts: number, minDays: number): T {
  const perSlot = new Float64Array(input.slots);
  for (const s of input.streams)
    for (let i = 0; i < input.slots; i++) perSlot[i] = perSlot[i]! + (s.offered[i] ?? 0);
  const minSlots = Math.round((minDays * 86_400) / input.slotSeconds);
  let from = input.slots;
  let total = 0;
  while (from > 0) {
    const next = total + perSlot[from - 1]!;
    if (next > maxContacts && input.slots - from >= minSlots) break;
    total = next;
    from -= 1;
  }
  return from > 0 ? sliceFrom(input, from) : input;
}

type WindowInput = Pick<
  CentreWhatIfInput,
  'startMs' | 'slots' | 'slotSeconds' | 'streams' | 'agents' | 'measured'
>;

function sliceFrom<T extends WindowInput>(input: T, from: number): T {
  if (from <= 0) return input;
  const cut = (x: ArrayLike<number>): ArrayLike<number> =>
    ArrayBuffer.isView(x)
      ? (x as unknown as Float64Array).subarray(from)
      : Array.prototype.slice.call(x, from);
  const sum = (x: ArrayLike<number>): number => {
    let t = 0;
    for (let i = from; i < x.length; i++) t += x[i] ?? 0;
    return t;
  };
  return {
    ...input,
    startMs: input.startMs + from * input.slotSeconds * 1000,
    slots: input.slots - from,
    streams: input.streams.map((s) => ({ ...s, offered: cut(s.offered) })),
    agents: input.agents.map((a) => ({ ...a, onQueueSeconds: cut(a.onQueueSeconds) })),
    measured: input.measured.map((m) =>
      m.slotOffered && m.slotWithin
        ? {
            ...m,
            offered: sum(m.slotOffered),
            within: sum(m.slotWithin),
            slotOffered: cut(m.slotOffered),
            slotWithin: cut(m.slotWithin),
            ...(m.slotAbandoned
              ? { abandoned: sum(m.slotAbandoned), slotAbandoned: cut(m.slotAbandoned) }
              : { abandoned: m.offered > 0 ? (m.abandoned * sum(m.slotOffered)) / m.offered : 0 }),
          }
        : m,
    ),
  };
}

/**
 * Contacts of each media an agent works at once: the configured utilization, raised to the concurrency the
 * org was measured working at (a mean while working the media, so the cap is at least its ceiling).
 */
export function effectiveCapacity(
  capacity: Readonly<Record<string, number>> | undefined,
  concurrency: Readonly<Record<string, number>> | undefined,
): Record<string, number> {
  const out: Record<string, number> = { ...capacity };
  for (const [media, mean] of Object.entries(concurrency ?? {}))
    out[media] = Math.max(out[media] ?? 1, Math.ceil(mean - 0.05));
  return out;
}

interface Cell {
  queueId: string;
  queue: string;
  media: string;
  threshold: number;
  streams: number[];
}

function queueMediaCells(streams: readonly StreamInput[]): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  streams.forEach((s, i) => {
    const key = `${s.queueId}|${s.media}`;
    const cell = cells.get(key) ?? {
      queueId: s.queueId,
      queue: s.queue,
      media: s.media,
      threshold: s.thresholdSeconds,
      streams: [],
    };
    cell.streams.push(i);
    cells.set(key, cell);
  });
  return cells;
}

type Metrics = QueueMetrics & { asaAnswered: number; offered: number };

function metricsOf(run: CentreRun, streams: readonly number[], agents: number): Metrics {
  let offered = 0;
  let within = 0;
  let answered = 0;
  let abandoned = 0;
  let wait = 0;
  let answeredWait = 0;
  let immediate = 0;
  let handled = 0;
  for (const s of streams) {
    const t = run.streams[s];
    if (!t) continue;
    offered += t.offered;
    within += t.within;
    answered += t.answered;
    abandoned += t.abandoned;
    answeredWait += t.answeredWaitSeconds;
    wait += t.answeredWaitSeconds + t.abandonedWaitSeconds;
    immediate += t.immediate;
    handled += t.handledSeconds;
  }
  const period = run.onQueueSeconds.length * 1800;
  return {
    offered,
    agents,
    serviceLevel: offered > 0 ? within / offered : 1,
    waitProbability: offered > 0 ? 1 - immediate / offered : 0,
    asa: offered > 0 ? wait / offered : 0,
    asaAnswered: answered > 0 ? answeredWait / answered : 0,
    occupancy: agents > 0 && period > 0 ? Math.min(1, handled / (agents * period)) : 0,
    abandonRate: offered > 0 ? abandoned / offered : 0,
  };
}

function mean(items: readonly Metrics[]): Metrics {
  const out: Metrics = {
    offered: 0,
    agents: 0,
    serviceLevel: 0,
    waitProbability: 0,
    asa: 0,
    asaAnswered: 0,
    occupancy: 0,
    abandonRate: 0,
  };
  for (const m of items) for (const k of Object.keys(out) as (keyof Metrics)[]) out[k] += m[k] / items.length;
  return out;
}

/** Agents (average present, counting only members who can take one of the queue's streams) per queue. */
function agentsPerQueue(input: CentreWhatIfInput): Map<string, number> {
  const withStreams = new Set(input.streams.map((s) => s.queueId));
  const period = input.slots * input.slotSeconds;
  const out = new Map<string, number>();
  for (const a of input.agents) {
    let seconds = 0;
    for (let i = 0; i < input.slots; i++) seconds += a.onQueueSeconds[i] ?? 0;
    for (const q of a.queueIds) if (withStreams.has(q)) out.set(q, (out.get(q) ?? 0) + seconds / period);
  }
  return out;
}

/** Queue rows (as the floor check and renderers expect), media combined by volume. */
function combineMedia(media: readonly CentreQueueWhatIf[]): WhatIfResult['queues'] {
  const byQueue = new Map<string, CentreQueueWhatIf[]>();
  for (const m of media) byQueue.set(m.queueId, [...(byQueue.get(m.queueId) ?? []), m]);
  return [...byQueue.values()].map((list) => {
    const first = list[0]!;
    const offered = list.reduce((s, m) => s + m.offered, 0);
    const combine = (scenario: 'current' | 'proposed'): QueueMetrics => {
      const out: QueueMetrics = {
        agents: 0,
        serviceLevel: 0,
        waitProbability: 0,
        asa: 0,
        occupancy: 0,
        abandonRate: 0,
      };
      for (const m of list) {
        const w = offered > 0 ? m.offered / offered : 1 / list.length;
        out.serviceLevel += w * m[scenario].serviceLevel;
        out.waitProbability += w * m[scenario].waitProbability;
        out.asa += w * m[scenario].asa;
        out.occupancy += w * m[scenario].occupancy;
        out.abandonRate += w * m[scenario].abandonRate;
      }
      out.agents = first[scenario].agents;
      return out;
    };
    return {
      queueId: first.queueId,
      queue: first.queue,
      offered,
      current: combine('current'),
      proposed: combine('proposed'),
      worstInterval: undefined,
      days: [],
    };
  });
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function compare(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
