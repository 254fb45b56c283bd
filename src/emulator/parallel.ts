/**
 * Simulating many days at once on several threads. Days are independent (the centre is closed overnight), and a
 * day run only with the org as seeded can be simulated by a copy of the seeded org, built from the same options
 * in a worker thread: same streams, agents, roster and pair ids, so the same numbers, byte for byte. Days run
 * with a changed configuration (after a write) stay on the main thread.
 *
 * The first analytics query over a month of a large org is what this is for: the main thread simulates days
 * too, and takes the next day whenever it is free, as each worker does.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DayBlock, type History } from './history.js';
import { SLOT_MS, SLOTS_PER_DAY } from './model.js';
import type { EmulatorOrg, SeedCopyOptions } from './org.js';

export interface DayJob {
  day: number;
  from: number;
  to: number;
  absSlots: Int32Array;
  pairsLength: number;
}

export interface DayResult {
  streams: Float32Array;
  pairs: Float32Array;
  pairSlots: Uint16Array;
  presence: Uint16Array;
}

/** Runs day jobs somewhere else (worker threads; in tests, a copy of the org in the same thread). */
export interface DayRunner {
  readonly size: number;
  run(slot: number, job: DayJob): Promise<DayResult>;
  close(): Promise<void>;
}

/** Below this many agent-days (about 6,500 agents over a month) the main thread alone is as quick: a worker first
 * builds its copy of the org (about 1 s at 10,000 agents). */
const MIN_AGENT_DAYS = 200_000;

/** The unsimulated blocks of [fromMs, toMs) that a copy of the seeded org can simulate. */
export function seededBlocks(org: EmulatorOrg, fromMs: number, toMs: number): DayBlock[] {
  const { history } = org;
  const from = Math.max(history.toVirtual(Math.ceil(fromMs / SLOT_MS)), history.startVirtual);
  const to = Math.min(history.toVirtual(Math.ceil(toMs / SLOT_MS)), history.endVirtual);
  const out: DayBlock[] = [];
  if (from >= to) return out;
  for (let day = Math.floor(from / SLOTS_PER_DAY); day <= Math.floor((to - 1) / SLOTS_PER_DAY); day++) {
    const block = blockOf(history, day);
    if (!block || block.simulated) continue;
    if (block.configs.every((c) => c === org.seededConfig)) out.push(block);
  }
  return out;
}

function blockOf(history: History, day: number): DayBlock | undefined {
  const first = history.days[0];
  return first ? history.days[day - first.day] : undefined;
}

export function jobOf(org: EmulatorOrg, block: DayBlock): DayJob {
  block.ensurePairs(org.history.pairs.size);
  return {
    day: block.day,
    from: block.from,
    to: block.to,
    absSlots: block.absSlots.slice(),
    pairsLength: block.pairs.length,
  };
}

/** In the copy: simulates the job's day as the original would. */
export function runJob(copy: EmulatorOrg, job: DayJob): DayResult {
  const block = new DayBlock(job.day, copy.streams.length, 0);
  block.pairs = new Float32Array(job.pairsLength);
  block.from = job.from;
  block.to = job.to;
  block.absSlots.set(job.absSlots);
  copy.simulateSeeded(block);
  return {
    streams: block.streams,
    pairs: block.pairs,
    pairSlots: block.pairSlots,
    presence: block.presence,
  };
}

/** In the original: takes the copy's numbers as the block's own. */
export function install(block: DayBlock, result: DayResult): void {
  block.streams.set(result.streams);
  block.pairs = result.pairs;
  block.pairSlots = result.pairSlots as typeof block.pairSlots;
  block.presence = result.presence as typeof block.presence;
  block.simulated = true;
}

/**
 * Simulates the seeded-configuration days of [fromMs, toMs) that are not simulated yet, on the runner's threads
 * and this one; returns how many the runner simulated. Without a runner (or for little work) nothing happens:
 * the query simulates its days as it reads them.
 */
export async function prefetch(
  org: EmulatorOrg,
  fromMs: number,
  toMs: number,
  runner: () => DayRunner | undefined,
  minAgentDays = MIN_AGENT_DAYS,
): Promise<number> {
  const blocks = seededBlocks(org, fromMs, toMs);
  if (blocks.length < 2 || org.users.length * blocks.length < minAgentDays) return 0;
  const pool = runner();
  if (!pool) return 0;
  let next = 0;
  let installed = 0;
  const take = (): DayBlock | undefined => {
    while (next < blocks.length) {
      const block = blocks[next++];
      if (block && !block.simulated && block.configs.every((c) => c === org.seededConfig)) return block;
    }
    return undefined;
  };
  const workers = Array.from({ length: pool.size }, async (_, slot) => {
    for (let block = take(); block; block = take()) {
      const job = jobOf(org, block);
      const result = await pool.run(slot, job);
      // the block may have changed meanwhile (slots appended as the clock moved): then it is simulated on read
      if (!block.simulated && block.to === job.to && block.configs.every((c) => c === org.seededConfig)) {
        install(block, result);
        installed++;
      }
    }
  });
  for (let block = take(); block; block = take()) {
    org.history.ensure(block);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return installed;
}

/**
 * Simulates every day the history holds now (a real org's history is already stored when the API is asked):
 * the seeded days on the runner's threads and this one (as the first large query would), the rest here. Same
 * numbers as simulating each day on its first read.
 */
export async function simulateHistory(
  org: EmulatorOrg,
  runner: () => DayRunner | undefined,
  minAgentDays = MIN_AGENT_DAYS,
): Promise<void> {
  const range = org.historyRange();
  await prefetch(org, range.start, range.end, runner, minAgentDays);
  for (const block of org.history.days) org.history.ensure(block);
}

/** Worker threads, each holding a copy of the seeded org; undefined when the worker script is not built. */
export function workerRunner(
  options: SeedCopyOptions,
  threads = availableParallelism() - 1,
): DayRunner | undefined {
  const script = new URL('./day-worker.js', import.meta.url);
  if (threads < 1 || !existsSync(fileURLToPath(script))) return undefined;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(script, { workerData: options });
    worker.unref();
    return worker;
  });
  return {
    size: threads,
    run(slot, job) {
      const worker = workers[slot] as Worker;
      return new Promise<DayResult>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        const onExit = (code: number) => reject(new Error(`day worker exited with code ${code}`));
        worker.once('error', onError);
        worker.once('exit', onExit);
        worker.once('message', (result: DayResult) => {
          worker.off('error', onError);
          worker.off('exit', onExit);
          resolve(result);
        });
        worker.postMessage(job);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
