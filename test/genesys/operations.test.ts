import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { API, fakeClock, json, mockAgent, mockToken, testClient } from './helpers.js';

let agent: MockAgent;
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

describe('writes', () => {
  it('sends skill writes as UserRoutingSkillPost arrays and counts them', async () => {
    agent = mockAgent();
    mockToken(agent);
    const skills = [
      { id: 's1', proficiency: 4 },
      { id: 's2', proficiency: 2.5 },
    ];
    const api = agent.get(API);
    api
      .intercept({
        path: '/api/v2/users/u%2F1/routingskills/bulk',
        method: 'PUT',
        body: JSON.stringify(skills),
      })
      .reply(200, { entities: [] }, json);
    api
      .intercept({
        path: '/api/v2/users/u1/routingskills/bulk',
        method: 'PATCH',
        body: JSON.stringify(skills),
      })
      .reply(200, { entities: [] }, json);
    api.intercept({ path: '/api/v2/users/u1/routingskills/s1', method: 'DELETE' }).reply(204, '');
    api
      .intercept({
        path: '/api/v2/flows/datatables/t1/rows/Support%7CTech%20Support',
        method: 'PUT',
        body: JSON.stringify({ key: 'Support|Tech Support', weight: 40 }),
      })
      .reply(200, {}, json);
    api
      .intercept({ path: '/api/v2/flows/datatables/t1/rows/Support%7CBilling', method: 'DELETE' })
      .reply(204, '');
    api
      .intercept({
        path: '/api/v2/flows/datatables/t1/rows',
        method: 'POST',
        body: JSON.stringify({ key: 'Sales|Billing', weight: 7 }),
      })
      .reply(200, { key: 'Sales|Billing', weight: 7 }, json);
    api
      .intercept({
        path: '/api/v2/routing/skills',
        method: 'POST',
        body: JSON.stringify({ name: 'Spanish' }),
      })
      .reply(200, { id: 'new', name: 'Spanish', state: 'active', version: '1' }, json);
    const { client } = testClient(agent, fakeClock());
    await client.replaceUserSkills('u/1', skills);
    await client.patchUserSkills('u1', skills);
    await client.deleteUserSkill('u1', 's1');
    await client.updateDataTableRow('t1', { key: 'Support|Tech Support', weight: 40 });
    await client.deleteDataTableRow('t1', 'Support|Billing');
    await client.createDataTableRow('t1', { key: 'Sales|Billing', weight: 7 });
    expect(await client.createSkill('Spanish')).toEqual({ id: 'new', name: 'Spanish' });
    expect(client.stats).toMatchObject({ requests: 7, writes: 7, retries: 0 });
  });

  it('a 404 on a first DELETE is an error (nothing says it was ours)', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({ path: '/api/v2/users/u1/routingskills/s1', method: 'DELETE' })
      .reply(404, { message: 'User not found' }, json);
    const { client } = testClient(agent, fakeClock());
    await expect(client.deleteUserSkill('u1', 's1')).rejects.toMatchObject({ status: 404, name: 'ApiError' });
  });
});

describe('reads', () => {
  it('maps realtime audits page by page (expand=user)', async () => {
    agent = mockAgent();
    mockToken(agent);
    const message = (id: string) => ({
      id,
      user: { id: 'admin-1', name: 'Ada Admin' },
      client: { id: 'oauth-1' },
      serviceName: 'Routing',
      level: 'USER',
      eventDate: '2025-01-05T10:00:00Z',
      action: 'Update',
      entity: { id: 'u1' },
      entityType: 'UserSkill',
      status: 'SUCCESS',
    });
    const query = { interval: '2025-01-01T00:00:00Z/2025-01-06T00:00:00Z', serviceName: 'Routing' };
    for (const pageNumber of [1, 2]) {
      agent
        .get(API)
        .intercept({
          path: '/api/v2/audits/query/realtime',
          method: 'POST',
          query: { expand: 'user' },
          body: JSON.stringify({ ...query, pageNumber, pageSize: 500 }),
        })
        .reply(200, { entities: [message(`a${pageNumber}`)], pageNumber, pageCount: 2, total: 2 }, json);
    }
    const { client } = testClient(agent, fakeClock());
    const audits = await client.queryAudits(query);
    expect(audits).toEqual([
      {
        id: 'a1',
        userId: 'admin-1',
        userName: 'Ada Admin',
        clientId: 'oauth-1',
        entityId: 'u1',
        entityType: 'UserSkill',
        action: 'Update',
        eventDate: '2025-01-05T10:00:00Z',
        serviceName: 'Routing',
      },
      expect.objectContaining({ id: 'a2' }),
    ]);
  });

  it("reads one user's skills 100 at a time", async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({
        path: '/api/v2/users/u1/routingskills',
        method: 'GET',
        query: { pageSize: 100, pageNumber: 1 },
      })
      .reply(
        200,
        { entities: [{ id: 's1', name: 'Billing', proficiency: 3, state: 'active' }], pageCount: 1 },
        json,
      );
    const { client } = testClient(agent, fakeClock());
    expect(await client.listUserSkills('u1')).toEqual([{ id: 's1', name: 'Billing', proficiency: 3 }]);
  });

  it('lists skills and wrap-up codes with only the port fields', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({
        path: '/api/v2/routing/wrapupcodes',
        method: 'GET',
        query: { pageSize: 500, pageNumber: 1 },
      })
      .reply(
        200,
        { entities: [{ id: 'w1', name: 'Billing question', division: { id: 'd' } }], pageCount: 1 },
        json,
      );
    agent
      .get(API)
      .intercept({ path: '/api/v2/routing/skills', method: 'GET', query: { pageSize: 500, pageNumber: 1 } })
      .reply(
        200,
        { entities: [{ id: 's1', name: 'Billing', state: 'active', version: '3' }], pageCount: 1 },
        json,
      );
    const { client } = testClient(agent, fakeClock());
    expect(await client.listWrapupCodes()).toEqual([{ id: 'w1', name: 'Billing question' }]);
    expect(await client.listSkills()).toEqual([{ id: 's1', name: 'Billing' }]);
  });
});
