import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { fetchAllPages } from '../../src/genesys/paging.js';
import { API, fakeClock, json, mockAgent, mockToken, testClient } from './helpers.js';

let agent: MockAgent | undefined;
afterEach(async () => {
  agent?.assertNoPendingInterceptors();
  await agent?.close();
  agent = undefined;
});

function user(n: number) {
  return {
    id: `u${n}`,
    name: `User ${n}`,
    email: `user${n}@example.com`,
    state: 'active',
    version: 1,
    skills: [{ id: 's1', name: 'Billing', proficiency: n % 6, state: 'active', selfUri: '/x' }],
    languages: [],
  };
}

function usersPage(pageNumber: number, total: number) {
  const from = (pageNumber - 1) * 500;
  const entities = Array.from({ length: Math.max(0, Math.min(500, total - from)) }, (_, i) =>
    user(from + i + 1),
  );
  return { entities, pageSize: 500, pageNumber, total, pageCount: Math.ceil(total / 500) };
}

describe('page-number paging', () => {
  it('reads 1,234 users with skills in 3 requests (one per 500), pages 2–3 in parallel', async () => {
    agent = mockAgent();
    mockToken(agent);
    for (const pageNumber of [1, 2, 3]) {
      agent
        .get(API)
        .intercept({
          path: '/api/v2/users',
          method: 'GET',
          query: { pageSize: 500, pageNumber, expand: ['skills', 'languages'] },
        })
        .reply(200, usersPage(pageNumber, 1234), json);
    }
    const { client } = testClient(agent, fakeClock());
    const users = await client.listUsers();
    expect(users).toHaveLength(1234);
    expect(new Set(users.map((u) => u.id)).size).toBe(1234);
    expect(users[0]).toEqual({
      id: 'u1',
      name: 'User 1',
      email: 'user1@example.com',
      state: 'active',
      skills: [{ id: 's1', name: 'Billing', proficiency: 1 }],
      languages: [],
    });
    expect(users.at(-1)?.id).toBe('u1234');
    expect(client.stats.requests).toBe(3);
  });

  it('reads queue members 100 at a time until a short page (the listing has no total)', async () => {
    agent = mockAgent();
    mockToken(agent);
    const sizes = [100, 100, 7];
    sizes.forEach((size, index) => {
      const entities = Array.from({ length: size }, (_, i) => ({
        id: `m${index}-${i}`,
        name: 'x',
        joined: true,
      }));
      agent!
        .get(API)
        .intercept({
          path: '/api/v2/routing/queues/q%201/members',
          method: 'GET',
          query: { pageSize: 100, pageNumber: index + 1 },
        })
        .reply(200, { entities, pageSize: 100, pageNumber: index + 1 }, json);
    });
    const { client } = testClient(agent, fakeClock());
    const members = await client.listQueueMembers('q 1');
    expect(members).toHaveLength(207);
    expect(members[0]).toBe('m0-0');
  });

  it('reads full data-table rows (showbrief=false) and queues with their service level', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({
        path: '/api/v2/flows/datatables/t1/rows',
        method: 'GET',
        query: { pageSize: 500, pageNumber: 1, showbrief: false },
      })
      .reply(200, { entities: [{ key: 'Support|Billing', weight: 80 }], pageCount: 1 }, json);
    agent
      .get(API)
      .intercept({ path: '/api/v2/routing/queues', method: 'GET', query: { pageSize: 500, pageNumber: 1 } })
      .reply(
        200,
        {
          entities: [
            {
              id: 'q1',
              name: 'Support',
              memberCount: 12,
              mediaSettings: { call: { serviceLevel: { percentage: 0.8, durationMs: 20000 } } },
            },
            { id: 'q2', name: 'Sales' },
          ],
          total: 2,
          pageSize: 500,
        },
        json,
      );
    const { client } = testClient(agent, fakeClock());
    expect(await client.listDataTableRows('t1')).toEqual([{ key: 'Support|Billing', weight: 80 }]);
    expect(await client.listQueues()).toEqual([
      {
        id: 'q1',
        name: 'Support',
        memberCount: 12,
        serviceLevel: { percentage: 0.8, durationMs: 20000 },
        mediaServiceLevels: { voice: { percentage: 0.8, durationMs: 20000 } },
      },
      { id: 'q2', name: 'Sales' },
    ]);
  });

  it('finds a data table by its exact name among wildcard matches', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({
        path: '/api/v2/flows/datatables',
        method: 'GET',
        query: { pageSize: 500, pageNumber: 1, name: 'Weights', expand: 'schema' },
      })
      .reply(
        200,
        {
          entities: [
            { id: 't0', name: 'weights' },
            { id: 't1', name: 'Weights', schema: { type: 'object' } },
          ],
          pageCount: 1,
        },
        json,
      )
      .times(2);
    const { client } = testClient(agent, fakeClock());
    expect(await client.findDataTable('Weights')).toEqual({
      id: 't1',
      name: 'Weights',
      schema: { type: 'object' },
    });
    agent
      .get(API)
      .intercept({
        path: '/api/v2/flows/datatables',
        method: 'GET',
        query: { pageSize: 500, pageNumber: 1, name: 'Nope', expand: 'schema' },
      })
      .reply(200, { entities: [], pageCount: 0 }, json);
    expect(await client.findDataTable('Nope')).toBeUndefined();
    expect(await client.findDataTable('Weights')).toBeDefined();
  });
});

describe('fetchAllPages', () => {
  it('uses total when pageCount is missing and asks each page once', async () => {
    const asked: number[] = [];
    const all = await fetchAllPages((n) => {
      asked.push(n);
      return Promise.resolve({ entities: [n], total: 5, pageSize: 2 });
    }, 2);
    expect(asked.sort()).toEqual([1, 2, 3]);
    expect(all).toEqual([1, 2, 3]);
  });

  it('stops on an empty first page', async () => {
    let calls = 0;
    const all = await fetchAllPages(() => {
      calls += 1;
      return Promise.resolve({ entities: [] });
    }, 25);
    expect(all).toEqual([]);
    expect(calls).toBe(1);
  });
});
