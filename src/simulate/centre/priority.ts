import type { StreamInput } from './types.js';

/** Priority of a contact with no matching weight row, as the documented Architect flow sets it. */
export const DEFAULT_PRIORITY = 50;

/**
 * Each stream's routing priority from the weights table, as the inbound flow reads it: key `queue|skill` →
 * weight; a contact requesting several skills takes the highest matching row; no row (or no skill): 50.
 */
export function streamPriorities(
  streams: readonly Pick<StreamInput, 'queue' | 'skills'>[],
  weights: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Float64Array {
  return Float64Array.from(streams, (s) => {
    const row = weights[s.queue];
    let best: number | undefined;
    for (const skill of s.skills) {
      const w = row?.[skill];
      if (w !== undefined && (best === undefined || w > best)) best = w;
    }
    return best ?? DEFAULT_PRIORITY;
  });
}
