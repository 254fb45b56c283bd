/** Small pure helpers for the plan pull request: dates in the org's zone, rejection groups, weight reasons. */
import type { RejectedRecommendation, WeightRecommendation } from '../recommend/types.js';
import type { QueueWhatIf } from '../simulate/types.js';

function zoneOrUtc(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** `Tue 24 Nov 2026, 10:30` in `timeZone`; undefined for a value that is not a date */
export function formatInstant(iso: string, timeZone: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zoneOrUtc(timeZone),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** `24 Nov 2026` for a `YYYY-MM-DD` day */
function formatDay(day: string): string | undefined {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

function daysWithData(queues: readonly QueueWhatIf[]): string[] {
  const days = new Set<string>();
  for (const q of queues) for (const d of q.days ?? []) if (d.offered > 0) days.add(d.date);
  return [...days].sort();
}

/** how many days of the period had conversations; undefined when the what-if carries no per-day data */
export function dataDays(queues: readonly QueueWhatIf[]): number | undefined {
  const days = daysWithData(queues);
  return days.length > 0 ? days.length : undefined;
}

/** the first and last day with conversations, as dates people read */
export function analysisPeriod(queues: readonly QueueWhatIf[]): { from: string; to: string } | undefined {
  const days = daysWithData(queues);
  const from = days[0] && formatDay(days[0]);
  const to = days.at(-1) && formatDay(days.at(-1)!);
  return from && to ? { from, to } : undefined;
}

export interface RejectionGroup {
  reason: string;
  count: number;
  /** a per-plan limit (the change comes back in a later plan), not a safety rule */
  deferred: boolean;
  examples: string[];
}

const EMAIL = /[^\s;,()]+@[^\s;,()]+/g;

/** Rejections by reason (the part before the first `;`, emails left out), most frequent first. */
export function rejectionGroups(rejected: readonly RejectedRecommendation[]): RejectionGroup[] {
  const groups = new Map<string, RejectionGroup>();
  for (const r of rejected) {
    const reason = (r.reason.split(';')[0] ?? r.reason).replace(EMAIL, 'the agent').trim();
    const rolled = /^(\d+) more skill changes? for /.exec(r.subject);
    const n = rolled ? Number(rolled[1]) : 1;
    const g = groups.get(reason) ?? {
      reason,
      count: 0,
      deferred: /maxUsersChangedPerPlan|per plan/.test(reason),
      examples: [],
    };
    g.count += n;
    if (!rolled && g.examples.length < 3) g.examples.push(r.subject);
    groups.set(reason, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

/** the evidence of a weight reason without the key and the `→ after (was before)` the table already shows */
export function weightBasis(w: WeightRecommendation): string {
  let text = w.reason;
  const prefix = `${w.queue}|${w.skill}: `;
  if (text.startsWith(prefix)) text = text.slice(prefix.length);
  return text.replace(/\s*→\s*\d+\s*\(was [^)]*\)\s*$/, '');
}
