import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startEmulator } from '../../src/emulator/index.js';
import { configFromEnv, createGenesysClient } from '../../src/genesys/index.js';
import { loadDesiredState } from '../../src/state/load.js';
import { withTempDir } from './helpers.js';

describe('export and validate against the emulator (real client, 127.0.0.1)', () => {
  it('export → validate passes, and the files hold exactly the org’s skills and weights', async () => {
    const emulator = await startEmulator({ users: 120, queues: 6, skills: 10, days: 1, seed: 11 });
    try {
      await withTempDir(async (tmp) => {
        const env = {
          GENESYSCLOUD_OAUTHCLIENT_ID: 'emulator-client',
          GENESYSCLOUD_OAUTHCLIENT_SECRET: 'emulator-secret',
          GENESYSCLOUD_API_REGION: emulator.url,
        };
        const out: string[] = [];
        const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), cwd: tmp, env };
        expect(await main(['export', '--out', 'desired-state'], io)).toBe(0);
        expect(await main(['validate'], io)).toBe(0);
        expect(out.at(-1)).toMatch(
          /^desired-state: valid, \d+ users, 6 queues, \d+ weights; references checked/,
        );

        const state = (await loadDesiredState(path.join(tmp, 'desired-state'))).value!;
        const port = createGenesysClient(configFromEnv(env));
        const users = await port.listUsers();
        const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
        expect(state.profiles.length).toBeGreaterThan(0);
        for (const profile of state.profiles) {
          const live = byEmail.get(profile.email);
          expect(profile.skills).toEqual(
            Object.fromEntries((live?.skills ?? []).map((s) => [s.name, s.proficiency])),
          );
        }
        const table = await port.findDataTable('Routing Skill Weights');
        const rows = table ? await port.listDataTableRows(table.id) : [];
        const weights: Record<string, Record<string, unknown>> = {};
        for (const row of rows) {
          const [queue, skill] = row.key.split('|') as [string, string];
          (weights[queue] ??= {})[skill] = row.weight;
        }
        expect(state.weights).toEqual(weights);
      });
    } finally {
      await emulator.close();
    }
  });
});
