import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findInterrupted, Journal } from '../../src/apply/journal.js';

describe('journal', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('reports a run that started and never ended, with what it had done', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'));
    dirs.push(dir);
    const j = new Journal(join(dir, 'sub', 'journal.jsonl'));
    expect(await j.lastInterrupted()).toBeUndefined();
    await j.record({ event: 'start', runId: 'r1', at: 't0', commit: 'abc', planned: 3 });
    for (const t of ['user:a', 'user:b', 'user:c'])
      await j.record({ event: 'write', runId: 'r1', at: 't', target: t });
    await j.record({ event: 'done', runId: 'r1', at: 't', target: 'user:a', status: 'applied' });
    await j.record({
      event: 'done',
      runId: 'r1',
      at: 't',
      target: 'user:b',
      status: 'failed',
      error: 'boom',
    });
    expect(await j.lastInterrupted()).toEqual({
      runId: 'r1',
      startedAt: 't0',
      commit: 'abc',
      planned: 3,
      applied: 1,
      failed: 1,
      inFlight: ['user:c'],
    });
    await j.record({ event: 'end', runId: 'r1', at: 't', applied: 1, failed: 1 });
    expect(await j.lastInterrupted()).toBeUndefined();
  });

  it('tolerates a line cut short by a kill', () => {
    const text = '{"event":"start","runId":"r","at":"t","planned":1}\n{"event":"wri';
    expect(findInterrupted(text)).toMatchObject({ runId: 'r', planned: 1, applied: 0 });
  });
});
