import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIVISION_LIMITED_CLIENT, divisionsOf } from '../../src/emulator/index.js';
import { Workspace } from '../support/e2e.js';

describe('a client whose role covers only some divisions', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 40, queues: 3, skills: 5, days: 1 });
  });
  afterEach(async () => {
    await ws.close();
  });

  it('validate names division scope as the likely cause for users it cannot see; export keeps to what it sees', async () => {
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const away = divisionsOf(ws.emulator.org).away;
    const hidden = ws.emulator.org.users.filter((u) => away.has(u.id));
    expect(hidden.length).toBeGreaterThan(0);

    ws.env.GENESYSCLOUD_OAUTHCLIENT_ID = DIVISION_LIMITED_CLIENT.id;
    ws.env.GENESYSCLOUD_OAUTHCLIENT_SECRET = DIVISION_LIMITED_CLIENT.secret;
    const validate = await ws.cli(['validate']);
    expect(validate.code).toBe(1);
    const unknown = (validate.stdout + validate.stderr).split('\n').filter((l) => l.includes('unknown user'));
    expect(unknown.length).toBeGreaterThan(0);
    for (const line of unknown)
      expect(line).toContain("in a division this OAuth client's role does not cover");
    const named = hidden.map((u) => u.email.toLowerCase()).filter((e) => validate.stdout.includes(e));
    expect(named.length).toBe(unknown.length);

    const limited = await ws.cli(['export', '--out', 'limited']);
    expect(limited.code).toBe(0);
    const again = await ws.cli(['validate', '--dir', 'limited']);
    expect(again.stdout + again.stderr).not.toContain('unknown user');
    for (const u of hidden) expect(again.stdout + again.stderr).not.toContain(u.email.toLowerCase());
  });
});
