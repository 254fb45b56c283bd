/**
 * The minimum-data guard of `plan`: a plan from a day or two of analytics (or a quiet week) proposes changes that
 * are noise. Refuses with a message that says what was found and what to do.
 */
import { RoutingGitopsError } from '../../errors.js';
import type { AnalyticsTable } from '../table.js';

export const MIN_PLAN_DAYS = 7;
export const MIN_PLAN_CONVERSATIONS = 200;

export class NotEnoughDataError extends RoutingGitopsError {
  constructor(message: string) {
    super('NOT_ENOUGH_DATA', message);
  }
}

export interface DataFound {
  /** days in the analytics period */
  days: number;
  /** days on which at least one conversation was offered */
  daysWithConversations: number;
  conversations: number;
}

/** what the analytics table holds (pure) */
export function dataFound(table: Pick<AnalyticsTable, 'days' | 'slots' | 'queueSkills'>): DataFound {
  const slotsPerDay = table.days > 0 ? table.slots / table.days : 48;
  const days = new Set<number>();
  let conversations = 0;
  for (const series of table.queueSkills) {
    series.offered.forEach((n, slot) => {
      if (n <= 0) return;
      conversations += n;
      days.add(Math.floor(slot / slotsPerDay));
    });
  }
  return { days: table.days, daysWithConversations: days.size, conversations: Math.round(conversations) };
}

/** Throws NotEnoughDataError (exit 1, nothing written) when the period is too short or too quiet. */
export function assertEnoughData(
  table: Pick<AnalyticsTable, 'days' | 'slots' | 'queueSkills'>,
  minimum: { days?: number; conversations?: number } = {},
): DataFound {
  const minDays = minimum.days ?? MIN_PLAN_DAYS;
  const minConversations = minimum.conversations ?? MIN_PLAN_CONVERSATIONS;
  const found = dataFound(table);
  if (found.days < minDays) {
    throw new NotEnoughDataError(
      `plan needs at least ${minDays} days of analytics, got ${found.days}: ` +
        `run plan with --days ${minDays} or more (settings.yaml planner.days); nothing was written`,
    );
  }
  if (found.conversations < minConversations) {
    throw new NotEnoughDataError(
      `plan needs at least ${minConversations} conversations in the period, found ${found.conversations} on ` +
        `${found.daysWithConversations} of ${found.days} days: plan from more days, or check that the OAuth client ` +
        'can read analytics for these queues (its role and divisions); nothing was written',
    );
  }
  return found;
}
