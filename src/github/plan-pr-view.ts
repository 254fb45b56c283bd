import type { PlanOutcome, SkillRecommendation, WeightRecommendation } from '../recommend/types.js';
import type { QueueMetrics, QueueWhatIf } from '../simulate/types.js';
import { count, duration, level, percent, plural } from './format.js';
import { orgText, type OrgText } from './org-text.js';
import { planFigures, type PlanFigures } from './plan-figures.js';

/** how much of the plan the body lists; smaller limits when the full body would pass GitHub's size limit */
export interface ViewLimits {
  /** skill changes, weight changes, rejected and drift entries listed (the rest are counted) */
  rows: number;
  queues: number;
  /** skills in the per-skill summary (only when changes are cut) */
  skills: number;
  /** false: counts, files and how-to only */
  tables: boolean;
}

export const FULL_VIEW: ViewLimits = { rows: Number.POSITIVE_INFINITY, queues: 200, skills: 0, tables: true };
export const CHART_QUEUES = 12;

export interface ViewOptions {
  branch: string;
  baseBranch: string;
}

interface Listed<T> {
  rows: T[];
  total: number;
  /** rows left out */
  more: number;
}

function listed<T>(all: readonly T[], limit: number): Listed<T> {
  const rows = all.slice(0, limit);
  return { rows, total: all.length, more: all.length - rows.length };
}

const ACTION_LABEL = { add: 'add', remove: 'remove', update: 'update' } as const;

/** the most significant first: biggest proficiency move, then user, then skill */
export function byImpact(a: SkillRecommendation, b: SkillRecommendation): number {
  const move = (r: SkillRecommendation) => Math.abs((r.after ?? 0) - (r.before ?? 0));
  return move(b) - move(a) || compareText(a.email, b.email) || compareText(a.skill, b.skill);
}

function weightImpact(a: WeightRecommendation, b: WeightRecommendation): number {
  const move = (w: WeightRecommendation) => Math.abs(w.after - (w.before ?? 0));
  return move(b) - move(a) || compareText(a.queue, b.queue) || compareText(a.skill, b.skill);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function metric(current: QueueMetrics, proposed: QueueMetrics, pick: (m: QueueMetrics) => string): string {
  return `${pick(current)} → ${pick(proposed)}`;
}

function queueRow(q: QueueWhatIf) {
  return {
    queue: orgText(q.queue),
    offered: count(q.offered),
    serviceLevel: metric(q.current, q.proposed, (m) => percent(m.serviceLevel, 1)),
    asa: metric(q.current, q.proposed, (m) => duration(m.asa)),
    occupancy: metric(q.current, q.proposed, (m) => percent(m.occupancy, 1)),
    abandonment: metric(q.current, q.proposed, (m) => percent(m.abandonRate, 1)),
    worse: q.proposed.serviceLevel < q.current.serviceLevel,
  };
}

function perSkill(recommendations: readonly SkillRecommendation[], limit: number) {
  const tally = new Map<string, { add: number; remove: number; update: number }>();
  for (const r of recommendations) {
    const t = tally.get(r.skill) ?? { add: 0, remove: 0, update: 0 };
    t[r.action] += 1;
    tally.set(r.skill, t);
  }
  const rows = [...tally]
    .map(([skill, t]) => ({ skill, ...t, total: t.add + t.remove + t.update }))
    .sort((a, b) => b.total - a.total || compareText(a.skill, b.skill))
    .map((r) => ({
      skill: orgText(r.skill),
      add: count(r.add),
      remove: count(r.remove),
      update: count(r.update),
    }));
  return listed(rows, limit);
}

/** Everything the plan PR template prints: numbers pre-formatted, org text wrapped so it must be escaped. */
export function buildPlanView(outcome: PlanOutcome, limits: ViewLimits, options: ViewOptions) {
  const figures: PlanFigures = planFigures(outcome);
  const skills = [...outcome.recommendations].sort(byImpact);
  const skillRows = listed(skills, limits.rows);
  const cut = skillRows.more > 0;
  const queuesByVolume = [...outcome.whatIf.queues].sort((a, b) => b.offered - a.offered);
  const weightRows = listed([...outcome.weights].sort(weightImpact), limits.rows);
  const queueRows = listed(queuesByVolume, limits.queues);
  const rejectedRows = listed(outcome.rejected, limits.rows);
  const driftRows = listed(outcome.drift, limits.rows);
  const lists = [skillRows, weightRows, queueRows, rejectedRows, driftRows];
  const chartQueues = queuesByVolume.slice(0, CHART_QUEUES);
  const whatIf = outcome.whatIf;
  return {
    headline: [
      plural(figures.users, 'user'),
      plural(figures.skillChanges, 'skill change'),
      plural(figures.weights, 'weight change'),
    ].join(', '),
    figures: {
      users: count(figures.users),
      skillChanges: count(figures.skillChanges),
      adds: count(figures.adds),
      removes: count(figures.removes),
      updates: count(figures.updates),
      weights: count(figures.weights),
      queues: count(whatIf.queues.length),
      rejected: count(outcome.rejected.length),
      drift: count(outcome.drift.length),
    },
    days: count(outcome.days),
    policy: orgText(outcome.policy),
    tables: limits.tables,
    summarised: !limits.tables || lists.some((l) => l.more > 0),
    skills: mapListed(skillRows, (r) => ({
      user: orgText(r.userName),
      email: orgText(r.email),
      skill: orgText(r.skill),
      action: ACTION_LABEL[r.action],
      before: level(r.before),
      after: level(r.after),
      reason: orgText(shortReason(r)),
    })),
    contexts: contextsOf(outcome.recommendations),
    perSkill: cut ? mapListed(perSkill(outcome.recommendations, limits.skills), (r) => r) : undefined,
    weights: mapListed(weightRows, (w) => ({
      queue: orgText(w.queue),
      skill: orgText(w.skill),
      before: level(w.before),
      after: level(w.after),
      reason: orgText(w.reason),
    })),
    whatIf: {
      target: percent(whatIf.serviceLevelTarget),
      answerWithin: count(whatIf.answerWithinSeconds),
      queues: mapListed(queueRows, queueRow),
      belowFloor: whatIf.belowFloor.map((b) => ({
        queue: orgText(b.queue),
        current: percent(b.current, 1),
        proposed: percent(b.proposed, 1),
        floor: percent(b.floor, 1),
      })),
      chart:
        chartQueues.length > 0
          ? {
              labels: chartQueues.map((q) => orgText(q.queue)),
              current: chartQueues.map((q) => round1(q.current.serviceLevel * 100)),
              proposed: chartQueues.map((q) => round1(q.proposed.serviceLevel * 100)),
              more: queuesByVolume.length - chartQueues.length,
            }
          : undefined,
    },
    rejected: mapListed(rejectedRows, (r) => ({
      subject: orgText(r.subject),
      reason: orgText(r.reason),
    })),
    drift: mapListed(driftRows, (d) => ({
      subject: orgText(d.subject),
      detail: orgText(d.detail),
      changedBy: orgText(d.changedBy ?? ''),
      changedAt: orgText(d.changedAt ?? ''),
    })),
    files: {
      whatIfMarkdown: orgText(outcome.files.whatIfMarkdown),
      whatIfJson: orgText(outcome.files.whatIfJson),
      yamlDiff: orgText(outcome.files.yamlDiff),
      changesJson: orgText(outcome.files.changesJson),
    },
    branch: orgText(options.branch),
    baseBranch: orgText(options.baseBranch),
  };
}

export type PlanView = ReturnType<typeof buildPlanView>;

function mapListed<T, U>(list: Listed<T>, map: (item: T) => U): { rows: U[]; total: number; more: string } {
  return { rows: list.rows.map(map), total: list.total, more: list.more > 0 ? count(list.more) : '' };
}

function round1(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : 0;
}

/** A user's own part of a reason when the skill-level part is shown once per skill above the table. */
function shortReason(r: { reason: string; context?: string }): string {
  if (!r.context || !r.reason.startsWith(r.context)) return r.reason;
  return r.reason.slice(r.context.length).replace(/^[;,:]\s*/, '');
}

/** Each skill's shared reason, once, in the order the skills first appear. */
function contextsOf(
  recommendations: readonly { skill: string; context?: string }[],
): { skill: OrgText; context: OrgText }[] {
  const seen = new Map<string, string>();
  for (const r of recommendations) if (r.context && !seen.has(r.skill)) seen.set(r.skill, r.context);
  return [...seen].slice(0, 30).map(([skill, context]) => ({
    skill: orgText(skill),
    context: orgText(context.startsWith(`${skill}: `) ? context.slice(skill.length + 2) : context),
  }));
}
