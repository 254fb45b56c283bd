import type { PlanOutcome } from '../recommend/types.js';
import type { QueueWhatIf } from '../simulate/types.js';
import { percent, plural } from './format.js';
import { toSingleLine } from './markdown.js';

export interface PlanFigures {
  /** distinct users with at least one skill or language change */
  users: number;
  skillChanges: number;
  adds: number;
  removes: number;
  updates: number;
  weights: number;
  /** the queue whose projected service level moves most */
  headline: QueueWhatIf | undefined;
}

export function planFigures(outcome: PlanOutcome): PlanFigures {
  const users = new Set(
    [...outcome.recommendations, ...(outcome.languages ?? [])].map((r) => r.email.toLowerCase()),
  );
  const byAction = (action: string) => outcome.recommendations.filter((r) => r.action === action).length;
  return {
    users: users.size,
    skillChanges: outcome.recommendations.length,
    adds: byAction('add'),
    removes: byAction('remove'),
    updates: byAction('update'),
    weights: outcome.weights.length,
    headline: headlineQueue(outcome.whatIf.queues),
  };
}

/** a plan proposes something when it changes a skill or a weight (drift alone is apply's business) */
export function planHasChanges(outcome: PlanOutcome): boolean {
  return outcome.recommendations.length > 0 || outcome.weights.length > 0;
}

/** largest service-level move; ties go to the busier queue, then the name */
export function headlineQueue(queues: readonly QueueWhatIf[]): QueueWhatIf | undefined {
  const move = (q: QueueWhatIf) => Math.abs(q.proposed.serviceLevel - q.current.serviceLevel);
  const ranked = [...queues].sort(
    (a, b) =>
      move(b) - move(a) || b.offered - a.offered || (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0),
  );
  return ranked[0];
}

/** `plan: 12 users, 18 skill changes, 3 weights; SL Support 71% → 83%` */
export function planCommitSubject(figures: PlanFigures): string {
  const parts = [
    plural(figures.users, 'user'),
    plural(figures.skillChanges, 'skill change'),
    plural(figures.weights, 'weight'),
  ];
  let subject = `plan: ${parts.join(', ')}`;
  const q = figures.headline;
  if (q) {
    const name = toSingleLine(q.queue, 60);
    subject += `; SL ${name} ${percent(q.current.serviceLevel)} → ${percent(q.proposed.serviceLevel)}`;
  }
  return subject;
}

/** subject, a blank line, the service level of the busiest queues and where the numbers came from */
export function planCommitMessage(outcome: PlanOutcome, figures: PlanFigures = planFigures(outcome)): string {
  const lines = [planCommitSubject(figures), ''];
  const busiest = [...outcome.whatIf.queues].sort((a, b) => b.offered - a.offered).slice(0, 10);
  for (const q of busiest) {
    lines.push(
      `- ${toSingleLine(q.queue, 60)}: SL ${percent(q.current.serviceLevel)} → ${percent(q.proposed.serviceLevel)}`,
    );
  }
  if (busiest.length > 0) lines.push('');
  lines.push(
    `Planned by routing-gitops at ${toSingleLine(outcome.generatedAt, 40)} from the last ${outcome.days} days (policy ${outcome.policy}).`,
  );
  return lines.join('\n');
}
