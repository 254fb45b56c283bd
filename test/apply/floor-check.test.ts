import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesiredState, stateDigest } from '../../src/state/index.js';
import { Workspace } from '../support/e2e.js';

describe('apply computes the service-level floor of the change itself', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.create();
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const path = join(ws.dir, 'settings.yaml');
    const text = await readFile(path, 'utf8');
    await writeFile(
      path,
      text
        .replace(/maxChangesPerRun: \d+/, 'maxChangesPerRun: 100000')
        .replace(/maxRemovals: \d+/, 'maxRemovals: 100000'),
    );
    // a hand edit that leaves nobody able to answer anything
    const state = await ws.state();
    await ws.editProfiles(Object.fromEntries(state.users.map((u) => [u.email.toLowerCase(), {}])));
  });
  afterAll(async () => {
    await ws.close();
  });

  async function whatIf(content: object): Promise<void> {
    await mkdir(join(ws.dir, 'plan'), { recursive: true });
    await writeFile(join(ws.dir, 'plan', 'what-if.json'), `${JSON.stringify(content, null, 2)}\n`);
  }

  it.each([
    ['no what-if at all (a hand edit)', undefined],
    ['a stale what-if for another state', { stateDigest: 'sha256:0000' }],
    ['a forged what-if stamped with this very state', 'forged'],
  ] as const)('%s does not bypass the floor', async (_name, kind) => {
    if (kind === 'forged') {
      const loaded = await loadDesiredState(ws.dir);
      await whatIf({ queues: [], belowFloor: [], stateDigest: stateDigest(loaded.value!) });
    } else if (kind) {
      await whatIf({ queues: [], belowFloor: [], ...kind });
    }
    const writes = await ws.writes();
    const run = await ws.cli(['apply', '--json']);
    expect(run.code).toBe(1);
    const outcome = JSON.parse(run.stdout) as { status: string; violations: { rule: string }[] };
    expect(outcome.status).toBe('blocked');
    expect(outcome.violations.map((v) => v.rule)).toContain('serviceLevelFloor');
    expect(await ws.writes()).toBe(writes);
  });
});
