import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * An append-only progress record of apply runs (JSON lines). Written before and after every write, so a run
 * killed at any moment leaves a record of what it had done; the next run reports it and converges anyway,
 * because it recomputes the diff from the live org.
 */
export type JournalEvent =
  | { event: 'start'; runId: string; at: string; commit: string | undefined; planned: number }
  | { event: 'write'; runId: string; at: string; target: string }
  | { event: 'done'; runId: string; at: string; target: string; status: 'applied' | 'failed'; error?: string }
  | { event: 'end'; runId: string; at: string; applied: number; failed: number };

export interface InterruptedRun {
  runId: string;
  startedAt: string;
  commit: string | undefined;
  planned: number;
  applied: number;
  failed: number;
  /** writes started but never confirmed (may or may not have reached the org) */
  inFlight: string[];
}

export class Journal {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }

  async record(event: JournalEvent): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify(event)}\n`, 'utf8');
  }

  /** The last run, when it started but never ended. */
  async lastInterrupted(): Promise<InterruptedRun | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return undefined;
    }
    return findInterrupted(text);
  }
}

export function findInterrupted(text: string): InterruptedRun | undefined {
  const events: JournalEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as JournalEvent);
    } catch {
      // a line cut short by a kill: ignore it
    }
  }
  const lastStart = events.findLastIndex((e) => e.event === 'start');
  const start = events[lastStart];
  if (!start || start.event !== 'start') return undefined;
  const run = events.slice(lastStart).filter((e) => e.runId === start.runId);
  if (run.some((e) => e.event === 'end')) return undefined;
  const started = new Set<string>();
  let applied = 0;
  let failed = 0;
  for (const e of run) {
    if (e.event === 'write') started.add(e.target);
    if (e.event === 'done') {
      started.delete(e.target);
      if (e.status === 'applied') applied++;
      else failed++;
    }
  }
  return {
    runId: start.runId,
    startedAt: start.at,
    commit: start.commit,
    planned: start.planned,
    applied,
    failed,
    inFlight: [...started],
  };
}
