/**
 * The centre data read through the client's scanner (answers read from their bytes) is exactly what the parsed
 * answers give, on a small emulator org over real HTTP. And a large org's plan, which reads half-hourly presence
 * for its most recent days only (`presenceDays`), gets exactly those days, empty slots before them, and the whole
 * period's routing-status totals (INTERACTING time, for concurrency).
 */
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { configFromEnv, createGenesysClient, type GenesysClient } from '../../src/genesys/index.js';
import type { GenesysPort } from '../../src/genesys/port.js';
import { fetchCentreData, type CentreData } from '../../src/recommend/centre-analytics.js';

const NOW = new Date('2026-03-10T14:07:00.000Z');

let emulator: RunningEmulator;
let dispatcher: Agent;
let client: GenesysClient;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    now: () => NOW,
    seed: 5,
    users: 140,
    queues: 4,
    skills: 6,
    days: 9,
    rateLimit: { count: 100_000, windowSeconds: 60 },
  });
  dispatcher = new Agent();
  const config = configFromEnv({
    GENESYSCLOUD_OAUTHCLIENT_ID: 'emulator-client',
    GENESYSCLOUD_OAUTHCLIENT_SECRET: 'emulator-secret',
    GENESYSCLOUD_API_REGION: emulator.url,
  });
  // chunks of 3 days: the 8-day windows are split by the client, and the scanner visits chunk by chunk
  client = createGenesysClient(config, { dispatcher, chunkDays: 3 });
});

afterAll(async () => {
  await dispatcher?.close();
  await emulator?.close();
});

/** The port without its scanning calls: the reader falls back to the parsed (and merged) answers. */
function parsedOnly(port: GenesysClient): GenesysPort {
  const rest: GenesysPort = { ...port };
  delete rest.scanAggregates;
  delete rest.scanUserAggregates;
  return rest;
}

async function read(port: GenesysPort, presenceDays?: number): Promise<CentreData> {
  const [users, queues, skills] = await Promise.all([
    client.listUsers(),
    client.listQueues(),
    client.listSkills(),
  ]);
  const members = Object.fromEntries(
    await Promise.all(queues.map(async (q) => [q.id, await client.listQueueMembers(q.id)] as const)),
  );
  return fetchCentreData(port, {
    now: NOW,
    days: 8,
    chunkDays: 8,
    queues,
    skills,
    userIds: users.map((u) => u.id),
    queueMembers: members,
    utilizationSample: 2,
    ...(presenceDays === undefined ? {} : { presenceDays }),
  });
}

describe('centre data through the scanner', () => {
  it('is the same as from the parsed answers', async () => {
    const scanned = await read(client);
    const parsed = await read(parsedOnly(client));
    expect(typeof client.scanUserAggregates).toBe('function');
    expect(scanned.presence?.size).toBeGreaterThan(100); // 140 users: two batches of users per window
    const total = [...(scanned.presence?.values() ?? [])].reduce(
      (s, p) => s + p.reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBeGreaterThan(0);
    expect(scanned.statusSeconds?.INTERACTING).toBeGreaterThan(0);
    expect(scanned).toEqual(parsed);
  });
});

describe('presence for the most recent days', () => {
  it('keeps those days and the whole period’s status totals, and says so', async () => {
    const whole = await read(client);
    const recent = await read(client, 2);
    expect(whole.presenceDays).toBeUndefined();
    expect(recent.presenceDays).toBe(2);
    const from = whole.slots - 96; // 2 days of half hours
    let before = 0;
    let kept = 0;
    for (const [id, series] of whole.presence ?? []) {
      const mine = recent.presence?.get(id) ?? new Float32Array(0);
      const tail = [...series.subarray(from)];
      if (tail.some((x) => x > 0)) {
        expect([...mine.subarray(from)]).toEqual(tail);
        kept++;
      }
      before += series.subarray(0, from).reduce((a, b) => a + b, 0);
      expect(mine.subarray(0, from).every((x) => x === 0)).toBe(true);
    }
    expect(kept).toBeGreaterThan(50);
    expect(before).toBeGreaterThan(0); // the whole read has presence before the recent days
    expect(recent.statusSeconds).toEqual(whole.statusSeconds);
    expect(recent.statusSeconds?.INTERACTING).toBeGreaterThan(0);
    expect(recent.measured).toEqual(whole.measured);
  });

  it('reads the whole period when the days cover it', async () => {
    expect((await read(client, 30)).presenceDays).toBeUndefined();
  });
});
