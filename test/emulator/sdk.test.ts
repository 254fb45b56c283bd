import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { start, T0 } from './helpers.js';

/** Genesys's own JavaScript SDK, pointed at the emulator through its gateway setting. */
interface Listing<T> {
  entities: T[];
  total?: number;
  pageCount?: number;
  nextUri?: string;
}

interface Sdk {
  ApiClient: {
    instance: {
      setGateway(gateway: { host: string; protocol: string; port: number }): void;
      loginClientCredentialsGrant(id: string, secret: string): Promise<{ accessToken: string }>;
    };
  };
  UsersApi: new () => {
    getUsers(
      opts: object,
    ): Promise<Listing<{ id: string; email: string; skills?: { id: string; proficiency: number }[] }>>;
    getUser(
      id: string,
      opts: object,
    ): Promise<{ id: string; languages?: { id: string; proficiency: number }[] }>;
    patchUserRoutinglanguagesBulk(
      userId: string,
      body: { id: string; proficiency: number }[],
    ): Promise<Listing<{ id: string; proficiency: number }>>;
    deleteUserRoutinglanguage(userId: string, languageId: string): Promise<unknown>;
    putUserRoutingskillsBulk(
      userId: string,
      body: { id: string; proficiency: number }[],
    ): Promise<Listing<{ id: string }>>;
  };
  RoutingApi: new () => {
    getRoutingSkills(opts: object): Promise<Listing<{ id: string; name: string }>>;
    getRoutingLanguages(opts: object): Promise<Listing<{ id: string; name: string; state: string }>>;
    getRoutingQueues(
      opts: object,
    ): Promise<Listing<{ id: string; name: string; mediaSettings: { call: { serviceLevel: object } } }>>;
    getRoutingQueueMembers(
      queueId: string,
      opts: object,
    ): Promise<Listing<{ id: string; user: { id: string } }>>;
  };
  AnalyticsApi: new () => {
    postAnalyticsUsersAggregatesQuery(body: object): Promise<{
      systemToOrganizationMappings?: Record<string, string[]>;
      results: {
        group: Record<string, string>;
        data: { metrics: { metric: string; qualifier?: string; stats: Record<string, number> }[] }[];
      }[];
    }>;
    postAnalyticsConversationsAggregatesQuery(body: object): Promise<{
      results: {
        group: Record<string, string>;
        data: { metrics: { metric: string; stats: Record<string, number> }[] }[];
      }[];
    }>;
  };
  ArchitectApi: new () => {
    getFlowsDatatables(
      opts: object,
    ): Promise<Listing<{ id: string; name: string; schema?: { properties: Record<string, unknown> } }>>;
    getFlowsDatatableRows(id: string, opts: object): Promise<Listing<Record<string, unknown>>>;
  };
}

const sdk = createRequire(import.meta.url)('purecloud-platform-client-v2') as Sdk;
let emulator: RunningEmulator;

beforeAll(async () => {
  ({ emulator } = await start({ users: 150 }));
  sdk.ApiClient.instance.setGateway({ host: '127.0.0.1', protocol: 'http', port: emulator.port });
  await sdk.ApiClient.instance.loginClientCredentialsGrant('emulator-client', 'emulator-secret');
});

afterAll(async () => {
  await emulator.close();
});

describe('purecloud-platform-client-v2 against the emulator', () => {
  it('reads users with their skills, page by page', async () => {
    const users = new sdk.UsersApi();
    const seen: { id: string; skills?: unknown[] }[] = [];
    for (let page = 1; ; page++) {
      const listing = await users.getUsers({ pageSize: 100, pageNumber: page, expand: ['skills'] });
      seen.push(...listing.entities);
      if (page >= (listing.pageCount ?? 0)) break;
    }
    const active = emulator.org.users.filter((u) => u.state === 'active');
    expect(seen.map((u) => u.id).sort()).toEqual(active.map((u) => u.id).sort());
    expect(seen.every((u) => Array.isArray(u.skills))).toBe(true);
  });

  it('reads skills, queues and queue members', async () => {
    const routing = new sdk.RoutingApi();
    const skills = await routing.getRoutingSkills({ pageSize: 100 });
    expect(skills.entities.map((s) => s.name)).toContain('Billing');
    const queues = await routing.getRoutingQueues({ pageSize: 100, name: 'Support' });
    expect(queues.entities).toHaveLength(1);
    expect(queues.entities[0]!.mediaSettings.call.serviceLevel).toEqual({
      percentage: 0.8,
      durationMs: 20_000,
    });
    const members = await routing.getRoutingQueueMembers(queues.entities[0]!.id, { pageSize: 100 });
    expect(members.entities.length).toBe(emulator.org.queues[0]!.memberIds.length);
  });

  it('writes a user’s skills', async () => {
    const user = emulator.org.users.find((u) => u.skills.size > 0)!;
    const skill = emulator.org.skills[3]!;
    const answer = await new sdk.UsersApi().putUserRoutingskillsBulk(user.id, [
      { id: skill.id, proficiency: 2 },
    ]);
    expect(answer.entities.map((s) => s.id)).toEqual([skill.id]);
    expect([...user.skills]).toEqual([[skill.id, 2]]);
  });

  it('reads routing languages and writes a user’s languages', async () => {
    const languages = await new sdk.RoutingApi().getRoutingLanguages({ pageSize: 100 });
    expect(languages.entities.map((l) => l.name)).toEqual(expect.arrayContaining(['French', 'Spanish']));
    const [spanish, french] = ['Spanish', 'French'].map((n) => languages.entities.find((l) => l.name === n)!);
    const users = new sdk.UsersApi();
    const user = emulator.org.users.find((u) => u.state === 'active' && !u.languages.has(spanish!.id))!;
    const written = await users.patchUserRoutinglanguagesBulk(user.id, [
      { id: spanish!.id, proficiency: 4 },
      { id: french!.id, proficiency: 2 },
    ]);
    expect(written.entities.map((l) => l.id)).toEqual(expect.arrayContaining([spanish!.id, french!.id]));
    await users.deleteUserRoutinglanguage(user.id, french!.id);
    const read = await users.getUser(user.id, { expand: ['languages'] });
    expect(read.languages?.find((l) => l.id === spanish!.id)?.proficiency).toBe(4);
    expect(read.languages?.some((l) => l.id === french!.id)).toBe(false);
  });

  it('runs an aggregates query', async () => {
    const answer = await new sdk.AnalyticsApi().postAnalyticsConversationsAggregatesQuery({
      interval: `${new Date(T0 - 7 * 86_400_000).toISOString()}/${new Date(T0).toISOString()}`,
      groupBy: ['queueId', 'mediaType', 'requestedRoutingSkillId', 'requestedLanguageId'],
      metrics: ['nOffered', 'tHandle', 'oServiceLevel'],
    });
    expect(answer.results.length).toBe(emulator.org.streams.length);
    const offered = answer.results[0]!.data[0]!.metrics.find((m) => m.metric === 'nOffered')!;
    expect(offered.stats.count).toBeGreaterThan(0);
  });

  it('reads agents’ routing status and presence', async () => {
    const agents = emulator.org.users.filter((u) => u.state === 'active' && u.shift).slice(0, 50);
    const answer = await new sdk.AnalyticsApi().postAnalyticsUsersAggregatesQuery({
      interval: `${new Date(T0 - 7 * 86_400_000).toISOString()}/${new Date(T0).toISOString()}`,
      granularity: 'P1D',
      groupBy: ['userId'],
      filter: { type: 'or', predicates: agents.map((u) => ({ dimension: 'userId', value: u.id })) },
      metrics: ['tAgentRoutingStatus', 'tSystemPresence'],
    });
    expect(answer.results.length).toBeGreaterThan(10);
    const statuses = new Set(
      answer.results.flatMap((r) =>
        r.data.flatMap((d) => d.metrics.map((m) => `${m.metric}:${m.qualifier}`)),
      ),
    );
    expect(statuses).toContain('tAgentRoutingStatus:INTERACTING');
    expect(statuses).toContain('tAgentRoutingStatus:IDLE');
    expect(statuses).toContain('tSystemPresence:ON_QUEUE');
    expect(answer.systemToOrganizationMappings?.ON_QUEUE).toHaveLength(1);
  });

  it('finds the weights data table and reads its rows', async () => {
    const architect = new sdk.ArchitectApi();
    const tables = await architect.getFlowsDatatables({ name: 'Routing Skill Weights', expand: 'schema' });
    expect(tables.entities).toHaveLength(1);
    expect(Object.keys(tables.entities[0]!.schema!.properties)).toEqual(['key', 'weight']);
    const rows = await architect.getFlowsDatatableRows(tables.entities[0]!.id, {
      pageSize: 500,
      showbrief: false,
    });
    expect(rows.entities.length).toBe(emulator.org.tables[0]!.rows.size);
    expect(rows.entities[0]).toEqual({ key: expect.stringContaining('|'), weight: expect.any(Number) });
  });
});
