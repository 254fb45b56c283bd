import { diff } from './diff.js';
import type { Change, LiveOrg } from './types.js';
import type { DesiredState } from '../state/model.js';
import type { WeightOwnershipRecord } from './weight-ownership.js';

/** The line of an apply audit tag's message that records ownership taken and released. */
export const OWNERSHIP_PREFIX = 'routing-gitops-ownership: ';

export interface OwnershipRecord {
  /** users apply took over in this run: email → the skills they held before */
  taken: Record<string, Record<string, number>>;
  /** users that left git in this run */
  released: string[];
}

export interface Released {
  email: string;
  /** the skills recorded when apply took the user over */
  before: Record<string, number>;
  action: 'restore' | 'leave';
}

/** Users owned now, from the audit tag messages oldest first: email → skills recorded at takeover (pure). */
export function ownedFromRecords(messages: readonly string[]): Map<string, Record<string, number>> {
  const owned = new Map<string, Record<string, number>>();
  for (const message of messages) {
    for (const line of message.split('\n')) {
      if (!line.startsWith(OWNERSHIP_PREFIX)) continue;
      try {
        const record = JSON.parse(line.slice(OWNERSHIP_PREFIX.length)) as Partial<OwnershipRecord>;
        for (const email of record.released ?? []) owned.delete(email);
        for (const [email, skills] of Object.entries(record.taken ?? {})) owned.set(email, skills);
      } catch {
        // a hand-made tag with a broken record: ignored, it cannot be restored from
      }
    }
  }
  return owned;
}

/** The record, with the queues whose weights were taken over or released (./weight-ownership.ts) when any. */
export function renderOwnershipRecord(record: OwnershipRecord & WeightOwnershipRecord): string {
  return `${OWNERSHIP_PREFIX}${JSON.stringify(record)}`;
}

/**
 * Users git no longer names that apply took over earlier ("no longer managed"): the changes that restore the
 * skills recorded at takeover (settings `ownership.onRelease: leave` keeps them as they are), and the users a
 * change in `changes` takes over now, with the skills they hold before it (pure).
 */
export function ownershipChanges(
  desired: DesiredState,
  live: LiveOrg,
  changes: readonly Change[],
  owned: ReadonlyMap<string, Record<string, number>>,
): { released: Released[]; restore: Change[]; taken: Record<string, Record<string, number>> } {
  const named = new Set(desired.profiles.map((p) => p.email));
  const liveEmails = new Set(live.users.map((u) => u.email.toLowerCase()));
  const action = desired.settings.ownership.onRelease ?? 'restore';
  const released: Released[] = [...owned]
    .filter(([email]) => !named.has(email) && liveEmails.has(email))
    .map(([email, before]) => ({ email, before, action }));
  const restoreState: DesiredState = {
    ...desired,
    weights: {},
    profiles: released
      .filter((r) => r.action === 'restore')
      .map((r) => ({
        email: r.email,
        skills: r.before,
        ownership: 'authoritative',
        source: { file: 'audit record', line: 1, col: 1 },
      })),
  };
  const restore = diff(restoreState, live).filter((c) => c.kind === 'user-skills');
  const liveSkills = new Map(
    live.users.map((u) => [
      u.email.toLowerCase(),
      Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency])),
    ]),
  );
  const taken: Record<string, Record<string, number>> = {};
  for (const c of changes) {
    if (c.kind !== 'user-skills' || owned.has(c.target.email)) continue;
    taken[c.target.email] = liveSkills.get(c.target.email) ?? {};
  }
  return { released, restore, taken };
}

/** What `diff` and `apply` print for users that left git. */
export function releasedText(released: readonly Released[]): string {
  return released
    .map((r) => {
      const skills = Object.entries(r.before)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      return r.action === 'restore'
        ? `no longer managed: ${r.email}: apply restores the skills recorded when it took the user over (${skills || 'none'})\n`
        : `no longer managed: ${r.email}: left as it is (settings.yaml ownership.onRelease: leave)\n`;
    })
    .join('');
}
