import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenesysPort } from '../genesys/port.js';
import { exportDesiredState, loadDesiredState, writeDesiredState } from '../state/index.js';

/**
 * Exports the org into a temp desired-state dir, then changes `share` of the users (a different proficiency on
 * one skill each, deterministic) the way a reviewed plan would.
 */
export async function exportFixture(
  port: GenesysPort,
  share: number,
): Promise<{ dir: string; changedUsers: number }> {
  const dir = join(await mkdtemp(join(tmpdir(), 'routing-gitops-bench-')), 'desired-state');
  await exportDesiredState(port, dir, { groupBy: 'none' });
  const loaded = await loadDesiredState(dir);
  if (!loaded.value) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const withSkills = loaded.value.profiles.filter((p) => Object.keys(p.skills).length > 0);
  const step = Math.max(1, Math.round(1 / share));
  const profiles: Record<string, Record<string, number>> = {};
  for (let i = 0; i < withSkills.length; i += step) {
    const p = withSkills[i];
    if (!p) continue;
    const [first] = Object.keys(p.skills);
    if (first === undefined) continue;
    const level = p.skills[first] ?? 0;
    profiles[p.email] = { ...p.skills, [first]: level >= 4 ? 1 : Math.floor(level) + 1 };
  }
  await writeDesiredState(dir, { profiles }, loaded.value);
  return { dir, changedUsers: Object.keys(profiles).length };
}
