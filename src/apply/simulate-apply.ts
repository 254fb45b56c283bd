import { kindOf } from './kinds.js';
import type { Change, LiveOrg } from './types.js';

/**
 * The org as it will be once `changes` are written: the pure counterpart of the applier, used to check that
 * a plan converges (apply(diff(d, l), l) matches d) and to preview the state after a partial run.
 */
export function applyChangesToLive(live: LiveOrg, changes: readonly Change[]): LiveOrg {
  const users = live.users.map((u) => ({
    ...u,
    skills: u.skills.map((s) => ({ ...s })),
    ...(u.languages ? { languages: u.languages.map((s) => ({ ...s })) } : {}),
  }));
  const byId = new Map(users.map((u) => [u.id, u]));
  const rows = new Map((live.weights?.rows ?? []).map((r) => [r.key, r.weight]));
  for (const change of changes) {
    if (change.kind === 'weight') {
      if (change.action === 'delete') rows.delete(change.target.key);
      else rows.set(change.target.key, change.after);
      continue;
    }
    const user = byId.get(change.target.userId);
    if (!user) continue;
    const kind = kindOf(change.kind);
    const ids = new Map(kind.catalogue(live).map((s) => [s.name, s.id]));
    user[kind.field] = Object.entries(change.desired)
      .map(([name, proficiency]) => ({ id: ids.get(name) ?? name, name, proficiency }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  const weights = live.weights
    ? { ...live.weights, rows: [...rows].map(([key, weight]) => ({ key, weight })) }
    : rows.size > 0
      ? { tableId: '', tableName: '', rows: [...rows].map(([key, weight]) => ({ key, weight })) }
      : undefined;
  return { ...live, users, weights };
}
