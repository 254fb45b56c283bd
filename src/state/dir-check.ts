/**
 * Is `--dir` a desired-state folder? A wrong folder gets one error that says what to pass instead, rather than a
 * pile of "unexpected file" errors (or a walk through a whole repository).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { didYouMean } from './suggest.js';

const EXPECTED = 'routing-profiles/, rule-weights.yaml and settings.yaml';

function isStateEntry(name: string, isDir: boolean): boolean {
  if (isDir) return name === 'routing-profiles' || name === 'rule-weights';
  return /^(rule-weights|settings)\.ya?ml$/i.test(name);
}

/** Files that may sit in any folder without making it something else. */
function isNeutral(name: string): boolean {
  return name.startsWith('.') || name === 'plan' || name === 'schemas' || /\.(md|txt)$/i.test(name);
}

async function entries(dir: string) {
  return readdir(dir, { withFileTypes: true }).catch(() => undefined);
}

/** A message when `absolute` is not a desired-state folder (shown as `shown`), else undefined. */
export async function checkStateDir(absolute: string, shown: string): Promise<string | undefined> {
  const list = await entries(absolute);
  if (!list) {
    const parent = await entries(path.dirname(absolute));
    const siblings = (parent ?? []).filter((e) => e.isDirectory()).map((e) => e.name);
    const hint = didYouMean(path.basename(absolute), siblings);
    return `directory not found${hint}; pass --dir with the folder that holds ${EXPECTED} (default: desired-state, relative to where you run the command)`;
  }
  if (list.some((e) => isStateEntry(e.name, e.isDirectory()))) return undefined;
  for (const child of list.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
    const inner = await entries(path.join(absolute, child.name));
    if (inner?.some((e) => isStateEntry(e.name, e.isDirectory()))) {
      const suggestion = shown === '.' ? child.name : `${shown}/${child.name}`;
      return `not a desired-state folder (it has no ${EXPECTED}), but ${child.name}/ is one: run with --dir ${suggestion}`;
    }
  }
  if (list.every((e) => isNeutral(e.name))) return undefined; // empty so far: a warning says so
  return `not a desired-state folder: expected ${EXPECTED} here; pass --dir with the folder that holds them`;
}
