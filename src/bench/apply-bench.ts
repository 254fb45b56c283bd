import { runApply } from '../apply/run-apply.js';
import { readLiveOrg } from '../apply/live.js';
import { createGenesysClient } from '../genesys/index.js';
import { startEmulator } from '../emulator/index.js';
import { exportFixture } from './fixture.js';
import type { BenchRow } from './table.js';

/**
 * Reconcile a 10,000-user org where 5% of users changed: API calls (reads + writes) against the naive pattern
 * of the original tutorial (GET per user + GET and PUT per recommendation), and wall time against the floor
 * the rate limit allows.
 */
export async function runApplyBench(): Promise<BenchRow[]> {
  const users = 10_000;
  const rateLimit = { count: 300, windowSeconds: 15 };
  const emulator = await startEmulator({ users, queues: 50, skills: 30, days: 1, rateLimit, seed: 7 });
  try {
    const port = createGenesysClient({
      clientId: 'emulator-client',
      clientSecret: 'emulator-secret',
      apiBaseUrl: emulator.url,
    });
    const { dir, changedUsers } = await exportFixture(port, 0.05);
    const live = await readLiveOrg(port, 'Routing Skill Weights');
    const usersRead = live.users.length;
    const before = port.stats.requests;
    const started = performance.now();
    const outcome = await runApply({
      dir,
      dryRun: false,
      ignoreWindow: true,
      now: () => new Date(),
      commit: undefined,
      journalPath: `${dir}/../journal.jsonl`,
      clientId: 'emulator-client',
      port: () => Promise.resolve(port),
    });
    const seconds = (performance.now() - started) / 1000;
    const calls = port.stats.requests - before;
    // the original tutorial: GET each user's skills, then GET + PUT per recommended change
    const naive = usersRead + 2 * outcome.counts.total;
    const floorSeconds = Math.floor(calls / rateLimit.count) * rateLimit.windowSeconds;
    return [
      { group: 'reconcile (10,000 users, 5% changed)', name: 'users changed', value: String(changedUsers) },
      {
        group: 'reconcile (10,000 users, 5% changed)',
        name: 'API calls (reads + writes)',
        value: `${calls}`,
      },
      {
        group: 'reconcile (10,000 users, 5% changed)',
        name: 'naive pattern calls (GET per user, GET+PUT per change)',
        value: `${naive}`,
      },
      {
        group: 'reconcile (10,000 users, 5% changed)',
        name: 'calls saved',
        value: `${(naive / Math.max(1, calls)).toFixed(0)}× fewer`,
      },
      {
        group: 'reconcile (10,000 users, 5% changed)',
        name: `wall time (rate limit ${rateLimit.count}/${rateLimit.windowSeconds}s; floor ${floorSeconds.toFixed(1)} s)`,
        value: `${seconds.toFixed(1)} s, ${outcome.failed} failed`,
      },
    ];
  } finally {
    await emulator.close();
  }
}
