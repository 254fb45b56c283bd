import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findInterrupted } from '../../src/apply/journal.js';
import { loadDesiredState } from '../../src/state/index.js';
import { withoutFloor } from '../support/settings-text.js';
import { Workspace } from '../support/e2e.js';

const BIN = resolve('bin/routing-gitops.js');
const JOURNAL = '.routing-gitops/apply-journal.jsonl';

/** mulberry32: the kill point for a seed */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `apply` as a real process and SIGKILLs it once the journal shows `afterDone` confirmed writes. */
async function applyAndKill(ws: Workspace, afterDone: number): Promise<{ killed: boolean }> {
  const dir = join(ws.cwd, '.routing-gitops');
  await mkdir(dir, { recursive: true });
  const child = spawn(process.execPath, [BIN, 'apply', '--journal', JOURNAL], {
    cwd: ws.cwd,
    env: { PATH: process.env.PATH, ...ws.env },
    stdio: 'ignore',
  });
  let killed = false;
  const check = async (): Promise<void> => {
    if (killed || child.exitCode !== null) return;
    const text = await readFile(join(ws.cwd, JOURNAL), 'utf8').catch(() => '');
    const done = text.split('\n').filter((l) => l.includes('"event":"done"')).length;
    const started = text.includes('"event":"start"');
    if (started && done >= afterDone) {
      killed = child.kill('SIGKILL');
    }
  };
  const watcher = watch(dir, () => void check());
  try {
    await new Promise<void>((done) => child.once('exit', () => done()));
  } finally {
    watcher.close();
  }
  return { killed };
}

describe('crash safety', () => {
  const spaces: Workspace[] = [];
  afterEach(async () => {
    for (const ws of spaces.splice(0)) await ws.close();
  });

  it.each([1, 2, 3, 4])(
    'apply SIGKILLed at a random point (seed %i), then re-run, converges without losing or repeating a change',
    async (seed) => {
      const ws = await Workspace.create({ users: 60, seed: 10 + seed });
      spaces.push(ws);
      expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
      await withoutFloor(ws.dir);
      const state = await ws.state();
      const skills = [...new Set(state.users.flatMap((u) => u.skills.map((s) => s.name)))].sort();
      const profiles = (await loadDesiredState(ws.dir)).value!.profiles.slice(0, 24);
      const edits = Object.fromEntries(
        profiles.map((p, i) => [p.email, { [skills[(i + seed) % skills.length]!]: (i % 5) + 1 }]),
      );
      await ws.editProfiles(edits);
      await ws.control('PUT', '/__emulator/faults', { latencyMs: [5, 25] });
      const planned = JSON.parse((await ws.cli(['diff', '--json'])).stdout).counts.users as number;
      expect(planned).toBeGreaterThan(20);

      const killAfter = Math.floor(rng(seed)() * planned);
      const writesBefore = await ws.writes();
      const { killed } = await applyAndKill(ws, killAfter);
      expect(killed).toBe(true);
      const writesByKilled = (await ws.writes()) - writesBefore;
      const journal = findInterrupted(await readFile(join(ws.cwd, JOURNAL), 'utf8'));
      expect(journal).toMatchObject({ planned });
      expect(journal!.applied).toBeGreaterThanOrEqual(killAfter);

      const remaining = JSON.parse((await ws.cli(['diff', '--json'])).stdout).counts.users as number;
      expect(remaining).toBe(planned - writesByKilled);
      const rerun = await ws.cli(['apply', '--journal', JOURNAL]);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toMatch(
        new RegExp(`previous apply .* was interrupted after \\d+ of ${planned} writes`),
      );
      expect((await ws.writes()) - writesBefore).toBe(planned);
      expect((await ws.cli(['diff'])).code).toBe(0);
      const live = new Map(
        (await ws.state()).users.map((u) => [
          u.email.toLowerCase(),
          Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency])),
        ]),
      );
      for (const [email, skills] of Object.entries(edits)) expect(live.get(email)).toEqual(skills);
      expect(findInterrupted(await readFile(join(ws.cwd, JOURNAL), 'utf8'))).toBeUndefined();
    },
  );
});
