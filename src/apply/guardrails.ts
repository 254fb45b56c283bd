import type { Guardrails, Settings } from '../state/model.js';
import { countChanges } from './diff.js';
import type { Change } from './types.js';

export interface GuardrailViolation {
  rule: 'maxChangesPerRun' | 'maxRemovals' | 'protectedUsers' | 'serviceLevelFloor' | 'heldLoosening';
  message: string;
}

/** Checks every guardrail before the first write; returns all that are hit (pure). */
export function checkGuardrails(
  changes: readonly Change[],
  settings: Settings,
  belowFloor: readonly { queue: string; proposed: number; floor: number }[] = [],
): GuardrailViolation[] {
  const violations: GuardrailViolation[] = [];
  const { guardrails } = settings;
  const counts = countChanges(changes);
  if (counts.total > guardrails.maxChangesPerRun) {
    violations.push({
      rule: 'maxChangesPerRun',
      message: `${counts.total} changes exceed the limit of ${guardrails.maxChangesPerRun} per run (settings.yaml guardrails.maxChangesPerRun); split the change or raise the limit in a reviewed commit`,
    });
  }
  if (counts.removals > guardrails.maxRemovals) {
    violations.push({
      rule: 'maxRemovals',
      message: `${counts.removals} removals exceed the prune cap of ${guardrails.maxRemovals} (settings.yaml guardrails.maxRemovals)`,
    });
  }
  const protectedUsers = new Set(guardrails.protectedUsers.map((e) => e.toLowerCase()));
  const touched = changes.filter((c) => c.kind !== 'weight' && protectedUsers.has(c.target.email));
  if (touched.length > 0) {
    const emails = [...new Set(touched.map((c) => (c.kind !== 'weight' ? c.target.email : '')))].join(', ');
    violations.push({
      rule: 'protectedUsers',
      message: `changes to protected users (${emails}); remove them from guardrails.protectedUsers or revert their YAML`,
    });
  }
  for (const q of belowFloor) {
    violations.push({
      rule: 'serviceLevelFloor',
      message: `the what-if of this change projects ${pct(q.proposed)} service level for queue ${q.queue}, under the floor of ${pct(q.floor)}`,
    });
  }
  return violations;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * The guardrails in force for an apply (pure): git's, except that a loosening counts only once a commit holding it
 * has been applied. Each limit is the stricter of git's and the last applied commit's (lower change caps, a
 * higher floor, protected users from both, the applied window unless there was none), so a commit cannot raise a
 * limit and use the raised limit at once. `held` names every loosening not yet in force.
 */
export function effectiveGuardrails(
  current: Guardrails,
  applied: Guardrails | undefined,
): { guardrails: Guardrails; held: string[] } {
  if (!applied) return { guardrails: current, held: [] };
  const held: string[] = [];
  const lower = (key: 'maxChangesPerRun' | 'maxRemovals'): number => {
    if (current[key] > applied[key]) held.push(`${key} ${applied[key]} → ${current[key]}`);
    return Math.min(current[key], applied[key]);
  };
  const maxChangesPerRun = lower('maxChangesPerRun');
  const maxRemovals = lower('maxRemovals');
  if (current.serviceLevelFloor < applied.serviceLevelFloor)
    held.push(`serviceLevelFloor ${applied.serviceLevelFloor} → ${current.serviceLevelFloor}`);
  const lifted = applied.protectedUsers.filter((e) => !current.protectedUsers.includes(e));
  if (lifted.length > 0) held.push(`protectedUsers without ${lifted.join(', ')}`);
  const window = applied.window ?? current.window;
  if (applied.window && JSON.stringify(applied.window) !== JSON.stringify(current.window))
    held.push(current.window ? 'a changed window' : 'no window');
  const guardrails: Guardrails = {
    maxChangesPerRun,
    maxRemovals,
    protectedUsers: [...new Set([...current.protectedUsers, ...applied.protectedUsers])],
    serviceLevelFloor: Math.max(current.serviceLevelFloor, applied.serviceLevelFloor),
    ...(window ? { window } : {}),
  };
  return { guardrails, held };
}

/** The note added to a blocked apply whose guardrails were loosened in a commit not yet applied. */
export function heldNote(held: readonly string[]): string {
  return (
    `settings.yaml loosens guardrails in a commit not yet applied (${held.join('; ')}); a loosening counts only ` +
    'once it has been applied, so the last applied values were used. Land the settings change in its own pull ' +
    'request first and let it apply, then the change that needs it'
  );
}
