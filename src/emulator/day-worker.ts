/** A worker thread holding a copy of the seeded org, simulating the days it is sent (see parallel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { EmulatorOrg, type SeedCopyOptions } from './org.js';
import { runJob, type DayJob } from './parallel.js';

const options = workerData as SeedCopyOptions;
const copy = new EmulatorOrg({ ...options, now: () => new Date(options.nowMs) });

parentPort?.on('message', (job: DayJob) => {
  const result = runJob(copy, job);
  const buffers = [result.streams, result.pairs, result.pairSlots, result.presence].map(
    (a) => a.buffer as ArrayBuffer,
  );
  parentPort?.postMessage(result, buffers);
});
