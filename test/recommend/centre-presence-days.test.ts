/**
 * A large org's plan reads half-hourly presence for its most recent days only (`presenceDays`): those days are
 * exactly what the whole read gives, the slots before are empty, and the routing-status totals (INTERACTING time
 * for concurrency) still cover the whole period. Small emulator org over real HTTP.
 */
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { configFromEnv, createGenesysClient, type GenesysClient } from '../../src/genesys/index.js';
import { fetchCentreData, type CentreData } from '../../src/recommend/centre-analytics.js';

const NOW = new Date('2026-03-10T14:07:00.000Z');

let emulator: RunningEmulator;
let dispatcher: Agent;
let client: GenesysClient;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    now: () => NOW,
    seed: 6,
    users: 120,
    queues: 3,
    skills: 5,
    days: 9,
    rateLimit: { count: 100_000, windowSeconds: 60 },
  });
  dispatcher = new Agent();
  const config = configFromEnv({
    GENESYSCLOUD_OAUTHCLIENT_ID: 'emulator-client',
    GENESYSCLOUD_OAUTHCLIENT_SECRET: 'emulator-secret',
    GENESYSCLOUD_API_REGION: emulator.url,
  });
  client = createGenesysClient(config, { dispatcher, chunkDays: 3 });
});

afterAll(async () => {
  await dispatcher?.close();
  await emulator?.close();
});

async function read(presenceDays?: number): Promise<CentreData> {
  const [users, queues, skills] = await Promise.all([
    client.listUsers(),
    client.listQueues(),
    client.listSkills(),
  ]);
  return fetchCentreData(client, {
    now: NOW,
    days: 8,
    chunkDays: 3,
    queues,
    skills,
    userIds: users.map((u) => u.id),
    ...(presenceDays === undefined ? {} : { presenceDays }),
  });
}

describe('presence for the most recent days', () => {
  it('keeps those days and the whole period’s status totals, and says so', async () => {
    const whole = await read();
    const recent = await read(2);
    expect(whole.presenceDays).toBeUndefined();
    expect(recent.presenceDays).toBe(2);
    const from = whole.slots - 96; // 2 days of half hours
    let before = 0;
    let kept = 0;
    for (const [id, series] of whole.presence ?? []) {
      const mine = recent.presence?.get(id);
      const tail = [...series.subarray(from)];
      if (tail.some((x) => x > 0)) {
        expect([...(mine ?? new Float32Array(0)).subarray(from)]).toEqual(tail);
        kept++;
      }
      before += series.subarray(0, from).reduce((a, b) => a + b, 0);
      expect((mine ?? new Float32Array(0)).subarray(0, from).every((x) => x === 0)).toBe(true);
    }
    expect(kept).toBeGreaterThan(50);
    expect(before).toBeGreaterThan(0); // the whole read has presence before the recent days
    expect(recent.statusSeconds).toEqual(whole.statusSeconds);
    expect(recent.statusSeconds?.INTERACTING).toBeGreaterThan(0);
    expect([...recent.measured.keys()]).toEqual([...whole.measured.keys()]);
  });

  it('reads the whole period when the days cover it', async () => {
    const data = await read(30);
    expect(data.presenceDays).toBeUndefined();
  });
});
