import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { DIVISION_LIMITED_CLIENT, divisionsOf } from '../../src/emulator/index.js';
import { createGenesysClient, type GenesysClient } from '../../src/genesys/index.js';
import { Workspace } from '../support/e2e.js';
import { validateResponse } from '../support/openapi.js';

/** Skills are divisioned objects in Genesys (RoutingSkill.division): the partner queue's own skills are not home's. */
let ws: Workspace;
let dispatcher: Agent;
let full: GenesysClient;
let limited: GenesysClient;

beforeAll(async () => {
  ws = await Workspace.create({ users: 50, queues: 3, skills: 5, days: 1 });
  dispatcher = new Agent();
  const as = (clientId: string, clientSecret: string) =>
    createGenesysClient({ clientId, clientSecret, apiBaseUrl: ws.emulator.url }, { dispatcher });
  full = as('emulator-client', 'emulator-secret');
  limited = as(DIVISION_LIMITED_CLIENT.id, DIVISION_LIMITED_CLIENT.secret);
});

afterAll(async () => {
  await dispatcher.close();
  await ws.close();
});

function partnerSkill() {
  const { org } = ws.emulator;
  const away = divisionsOf(org).away;
  const skill = org.skills.find((s) => away.has(s.id));
  expect(skill).toBeDefined();
  return skill!;
}

describe('skills in divisions', () => {
  it('puts the skills only the partner queue requests in its division, and shows it on the skill', async () => {
    const skill = partnerSkill();
    const { org } = ws.emulator;
    const partnerQueue = org.queues.at(-1)!;
    expect(partnerQueue.requests.some((r) => r.skillIds.includes(skill.id))).toBe(true);
    for (const q of org.queues.slice(0, -1))
      expect(q.requests.some((r) => r.skillIds.includes(skill.id))).toBe(false);
    const answer = await full.call({
      method: 'GET',
      path: `/api/v2/routing/skills/${skill.id}`,
      permission: 'routing:skill:view',
    });
    expect(validateResponse('GET', '/api/v2/routing/skills/{skillId}', 200, answer.body)).toEqual([]);
    expect((answer.body as { division: { name: string } }).division.name).toBe('Partner Support');
    const home = org.skills.find((s) => s.id !== skill.id)!;
    const other = await full.call({
      method: 'GET',
      path: `/api/v2/routing/skills/${home.id}`,
      permission: 'routing:skill:view',
    });
    expect((other.body as { division: { name: string } }).division.name).toBe(divisionsOf(org).home.name);
  });

  it('the division-limited client neither lists nor finds it, and a write assigning it is DIVISION_SCOPE', async () => {
    const skill = partnerSkill();
    const all = await full.listSkills();
    const seen = await limited.listSkills();
    expect(all.some((s) => s.id === skill.id)).toBe(true);
    expect(seen.some((s) => s.id === skill.id)).toBe(false);
    expect(seen.length).toBe(all.length - 1);
    await expect(
      limited.call({ method: 'GET', path: `/api/v2/routing/skills/${skill.id}`, permission: 'x' }),
    ).rejects.toMatchObject({ status: 404 });

    const away = divisionsOf(ws.emulator.org).away;
    const user = (await limited.listUsers()).find(
      (u) => !away.has(u.id) && !u.skills.some((s) => s.id === skill.id) && u.skills.length > 0,
    )!;
    const before = await full.listUserSkills(user.id);
    const error = await limited
      .patchUserSkills(user.id, [{ id: skill.id, proficiency: 3 }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DivisionScopeError', status: 403, code: 'DIVISION_SCOPE' });
    expect((error as Error).message).toContain('is in division "Partner Support"');
    expect(await full.listUserSkills(user.id)).toEqual(before);
    // the full client assigns it; the limited one still sees the assignment and writes the user's other skills
    await full.patchUserSkills(user.id, [{ id: skill.id, proficiency: 3 }]);
    const listed = await limited.listUserSkills(user.id);
    expect(listed.find((s) => s.id === skill.id)?.proficiency).toBe(3);
    const kept = user.skills[0]!;
    await limited.replaceUserSkills(user.id, [
      ...listed.filter((s) => s.id !== kept.id).map((s) => ({ id: s.id, proficiency: s.proficiency })),
      { id: kept.id, proficiency: 4.5 },
    ]);
    expect((await full.listUserSkills(user.id)).find((s) => s.id === kept.id)?.proficiency).toBe(4.5);
    // removing it is a write to the partner's skill
    await expect(limited.deleteUserSkill(user.id, skill.id)).rejects.toMatchObject({
      code: 'DIVISION_SCOPE',
    });
  });

  it('validate names division scope as a likely cause when desired state names a skill the client cannot see', async () => {
    const skill = partnerSkill();
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    const dir = join(ws.dir, 'routing-profiles');
    const file = join(dir, (await readdir(dir))[0]!);
    const text = await readFile(file, 'utf8');
    const away = divisionsOf(ws.emulator.org).away;
    const home = ws.emulator.org.users.find(
      (u) => u.state === 'active' && !away.has(u.id) && text.includes(u.email.toLowerCase()),
    )!;
    const email = home.email.toLowerCase();
    const line = new RegExp(`(  ${email.replace(/[.+]/g, '\\$&')}:\\n    skills: \\{ )`);
    expect(text).toMatch(line);
    await writeFile(file, text.replace(line, `$1${skill.name}: 2, `));

    ws.env.GENESYSCLOUD_OAUTHCLIENT_ID = DIVISION_LIMITED_CLIENT.id;
    ws.env.GENESYSCLOUD_OAUTHCLIENT_SECRET = DIVISION_LIMITED_CLIENT.secret;
    try {
      const validate = await ws.cli(['validate']);
      expect(validate.code).toBe(1);
      const output = validate.stdout + validate.stderr;
      const problem = output.split('\n').find((l) => l.includes(`unknown skill "${skill.name}"`));
      expect(problem).toBeDefined();
      expect(problem).toContain("in a division this OAuth client's role does not cover");
    } finally {
      ws.env.GENESYSCLOUD_OAUTHCLIENT_ID = 'emulator-client';
      ws.env.GENESYSCLOUD_OAUTHCLIENT_SECRET = 'emulator-secret';
    }
    // the full client sees the skill: the same desired state is valid
    expect((await ws.cli(['validate'])).code).toBe(0);
  });
});
