/**
 * The habits of real orgs that the emulator's knobs reproduce, met end to end: expansions left out, more than 50
 * skills, concurrent edits (version conflicts) and a rate-limit window reported as 61 s.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { ADMIN_UI_CLIENT, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createGenesysClient, type Clock } from '../../src/genesys/index.js';
import { loadDesiredState } from '../../src/state/index.js';
import { fastClock } from '../support/fast-clock.js';
import { Workspace, type EmulatorState } from '../support/e2e.js';
import { captureError } from './helpers.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function workspace(): Promise<Workspace> {
  const ws = await Workspace.create({ users: 40, seed: 7, rateLimit: { count: 2000, windowSeconds: 60 } });
  cleanup.push(() => ws.close());
  return ws;
}

function skillsByEmail(state: EmulatorState): Map<string, Record<string, number>> {
  return new Map(
    state.users.map((u) => [
      u.email.toLowerCase(),
      Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency])),
    ]),
  );
}

const fast = () => ({ clock: fastClock(), backoffBaseMs: 200 });

describe('real-org habits, end to end on the emulator', () => {
  it('apply under expandDropRate 0.3 makes zero writes on an org in sync (the dropped users are re-read)', async () => {
    const ws = await workspace();
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    await ws.control('PUT', '/__emulator/faults', { expandDropRate: 0.3 });
    await ws.control('DELETE', '/__emulator/requests');
    const diff = await ws.cli(['diff']);
    expect(diff.stdout).toContain('No changes');
    expect(diff.code).toBe(0);
    const apply = await ws.cli(['apply', '--json']);
    expect(apply.code).toBe(0);
    expect(await ws.writes()).toBe(0);
    const counts = await ws.requests();
    expect(counts.byRoute['GET /api/v2/users/{userId}/routingskills']).toBeGreaterThan(3);
    expect(counts.byRoute['GET /api/v2/users/{userId}/routinglanguages']).toBeGreaterThan(3);
  });

  it('a user given 60 skills converges (PUT 50, PATCH 10) and the next diff is clean', async () => {
    const ws = await workspace();
    const admin = createGenesysClient({
      clientId: ADMIN_UI_CLIENT.id,
      clientSecret: ADMIN_UI_CLIENT.secret,
      apiBaseUrl: ws.emulator.url,
    });
    const existing = new Set((await admin.listSkills()).map((s) => s.name));
    for (let i = 0; existing.size + i < 60; i++)
      await admin.createSkill(`Extra skill ${String(i).padStart(2, '0')}`);
    const all = (await admin.listSkills()).map((s) => s.name).sort();
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const email = (await loadDesiredState(ws.dir)).value!.profiles[0]!.email;
    const wanted = Object.fromEntries(all.slice(0, 60).map((name, i) => [name, (i % 5) + 0.5]));
    await ws.editProfiles({ [email]: wanted });
    await ws.control('DELETE', '/__emulator/requests');
    const apply = await ws.cli(['apply']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(skillsByEmail(await ws.state()).get(email)).toEqual(wanted);
    const counts = await ws.requests();
    expect(counts.byRoute['PUT /api/v2/users/{userId}/routingskills/bulk']).toBe(1);
    expect(counts.byRoute['PATCH /api/v2/users/{userId}/routingskills/bulk']).toBe(1);
    expect(counts.status['400']).toBeUndefined();
    expect((await ws.cli(['diff'])).code).toBe(0);
  });

  it('apply converges under versionConflictRate 0.2 (409s retried)', async () => {
    const ws = await workspace();
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    // proficiency moves on the skills each user already holds: writes to meet conflicts, no staffing change
    const live0 = skillsByEmail(await ws.state());
    const named = (await loadDesiredState(ws.dir)).value!.profiles.map((p) => p.email).slice(0, 20);
    const edits = Object.fromEntries(
      named.map((email) => [
        email,
        Object.fromEntries(
          Object.entries(live0.get(email) ?? {}).map(([skill, p]) => [skill, p >= 3 ? p - 1 : p + 1]),
        ),
      ]),
    );
    await ws.editProfiles(edits);
    await ws.control('PUT', '/__emulator/faults', { versionConflictRate: 0.2 });
    await ws.control('DELETE', '/__emulator/requests');
    const apply = await ws.cli(['apply', '--json'], undefined, fast());
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(JSON.parse(apply.stdout)).toMatchObject({ status: 'applied' });
    expect((await ws.requests()).status['409']).toBeGreaterThan(0);
    await ws.control('PUT', '/__emulator/faults', {});
    const live = skillsByEmail(await ws.state());
    for (const email of named) expect(live.get(email), email).toEqual(edits[email]);
    expect((await ws.cli(['diff'])).code).toBe(0);
  });
});

describe('a 61 s rate-limit reset (one time base shared by the emulator and the client)', () => {
  /** Virtual time: the client's waits move the emulator's clock too, so a minute passes in milliseconds. */
  function sharedClock(): { clock: Clock; now: () => Date; waited: () => number } {
    let offset = 0;
    return {
      now: () => new Date(Date.now() + offset),
      waited: () => offset,
      clock: {
        now: () => Date.now() + offset,
        async sleep(ms) {
          offset += Math.max(0, ms);
          await tick();
        },
      },
    };
  }

  async function emulatorWith(now: () => Date): Promise<{ emulator: RunningEmulator; dispatcher: Agent }> {
    const emulator = await startEmulator({
      users: 20,
      queues: 2,
      skills: 4,
      days: 1,
      now,
      rateLimit: { count: 4, windowSeconds: 60 },
    });
    const dispatcher = new Agent();
    cleanup.push(
      () => emulator.close(),
      () => dispatcher.close(),
    );
    return { emulator, dispatcher };
  }

  it('is waited out: the window spent, the client waits about 61 s and goes on, with no 429 and no error', async () => {
    const time = sharedClock();
    const { emulator, dispatcher } = await emulatorWith(time.now);
    const client = createGenesysClient(
      { clientId: 'emulator-client', clientSecret: 'emulator-secret', apiBaseUrl: emulator.url },
      { dispatcher, clock: time.clock, concurrency: 1 },
    );
    for (let i = 0; i < 10; i++) expect((await client.listSkills()).length).toBe(4);
    expect(client.stats.throttled).toBe(0);
    expect(time.waited()).toBeGreaterThanOrEqual(2 * 60_000);
    expect(time.waited()).toBeLessThan(3 * 62_000);
  });

  it('a burst that meets 429s with Retry-After 61 waits them out (the longest wait covers 61 s)', async () => {
    const time = sharedClock();
    const { emulator, dispatcher } = await emulatorWith(time.now);
    const client = createGenesysClient(
      { clientId: 'emulator-client', clientSecret: 'emulator-secret', apiBaseUrl: emulator.url },
      { dispatcher, clock: time.clock, concurrency: 8 },
    );
    const lists = await Promise.all(Array.from({ length: 8 }, () => client.listSkills()));
    expect(lists.every((l) => l.length === 4)).toBe(true);
    expect(client.stats.throttled).toBeGreaterThan(0);
    expect(time.waited()).toBeGreaterThanOrEqual(60_000);
  });

  it('a client that waits at most 60 s stops at a 61 s Retry-After and calls it a full window, not a daily limit', async () => {
    const time = sharedClock();
    const { emulator, dispatcher } = await emulatorWith(time.now);
    const client = createGenesysClient(
      { clientId: 'emulator-client', clientSecret: 'emulator-secret', apiBaseUrl: emulator.url },
      { dispatcher, clock: time.clock, concurrency: 8, maxWaitMs: 60_000 },
    );
    const error = await captureError(Promise.all(Array.from({ length: 8 }, () => client.listSkills())));
    expect(error.name).toBe('RateLimitError');
    expect(error.message).toContain(
      'asks to wait 61 s, longer than the 60 s this client waits (a full rate-limit window)',
    );
  });
});
