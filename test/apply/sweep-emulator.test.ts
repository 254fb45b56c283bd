import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ADMIN_UI_CLIENT } from '../../src/emulator/index.js';
import { createGenesysClient } from '../../src/genesys/index.js';
import { loadDesiredState } from '../../src/state/index.js';
import { fastClock } from '../support/fast-clock.js';
import { Workspace, type EmulatorState } from '../support/e2e.js';
import { startCountingProxy, type CountingProxy, type Intercept } from './counting-proxy.js';

const WRITE =
  /^(PUT|PATCH|DELETE|POST) \/api\/v2\/(users\/[^/]+\/routing(skills|languages)|flows\/datatables\/)/;

function skillsByEmail(state: EmulatorState): Map<string, Record<string, number>> {
  return new Map(
    state.users.map((u) => [
      u.email.toLowerCase(),
      Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency])),
    ]),
  );
}

interface Outcome {
  status: string;
  results: { status: string; error?: string; sweepRounds?: number; change: { target: { email?: string } } }[];
  writes: { planned: number; retried: number; total: number };
  sweep: { rounds: number; retriedTargets: number; recovered: number };
  apiCalls: { writes: number };
}

describe('apply converges in one run under heavy faults (final sweep)', () => {
  let seedsRun = 0;
  let sweptSeeds = 0;
  afterAll(() => {
    // the proof is only a proof if the sweep had work to do (checked when every seed ran)
    if (seedsRun === 20) expect(sweptSeeds).toBeGreaterThanOrEqual(15);
  });
  let ws: Workspace | undefined;
  let proxy: CountingProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await ws?.close();
    proxy = undefined;
    ws = undefined;
  });

  /** An exported org whose first `drifted` users are then changed in the org (git still holds the export). */
  async function driftedOrg(seed: number, users: number, drifted: number, intercept?: Intercept) {
    ws = await Workspace.create({
      seed,
      users,
      queues: 3,
      skills: 6,
      days: 1,
      rateLimit: { count: 100_000, windowSeconds: 1 },
    });
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const settingsPath = join(ws.dir, 'settings.yaml');
    const settings = await readFile(settingsPath, 'utf8');
    await writeFile(
      settingsPath,
      settings
        .replace(/maxChangesPerRun: \d+/, 'maxChangesPerRun: 5000')
        .replace(/maxRemovals: \d+/, 'maxRemovals: 5000')
        // the floor check's analytics reads are retried in rounds too (run-apply), but cost time; not tested here
        .replace(/serviceLevelFloor: [\d.]+/, 'serviceLevelFloor: 0'),
    );
    const git = (await loadDesiredState(ws.dir)).value!;
    const before = await ws.state();
    const skills = [...new Set(before.users.flatMap((u) => u.skills.map((s) => s.id)))].sort();
    const owned = new Set(git.profiles.map((p) => p.email));
    const targets = before.users.filter((u) => owned.has(u.email.toLowerCase())).slice(0, drifted);
    expect(targets).toHaveLength(drifted);
    const admin = createGenesysClient({
      clientId: ADMIN_UI_CLIENT.id,
      clientSecret: ADMIN_UI_CLIENT.secret,
      apiBaseUrl: ws.emulator.url,
    });
    await Promise.all(
      targets.map((u, i) =>
        admin.replaceUserSkills(u.id, [{ id: skills[i % skills.length]!, proficiency: 0.5 }]),
      ),
    );
    proxy = await startCountingProxy(ws.emulator.url, intercept);
    ws.env.GENESYSCLOUD_API_REGION = proxy.url;
    return { git, targets };
  }

  async function apply(maxRetries: number): Promise<{ code: number; outcome: Outcome; stderr: string }> {
    const run = await ws!.cli(['apply', '--json'], undefined, {
      clock: fastClock(),
      maxRetries,
      backoffBaseMs: 100,
    });
    if (!run.stdout) return { code: run.code, outcome: {} as Outcome, stderr: run.stderr };
    return { code: run.code, outcome: JSON.parse(run.stdout) as Outcome, stderr: run.stderr };
  }

  async function expectConverged(git: Awaited<ReturnType<typeof driftedOrg>>['git']): Promise<void> {
    await ws!.control('PUT', '/__emulator/faults', {});
    const live = skillsByEmail(await ws!.state());
    for (const p of git.profiles) expect(live.get(p.email)).toEqual(p.skills);
  }

  it('outlasts a burst of consecutive 502s on one user, longer than one request retry budget', async () => {
    let burst = 9;
    let victimPath = '';
    const { git, targets } = await driftedOrg(3, 40, 3, (method, path) => {
      if (method !== 'PUT' || path !== victimPath || burst === 0) return undefined;
      burst--;
      return { status: 502, body: { message: 'Upstream gateway failure', code: 'bad.gateway', status: 502 } };
    });
    victimPath = `/api/v2/users/${targets[1]!.id}/routingskills/bulk`;
    const { code, outcome } = await apply(3);
    expect(code).toBe(0);
    expect(outcome.status).toBe('applied');
    expect(burst).toBe(0);
    const victim = proxy!.log.filter((r) => r.path === victimPath);
    // 4 attempts (3 retries) per request: the first write and the first sweep round met only 502s, the second
    // round's write one more before it went through
    expect(victim.map((r) => r.status)).toEqual([...Array<number>(9).fill(502), 200]);
    expect(outcome.sweep).toMatchObject({ rounds: 2, retriedTargets: 1, recovered: 1 });
    expect(outcome.writes).toEqual({ planned: 3, retried: 2, total: 5 });
    expect(
      outcome.results.find((r) => r.change.target.email === targets[1]!.email.toLowerCase()),
    ).toMatchObject({
      status: 'applied',
      sweepRounds: 2,
    });
    await expectConverged(git);
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))(
    'restores 200 drifted users in one run under 20 pc 429, 10 pc 5xx, 3 pc resets, reordered (seed %i)',
    async (seed) => {
      const { git, targets } = await driftedOrg(seed, 210, 200);
      // a seeded random delay per request reorders them; faults are drawn from the emulator's seeded PRNG
      await ws!.control('PUT', '/__emulator/faults', {
        rate429: 0.2,
        rate5xx: 0.1,
        resetRate: 0.03,
        latencyMs: [0, 6],
      });
      // two retries per request (the client's default is five), so that many writes need the sweep
      const { code, outcome, stderr } = await apply(2);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      seedsRun++;
      if (outcome.sweep.rounds > 0) sweptSeeds++;
      expect(outcome.status).toBe('applied');
      // one write operation per drifted user, plus what the sweep re-sent, and the report adds them up
      expect(outcome.writes.planned).toBe(targets.length);
      expect(outcome.writes.total).toBe(outcome.writes.planned + outcome.writes.retried);
      expect(outcome.writes.retried).toBeLessThanOrEqual(outcome.sweep.retriedTargets * outcome.sweep.rounds);
      const writes = proxy!.log.filter((r) => WRITE.test(`${r.method} ${r.path}`));
      // every HTTP write the client sent is counted, and each drifted user got exactly one that succeeded
      expect(writes).toHaveLength(outcome.apiCalls.writes);
      const ok = writes.filter((r) => r.status === 200 || r.status === 204);
      expect(ok).toHaveLength(targets.length);
      expect(new Set(ok.map((r) => r.path)).size).toBe(targets.length);
      await expectConverged(git);
    },
  );
});
