import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Replaces one value in desired-state/settings.yaml as a person would edit it; fails when it is not there. */
export async function editSetting(dir: string, pattern: RegExp, replacement: string): Promise<void> {
  const path = join(dir, 'settings.yaml');
  const text = await readFile(path, 'utf8');
  if (!pattern.test(text)) throw new Error(`settings.yaml has no ${String(pattern)}`);
  await writeFile(path, text.replace(pattern, replacement));
}

/**
 * For tests about something else (crashes, faults, concurrency) that make sweeping random changes: a floor of 0
 * means apply's own service-level check has nothing to hold (src/apply/floor-check.ts).
 */
export function withoutFloor(dir: string): Promise<void> {
  return editSetting(dir, /serviceLevelFloor: [\d.]+/, 'serviceLevelFloor: 0');
}
