import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { API, fakeClock, json, mockAgent, mockToken, testClient } from './helpers.js';

let agent: MockAgent;
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const USERS_QUERY = { pageSize: 500, pageNumber: 1, expand: ['skills', 'languages'] };

function listing(entities: unknown[], pageNumber = 1, pageCount = 1) {
  return { entities, pageSize: entities.length, pageNumber, total: entities.length, pageCount };
}

function writes(n: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, proficiency: (i % 5) + 1 }));
}

describe('routing languages', () => {
  it('lists every page of routing languages, deleted ones left out', async () => {
    agent = mockAgent();
    mockToken(agent);
    const api = agent.get(API);
    const page1 = { ...listing([{ id: 'l1', name: 'Spanish', state: 'active' }]), pageCount: 2 };
    const page2 = {
      ...listing([
        { id: 'l2', name: 'French', state: 'active' },
        { id: 'l3', name: 'Klingon', state: 'deleted' },
      ]),
      pageNumber: 2,
      pageCount: 2,
    };
    api
      .intercept({
        path: '/api/v2/routing/languages',
        method: 'GET',
        query: { pageSize: 500, pageNumber: 1 },
      })
      .reply(200, page1, json);
    api
      .intercept({
        path: '/api/v2/routing/languages',
        method: 'GET',
        query: { pageSize: 500, pageNumber: 2 },
      })
      .reply(200, page2, json);
    const { client } = testClient(agent, fakeClock());
    expect(await client.listLanguages()).toEqual([
      { id: 'l1', name: 'Spanish' },
      { id: 'l2', name: 'French' },
    ]);
  });

  it('reads users with skills and languages from one expanded listing', async () => {
    agent = mockAgent();
    mockToken(agent);
    const user = {
      id: 'u1',
      name: 'Ana',
      email: 'ana@example.com',
      state: 'active',
      skills: [{ id: 's1', name: 'Billing', proficiency: 4, state: 'active' }],
      languages: [
        { id: 'l1', name: 'Spanish', proficiency: 5, state: 'active' },
        { id: 'l9', name: 'Old', proficiency: 1, state: 'deleted' },
      ],
    };
    agent
      .get(API)
      .intercept({ path: '/api/v2/users', method: 'GET', query: USERS_QUERY })
      .reply(200, listing([user]), json);
    const { client } = testClient(agent, fakeClock());
    expect(await client.listUsers()).toEqual([
      {
        id: 'u1',
        name: 'Ana',
        email: 'ana@example.com',
        state: 'active',
        skills: [{ id: 's1', name: 'Billing', proficiency: 4 }],
        languages: [{ id: 'l1', name: 'Spanish', proficiency: 5 }],
      },
    ]);
    expect(client.stats.requests).toBe(1);
  });

  it('re-reads the skills or languages a listing left out (expand is best effort), never reads them as none', async () => {
    agent = mockAgent();
    mockToken(agent);
    const api = agent.get(API);
    const users = [
      { id: 'u1', name: 'Ana', email: 'ana@example.com', languages: [] },
      { id: 'u2', name: 'Bo', email: 'bo@example.com', skills: [] },
      { id: 'u3', name: 'Cy', email: 'cy@example.com', skills: [], languages: [] },
    ];
    api
      .intercept({ path: '/api/v2/users', method: 'GET', query: USERS_QUERY })
      .reply(200, listing(users), json);
    api
      .intercept({
        path: '/api/v2/users/u1/routingskills',
        method: 'GET',
        query: { pageSize: 100, pageNumber: 1 },
      })
      .reply(200, listing([{ id: 's1', name: 'Billing', proficiency: 3, state: 'active' }]), json);
    api
      .intercept({
        path: '/api/v2/users/u2/routinglanguages',
        method: 'GET',
        query: { pageSize: 100, pageNumber: 1 },
      })
      .reply(200, listing([{ id: 'l1', name: 'Spanish', proficiency: 2, state: 'active' }]), json);
    const { client } = testClient(agent, fakeClock());
    const live = await client.listUsers();
    expect(live.map((u) => [u.id, u.skills, u.languages])).toEqual([
      ['u1', [{ id: 's1', name: 'Billing', proficiency: 3 }], []],
      ['u2', [], [{ id: 'l1', name: 'Spanish', proficiency: 2 }]],
      ['u3', [], []],
    ]);
    expect(client.stats.requests).toBe(3);
  });

  it('lists inactive users (state=inactive) without routing data', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({
        path: '/api/v2/users',
        method: 'GET',
        query: { state: 'inactive', pageSize: 500, pageNumber: 1 },
      })
      .reply(200, listing([{ id: 'u9', name: 'Gone', email: 'gone@example.com', state: 'inactive' }]), json);
    const { client } = testClient(agent, fakeClock());
    expect(await client.listInactiveUsers()).toEqual([
      { id: 'u9', name: 'Gone', email: 'gone@example.com', state: 'inactive' },
    ]);
  });

  it('patches languages 50 per call and deletes one (routing:language:assign named on 403)', async () => {
    agent = mockAgent();
    mockToken(agent);
    const api = agent.get(API);
    const languages = writes(60, 'l');
    for (const chunk of [languages.slice(0, 50), languages.slice(50)]) {
      api
        .intercept({
          path: '/api/v2/users/u1/routinglanguages/bulk',
          method: 'PATCH',
          body: JSON.stringify(chunk),
        })
        .reply(200, listing([]), json);
    }
    api.intercept({ path: '/api/v2/users/u1/routinglanguages/l%2F1', method: 'DELETE' }).reply(204, '');
    api
      .intercept({ path: '/api/v2/users/u2/routinglanguages/l1', method: 'DELETE' })
      .reply(403, { message: 'Missing permission', code: 'missing.permissions' }, json);
    const { client } = testClient(agent, fakeClock());
    await client.patchUserLanguages('u1', languages);
    await client.deleteUserLanguage('u1', 'l/1');
    await expect(client.deleteUserLanguage('u2', 'l1')).rejects.toMatchObject({
      name: 'PermissionError',
      message: expect.stringContaining('routing:language:assign') as string,
    });
    expect(client.stats.writes).toBe(4);
  });

  it('sends no request, not even a login, for an empty language patch', async () => {
    agent = mockAgent();
    const { client } = testClient(agent, fakeClock());
    await client.patchUserLanguages('u1', []);
    expect(client.stats).toMatchObject({ requests: 0, logins: 0 });
  });
});
