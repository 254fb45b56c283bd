import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Tests that run the CLI as a separate process (SIGKILL crash tests) need the build in dist/. `npm ci` builds it
 * (the `prepare` script); this rebuilds only when src/ changed since.
 */
export default function setup(): void {
  let built = 0;
  try {
    built = statSync('dist/cli/main.js').mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newest('src')) return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
