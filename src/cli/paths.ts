import { isAbsolute, resolve } from 'node:path';
import type { CliContext } from './context.js';

export const DEFAULT_DIR = 'desired-state';

export function resolvePath(ctx: CliContext, path: string | undefined, fallback = DEFAULT_DIR): string {
  const p = path ?? fallback;
  return isAbsolute(p) ? p : resolve(ctx.cwd, p);
}
