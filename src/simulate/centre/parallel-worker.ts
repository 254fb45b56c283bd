/** The worker of parallel.ts: runs its share of a batch and hands the runs back. */
import { type MessagePort, workerData } from 'node:worker_threads';
import type { CentreJob, SharedCentre } from './parallel.js';
import { simulateCentre, type CentreArrivals } from './run.js';

const data = workerData as {
  shared: SharedCentre;
  arrivals: CentreArrivals;
  jobs: CentreJob[];
  port: MessagePort;
  signal: Int32Array;
};

try {
  const runs = data.jobs.map((job) =>
    simulateCentre({ ...data.shared, priorities: job.priorities }, job.groups, data.arrivals),
  );
  data.port.postMessage({ runs });
} catch (error) {
  data.port.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  Atomics.store(data.signal, 0, 1);
  Atomics.notify(data.signal, 0);
}
