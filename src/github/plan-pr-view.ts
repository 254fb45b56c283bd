import type {
  PlanOutcome,
  RejectedRecommendation,
  SkillRecommendation,
  WeightRecommendation,
} from '../recommend/types.js';
import type { QueueMetrics, QueueWhatIf } from '../simulate/types.js';
import { count, duration, level, percent, plural } from './format.js';
import { orgText, type OrgText } from './org-text.js';
import { planFigures, type PlanFigures } from './plan-figures.js';
import { analysisPeriod, dataDays, formatInstant, rejectionGroups, weightBasis } from './plan-text.js';

/** how much of the plan the body lists; smaller limits when the full body would pass GitHub's size limit */
export interface ViewLimits {
  /** change rows listed (skills, users, weights, drift), the rest are counted and left to the files */
  rows: number;
  queues: number;
  /** skill groups shown */
  skills: number;
  /** false: summary, counts, files and how-to only */
  tables: boolean;
}

export const FULL_VIEW: ViewLimits = {
  rows: Number.POSITIVE_INFINITY,
  queues: 200,
  skills: 200,
  tables: true,
};
export const CHART_QUEUES = 12;

export interface ViewOptions {
  branch: string;
  baseBranch: string;
  /** IANA zone for every date and time in the body (the org's; default UTC) */
  timeZone?: string;
}

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

function more(total: number, shown: number): string {
  return total > shown ? count(total - shown) : '';
}

/** `measured` is the what-if's measured service level when the planner provides it */
type Measured = QueueWhatIf & { measured?: { serviceLevel?: number } };

function measuredOf(q: QueueWhatIf): number | undefined {
  const v = (q as Measured).measured?.serviceLevel;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function weighted(
  queues: readonly QueueWhatIf[],
  pick: (q: QueueWhatIf) => number | undefined,
): number | undefined {
  let sum = 0;
  let weight = 0;
  for (const q of queues) {
    const v = pick(q);
    if (v === undefined || !Number.isFinite(v) || q.offered <= 0) continue;
    sum += v * q.offered;
    weight += q.offered;
  }
  return weight > 0 ? sum / weight : undefined;
}

function change(current: QueueMetrics, proposed: QueueMetrics, pick: (m: QueueMetrics) => string): string {
  return `${pick(current)} → ${pick(proposed)}`;
}

function queueRow(q: QueueWhatIf) {
  return {
    queue: orgText(q.queue),
    offered: count(q.offered),
    measured: percent(measuredOf(q), 1),
    serviceLevel: change(q.current, q.proposed, (m) => percent(m.serviceLevel, 1)),
    asa: change(q.current, q.proposed, (m) => duration(m.asa)),
    abandonment: change(q.current, q.proposed, (m) => percent(m.abandonRate, 1)),
    worse: q.proposed.serviceLevel < q.current.serviceLevel - 1e-9,
  };
}

/** The user's own part of a reason: the skill-level context (shown once per skill) and their email left out. */
export function userDetail(r: SkillRecommendation, days: number, actualDays: number): string {
  let text = r.context && r.reason.startsWith(r.context) ? r.reason.slice(r.context.length) : r.reason;
  text = text.replace(/^[;,:]\s*/, '');
  if (r.email) text = text.split(r.email).join('the agent');
  if (actualDays < days)
    text = text.split(`in ${plural(days, 'day')}`).join(`in ${plural(actualDays, 'day')}`);
  return text;
}

function skillGroups(outcome: PlanOutcome, limits: ViewLimits, days: number, actualDays: number) {
  const bySkill = new Map<string, SkillRecommendation[]>();
  for (const r of outcome.recommendations) bySkill.set(r.skill, [...(bySkill.get(r.skill) ?? []), r]);
  const groups = [...bySkill]
    .map(([skill, recs]) => ({ skill, recs: recs.sort(byImpact) }))
    .sort((a, b) => b.recs.length - a.recs.length || compareText(a.skill, b.skill));
  let budget = limits.rows;
  const shown = groups.slice(0, limits.skills).map(({ skill, recs }) => {
    const tally = (action: SkillRecommendation['action']) => recs.filter((r) => r.action === action).length;
    const context = recs.find((r) => r.context)?.context;
    const why = context ? (context.startsWith(`${skill}: `) ? context.slice(skill.length + 2) : context) : '';
    const rows = recs.slice(0, Math.max(0, Math.min(recs.length, budget)));
    budget -= rows.length;
    return {
      skill: orgText(skill),
      counts: [
        tally('add') ? `${count(tally('add'))} added` : '',
        tally('remove') ? `${count(tally('remove'))} removed` : '',
        tally('update') ? `${count(tally('update'))} changed` : '',
      ]
        .filter(Boolean)
        .join(', '),
      why: orgText(why),
      rows: rows.map((r) => ({
        user: orgText(r.userName || r.email),
        action: r.action === 'update' ? 'change' : r.action,
        before: level(r.before),
        after: level(r.after),
        detail: orgText(userDetail(r, days, actualDays)),
      })),
      more: more(recs.length, rows.length),
    };
  });
  return { groups: shown, more: more(groups.length, shown.length) };
}

function skillList(skills: Readonly<Record<string, number>>): string {
  const entries = Object.entries(skills).sort(([a], [b]) => compareText(a, b));
  return entries.length === 0 ? 'no skills' : entries.map(([s, p]) => `${s} ${level(p)}`).join(', ');
}

/** Per user, the skills before and after the whole plan (all of them when the plan carries the user's skills). */
function netPerUser(outcome: PlanOutcome, limit: number) {
  const before = outcome.skillsBefore;
  const byUser = new Map<string, SkillRecommendation[]>();
  for (const r of outcome.recommendations) {
    const key = r.email.toLowerCase();
    byUser.set(key, [...(byUser.get(key) ?? []), r]);
  }
  const users = [...byUser]
    .map(([email, recs]) => {
      const full = before?.[email];
      const was: Record<string, number> = full ? { ...full } : {};
      if (!full) for (const r of recs) if (r.before !== undefined) was[r.skill] = r.before;
      const now: Record<string, number> = { ...was };
      for (const r of recs) {
        if (r.after === undefined) delete now[r.skill];
        else now[r.skill] = r.after;
      }
      const lost = recs.filter((r) => r.action === 'remove').length;
      return {
        email,
        name: recs[0]!.userName,
        was,
        now,
        changes: recs.length,
        lost,
        complete: Boolean(full),
      };
    })
    .sort((a, b) => b.changes - a.changes || b.lost - a.lost || compareText(a.email, b.email));
  const rows = users.slice(0, Math.max(0, limit)).map((u) => ({
    user: orgText(u.name || u.email),
    email: orgText(u.email),
    before: orgText(u.complete ? skillList(u.was) : skillList(u.was).replace('no skills', '—')),
    after: orgText(skillList(u.now)),
  }));
  return { rows, complete: users.every((u) => u.complete), more: more(users.length, rows.length) };
}

function weightRows(outcome: PlanOutcome, limit: number) {
  const byQueue = new Map(outcome.whatIf.queues.map((q) => [q.queue, q]));
  const sorted = [...outcome.weights].sort(weightImpact);
  const rows = sorted.slice(0, Math.max(0, limit)).map((w) => {
    const q = byQueue.get(w.queue);
    return {
      queue: orgText(w.queue),
      skill: orgText(w.skill),
      before: w.before === undefined ? 'unset (50)' : level(w.before),
      after: level(w.after),
      basis: orgText(weightBasis(w)),
      effect: q
        ? `${percent(q.current.serviceLevel, 1)} → ${percent(q.proposed.serviceLevel, 1)}`
        : 'not simulated',
    };
  });
  return { rows, more: more(sorted.length, rows.length) };
}

/** Languages the plan gives users (the centre model's search), with the numbers that chose them. */
function languageRows(outcome: PlanOutcome, limit: number) {
  const all = outcome.languages ?? [];
  const rows = all.slice(0, Math.max(0, limit)).map((l) => ({
    user: orgText(l.userName || l.email),
    language: orgText(l.language),
    action: l.action,
    before: l.before === undefined ? '—' : String(l.before),
    after: l.after === undefined ? '—' : String(l.after),
    reason: orgText(l.reason),
  }));
  return { rows, more: more(all.length, rows.length) };
}

function rejectedView(rejected: readonly RejectedRecommendation[], limit: number) {
  const groups = rejectionGroups(rejected);
  const shown = groups.slice(0, Math.max(1, Math.min(groups.length, limit)));
  return {
    total: plural(
      groups.reduce((n, g) => n + g.count, 0),
      'recommendation',
    ),
    deferred: count(groups.filter((g) => g.deferred).reduce((n, g) => n + g.count, 0)),
    groups: shown.map((g) => ({
      reason: orgText(g.reason),
      count: count(g.count),
      deferred: g.deferred,
      examples: orgText(g.examples.join(', ')),
      moreExamples: g.count > g.examples.length,
    })),
    more: more(groups.length, shown.length),
  };
}

/**
 * What the centre model simulated, when it is shorter than the analysed period (a large org's what-if runs its
 * most recent days, once): a reviewer reads the figures knowing what they rest on. Undefined for the Erlang
 * what-if and for a simulation of the whole period.
 */
function simulatedView(
  whatIf: PlanOutcome['whatIf'] & { simulatedDays?: number; replications?: number },
  periodDays: number,
): { days: string; replications: string } | undefined {
  const days = whatIf.simulatedDays;
  if (days === undefined || days >= periodDays - 1e-9) return undefined;
  return {
    days: plural(Math.round(days * 10) / 10, 'day'),
    replications: plural(whatIf.replications ?? 1, 'replication'),
  };
}

/** Everything the plan PR template prints: numbers pre-formatted, org text wrapped so it must be escaped. */
export function buildPlanView(outcome: PlanOutcome, limits: ViewLimits, options: ViewOptions) {
  const figures: PlanFigures = planFigures(outcome);
  const timeZone = options.timeZone ?? outcome.timeZone ?? 'UTC';
  const whatIf = outcome.whatIf;
  const actualDays = dataDays(whatIf.queues) ?? outcome.days;
  const period = analysisPeriod(whatIf.queues);
  const queuesByVolume = [...whatIf.queues].sort((a, b) => b.offered - a.offered);
  const queueRows = queuesByVolume.slice(0, limits.queues);
  const chartQueues = queuesByVolume.slice(0, CHART_QUEUES);
  const worst = queuesByVolume
    .flatMap((q) => (q.worstInterval ? [{ q, i: q.worstInterval }] : []))
    .sort(
      (a, b) =>
        a.i.proposed.serviceLevel - b.i.proposed.serviceLevel ||
        b.i.offered - a.i.offered ||
        compareText(a.q.queue, b.q.queue),
    )[0];
  const measured = weighted(whatIf.queues, measuredOf);
  const modelled = weighted(whatIf.queues, (q) => q.current.serviceLevel);
  const projected = weighted(whatIf.queues, (q) => q.proposed.serviceLevel);
  const skills = skillGroups(outcome, limits, outcome.days, actualDays);
  const users = netPerUser(outcome, limits.rows);
  const weights = weightRows(outcome, limits.rows);
  const rejected = rejectedView(outcome.rejected, limits.tables ? 20 : 3);
  const drift = outcome.drift.slice(0, Math.max(0, limits.rows));
  const inactive = (outcome.inactiveRemoved ?? []).slice(0, Math.max(0, limits.rows));
  const worse = queueRows.some((q) => q.proposed.serviceLevel < q.current.serviceLevel - 1e-9);
  const summarised =
    !limits.tables ||
    [skills.more, users.more, weights.more, more(outcome.drift.length, drift.length)].some(Boolean) ||
    skills.groups.some((g) => g.more) ||
    queueRows.length < queuesByVolume.length;
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
      inactiveRemoved: count(outcome.inactiveRemoved?.length ?? 0),
    },
    period: {
      from: period?.from ?? '',
      to: period?.to ?? '',
      known: period !== undefined,
      days: plural(actualDays, 'day'),
      requested: plural(outcome.days, 'day'),
      short: actualDays < outcome.days,
      timeZone: orgText(timeZone),
    },
    serviceLevel: {
      measured: percent(measured, 1),
      hasMeasured: measured !== undefined,
      modelled: percent(modelled, 1),
      projected: percent(projected, 1),
      target: percent(whatIf.serviceLevelTarget),
      answerWithin: count(whatIf.answerWithinSeconds),
    },
    worst: worst
      ? {
          queue: orgText(worst.q.queue),
          at: orgText(formatInstant(worst.i.start, timeZone) ?? worst.i.start),
          offered: count(worst.i.offered),
          current: percent(worst.i.current.serviceLevel, 1),
          proposed: percent(worst.i.proposed.serviceLevel, 1),
        }
      : undefined,
    changes:
      `${plural(figures.adds, 'skill')} added, ${count(figures.removes)} removed, ` +
      `${plural(figures.updates, 'proficiency', 'proficiencies')} changed for ${plural(figures.users, 'user')}; ` +
      plural(figures.weights, 'weight change'),
    policy: orgText(outcome.policy),
    tables: limits.tables,
    summarised,
    skills,
    users,
    languages: languageRows(outcome, limits.rows),
    weights,
    rejected,
    whatIf: {
      simulated: simulatedView(whatIf, actualDays),
      queues: { rows: queueRows.map(queueRow), more: more(queuesByVolume.length, queueRows.length) },
      worse,
      hasMeasured: queueRows.some((q) => measuredOf(q) !== undefined),
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
    drift: {
      rows: drift.map((d) => ({
        subject: orgText(d.subject),
        detail: orgText(d.detail),
        changedBy: orgText(d.changedBy ?? ''),
        changedAt: orgText(d.changedAt ? (formatInstant(d.changedAt, timeZone) ?? d.changedAt) : ''),
      })),
      more: more(outcome.drift.length, drift.length),
    },
    inactive: {
      rows: inactive.map(orgText),
      more: more(outcome.inactiveRemoved?.length ?? 0, inactive.length),
    },
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

function round1(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : 0;
}

export type { OrgText };
