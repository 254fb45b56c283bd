import { Agent } from 'undici';
import { startEmulator } from '../emulator/index.js';
import { configFromEnv, createGenesysClient, type GenesysClient } from '../genesys/index.js';

const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = 'bench-secret';

/**
 * The Genesys client against the emulator, on the real clock:
 * (1) 300 single-user skill writes under a limit of 100 requests per 5 s — wall time against the floor the
 *     limit allows (300 ÷ 20/s = 15 s), 429s met and failed writes;
 * (2) the API calls needed to read 10,000 users with their skills (one per 500 users).
 */
export async function runClientBench(): Promise<{ name: string; value: string }[]> {
  return [...(await writesUnderRateLimit()), ...(await readTenThousandUsers())];
}

async function writesUnderRateLimit(): Promise<{ name: string; value: string }[]> {
  const writes = 300;
  const rateLimit = { count: 100, windowSeconds: 5 };
  const emulator = await startEmulator({
    port: 0,
    seed: 3,
    users: 400,
    rateLimit: { count: 10_000, windowSeconds: 60 },
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
  const dispatcher = new Agent();
  try {
    const client = clientFor(emulator.url, dispatcher);
    const users = (await client.listUsers()).filter((user) => user.skills.length > 0).slice(0, writes);
    if (users.length < writes) throw new Error(`the emulator org has only ${users.length} users with skills`);
    await control(dispatcher, emulator.url, 'PUT', '/__emulator/faults', { rateLimit });
    const before = await requestCounts(dispatcher, emulator.url);
    const stats = { ...client.stats };
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      users.map((user, i) => {
        const [first, ...rest] = user.skills;
        const proficiency = (Math.round(first?.proficiency ?? 0) + 1 + (i % 4)) % 6;
        const skills = [
          { id: first?.id ?? '', proficiency },
          ...rest.map(({ id, proficiency: p }) => ({ id, proficiency: p })),
        ];
        return client.replaceUserSkills(user.id, skills);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const after = await requestCounts(dispatcher, emulator.url);
    const failed = outcomes.filter((o) => o.status === 'rejected').length;
    const floor = writes / (rateLimit.count / rateLimit.windowSeconds);
    const throttled = (after.status['429'] ?? 0) - (before.status['429'] ?? 0);
    const label = `client: ${writes} skill writes at ${rateLimit.count} req/${rateLimit.windowSeconds} s`;
    return [
      { name: `${label}, wall time (floor ${floor.toFixed(1)} s)`, value: `${seconds.toFixed(1)} s` },
      { name: `${label}, wall time ÷ floor (target ≤ 1.25)`, value: (seconds / floor).toFixed(2) },
      { name: `${label}, share of the allowed rate used`, value: `${Math.round((floor / seconds) * 100)}%` },
      {
        name: `${label}, failed writes`,
        value: failed === 0 ? '0' : `${failed} (first: ${firstFailure(outcomes)})`,
      },
      {
        name: `${label}, 429 answers met / retries`,
        value: `${throttled} / ${client.stats.retries - stats.retries}`,
      },
    ];
  } finally {
    await dispatcher.close();
    await emulator.close();
  }
}

async function readTenThousandUsers(): Promise<{ name: string; value: string }[]> {
  const emulator = await startEmulator({
    port: 0,
    seed: 5,
    users: 10_000,
    rateLimit: { count: 10_000, windowSeconds: 60 },
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
  const dispatcher = new Agent();
  try {
    const client = clientFor(emulator.url, dispatcher);
    const started = performance.now();
    const users = await client.listUsers();
    const seconds = (performance.now() - started) / 1000;
    const label = `client: read ${users.length.toLocaleString('en-US')} users with skills`;
    return [
      { name: `${label}, API calls (+ logins)`, value: `${client.stats.requests} (+${client.stats.logins})` },
      { name: `${label}, wall time`, value: `${seconds.toFixed(2)} s` },
    ];
  } finally {
    await dispatcher.close();
    await emulator.close();
  }
}

function firstFailure(outcomes: PromiseSettledResult<unknown>[]): string {
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  return rejected?.reason instanceof Error ? rejected.reason.message : String(rejected?.reason);
}

function clientFor(url: string, dispatcher: Agent): GenesysClient {
  const config = configFromEnv({
    GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT_ID,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: CLIENT_SECRET,
    GENESYSCLOUD_API_REGION: url,
  });
  return createGenesysClient(config, { dispatcher });
}

interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
  status: Record<string, number>;
}

function requestCounts(dispatcher: Agent, url: string): Promise<RequestCounts> {
  return control(dispatcher, url, 'GET', '/__emulator/requests') as Promise<RequestCounts>;
}

/** The emulator's control routes (not Genesys API; no token). */
async function control(
  dispatcher: Agent,
  url: string,
  method: 'GET' | 'PUT',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await dispatcher.request({
    origin: url,
    path,
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300)
    throw new Error(`${method} ${path} → ${response.statusCode}: ${text.slice(0, 200)}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}
