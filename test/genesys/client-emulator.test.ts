import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { AuthError } from '../../src/errors.js';
import { configFromEnv, createGenesysClient, type GenesysClient } from '../../src/genesys/index.js';

const CLIENT_ID = 'it-client';
const CLIENT_SECRET = 'it-secret-5e1f';
const USERS = 1200;
const DAY = 86_400_000;

interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
  status: Record<string, number>;
}

interface EmulatorState {
  users: { id: string; email?: string; skills: { id: string; name?: string; proficiency: number }[] }[];
}

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let dispatcher: Agent;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    seed: 11,
    users: USERS,
    rateLimit: { count: 5000, windowSeconds: 60 },
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenTtlSeconds: 3600,
  });
  dispatcher = new Agent();
});

afterAll(async () => {
  await dispatcher?.close();
  await emulator?.close();
});

function client(
  options: Parameters<typeof createGenesysClient>[1] = {},
  secret = CLIENT_SECRET,
): GenesysClient {
  const config = configFromEnv({
    GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT_ID,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: secret,
    GENESYSCLOUD_API_REGION: emulator.url,
  });
  return createGenesysClient(config, { dispatcher, ...options });
}

async function control<T>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
  const response = await dispatcher.request({
    origin: emulator.url,
    path,
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  expect(response.statusCode, text).toBeLessThan(300);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

const counts = () => control<RequestCounts>('GET', '/__emulator/requests');

describe('Genesys client against the emulator', () => {
  it('reads every user with skills in one request per 500 users', async () => {
    const before = await counts();
    const genesys = client();
    const users = await genesys.listUsers();
    const after = await counts();
    expect(users.length).toBeGreaterThan(0);
    expect(users.length).toBeLessThanOrEqual(USERS);
    const calls = (after.byRoute['GET /api/v2/users'] ?? 0) - (before.byRoute['GET /api/v2/users'] ?? 0);
    expect(calls).toBe(Math.ceil(users.length / 500));
    expect(genesys.stats.requests).toBe(calls);
    expect(users.some((user) => user.skills.length > 0)).toBe(true);
    for (const user of users.slice(0, 20)) expect(user.email).toMatch(/@/);
  });

  it('reads skills, queues with members, wrap-up codes and the weights table', async () => {
    const genesys = client();
    const [skills, queues, codes] = await Promise.all([
      genesys.listSkills(),
      genesys.listQueues(),
      genesys.listWrapupCodes(),
    ]);
    expect(skills.length).toBeGreaterThan(0);
    expect(queues.length).toBeGreaterThan(0);
    expect(codes.length).toBeGreaterThan(0);
    const members = await genesys.listQueueMembers(queues[0]!.id);
    expect(members.length).toBeGreaterThan(0);
    const table = await genesys.findDataTable('Routing Skill Weights');
    expect(table).toBeDefined();
    const rows = await genesys.listDataTableRows(table!.id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toContain('|');
    expect(await genesys.findDataTable('No Such Table')).toBeUndefined();
  });

  it('writes skills (PUT, PATCH, DELETE) and the org shows them', async () => {
    const genesys = client();
    const [user] = (await genesys.listUsers()).filter((u) => u.skills.length >= 2);
    const skills = await genesys.listSkills();
    expect(user).toBeDefined();
    const extra = skills.find((s) => !user!.skills.some((held) => held.id === s.id))!;
    await genesys.replaceUserSkills(user!.id, [{ id: extra.id, proficiency: 4 }]);
    await genesys.patchUserSkills(user!.id, [{ id: user!.skills[0]!.id, proficiency: 2 }]);
    await genesys.deleteUserSkill(user!.id, extra.id);
    const state = await control<EmulatorState>('GET', '/__emulator/state');
    const live = state.users.find((u) => u.id === user!.id)!;
    expect(live.skills.map((s) => [s.id, s.proficiency])).toEqual([[user!.skills[0]!.id, 2]]);
    const read = await genesys.listUserSkills(user!.id);
    expect(read.map((s) => [s.id, s.proficiency])).toEqual([[user!.skills[0]!.id, 2]]);
    expect(genesys.stats.writes).toBe(3);
  });

  it("finds this client's skill writes in the realtime audits", async () => {
    const genesys = client();
    const [user] = (await genesys.listUsers()).filter((u) => u.skills.length > 0);
    await genesys.replaceUserSkills(user!.id, [{ id: user!.skills[0]!.id, proficiency: 1 }]);
    const now = Date.now();
    const audits = await genesys.queryAudits({
      interval: `${new Date(now - 3_600_000).toISOString()}/${new Date(now + 60_000).toISOString()}`,
      serviceName: 'Routing',
      filters: [{ property: 'EntityId', value: user!.id }],
    });
    expect(audits.length).toBeGreaterThan(0);
    expect(audits.every((a) => a.entityId === user!.id)).toBe(true);
    expect(audits.some((a) => a.clientId === CLIENT_ID)).toBe(true);
  });

  it('creates a skill and writes data-table rows', async () => {
    const genesys = client();
    const skill = await genesys.createSkill('Integration Test Skill');
    expect(
      (await genesys.listSkills()).some((s) => s.id === skill.id && s.name === 'Integration Test Skill'),
    ).toBe(true);
    const table = (await genesys.findDataTable('Routing Skill Weights'))!;
    const key = 'Integration Queue|Integration Test Skill';
    await genesys.createDataTableRow(table.id, { key, weight: 42 });
    await genesys.updateDataTableRow(table.id, { key, weight: 43 });
    expect((await genesys.listDataTableRows(table.id)).find((r) => r.key === key)).toMatchObject({
      weight: 43,
    });
    await genesys.deleteDataTableRow(table.id, key);
    expect((await genesys.listDataTableRows(table.id)).some((r) => r.key === key)).toBe(false);
  });

  it('queries 30 days of aggregates in 7-day chunks and merges them by queue', async () => {
    const genesys = client({ chunkDays: 7 });
    const end = Math.floor(Date.now() / DAY) * DAY;
    const interval = `${new Date(end - 30 * DAY).toISOString()}/${new Date(end).toISOString()}`;
    const before = await counts();
    const response = await genesys.queryAggregates({
      interval,
      granularity: 'P1D',
      groupBy: ['queueId'],
      metrics: ['nOffered', 'tHandle'],
    });
    const after = await counts();
    const route = 'POST /api/v2/analytics/conversations/aggregates/query';
    expect((after.byRoute[route] ?? 0) - (before.byRoute[route] ?? 0)).toBe(5);
    expect(response.results.length).toBeGreaterThan(0);
    // Genesys always adds mediaType to the group: one result per queue and media, each chunk merged into it
    const groups = response.results.map((r) => `${r.group.queueId}|${r.group.mediaType}`);
    expect(new Set(groups).size).toBe(groups.length);
    const days = response.results[0]!.data.map((d) => Date.parse(d.interval.split('/')[0]!));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(days.length).toBeGreaterThan(7);
  });

  it('rejects wrong credentials with the invalid_client line', async () => {
    const error = await client({}, 'wrong-secret')
      .listSkills()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('(invalid_client)');
    expect((error as Error).message).not.toContain('wrong-secret');
  });

  it('rides out injected 429s, 5xx and dropped connections without a failed write', async () => {
    const genesys = client({ backoffBaseMs: 20 });
    const users = (await genesys.listUsers()).filter((u) => u.skills.length > 0).slice(0, 30);
    const wanted = new Map(users.map((u, i) => [u.id, { id: u.skills[0]!.id, proficiency: (i % 5) + 1 }]));
    await control('PUT', '/__emulator/faults', { rate429: 0.05, rate5xx: 0.15, resetRate: 0.1 });
    try {
      await Promise.all(users.map((u) => genesys.replaceUserSkills(u.id, [wanted.get(u.id)!])));
    } finally {
      await control('PUT', '/__emulator/faults', {});
    }
    expect(genesys.stats.retries).toBeGreaterThan(0);
    expect(genesys.stats.failures).toBe(0);
    const state = await control<EmulatorState>('GET', '/__emulator/state');
    const written = state.users.filter((u) => wanted.has(u.id));
    expect(written).toHaveLength(users.length);
    for (const live of written) {
      expect(live.skills.map((s) => ({ id: s.id, proficiency: s.proficiency }))).toEqual([
        wanted.get(live.id),
      ]);
    }
  });

  it('paces to the rate limit without a 429 and renews an expiring token on the way', async () => {
    await control('PUT', '/__emulator/faults', {
      rateLimit: { count: 20, windowSeconds: 1 },
      tokenTtlSeconds: 1,
    });
    try {
      const genesys = client();
      const before = await counts();
      const started = Date.now();
      await Promise.all(Array.from({ length: 60 }, () => genesys.listWrapupCodes()));
      const seconds = (Date.now() - started) / 1000;
      const after = await counts();
      expect((after.status['429'] ?? 0) - (before.status['429'] ?? 0)).toBe(0);
      expect(genesys.stats.failures).toBe(0);
      expect(seconds).toBeGreaterThan(1.5);
      expect(genesys.stats.logins).toBeGreaterThan(1);
    } finally {
      await control('PUT', '/__emulator/faults', {
        rateLimit: { count: 5000, windowSeconds: 60 },
        tokenTtlSeconds: 3600,
      });
    }
  });
});
