import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import {
  DIVISION_LIMITED_CLIENT,
  divisionsOf,
  startEmulator,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { createGenesysClient, type GenesysClient } from '../../src/genesys/index.js';
import { validateResponse } from '../support/openapi.js';
import { captureError } from './helpers.js';

let emulator: RunningEmulator;
let dispatcher: Agent;
let full: GenesysClient;
let limited: GenesysClient;

beforeAll(async () => {
  emulator = await startEmulator({ users: 50, queues: 3, skills: 5, days: 1 });
  dispatcher = new Agent();
  const as = (clientId: string, clientSecret: string) =>
    createGenesysClient({ clientId, clientSecret, apiBaseUrl: emulator.url }, { dispatcher });
  full = as('emulator-client', 'emulator-secret');
  limited = as(DIVISION_LIMITED_CLIENT.id, DIVISION_LIMITED_CLIENT.secret);
});

afterAll(async () => {
  await dispatcher.close();
  await emulator.close();
});

describe('divisions in the emulator', () => {
  it('lists the divisions; users and queues carry their own', async () => {
    const answer = await full.call({
      method: 'GET',
      path: '/api/v2/authorization/divisions',
      permission: 'x',
    });
    expect(validateResponse('GET', '/api/v2/authorization/divisions', 200, answer.body)).toEqual([]);
    const names = (answer.body as { entities: { name: string; homeDivision: boolean }[] }).entities;
    expect(names.map((d) => [d.name, d.homeDivision])).toEqual([
      [divisionsOf(emulator.org).home.name, true],
      ['Partner Support', false],
    ]);
    const users = await full.call({
      method: 'GET',
      path: '/api/v2/users',
      query: { pageSize: 100 },
      permission: 'x',
    });
    const divisions = new Set(
      (users.body as { entities: { division: { name: string } }[] }).entities.map((u) => u.division.name),
    );
    expect(divisions).toEqual(new Set([divisionsOf(emulator.org).home.name, 'Partner Support']));
    const limitedDivisions = await limited.call({
      method: 'GET',
      path: '/api/v2/authorization/divisions',
      permission: 'x',
    });
    expect((limitedDivisions.body as { entities: unknown[] }).entities).toHaveLength(1);
  });

  it('the division-limited client does not see users and queues of other divisions', async () => {
    const all = await full.listUsers();
    const seen = await limited.listUsers();
    const away = divisionsOf(emulator.org).away;
    const awayUsers = all.filter((u) => away.has(u.id));
    expect(awayUsers.length).toBeGreaterThan(3);
    expect(seen.length).toBe(all.length - awayUsers.length);
    expect(seen.some((u) => away.has(u.id))).toBe(false);
    const queues = await limited.listQueues();
    expect(queues.length).toBe((await full.listQueues()).length - 1);
    const members = await limited.listQueueMembers(queues[0]!.id);
    expect(members.some((id) => away.has(id))).toBe(false);
  });

  it('a write to another division is a 403 that names division scope, not a permission the client has', async () => {
    const away = divisionsOf(emulator.org).away;
    const user = (await full.listUsers()).find((u) => away.has(u.id) && u.skills.length > 0)!;
    const before = await full.listUserSkills(user.id);
    const error = await captureError(
      limited.replaceUserSkills(user.id, [{ id: user.skills[0]!.id, proficiency: 1 }]),
    );
    expect(error).toMatchObject({ name: 'DivisionScopeError', status: 403, code: 'DIVISION_SCOPE' });
    expect(error.message).toContain('is in division "Partner Support"');
    expect(error.message).toContain('division scope');
    expect(error.message).not.toContain('needs the permission');
    expect(await full.listUserSkills(user.id)).toEqual(before);
    // and reading it by id: not found
    await expect(limited.listUserSkills(user.id)).rejects.toMatchObject({ status: 404 });
  });

  it('writes to the home division work for the division-limited client', async () => {
    // a skill of the home division (the partner queue's own skills are the partner division's)
    const away = divisionsOf(emulator.org).away;
    const user = (await limited.listUsers()).find((u) => u.skills.length > 0 && !away.has(u.skills[0]!.id))!;
    await limited.patchUserSkills(user.id, [{ id: user.skills[0]!.id, proficiency: 2.5 }]);
    expect((await full.listUserSkills(user.id)).find((s) => s.id === user.skills[0]!.id)?.proficiency).toBe(
      2.5,
    );
  });
});
