import { createHash } from 'node:crypto';
import type { DesiredState } from './model.js';

/**
 * A fingerprint of what desired state says (profiles with their languages, and weights; not comments or layout),
 * so a what-if can be matched to the exact state it was computed for. A profile without `languages` adds nothing
 * for them, so a state that manages no languages keeps the digest it had before languages counted.
 */
export function stateDigest(state: Pick<DesiredState, 'profiles' | 'weights'>): string {
  const sortKeys = (m: Record<string, number>): [string, number][] =>
    Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const profiles = [...state.profiles]
    .map((p) =>
      p.languages === undefined
        ? ([p.email, p.ownership, sortKeys(p.skills)] as const)
        : ([p.email, p.ownership, sortKeys(p.skills), sortKeys(p.languages)] as const),
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const weights = Object.keys(state.weights)
    .sort()
    .map((q) => [q, sortKeys(state.weights[q] ?? {})] as const);
  return createHash('sha256').update(JSON.stringify({ profiles, weights })).digest('hex');
}
