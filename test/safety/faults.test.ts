import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/state/index.js';
import { fastClock } from '../support/fast-clock.js';
import { withoutFloor } from '../support/settings-text.js';
import { Workspace, type EmulatorState } from '../support/e2e.js';

function byEmail(state: EmulatorState): Map<string, Record<string, number>> {
  return new Map(
    state.users.map((u) => [
      u.email.toLowerCase(),
      Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency])),
    ]),
  );
}

/** A deterministic rotation of every named user's skills: enough changes to meet every kind of fault. */
function editsFor(state: EmulatorState, emails: string[]): Record<string, Record<string, number>> {
  const skills = [...new Set(state.users.flatMap((u) => u.skills.map((s) => s.name)))].sort();
  const out: Record<string, Record<string, number>> = {};
  emails.forEach((email, i) => {
    const a = skills[i % skills.length]!;
    const b = skills[(i * 3 + 1) % skills.length]!;
    out[email] = { [a]: (i % 5) + 0.5, [b]: 5 - (i % 4) };
  });
  return out;
}

describe('apply under fire', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 90, seed: 5, rateLimit: { count: 1000, windowSeconds: 60 } });
  });
  afterEach(async () => {
    await ws.close();
  });

  it('converges to git under 429s, 5xx, dropped connections, latency and expiring tokens, touching nothing else', async () => {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    await withoutFloor(ws.dir);
    const loaded = await loadDesiredState(ws.dir);
    const named = loaded.value!.profiles.map((p) => p.email).slice(0, 30);
    // the other exported users leave git: from now on they are not owned and must stay byte-for-byte the same
    const before = await ws.state();
    const edits = editsFor(before, named);
    await ws.editProfiles(edits, new Set(named));
    expect((await loadDesiredState(ws.dir)).value!.profiles).toHaveLength(named.length);
    expect(before.users.length).toBeGreaterThan(named.length + 30);
    await ws.control('PUT', '/__emulator/faults', {
      rate429: 0.2,
      rate5xx: 0.1,
      resetRate: 0.03,
      latencyMs: [0, 40],
      tokenTtlSeconds: 1,
    });
    const runs = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const run = await ws.cli(['apply', '--json'], undefined, {
        clock: fastClock(),
        maxRetries: 4,
        backoffBaseMs: 200,
      });
      runs.push(run);
      if (run.code === 0) break;
      // a failed run names each failure with its reason
      const outcome = JSON.parse(run.stdout);
      expect(outcome.status).toBe('partial');
      for (const r of outcome.results.filter((x: { status: string }) => x.status === 'failed'))
        expect(r.error).toMatch(/\w/);
    }
    expect(runs.at(-1)!.code).toBe(0);
    expect(runs.length).toBeLessThanOrEqual(2);
    const counts = await ws.requests();
    expect(Object.keys(counts.status)).toEqual(expect.arrayContaining(['429']));

    await ws.control('PUT', '/__emulator/faults', {
      rate429: 0,
      rate5xx: 0,
      resetRate: 0,
      latencyMs: [0, 0],
    });
    const after = await ws.state();
    const live = byEmail(after);
    const desired = await loadDesiredState(ws.dir);
    for (const p of desired.value!.profiles) expect(live.get(p.email)).toEqual(p.skills);
    const owned = new Set(desired.value!.profiles.map((p) => p.email));
    for (const u of before.users.filter((x) => !owned.has(x.email.toLowerCase()))) {
      expect(JSON.stringify(after.users.find((x) => x.id === u.id))).toBe(JSON.stringify(u));
    }
    expect(JSON.stringify(after.dataTables)).toBe(JSON.stringify(before.dataTables));
    expect((await ws.cli(['diff'])).code).toBe(0);
  });
});
