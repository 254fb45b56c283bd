import { startEmulator, type RunningEmulator } from '../emulator/index.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-10T14:07:00.000Z');

/**
 * Emulator figures: start-up time (seeding + 30 days of simulated history) and memory at 1,000 and 10,000
 * users, and analytics query times over HTTP on the large org.
 */
export async function runEmulatorBench(): Promise<{ name: string; value: string }[]> {
  const rows: { name: string; value: string }[] = [];
  const small = await measureStart({ users: 1000 }, 3);
  rows.push({
    name: 'emulator: start, 1,000 users, 6 queues, 10 skills, 30 days (ms, median of 3)',
    value: small.ms.toFixed(0),
  });
  rows.push({ name: 'emulator: memory, 1,000 users (MB heap + buffers)', value: small.mb.toFixed(0) });
  await small.emulator.close();

  const large = await measureStart({ users: 10_000, queues: 50, skills: 30 }, 1);
  rows.push({
    name: 'emulator: start, 10,000 users, 50 queues, 30 skills, 30 days (ms)',
    value: large.ms.toFixed(0),
  });
  rows.push({ name: 'emulator: memory, 10,000 users (MB heap + buffers)', value: large.mb.toFixed(0) });
  try {
    const token = await login(large.emulator);
    const interval = `${new Date(NOW - 31 * DAY).toISOString()}/${new Date(NOW).toISOString()}`;
    const week = `${new Date(NOW - 7 * DAY).toISOString()}/${new Date(NOW).toISOString()}`;
    rows.push({
      name: 'emulator: aggregates query, 31 days × PT30M × queue × skill, 10,000 users (ms)',
      value: (
        await timeQuery(large.emulator, token, {
          interval,
          granularity: 'PT30M',
          groupBy: ['queueId', 'requestedRoutingSkillId'],
          metrics: ['nOffered', 'nConnected', 'tAnswered', 'tAbandon', 'tHandle', 'oServiceLevel'],
        })
      ).toFixed(0),
    });
    rows.push({
      name: 'emulator: aggregates query, 7 days × agent × skill, 10,000 users (ms)',
      value: (
        await timeQuery(large.emulator, token, {
          interval: week,
          groupBy: ['userId', 'requestedRoutingSkillId'],
          metrics: ['tAlert', 'nConnected', 'tHandle'],
        })
      ).toFixed(0),
    });
  } finally {
    await large.emulator.close();
  }
  return rows;
}

function heapAndBuffers(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function measureStart(
  options: { users: number; queues?: number; skills?: number },
  runs: number,
): Promise<{ ms: number; mb: number; emulator: RunningEmulator }> {
  const times: number[] = [];
  let emulator: RunningEmulator | undefined;
  let mb = 0;
  for (let i = 0; i < runs; i++) {
    await emulator?.close();
    emulator = undefined;
    const before = heapAndBuffers();
    const started = performance.now();
    emulator = await startEmulator({ ...options, days: 30, now: () => new Date(NOW) });
    times.push(performance.now() - started);
    mb = Math.max(mb, (heapAndBuffers() - before) / 1e6);
  }
  times.sort((a, b) => a - b);
  if (!emulator) throw new Error('no emulator started');
  return { ms: times[Math.floor(times.length / 2)] ?? 0, mb, emulator };
}

async function login(emulator: RunningEmulator): Promise<string> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('emulator-client:emulator-secret').toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function timeQuery(emulator: RunningEmulator, token: string, body: unknown): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${emulator.url}/api/v2/analytics/conversations/aggregates/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`aggregates query answered ${response.status}`);
  return performance.now() - started;
}
