import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_UI_CLIENT } from '../../src/emulator/index.js';
import { createGenesysClient } from '../../src/genesys/index.js';
import { loadDesiredState } from '../../src/state/index.js';
import { withoutFloor } from '../support/settings-text.js';
import { Workspace } from '../support/e2e.js';

/**
 * The defined outcome when a colleague edits skills in the admin UI while an apply runs: git wins on what it owns
 * (a user apply writes after the edit ends at git's state); an edit that lands after apply wrote that user stays
 * until the next apply and the next diff names it as drift, with who and when. Users git does not name keep the
 * colleague's edit.
 */
describe('concurrent edits in the admin UI', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 50, seed: 21 });
  });
  afterEach(async () => {
    await ws.close();
  });

  it('git wins on owned users, the next diff shows the rest as drift, unowned edits survive', async () => {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    await withoutFloor(ws.dir);
    const profiles = (await loadDesiredState(ws.dir)).value!.profiles;
    const named = profiles.slice(0, 20).map((p) => p.email);
    const state = await ws.state();
    const skills = [...new Set(state.users.flatMap((u) => u.skills.map((s) => s.name)))].sort();
    const edits = Object.fromEntries(named.map((email, i) => [email, { [skills[i % skills.length]!]: 4 }]));
    await ws.editProfiles(edits, new Set(named));
    const unowned = state.users.find((u) => !named.includes(u.email.toLowerCase()) && u.skills.length > 0)!;
    const owned = state.users.filter((u) => named.includes(u.email.toLowerCase()));
    await ws.control('PUT', '/__emulator/faults', { latencyMs: [10, 30] });

    const admin = createGenesysClient({
      clientId: ADMIN_UI_CLIENT.id,
      clientSecret: ADMIN_UI_CLIENT.secret,
      apiBaseUrl: ws.emulator.url,
    });
    const skillId = unowned.skills[0]!.id;
    const applying = ws.cli(['apply', '--ignore-window']);
    await Promise.all([
      admin.replaceUserSkills(unowned.id, [{ id: skillId, proficiency: 0.5 }]),
      ...owned.slice(0, 5).map((u) => admin.replaceUserSkills(u.id, [{ id: skillId, proficiency: 0.5 }])),
    ]);
    expect((await applying).code).toBe(0);

    const after = await ws.state();
    const live = (id: string) =>
      Object.fromEntries(after.users.find((u) => u.id === id)!.skills.map((s) => [s.name, s.proficiency]));
    expect(live(unowned.id)).toEqual({ [unowned.skills[0]!.name]: 0.5 });
    const diff = JSON.parse((await ws.cli(['diff', '--json'])).stdout);
    const drifted = new Set<string>(diff.drift.map((d: { email: string }) => d.email));
    for (const u of owned.slice(0, 5)) {
      const email = u.email.toLowerCase();
      if (drifted.has(email)) {
        expect(diff.drift.find((d: { email: string }) => d.email === email).changedBy).toBe('Dana Admin');
      } else {
        expect(live(u.id)).toEqual(edits[email]);
      }
    }
    // the next apply restores git everywhere it owns
    expect((await ws.cli(['apply', '--ignore-window'])).code).toBe(0);
    for (const u of owned)
      expect((await ws.state()).users.find((x) => x.id === u.id)!.skills.map((s) => s.proficiency)).toEqual([
        4,
      ]);
  });
});
