import type { Settings } from '../state/model.js';
import { countChanges } from '../plan/diff.js';
import type { Change } from '../plan/types.js';

export interface GuardrailViolation {
  rule: 'maxChangesPerRun' | 'maxRemovals' | 'protectedUsers' | 'serviceLevelFloor';
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
      message: `the plan's what-if projects ${pct(q.proposed)} service level for queue ${q.queue}, under the floor of ${pct(q.floor)}`,
    });
  }
  return violations;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
