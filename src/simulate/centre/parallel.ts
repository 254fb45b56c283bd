/**
 * Several runs of one centre at once, on a second thread: the searches score their candidate moves and the
 * what-if its two states independently of each other, and a run is a pure function of its input, so which
 * thread runs it changes nothing (same numbers, byte for byte). Synchronous for the caller: the main thread runs
 * its share, then waits for the worker's (Atomics.wait, then receiveMessageOnPort).
 *
 * Used only where it pays (a worker copies the window's arrivals and presence and starts in about 0.1 s; a
 * 10,000-agent two-day run takes a second), and only when the worker script is built (dist/); elsewhere (tests
 * on the sources) the runs are made one after the other, with the same results.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { AgentGroups } from './groups.js';
import { centreArrivals, simulateCentre, type CentreArrivals } from './run.js';
import type { CentreInput, CentreRun } from './types.js';

/** One run of a batch: its own agent groups (skills and languages) and priorities (weights). */
export interface CentreJob {
  groups: AgentGroups;
  priorities: ArrayLike<number>;
}

/** What the runs of a batch share: the window, streams, agents' presence and arrivals. */
export type SharedCentre = Omit<CentreInput, 'priorities'>;

/** contacts in a batch's window below which a worker does not pay for its start */
const MIN_CONTACTS = 400_000;
/** the main thread waits for its worker at least this long (ms), and at least ten times its own share's time,
 * before it runs the worker's share itself (a worker that died cannot say so while the main thread waits) */
const WORKER_TIMEOUT_MS = 60_000;

/**
 * Runs each job on the shared centre (with the shared arrivals) and returns the runs in the jobs' order. Uses a
 * worker thread for half of them when `parallel` allows it and the batch is large enough.
 */
export function simulateCentres(
  shared: SharedCentre,
  arrivals: CentreArrivals,
  jobs: readonly CentreJob[],
  options: {
    parallel?: boolean;
    /** contacts in the window from which a worker is used (default 400,000) */
    minContacts?: number;
    /** runs made before, reused when a job is one of them (see CentreRunCache) */
    cache?: CentreRunCache;
    /** told how many runs the worker made */
    onWorker?: (runs: number) => void;
  } = {},
): CentreRun[] {
  const cache = options.cache;
  const keys = cache ? jobs.map((job) => cache.key(shared, job)) : [];
  const found = jobs.map((_, i) => cache?.get(keys[i]!));
  const missing = jobs.filter((_, i) => found[i] === undefined);
  const made = runAll(shared, arrivals, missing, options);
  let next = 0;
  return found.map((run, i) => {
    if (run) return run;
    const fresh = made[next++]!;
    cache?.set(keys[i]!, fresh);
    return fresh;
  });
}

/**
 * The runs of one search over one window: the arrivals are drawn once, on the first batch (a search's moves
 * change skills, languages or priorities, never the contacts), and each batch goes to {@link simulateCentres}.
 */
export function centreRunner(
  shared: SharedCentre,
  cache?: CentreRunCache,
): (jobs: readonly CentreJob[]) => CentreRun[] {
  let arrivals: CentreArrivals | undefined;
  return (jobs) => {
    arrivals ??= centreArrivals(shared);
    return simulateCentres(shared, arrivals, jobs, cache ? { cache } : {});
  };
}

function runAll(
  shared: SharedCentre,
  arrivals: CentreArrivals,
  jobs: readonly CentreJob[],
  options: { parallel?: boolean; minContacts?: number; onWorker?: (runs: number) => void },
): CentreRun[] {
  const local = (job: CentreJob): CentreRun =>
    simulateCentre({ ...shared, priorities: job.priorities }, job.groups, arrivals);
  const script = new URL('./parallel-worker.js', import.meta.url);
  const contacts = arrivals.slots.reduce((n, s) => n + s.times.length, 0);
  if (
    options.parallel === false ||
    jobs.length < 2 ||
    contacts < (options.minContacts ?? MIN_CONTACTS) ||
    availableParallelism() < 2 ||
    !existsSync(fileURLToPath(script))
  )
    return jobs.map(local);
  // the worker takes the second half (the main thread the first, which it starts on at once)
  const split = Math.ceil(jobs.length / 2);
  const theirs = jobs.slice(split);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(script, {
      workerData: { shared: plain(shared), arrivals, jobs: theirs, port: port2, signal },
      transferList: [port2],
    });
    worker.unref();
  } catch {
    port1.close();
    return jobs.map(local);
  }
  const started = Date.now();
  const mine = jobs.slice(0, split).map(local);
  const deadline = Date.now() + Math.max(WORKER_TIMEOUT_MS, 10 * (Date.now() - started));
  while (Atomics.load(signal, 0) === 0 && Date.now() < deadline) Atomics.wait(signal, 0, 0, 100);
  const message = receiveMessageOnPort(port1)?.message as { runs?: CentreRun[] } | undefined;
  port1.close();
  void worker.terminate();
  const runs = message?.runs;
  // a worker that failed or never answered: its share is run here (same results, only slower)
  if (!runs || runs.length !== theirs.length) return [...mine, ...theirs.map(local)];
  options.onWorker?.(runs.length);
  return [...mine, ...runs];
}

/**
 * Runs already made, by a hash of everything a run depends on (window, streams, presence, capacity, seed, the
 * agents' groups and the priorities), so that a search can reuse a run another one made: the weights search
 * starts from the skills the skills search settled on, whose run that search has just made. Keeps the most
 * recent `size` runs.
 */
export class CentreRunCache {
  private readonly runs = new Map<string, CentreRun>();
  private readonly centres = new WeakMap<object, string>();

  constructor(private readonly size = 16) {}

  /** the key of a job on a shared centre (the centre's part is hashed once per shared object) */
  key(shared: SharedCentre, job: CentreJob): string {
    let centre = this.centres.get(shared);
    if (centre === undefined) {
      centre = centreHash(shared);
      this.centres.set(shared, centre);
    }
    const h = new Hasher();
    h.numbers(job.priorities);
    h.numbers(job.groups.groupOf);
    for (const list of job.groups.streamsOf) {
      h.number(list.length);
      h.numbers(list);
    }
    h.text(JSON.stringify(job.groups.capacityOf ?? []));
    return `${centre}:${h.value()}`;
  }

  get(key: string): CentreRun | undefined {
    const run = this.runs.get(key);
    if (run) {
      this.runs.delete(key);
      this.runs.set(key, run);
    }
    return run;
  }

  set(key: string, run: CentreRun): void {
    this.runs.set(key, run);
    while (this.runs.size > this.size) this.runs.delete(this.runs.keys().next().value!);
  }
}

function centreHash(shared: SharedCentre): string {
  const h = new Hasher();
  h.numbers([shared.startMs, shared.slotSeconds, shared.slots, shared.seed]);
  h.text(JSON.stringify(Object.entries(shared.capacity ?? {}).sort()));
  for (const s of shared.streams) {
    h.text(`${s.queueId}|${s.queue}|${s.media}|${s.skills.join('+')}|${s.language ?? ''}`);
    h.numbers([
      s.ahtSeconds,
      s.patienceSeconds,
      s.thresholdSeconds,
      s.answerDelaySeconds ?? -1,
      s.handleCv ?? -1,
      s.workScale ?? 1,
    ]);
    h.numbers(s.offered);
  }
  for (const a of shared.agents) h.numbers(a.onQueueSeconds);
  return h.value();
}

/** SHA-256 (node:crypto) over numbers' bits and strings' UTF-8, each prefixed by its length: a key that two
 * different runs cannot share in practice, so a cached run is never taken for another centre's. */
class Hasher {
  private readonly hash = createHash('sha256');
  private readonly one = new Float64Array(1);

  number(x: number): void {
    this.one[0] = x;
    this.hash.update(new Uint8Array(this.one.buffer));
  }

  numbers(xs: ArrayLike<number>): void {
    this.number(xs.length);
    const bits = xs instanceof Float64Array ? xs : Float64Array.from(xs);
    this.hash.update(new Uint8Array(bits.buffer, bits.byteOffset, bits.byteLength));
  }

  text(t: string): void {
    const bytes = Buffer.from(t, 'utf8');
    this.number(bytes.length);
    this.hash.update(bytes);
  }

  value(): string {
    return this.hash.digest('base64url');
  }
}

/** the shared input as plain data (agents' ArrayLike presence as typed arrays): what a worker can receive */
function plain(shared: SharedCentre): SharedCentre {
  return {
    ...shared,
    streams: shared.streams.map((s) => ({ ...s, offered: Float64Array.from(s.offered) })),
    agents: shared.agents.map((a) => ({
      id: a.id,
      queueIds: a.queueIds,
      skills: {},
      languages: [],
      onQueueSeconds: Float64Array.from(a.onQueueSeconds),
    })),
  };
}
