import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../support/e2e.js';

/**
 * Only while desired-state/ is the shipped example (every user on the reserved .example domain the emulator uses): an adopter working in a
 * clone exports their own org there, and their routing must not fail the tool's tests.
 */
const emails = readdirSync('desired-state/routing-profiles').flatMap((f) =>
  [...readFileSync(`desired-state/routing-profiles/${f}`, 'utf8').matchAll(/^ {2}(\S+@\S+):/gm)].map(
    (m) => m[1]!,
  ),
);
const isExample = emails.length > 0 && emails.every((e) => e.endsWith('.example'));

/** The repository's desired-state/ is a working template: it matches the emulator's default seed exactly. */
describe.skipIf(!isExample)('the example desired state in the repository', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.create({ seed: 1, users: 200, queues: 6, skills: 10, days: 2 });
  });
  afterAll(async () => {
    await ws.close();
  });

  it('validates against the default emulator org and is in sync with it', async () => {
    const dir = resolve('desired-state');
    const validate = await ws.cli(['validate', '--dir', dir]);
    expect(validate.stdout).toMatch(/valid/);
    expect(validate.code).toBe(0);
    const diff = await ws.cli(['diff', '--dir', dir]);
    expect(diff.stdout).toBe('No changes. The org matches git.\n');
    expect(diff.code).toBe(0);
  });
});
