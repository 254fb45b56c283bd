/**
 * The `model` weights policy (pure; no I/O): weights the centre model shows raise the org's service level.
 *
 * Candidates are the rows of queues git names (`queue|skill`, the skill requested by that queue's traffic): each
 * row is tried a step up and a step down from its weight (absent rows count as the flow's default 50), on the
 * plan's skills and languages, and the move that raises the predicted org service level most is kept; repeated
 * while a move helps. The prediction is calibrated per stream onto what was measured (see model-skills.ts).
 * Floor against starvation: a move is refused when any stream's service level would fall below
 * `starvationFloor` of what it is now, or its mean wait would more than double, however small its volume.
 * Each kept weight says what the model predicts for the streams that request it: their mean wait and service
 * level before and after.
 */
import { groupAgents } from '../simulate/centre/groups.js';
import { DEFAULT_PRIORITY, streamPriorities } from '../simulate/centre/priority.js';
import type { CentreRunCache } from '../simulate/centre/parallel.js';
import { searchWindow, slotRange, windowLabel, windowRunner } from './model-budget.js';
import type { AgentInput, CentreRun, StreamInput } from '../simulate/centre/types.js';
import { calibrationOffsets, logit, sigmoid } from './model-skills.js';
import { loweredQueue, MAX_QUEUE_DROP, queueDropReason, queueServiceLevels } from './model-weights.js';
import type { RejectedRecommendation, WeightRecommendation } from './types.js';

export interface WeightsSearchInput {
  startMs: number;
  slots: number;
  slotSeconds: number;
  streams: readonly StreamInput[];
  /** agents with the skills and languages the plan proposes */
  agents: readonly AgentInput[];
  capacity?: Readonly<Record<string, number>>;
  /** queue → skill → weight in git (only these queues are changed) */
  current: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** per stream: its queue × media cell's measured offered and answered-within (same order as `streams`) */
  measured?: readonly { cell: string; offered: number; within: number }[];
  /** a weight moves by at least this many points (settings planner.weights.hysteresis) */
  hysteresis: number;
  /** share of its current service level below which a stream counts as starved (default 0.9) */
  starvationFloor?: number;
  /** most recent days simulated per evaluation (default 7) */
  searchDays?: number;
  /** most simulations the search runs (default 100) */
  maxEvaluations?: number;
  /** most weight changes one plan proposes (default 6) */
  maxChanges?: number;
  /** most a queue's predicted service level may fall from today's, over all the plan's weight moves (default 0.01:
   * a point). Raising one stream's priority serves others later; a weight that trades one queue for another is not
   * proposed however much the org gains */
  maxQueueDrop?: number;
  seed?: number;
  languageName?: (id: string) => string;
  /** runs made before: the skills search's run of the plan's skills is this search's start */
  runs?: CentreRunCache;
}

interface Effect {
  sl: number;
  streamSl: Float64Array;
  wait: Float64Array;
  offered: Float64Array;
}

const STEP = 35;
const MIN_GAIN = 0.0005;

export function searchWeights(input: WeightsSearchInput): {
  weights: WeightRecommendation[];
  rejected: RejectedRecommendation[];
  evaluations: number;
} {
  // the most recent days, or a large org's busiest few days of the last week (recommend/model-budget.ts)
  const { from, keep } = searchWindow(
    input.streams.map((s) => s.offered),
    input.slots,
    input.slotSeconds,
    input.searchDays ?? 7,
  );
  const streams = input.streams.map((s) => ({ ...s, offered: slotRange(s.offered, from, keep) }));
  const agents = input.agents.map((a) => ({ ...a, onQueueSeconds: slotRange(a.onQueueSeconds, from, keep) }));
  const groups = groupAgents(agents, streams);
  const floor = input.starvationFloor ?? 0.9;
  const S = streams.length;
  let offsets: Float64Array | undefined;
  let volume: Float64Array | undefined;
  let evaluations = 0;

  // a weight changes priorities only: every evaluation sees the same arrivals, presence and groups
  const runAll = windowRunner(input, { from, keep }, { streams, agents });
  /** runs the centre under each set of weights (on two threads when it is large) and scores each */
  const evaluateAll = (trials: Record<string, Record<string, number>>[]): Effect[] => {
    const jobs = trials.map((weights) => ({ groups, priorities: streamPriorities(streams, weights) }));
    return runAll(jobs).map(score);
  };
  const score = (run: CentreRun): Effect => {
    evaluations += 1;
    const within = Float64Array.from(run.streams, (t) => t.within);
    const offered = Float64Array.from(run.streams, (t) => t.offered);
    offsets ??= calibrationOffsets(within, offered, input.measured);
    volume ??= offered;
    const streamSl = new Float64Array(S);
    const wait = Float64Array.from(run.streams, (t) =>
      t.answered > 0 ? t.answeredWaitSeconds / t.answered : 0,
    );
    let o = 0;
    let w = 0;
    for (let s = 0; s < S; s++) {
      const raw = (offered[s] ?? 0) > 0 ? (within[s] ?? 0) / (offered[s] ?? 1) : 1;
      const p = sigmoid(logit(raw) + (offsets[s] ?? 0));
      streamSl[s] = p;
      o += volume[s] ?? 0;
      w += (volume[s] ?? 0) * p;
    }
    return { sl: o > 0 ? w / o : 1, streamSl, wait, offered };
  };

  // rows: queue|skill of queues git names, for skills their traffic requests (with contacts in the window)
  const rows: { queue: string; skill: string; streams: number[] }[] = [];
  const byRow = new Map<string, number[]>();
  streams.forEach((s, i) => {
    if (!Object.hasOwn(input.current, s.queue)) return;
    if (!Array.prototype.some.call(s.offered, (x) => Number(x) > 0)) return;
    for (const skill of s.skills) {
      const key = `${s.queue}\u0000${skill}`;
      byRow.set(key, [...(byRow.get(key) ?? []), i]);
    }
  });
  for (const [key, list] of [...byRow].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [queue = '', skill = ''] = key.split('\u0000');
    rows.push({ queue, skill, streams: list });
  }

  const weights: Record<string, Record<string, number>> = Object.fromEntries(
    Object.entries(input.current).map(([q, r]) => [q, { ...r }]),
  );
  const start = evaluateAll([weights])[0]!;
  let base = start;
  const rejected = new Map<string, RejectedRecommendation>();
  const changedRows = new Set<string>();
  const maxChanges = input.maxChanges ?? 6;
  const weightOf = (queue: string, skill: string): number => weights[queue]?.[skill] ?? DEFAULT_PRIORITY;
  /**
   * A stream the move starves: its service level falls by more than (1 − floor) of itself and by more than
   * twice its binomial standard error (a small stream's figure moves by chance), or its mean wait more than
   * doubles by more than its threshold.
   */
  const starved = (effect: Effect): number => {
    for (let s = 0; s < S; s++) {
      const n = start.offered[s] ?? 0;
      if (n <= 0) continue;
      const before = start.streamSl[s] ?? 1;
      const noise = 2 * Math.sqrt(Math.max(before * (1 - before), 0.01) / n);
      const drop = before - (effect.streamSl[s] ?? 1);
      if (drop > Math.max(before * (1 - floor), noise)) return s;
      const wait = start.wait[s] ?? 0;
      const after = effect.wait[s] ?? 0;
      if (after > 2 * wait && after - wait > (streams[s]?.thresholdSeconds ?? 20)) return s;
    }
    return -1;
  };
  // each queue's service level over its streams, by today's volume: no queue pays for another's gain
  const queueSl = (effect: Effect): Map<string, number> =>
    queueServiceLevels(
      streams,
      (s) => start.offered[s] ?? 0,
      (s) => (start.offered[s] ?? 0) * (effect.streamSl[s] ?? 1),
    );
  const queuesNow = queueSl(start);
  const maxQueueDrop = input.maxQueueDrop ?? MAX_QUEUE_DROP;
  for (let round = 0; round < maxChanges; round++) {
    let best: { row: (typeof rows)[number]; value: number; effect: Effect } | undefined;
    // the round's trials, then their runs (independent of each other: on two threads when large)
    const trials: { row: (typeof rows)[number]; now: number; value: number }[] = [];
    for (const row of rows) {
      if (changedRows.has(`${row.queue}|${row.skill}`)) continue;
      const now = weightOf(row.queue, row.skill);
      const original = input.current[row.queue]?.[row.skill] ?? DEFAULT_PRIORITY;
      for (const value of [Math.min(100, now + STEP), Math.max(1, now - STEP)]) {
        if (evaluations + trials.length >= (input.maxEvaluations ?? 100)) break;
        if (value === now || Math.abs(value - original) < Math.max(1, input.hysteresis)) continue;
        trials.push({ row, now, value });
      }
    }
    const effects = evaluateAll(
      trials.map(({ row, value }) => ({
        ...weights,
        [row.queue]: { ...weights[row.queue], [row.skill]: value },
      })),
    );
    trials.forEach(({ row, now, value }, i) => {
      const effect = effects[i]!;
      const hurt = starved(effect);
      const subject = `${row.queue}|${row.skill} weight ${now} → ${value}`;
      if (hurt >= 0) {
        rejected.set(subject, {
          subject,
          reason: `the model starves ${describe(streams[hurt]!, input.languageName)}: service level ${pct(start.streamSl[hurt] ?? 0)} → ${pct(effect.streamSl[hurt] ?? 0)}, mean wait ${Math.round(start.wait[hurt] ?? 0)} → ${Math.round(effect.wait[hurt] ?? 0)} s`,
        });
        return;
      }
      const trade = loweredQueue(queuesNow, queueSl(effect), maxQueueDrop);
      if (trade) {
        rejected.set(subject, { subject, reason: queueDropReason(trade, maxQueueDrop) });
        return;
      }
      if (effect.sl > base.sl + MIN_GAIN && (!best || effect.sl > best.effect.sl))
        best = { row, value, effect };
    });
    if (!best) break;
    (weights[best.row.queue] ??= {})[best.row.skill] = best.value;
    changedRows.add(`${best.row.queue}|${best.row.skill}`);
    base = best.effect;
  }

  const out: WeightRecommendation[] = [];
  for (const key of [...changedRows].sort()) {
    const row = rows.find((r) => `${r.queue}|${r.skill}` === key)!;
    const before = input.current[row.queue]?.[row.skill];
    const after = weightOf(row.queue, row.skill);
    const effects = row.streams
      .filter((s) => (start.offered[s] ?? 0) > 0)
      .sort((x, y) => (start.offered[y] ?? 0) - (start.offered[x] ?? 0))
      .slice(0, 4)
      .map(
        (s) =>
          `${describe(streams[s]!, input.languageName)}: mean wait ${Math.round(start.wait[s] ?? 0)} → ${Math.round(base.wait[s] ?? 0)} s, SL ${pct(start.streamSl[s] ?? 0)} → ${pct(base.streamSl[s] ?? 0)}`,
      );
    out.push({
      queue: row.queue,
      skill: row.skill,
      before,
      after,
      reason: `model, ${windowLabel(from, keep, input.slots, input.slotSeconds, 'd')}: ${effects.join('; ')}; org ${pct(start.sl)} → ${pct(base.sl)} with the plan's weights and skills`,
    });
  }
  return { weights: out, rejected: [...rejected.values()], evaluations };
}

function describe(s: StreamInput, languageName: ((id: string) => string) | undefined): string {
  const wants = [...s.skills, ...(s.language ? [languageName ? languageName(s.language) : s.language] : [])];
  return `${s.queue} ${s.media}${wants.length > 0 ? ` (${wants.join(' + ')})` : ''}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
