/**
 * Weights the model shows help (pure; the model is passed in as `evaluate`). The formula policy (0.6 · volume +
 * 0.4 · wait) proposes; the model disposes: each proposed weight change is tried on its own against the current
 * weights and kept only if it does not lower the org's service level (volume-weighted over queues), and the
 * kept set is checked once more as a whole. A change that would starve a stream (its service level falling
 * below `starvationFloor` of what it is now) is rejected whatever it does for the org, and so is one that lowers a
 * queue's service level by more than `maxQueueDrop` (no queue pays for another's gain).
 */
import { byKey } from '../state/yaml-text.js';
import type { RejectedRecommendation, WeightRecommendation } from './types.js';

export interface WeightEffect {
  /** org service level, volume-weighted, 0–1 */
  serviceLevel: number;
  /** stream key (queue|skill) → its service level, 0–1 */
  streams: ReadonlyMap<string, number>;
  /** queue → its service level, 0–1 (when the model gives it: no queue may pay for another) */
  queues?: ReadonlyMap<string, number>;
}

export interface ModelWeightsInput {
  proposed: readonly WeightRecommendation[];
  /** queue → skill → weight now (git's) */
  current: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** the model at a set of weights */
  evaluate: (weights: Record<string, Record<string, number>>) => WeightEffect;
  /** share of its current service level below which a stream counts as starved (default 0.9) */
  starvationFloor?: number;
  /** most a queue's service level may fall (default 0.01: a point), as in the model weights search */
  maxQueueDrop?: number;
}

/** Most a queue's service level may fall from today's through a plan's weights (both weight policies): a point. */
export const MAX_QUEUE_DROP = 0.01;

export interface QueueDrop {
  queue: string;
  before: number;
  after: number;
}

/**
 * Each queue's service level over its streams: the contacts answered in time (`within(s)`) over those offered
 * (`volume(s)`), summed over the queue's streams with some volume.
 */
export function queueServiceLevels(
  streams: readonly { queue: string }[],
  volume: (s: number) => number,
  within: (s: number) => number,
): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (let s = 0; s < streams.length; s++) {
    const n = volume(s);
    if (n <= 0) continue;
    const queue = streams[s]!.queue;
    const sum = sums.get(queue) ?? [0, 0];
    sum[0] += within(s);
    sum[1] += n;
    sums.set(queue, sum);
  }
  return new Map([...sums].map(([q, [w, n]]) => [q, w / n]));
}

/** The first queue (by name) whose service level falls from `before` to `after` by more than `maxDrop`. */
export function loweredQueue(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number> | undefined,
  maxDrop: number,
): QueueDrop | undefined {
  for (const [queue, b] of [...before].sort(([x], [y]) => byKey(x, y))) {
    const a = after?.get(queue) ?? b;
    if (b - a > maxDrop) return { queue, before: b, after: a };
  }
  return undefined;
}

/** Why a weight change is refused when it lowers a queue beyond `maxDrop`. */
export function queueDropReason(drop: QueueDrop, maxDrop: number): string {
  const points = Math.round(maxDrop * 1000) / 10;
  return `the model lowers ${drop.queue}'s service level by more than ${points} point${points === 1 ? '' : 's'}: ${pct(drop.before)} → ${pct(drop.after)}`;
}

export function checkWeightsWithModel(input: ModelWeightsInput): {
  weights: WeightRecommendation[];
  rejected: RejectedRecommendation[];
} {
  const floor = input.starvationFloor ?? 0.9;
  const maxQueueDrop = input.maxQueueDrop ?? MAX_QUEUE_DROP;
  const base = input.evaluate(clone(input.current));
  const lowered = (effect: WeightEffect): QueueDrop | undefined =>
    loweredQueue(base.queues ?? new Map(), effect.queues, maxQueueDrop);
  const kept: WeightRecommendation[] = [];
  const rejected: RejectedRecommendation[] = [];
  for (const w of input.proposed) {
    const trial = withWeights(input.current, [w]);
    const effect = input.evaluate(trial);
    const starved = [...base.streams].find(
      ([key, sl]) => (effect.streams.get(key) ?? sl) < sl * floor && sl > 0,
    );
    const subject = `${w.queue}|${w.skill} weight ${w.before ?? 'none'} → ${w.after}`;
    const trade = lowered(effect);
    if (starved) {
      rejected.push({
        subject,
        reason: `the model starves ${starved[0]}: ${pct(starved[1])} → ${pct(effect.streams.get(starved[0]) ?? 0)}`,
      });
    } else if (trade) {
      rejected.push({ subject, reason: queueDropReason(trade, maxQueueDrop) });
    } else if (effect.serviceLevel < base.serviceLevel - 1e-4) {
      rejected.push({
        subject,
        reason: `the model lowers the org's service level: ${pct(base.serviceLevel)} → ${pct(effect.serviceLevel)}`,
      });
    } else
      kept.push({
        ...w,
        reason: `${w.reason}; model: org ${pct(base.serviceLevel)} → ${pct(effect.serviceLevel)}`,
      });
  }
  if (kept.length > 1) {
    const together = input.evaluate(withWeights(input.current, kept));
    const trade = lowered(together);
    if (together.serviceLevel < base.serviceLevel - 1e-4 || trade) {
      const why = trade
        ? `together the weights lower ${trade.queue}'s service level: ${pct(trade.before)} → ${pct(trade.after)}`
        : `together the weights lower the org's service level: ${pct(base.serviceLevel)} → ${pct(together.serviceLevel)}`;
      for (const w of kept)
        rejected.push({
          subject: `${w.queue}|${w.skill} weight ${w.before ?? 'none'} → ${w.after}`,
          reason: why,
        });
      return { weights: [], rejected };
    }
  }
  return { weights: kept, rejected };
}

export function withWeights(
  current: Readonly<Record<string, Readonly<Record<string, number>>>>,
  changes: readonly WeightRecommendation[],
): Record<string, Record<string, number>> {
  const out = clone(current);
  for (const w of changes) (out[w.queue] ??= {})[w.skill] = w.after;
  return out;
}

function clone(
  m: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Record<string, Record<string, number>> {
  return Object.fromEntries(Object.entries(m).map(([q, row]) => [q, { ...row }]));
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
