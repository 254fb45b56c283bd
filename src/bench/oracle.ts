/**
 * What the benches that use the emulator as an oracle share (quality, fidelity, headroom): one fixed clock, a
 * fresh emulator of a seed read through the API like a plan reads it, 30 more emulated days, and the org's
 * volume-weighted service level before and after. Bench only: the planner never imports the emulator.
 */
import { request } from 'undici';
import type { MeasuredQueue } from '../demo/measure.js';
import { EMULATOR_DEFAULTS, startEmulator, type RunningEmulator } from '../emulator/index.js';
import { createGenesysClient } from '../genesys/client.js';
import type { GenesysPort, LiveQueue, LiveSkill, LiveUser } from '../genesys/port.js';
import { fetchCentreData, type CentreData } from '../recommend/centre-analytics.js';

/**
 * The clock every seed runs on (emulator and planner): the emulated history ends here, so a seed's figures are
 * the same whenever a bench runs. `QUALITY_NOW=2026-11-26T16:30:00Z` measures at another instant (the emulated
 * world changes over the weeks: demand grows on some streams, so the room a plan has differs).
 */
export const ORACLE_NOW = oracleNow(process.env['QUALITY_NOW']);

export function oracleNow(env: string | undefined): Date {
  if (env === undefined || env.trim() === '') return new Date('2026-11-02T09:10:00Z');
  const at = new Date(env.trim());
  if (Number.isNaN(at.getTime()))
    throw new Error(
      `QUALITY_NOW=${JSON.stringify(env)} is not a date: give an ISO instant such as 2026-11-02T09:10:00Z`,
    );
  return at;
}

export interface OracleOrg {
  users: LiveUser[];
  queues: LiveQueue[];
  skills: LiveSkill[];
  /** queue id → member user ids */
  members: Record<string, string[]>;
  data: CentreData;
}

/** Runs `body` against a fresh emulator of `seed` at {@link ORACLE_NOW}, closing it afterwards. */
export async function withOracle<T>(
  seed: number,
  body: (
    port: GenesysPort,
    advance: (days: number) => Promise<void>,
    /** the emulated org itself, for bench candidates that read the emulator's hidden truth (never the planner) */
    org: RunningEmulator['org'],
  ) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({
    port: 0,
    seed,
    users: EMULATOR_DEFAULTS.users,
    now: () => new Date(ORACLE_NOW.getTime()),
    rateLimit: { count: 100_000, windowSeconds: 60 },
  });
  try {
    const port = createGenesysClient({
      clientId: EMULATOR_DEFAULTS.clientId,
      clientSecret: EMULATOR_DEFAULTS.clientSecret,
      apiBaseUrl: emulator.url,
    });
    const advance = async (days: number): Promise<void> => {
      const answer = await request(`${emulator.url}/__emulator/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ days }),
      });
      await answer.body.text();
    };
    return await body(port, advance, emulator.org);
  } finally {
    await emulator.close();
  }
}

/** The org as the planner reads it: users, queues, skills, members, and `days` of the centre's analytics. */
export async function readOracleOrg(port: GenesysPort, days: number): Promise<OracleOrg> {
  const [users, queues, skills] = await Promise.all([port.listUsers(), port.listQueues(), port.listSkills()]);
  const members: Record<string, string[]> = {};
  for (const q of queues) members[q.id] = await port.listQueueMembers(q.id);
  const data = await fetchCentreData(port, {
    now: ORACLE_NOW,
    days,
    chunkDays: 7,
    queues,
    skills,
    userIds: users.map((u) => u.id),
    queueMembers: members,
  });
  return { users, queues, skills, members, data };
}

export interface OrgServiceLevelChange {
  /** volume-weighted service level over the queues measured both times */
  before: number;
  after: number;
  /** the queue whose service level changed least (most negative), and by how much */
  worst: number;
  worstQueue: string;
}

/** The org's volume-weighted service level before and after, and the queue that lost most. */
export function orgServiceLevelChange(
  queues: readonly { id: string; name: string }[],
  before: ReadonlyMap<string, MeasuredQueue>,
  after: ReadonlyMap<string, MeasuredQueue>,
): OrgServiceLevelChange {
  let offeredBefore = 0;
  let inBefore = 0;
  let offeredAfter = 0;
  let inAfter = 0;
  let worst = Infinity;
  let worstQueue = '';
  for (const q of queues) {
    const b = before.get(q.id);
    const a = after.get(q.id);
    if (!b || !a) continue;
    offeredBefore += b.offered;
    inBefore += b.serviceLevel * b.offered;
    offeredAfter += a.offered;
    inAfter += a.serviceLevel * a.offered;
    if (a.serviceLevel - b.serviceLevel < worst) {
      worst = a.serviceLevel - b.serviceLevel;
      worstQueue = q.name;
    }
  }
  return {
    before: inBefore / Math.max(1, offeredBefore),
    after: inAfter / Math.max(1, offeredAfter),
    worst,
    worstQueue,
  };
}
