/**
 * Weight recommendations (pure): per queue named in git's rule weights, per skill, a weight 1–100 from volume
 * and average wait.
 *
 * Source: the queue's wrap-up codes mapped to skills by `wrapupSkills` (volume = handled conversations, wait =
 * tWait, or tAnswered where tWait is missing); a queue with no mapped wrap-up code falls back to its
 * queue×skill aggregates (volume = offered, wait = tWait, or tAnswered). Each factor is normalised within the
 * queue as a share of its maximum (the busiest skill gets 1, a skill with half the volume 0.5), rather than
 * min-max, so a queue with one skill or two similar skills does not get weights forced to the extremes.
 * score = (a·volume + b·wait) ÷ (a + b), weight = round(1 + 99·score). A weight changes only when it moves by
 * at least `hysteresis` points from git's (new keys always), so re-planning on the same analytics proposes
 * nothing. Queues not named in git are not proposed (the applier only owns keys of queues in desired state).
 */
import type { PlannerSettings } from '../state/model.js';
import { compare } from './skill-demand.js';
import type { AnalyticsTable } from './table.js';
import { own, plural } from './format.js';
import type { RejectedRecommendation, WeightRecommendation } from './types.js';

export interface WeightPlanInput {
  table: AnalyticsTable;
  /** queue name → skill name → weight 1–100, from git */
  current: Record<string, Record<string, number>>;
  weights: PlannerSettings['weights'];
  /** wrap-up code name → skill name */
  wrapupSkills: Record<string, string>;
}

export interface WeightPlan {
  weights: WeightRecommendation[];
  rejected: RejectedRecommendation[];
}

interface Factor {
  volume: number;
  waitMs: number;
  waitCount: number;
}

export function recommendWeights(input: WeightPlanInput): WeightPlan {
  const weights: WeightRecommendation[] = [];
  const rejected: RejectedRecommendation[] = [];
  const { volume: a, wait: b, hysteresis } = input.weights;
  for (const queue of Object.keys(input.current).sort(compare)) {
    const { factors, source } = factorsOf(input, queue);
    if (factors.size === 0) {
      rejected.push({
        subject: `${queue}: weights`,
        reason: `no conversations for its skills in ${plural(input.table.days, 'day')}; weights left as they are`,
      });
      continue;
    }
    let totalVolume = 0;
    let maxVolume = 0;
    let maxWait = 0;
    for (const f of factors.values()) {
      totalVolume += f.volume;
      maxVolume = Math.max(maxVolume, f.volume);
      maxWait = Math.max(maxWait, avgWait(f));
    }
    const git = own(input.current, queue) ?? {};
    for (const [skill, f] of [...factors].sort(([x], [y]) => compare(x, y))) {
      const v = maxVolume > 0 ? f.volume / maxVolume : 0;
      const w = maxWait > 0 ? avgWait(f) / maxWait : 0;
      const score = a + b > 0 ? (a * v + b * w) / (a + b) : 0;
      const after = Math.min(100, Math.max(1, Math.round(1 + 99 * score)));
      const before = own(git, skill);
      if (before !== undefined && (Math.abs(after - before) < hysteresis || after === before)) continue;
      const share = totalVolume > 0 ? f.volume / totalVolume : 0;
      weights.push({
        queue,
        skill,
        before,
        after,
        reason:
          `${queue}|${skill}: ${Math.round(share * 100)}% of volume (${f.volume} ${source}), ` +
          `avg wait ${Math.round(avgWait(f) / 1000)} s → ${after} (was ${before ?? 'unset'})`,
      });
    }
  }
  return { weights, rejected };
}

function factorsOf(input: WeightPlanInput, queue: string): { factors: Map<string, Factor>; source: string } {
  const fromWrapups = new Map<string, Factor>();
  for (const row of input.table.queueWrapups) {
    const skill = own(input.wrapupSkills, row.wrapup);
    if (row.queue !== queue || skill === undefined || row.handled <= 0) continue;
    const useWait = row.waited > 0;
    add(fromWrapups, skill, {
      volume: row.handled,
      waitMs: useWait ? row.waitMs : row.answeredMs,
      waitCount: useWait ? row.waited : row.answered,
    });
  }
  if (fromWrapups.size > 0) return { factors: fromWrapups, source: 'handled, by wrap-up code' };
  const fromSkills = new Map<string, Factor>();
  for (const series of input.table.queueSkills) {
    if (series.queue !== queue) continue;
    let offered = 0;
    let waitMs = 0;
    let waited = 0;
    let answeredMs = 0;
    let answered = 0;
    for (let i = 0; i < series.offered.length; i++) {
      offered += series.offered[i] ?? 0;
      waitMs += series.waitMs[i] ?? 0;
      waited += series.waited[i] ?? 0;
      answeredMs += series.answeredMs[i] ?? 0;
      answered += series.answered[i] ?? 0;
    }
    if (offered <= 0) continue;
    const useWait = waited > 0;
    add(fromSkills, series.skill, {
      volume: offered,
      waitMs: useWait ? waitMs : answeredMs,
      waitCount: useWait ? waited : answered,
    });
  }
  return { factors: fromSkills, source: 'offered, by requested skill' };
}

function add(map: Map<string, Factor>, skill: string, f: Factor): void {
  const prev = map.get(skill);
  if (!prev) {
    map.set(skill, { ...f });
    return;
  }
  prev.volume += f.volume;
  prev.waitMs += f.waitMs;
  prev.waitCount += f.waitCount;
}

function avgWait(f: Factor): number {
  return f.waitCount > 0 ? f.waitMs / f.waitCount : 0;
}
