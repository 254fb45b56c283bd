import { afterEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { PermissionError } from '../../src/errors.js';
import { API, captureError, fakeClock, json, mockAgent, mockToken, testClient } from './helpers.js';

let agent: MockAgent;
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const path = (userId: string) => `/api/v2/routing/users/${userId}/utilization`;
const error = (status: number, code: string) => ({ status, code, message: code, contextId: 'c1' });

describe("a user's utilization", () => {
  it('reads each media’s maximum capacity and the level it comes from', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({ path: path('u1'), method: 'GET' })
      .reply(
        200,
        {
          utilization: {
            call: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false },
            message: { maximumCapacity: 3, interruptableMediaTypes: ['call'] },
            chat: {},
          },
          maxInboundCalls: 1,
          level: 'Agent',
        },
        json,
      );
    const { client } = testClient(agent, fakeClock());
    expect(await client.getUserUtilization('u1')).toEqual({
      capacity: { call: 1, message: 3 },
      level: 'Agent',
    });
  });

  it('answers undefined without the permission (403) or for an unknown user (404)', async () => {
    agent = mockAgent();
    mockToken(agent);
    const api = agent.get(API);
    api.intercept({ path: path('u1'), method: 'GET' }).reply(403, error(403, 'missing.permissions'), json);
    api.intercept({ path: path('gone'), method: 'GET' }).reply(404, error(404, 'not.found'), json);
    const { client } = testClient(agent, fakeClock());
    expect(await client.getUserUtilization('u1')).toBeUndefined();
    expect(await client.getUserUtilization('gone')).toBeUndefined();
  });

  it('still fails on any other error (400)', async () => {
    agent = mockAgent();
    mockToken(agent);
    agent
      .get(API)
      .intercept({ path: path('u1'), method: 'GET' })
      .reply(400, error(400, 'bad.request'), json);
    const { client } = testClient(agent, fakeClock());
    const failure = await captureError(client.getUserUtilization('u1'));
    expect(failure).not.toBeInstanceOf(PermissionError);
    expect(failure.message).toMatch(/400|bad/i);
  });
});
