/**
 * How much of the centre model the planner spends on an org of a given size (pure). Every evaluation of the
 * skills and weights searches, and every replication of the what-if, is a run of the whole centre over a window
 * of days, so its cost grows with agents × days (the contacts grow with the agents). The planner keeps that cost
 * under a fixed budget per phase: a small org gets the full searches, a large one a shorter window and fewer runs
 * in proportion to its size, so that 2,500 agents get more runs than 10,000 and 10,000 cost no more than the
 * 10,000-agent planner did with fixed parameters (skills 2 days × 8 runs, weights 2 days × 4, what-if 3 days × 1
 * replication: about 13 s of model on 2 quiet cores, src/bench/centre-bench.ts `modelPhase`).
 */
import { centreRunner, type CentreRunCache, type SharedCentre } from '../simulate/centre/parallel.js';

export interface SearchBudget {
  /** most recent days the search simulates */
  days: number;
  /** most simulations (whole-centre runs) the search makes */
  evaluations: number;
}

export interface ModelBudget {
  skills: SearchBudget;
  weights: SearchBudget;
  whatIf: {
    replications: number;
    /** the what-if's window: the most recent `minDays` (and no more contacts than `maxContacts`, unless
     * `minDays` need them); absent: the what-if's own defaults (the whole period of a small org) */
    window?: { maxContacts: number; minDays: number };
  };
}

/** an org up to this many agents gets the full searches (their cost was measured and accepted at that size) */
export const FULL_MODEL_AGENTS = 2000;
/** the full searches: skills on 14 days with up to 120 runs, weights on 7 days with up to 60, 3 replications */
const FULL: ModelBudget = {
  skills: { days: 14, evaluations: 120 },
  weights: { days: 7, evaluations: 60 },
  whatIf: { replications: 3 },
};
/** above FULL_MODEL_AGENTS: agent-days × runs each phase may spend (what 10,000 agents spent before) */
const SKILLS_BUDGET = 10_000 * 2 * 8;
const WEIGHTS_BUDGET = 10_000 * 2 * 4;
/** the what-if runs both states: agent-days × replications of one state */
const WHAT_IF_BUDGET = 10_000 * 3 * 1;
/** the most recent days every short window lies within (the busiest short window is sought there, and the
 * what-if covers no more): what a large org's plan reads of its agents' half-hourly presence */
export const RECENT_DAYS = 7;
/** fewest days a search or the what-if simulates (common random numbers: a move is judged on two days) */
const MIN_SEARCH_DAYS = 2;
const MIN_WHAT_IF_DAYS = 3;
const MAX_WHAT_IF_DAYS = RECENT_DAYS;
/** fewest runs: the skills search needs its base run and one round of 7 candidates; the weights search 3 */
const MIN_SKILLS_EVALUATIONS = 8;
const MIN_WEIGHTS_EVALUATIONS = 4;

/**
 * The model budget for a centre of `agents` agents: full searches up to {@link FULL_MODEL_AGENTS}, then a fixed
 * cost in agent-days × runs per phase. Larger orgs never get more than smaller ones (days, runs and replications
 * are each non-increasing in `agents`), and no org gets less than the minimum a search needs to act.
 */
export function modelBudget(agents: number, options: { maxDays?: number } = {}): ModelBudget {
  const budget = bySize(agents);
  if (options.maxDays === undefined) return budget;
  // the data covers only the most recent `maxDays` (a large org's presence, recommend/centre-analytics.ts):
  // every window lies within them, the what-if's too
  const cap = Math.max(1, Math.floor(options.maxDays));
  return {
    skills: { ...budget.skills, days: Math.min(budget.skills.days, cap) },
    weights: { ...budget.weights, days: Math.min(budget.weights.days, cap) },
    whatIf: {
      replications: budget.whatIf.replications,
      window: { maxContacts: 1, minDays: Math.min(budget.whatIf.window?.minDays ?? cap, cap) },
    },
  };
}

function bySize(agents: number): ModelBudget {
  const n = Math.max(1, Math.floor(agents));
  if (n <= FULL_MODEL_AGENTS) return FULL;
  const search = (budget: number, full: SearchBudget, minEvaluations: number): SearchBudget => {
    // the shortest window first: runs buy rounds of the search (each round keeps one move), days only noise
    const runsDays = budget / n;
    const evaluations = clamp(Math.floor(runsDays / MIN_SEARCH_DAYS), minEvaluations, full.evaluations);
    const days = clamp(Math.floor(runsDays / evaluations), MIN_SEARCH_DAYS, full.days);
    return { days, evaluations };
  };
  const whatIfDays = clamp(Math.floor(WHAT_IF_BUDGET / n), MIN_WHAT_IF_DAYS, MAX_WHAT_IF_DAYS);
  return {
    skills: search(SKILLS_BUDGET, FULL.skills, MIN_SKILLS_EVALUATIONS),
    weights: search(WEIGHTS_BUDGET, FULL.weights, MIN_WEIGHTS_EVALUATIONS),
    whatIf: {
      replications: clamp(Math.floor(WHAT_IF_BUDGET / (n * whatIfDays)), 1, FULL.whatIf.replications),
      // maxContacts 1: the window is exactly its `minDays` most recent days
      window: { maxContacts: 1, minDays: whatIfDays },
    },
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * The slots a search simulates: `days` days of the period. A window of a week or more is the most recent one; a
 * shorter one (a large org's budget) is, among the windows that end a whole number of days before the period's
 * end and lie within its last week (all a large org's presence covers), the one with the most offered contacts
 * (the most recent of equals). A short window
 * taken at the very end can be a weekend or a night-heavy stretch, where little service is lost and no move shows
 * a gain; the busiest recent days are where the plan must help, whatever the org's weekly pattern.
 */
export function searchWindow(
  offered: readonly ArrayLike<number>[],
  slots: number,
  slotSeconds: number,
  days: number,
): { from: number; keep: number } {
  const keep = Math.min(slots, Math.max(1, Math.round((days * 86_400) / slotSeconds)));
  const perDay = Math.max(1, Math.round(86_400 / slotSeconds));
  if (keep >= RECENT_DAYS * perDay || keep >= slots) return { from: slots - keep, keep };
  const perSlot = new Float64Array(slots);
  for (const series of offered)
    for (let i = 0; i < slots; i++) perSlot[i] = perSlot[i]! + Number(series[i] ?? 0);
  let best = { from: slots - keep, total: -1 };
  for (let back = 0; back < RECENT_DAYS; back++) {
    const to = slots - back * perDay;
    const from = to - keep;
    if (from < 0 || from < slots - RECENT_DAYS * perDay) break;
    let total = 0;
    for (let i = from; i < to; i++) total += perSlot[i]!;
    if (total > best.total) best = { from, total };
  }
  return { from: best.from, keep };
}

/** the values of a per-slot series in slots [from, from + keep): a view for a typed array, else a copy */
export function slotRange(series: ArrayLike<number>, from: number, keep: number): ArrayLike<number> {
  if (ArrayBuffer.isView(series)) return (series as unknown as Float64Array).subarray(from, from + keep);
  return Array.prototype.slice.call(series, from, from + keep) as number[];
}

/**
 * The runner of a search's window, slots [from, from + keep): `centre` holds the streams and agents with their
 * series already cut to it (`slotRange`); every run in the window shares its arrivals and presence.
 */
export function windowRunner(
  input: {
    startMs: number;
    slotSeconds: number;
    seed?: number;
    capacity?: Readonly<Record<string, number>>;
    runs?: CentreRunCache;
  },
  window: { from: number; keep: number },
  centre: Pick<SharedCentre, 'streams' | 'agents'>,
): ReturnType<typeof centreRunner> {
  return centreRunner(
    {
      startMs: input.startMs + window.from * input.slotSeconds * 1000,
      slotSeconds: input.slotSeconds,
      slots: window.keep,
      streams: centre.streams,
      seed: input.seed ?? 1,
      agents: centre.agents,
      ...(input.capacity ? { capacity: input.capacity } : {}),
    },
    input.runs,
  );
}

/** how a search names its window in reasons: "last 14 days" (as before), or "2 busiest days of the last week" */
export function windowLabel(
  from: number,
  keep: number,
  slots: number,
  slotSeconds: number,
  unit: 'days' | 'd' = 'days',
): string {
  const n = Math.round((keep * slotSeconds) / 86_400);
  if (unit === 'd') return from + keep === slots ? `${n} d` : `${n} busiest d of the last week`;
  return from + keep === slots ? `last ${n} days` : `${n} busiest days of the last week`;
}
