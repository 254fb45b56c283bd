/**
 * How much of the centre model the planner spends on an org of a given size (pure). Every evaluation of the
 * skills and weights searches, and every replication of the what-if, is a run of the whole centre over a window
 * of days, so its cost grows with agents × days (the contacts grow with the agents). The planner keeps that cost
 * under a fixed budget per phase: a small org gets the full searches, a large one a shorter window and fewer runs
 * in proportion to its size, so that 2,500 agents get more runs than 10,000 and 10,000 cost no more than the
 * 10,000-agent planner did with fixed parameters (skills 2 days × 8 runs, weights 2 days × 4, what-if 3 days × 1
 * replication: about 13 s of model on 2 quiet cores, src/bench/centre-bench.ts `modelPhase`).
 */

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
/** fewest days a search or the what-if simulates (common random numbers: a move is judged on two days) */
const MIN_SEARCH_DAYS = 2;
const MIN_WHAT_IF_DAYS = 3;
const MAX_WHAT_IF_DAYS = 7;
/** fewest runs: the skills search needs its base run and one round of 7 candidates; the weights search 3 */
const MIN_SKILLS_EVALUATIONS = 8;
const MIN_WEIGHTS_EVALUATIONS = 4;

/**
 * The model budget for a centre of `agents` agents: full searches up to {@link FULL_MODEL_AGENTS}, then a fixed
 * cost in agent-days × runs per phase. Larger orgs never get more than smaller ones (days, runs and replications
 * are each non-increasing in `agents`), and no org gets less than the minimum a search needs to act.
 */
export function modelBudget(agents: number): ModelBudget {
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
