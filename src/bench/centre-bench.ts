import { modelBudget } from '../recommend/model-budget.js';
import { recommendFromModel } from '../recommend/model-skills.js';
import { searchWeights } from '../recommend/weights-search.js';
import { CentreRunCache } from '../simulate/centre/parallel.js';
import { DEFAULT_PRIORITY, streamPriorities } from '../simulate/centre/priority.js';
import { simulateCentre } from '../simulate/centre/run.js';
import type { AgentInput, StreamInput } from '../simulate/centre/types.js';
import {
  calibrateCentreInput,
  simulateCentreWhatIf,
  type CentreWhatIfInput,
  type MeasuredQueue,
} from '../simulate/centre/what-if.js';

const SLOT = 1800;
/** agent time the demand asks for, as a share of agents' on-queue time (before the hidden work scales) */
const LOAD = 1.15;

export interface SyntheticCentreOptions {
  agents: number;
  queues: number;
  skills: number;
  days: number;
  seed?: number;
}

/**
 * A synthetic centre for timing the centre model at scale (no emulator): agents on 8-hour shifts (weekdays,
 * a lunch half hour, now and then a break), members of one to three queues with two to three skills; per
 * queue voice on two skills, messages (three at once), email and callbacks, sized to keep agents about 85%
 * busy. Its "measured" outcomes are the model's own with hidden work scales and patience (0.8–1.25× and
 * 0.3–1×), so a calibration has something to find.
 */
export function syntheticCentre(options: SyntheticCentreOptions): CentreWhatIfInput {
  let state = (options.seed ?? 7) >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const slots = options.days * 48;
  const skills = Array.from({ length: options.skills }, (_, i) => `Skill ${i}`);
  const queueIds = Array.from({ length: options.queues }, (_, q) => `q${q}`);
  const agents: AgentInput[] = Array.from({ length: options.agents }, (_, a) => {
    const home = a % options.queues;
    const queues = [queueIds[home] ?? 'q0'];
    if (random() < 0.5) queues.push(queueIds[(home + 1) % options.queues] ?? 'q0');
    if (random() < 0.2) queues.push(queueIds[(home + 7) % options.queues] ?? 'q0');
    const held: Record<string, number> = {};
    for (const q of queues) {
      const i = Number(q.slice(1));
      held[skills[i % options.skills] ?? ''] = 3;
      if (random() < 0.6) held[skills[(i * 7 + 3) % options.skills] ?? ''] = 3;
    }
    const onQueue = new Float32Array(slots);
    const start = 14 + Math.floor(random() * 10);
    const lunch = start + 7 + Math.floor(random() * 3);
    for (let day = 0; day < options.days; day++) {
      if (day % 7 >= 5 || random() < 0.05) continue;
      for (let s = start; s < start + 16; s++)
        if (s !== lunch) onQueue[day * 48 + s] = random() < 0.08 ? SLOT * random() : SLOT;
    }
    return {
      id: `u${a}`,
      queueIds: queues,
      skills: held,
      languages: [],
      onQueueSeconds: onQueue,
      capacity: { message: 3 },
    };
  });
  // demand per queue follows the agents present for it
  const present = queueIds.map(() => new Float64Array(slots));
  for (const agent of agents)
    for (const q of agent.queueIds) {
      const row = present[Number(q.slice(1))];
      if (!row) continue;
      const share = 1 / agent.queueIds.length;
      for (let s = 0; s < slots; s++)
        row[s] = (row[s] ?? 0) + ((agent.onQueueSeconds[s] ?? 0) / SLOT) * share;
    }
  const streams: StreamInput[] = [];
  const mix: [string, number, number, number, number][] = [
    // media, share of agent time, aht, patience, threshold
    ['voice', 0.45, 360, 120, 20],
    ['voice', 0.15, 480, 150, 20],
    ['message', 0.15, 900, 600, 60],
    ['email', 0.08, 500, Infinity, 14_400],
    ['callback', 0.05, 450, 5400, 900],
  ];
  queueIds.forEach((queueId, q) => {
    const a = skills[q % options.skills] ?? '';
    const b = skills[(q * 7 + 3) % options.skills] ?? '';
    mix.forEach(([media, share, aht, patience, threshold], k) => {
      const perAgentSlot = (LOAD * share * SLOT) / aht / (media === 'message' ? 0.5 : 1);
      const offered = Float32Array.from(present[q] ?? [], (n) => n * perAgentSlot * (0.9 + 0.2 * random()));
      streams.push({
        queueId,
        queue: `Queue ${q}`,
        media,
        skills: k === 1 ? [b] : [a],
        offered,
        ahtSeconds: aht,
        patienceSeconds: patience,
        thresholdSeconds: threshold,
        answerDelaySeconds: 4,
        handleCv: 0.6,
      });
    });
  });
  const weights = Object.fromEntries(
    queueIds.map((_, q) => [`Queue ${q}`, { [skills[q % options.skills] ?? '']: 60 }]),
  );
  const priorities = streamPriorities(streams, weights);
  // the "measured" centre: the same model with contacts that take other agent time and patience than given
  const truth = streams.map((s) => ({
    ...s,
    workScale: 0.8 + 0.45 * random(),
    patienceSeconds: s.patienceSeconds * (0.3 + 0.7 * random()),
  }));
  const measuredRun = simulateCentre({
    startMs: 0,
    slotSeconds: SLOT,
    slots,
    streams: truth,
    agents,
    priorities,
    seed: 99,
  });
  const measured = new Map<string, MeasuredQueue>();
  streams.forEach((s, i) => {
    const key = `${s.queueId}|${s.media}`;
    const m = measured.get(key) ?? {
      queueId: s.queueId,
      queue: s.queue,
      media: s.media,
      offered: 0,
      within: 0,
      answered: 0,
      abandoned: 0,
      slotOffered: new Float64Array(slots),
      slotWithin: new Float64Array(slots),
      slotAbandoned: new Float64Array(slots),
    };
    measured.set(key, m);
    const t = measuredRun.streams[i];
    if (!t) return;
    m.offered += t.offered;
    m.within += t.within;
    m.answered += t.answered;
    m.abandoned += t.abandoned;
    for (let x = 0; x < slots; x++) {
      (m.slotOffered as Float64Array)[x]! += measuredRun.slotOffered[i * slots + x] ?? 0;
      (m.slotWithin as Float64Array)[x]! += measuredRun.slotWithin[i * slots + x] ?? 0;
      (m.slotAbandoned as Float64Array)[x]! += measuredRun.slotAbandoned[i * slots + x] ?? 0;
    }
  });
  const skillsOf = Object.fromEntries(agents.map((a) => [a.id, a.skills]));
  return {
    startMs: 0,
    slots,
    slotSeconds: SLOT,
    streams,
    measured: [...measured.values()],
    agents,
    current: skillsOf,
    proposed: skillsOf,
    currentPriorities: priorities,
    proposedPriorities: priorities,
    capacity: { voice: 1, callback: 1, email: 1, message: 3 },
    seed: 1,
    answerWithinSeconds: 20,
    serviceLevelTarget: 0.8,
    serviceLevelFloor: 0,
  };
}

/** Timings of the centre model at 10,000 agents (ms) and how close its calibration gets. */
export function centreBenchRows(time: (work: () => unknown, repetitions?: number) => string) {
  const month = syntheticCentre({ agents: 10_000, queues: 50, skills: 30, days: 30 });
  let fitError = '';
  let phase: ReturnType<typeof modelPhase> | undefined;
  return [
    {
      name: 'simulate: centre model what-if, 30 days (13.5 million contacts), 10,000 agents, 1 replication as the planner runs it (ms)',
      value: time(() => simulateCentreWhatIf({ ...month, replications: 1 }), 1),
    },
    {
      name: 'simulate: centre model calibration (calibrateCentreInput), 10,000 agents (ms)',
      value: time(() => {
        const fit = calibrateCentreInput(month);
        const errors = fit.cells.map((c) => Math.abs(c.fitted - c.measured)).filter(Number.isFinite);
        fitError = `${((100 * errors.reduce((a, b) => a + b, 0)) / errors.length).toFixed(2)} / ${(100 * Math.max(...errors)).toFixed(2)} points, ${fit.runs} runs, ${fit.days.toFixed(1)} days`;
      }, 1),
    },
    {
      name: 'simulate: centre model calibration, 10,000 agents: mean / max |fitted − measured| service level',
      get value() {
        return fitError;
      },
    },
    {
      name: "planner's model phase, 10,000 agents, 50 queues, 30 days, as run-plan runs it: budget of recommend/model-budget.ts (ms)",
      value: time(() => (phase = modelPhase(month)), 1),
    },
    {
      name: "planner's model phase, 10,000 agents: skills search / weights search / what-if (ms, last run)",
      get value() {
        return phase
          ? `${phase.ms.skills.toFixed(0)} / ${phase.ms.weights.toFixed(0)} / ${phase.ms.whatIf.toFixed(0)}`
          : '';
      },
    },
  ];
}

/**
 * The planner's model phase on a synthetic centre, with the parameters run-plan uses for its size (recommend/model-budget.ts) (no
 * emulator, no reading): what the model costs, apart from the reads.
 */
export function modelPhase(month: CentreWhatIfInput): {
  grants: number;
  weights: number;
  /** milliseconds of each part */
  ms: { skills: number; weights: number; whatIf: number };
} {
  const started = performance.now();
  // the budget run-plan takes for this size (recommend/model-budget.ts)
  const budget = modelBudget(month.agents.length);
  // run-plan does not calibrate the streams (see there why): the logit offsets take the measured figures
  const streams = month.streams;
  const measured = streams.map((s) => {
    const m = month.measured.find((x) => x.queueId === s.queueId && x.media === s.media);
    return { cell: `${s.queueId}|${s.media}`, offered: m?.offered ?? 0, within: m?.within ?? 0 };
  });
  // one cache of runs for both searches, as run-plan passes
  const runs = new CentreRunCache();
  const plan = recommendFromModel({
    runs,
    ...month,
    streams,
    priorities: month.currentPriorities,
    skills: month.current,
    changeable: new Map(month.agents.map((a) => [a.id, `${a.id}@example.com`])),
    writable: () => true,
    maxUsers: 50,
    measured,
    searchDays: budget.skills.days,
    maxEvaluations: budget.skills.evaluations,
  });
  const searched = performance.now();
  const proposed: Record<string, Record<string, number>> = { ...month.current };
  const languages = new Map<string, string[]>();
  for (const g of plan.grants) {
    const skills = { ...proposed[g.userId] };
    for (const k of g.addSkills) skills[k] = 1;
    for (const k of g.removeSkills) delete skills[k];
    proposed[g.userId] = skills;
    languages.set(g.userId, g.addLanguages);
  }
  const agents = month.agents.map((a) => ({
    ...a,
    skills: proposed[a.id] ?? {},
    languages: [...a.languages, ...(languages.get(a.id) ?? [])],
  }));
  const weights = searchWeights({
    runs,
    ...month,
    streams,
    agents,
    current: weightsOf(streams, month.currentPriorities),
    measured,
    hysteresis: 5,
    searchDays: budget.weights.days,
    maxEvaluations: budget.weights.evaluations,
  });
  const weighed = performance.now();
  simulateCentreWhatIf({
    ...month,
    streams,
    proposed,
    replications: budget.whatIf.replications,
    ...budget.whatIf.window,
  });
  return {
    grants: plan.grants.length,
    weights: weights.weights.length,
    ms: { skills: searched - started, weights: weighed - searched, whatIf: performance.now() - weighed },
  };
}

/** The weights table behind the streams' priorities (as git holds it): a row per queue, each skill with its
 * priority where that is not the default; every queue named, as run-plan passes git's table. */
function weightsOf(
  streams: readonly StreamInput[],
  priorities: ArrayLike<number>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  streams.forEach((s, i) => {
    const row = (out[s.queue] ??= {});
    const p = priorities[i] ?? DEFAULT_PRIORITY;
    if (p !== DEFAULT_PRIORITY && s.skills.length === 1) row[s.skills[0]!] = p;
  });
  return out;
}
