/**
 * Agent churn: a user git names who has been deactivated in the org is skipped with a warning (never matched to
 * a similar email: that would hand one agent's skills to another), and the planner proposes removing the entry.
 */
import type { DirectoryUser, GenesysPort, LiveUser } from '../genesys/port.js';
import type { DesiredState } from './model.js';

/**
 * The inactive users git names. The org's inactive users are read only when some email in git is not among the
 * active users; when they cannot be read (an older port, a missing permission) the answer is none, and those
 * emails stay unknown-user errors.
 */
export async function findInactiveNamed(
  port: Pick<GenesysPort, 'listInactiveUsers'>,
  state: Pick<DesiredState, 'profiles'>,
  active: readonly Pick<LiveUser, 'email'>[],
): Promise<DirectoryUser[]> {
  const activeEmails = new Set(active.map((u) => u.email.toLowerCase()));
  const missing = new Set(state.profiles.map((p) => p.email).filter((e) => !activeEmails.has(e)));
  if (missing.size === 0 || typeof port.listInactiveUsers !== 'function') return [];
  const inactive = await port.listInactiveUsers().catch(() => [] as DirectoryUser[]);
  return inactive.filter((u) => missing.has(u.email.toLowerCase()));
}

/** For the planner: the change that removes inactive users' entries from desired state (`null` removes). */
export function inactiveProfileRemovals(
  state: Pick<DesiredState, 'profiles'>,
  inactive: readonly Pick<DirectoryUser, 'email'>[],
): Record<string, null> {
  const named = new Set(state.profiles.map((p) => p.email));
  const out: Record<string, null> = {};
  for (const user of inactive) {
    const email = user.email.toLowerCase();
    if (named.has(email)) out[email] = null;
  }
  return out;
}
