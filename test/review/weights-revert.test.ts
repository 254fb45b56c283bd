import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace, type EmulatorState } from '../support/e2e.js';
import { commitAll, git, initRepo } from '../support/git-repo.js';
import { editSetting, withoutFloor } from '../support/settings-text.js';

type Rows = Record<string, number>;

/** The weight rows of `queue` in the emulator's table: skill → weight. */
function rowsOf(state: EmulatorState, queue: string): Rows {
  const rows: Rows = {};
  for (const row of state.dataTables.flatMap((t) => t.rows)) {
    if (row.key.startsWith(`${queue}|`) && row.weight !== undefined)
      rows[row.key.slice(queue.length + 1)] = row.weight;
  }
  return rows;
}

async function writeWeights(dir: string, edit: (queues: Record<string, Rows>) => void): Promise<void> {
  const path = join(dir, 'rule-weights.yaml');
  const doc = parse(await readFile(path, 'utf8')) as { queues: Record<string, Rows> };
  edit(doc.queues);
  await writeFile(path, stringify(doc));
}

describe('git revert of a commit that took a queue’s weights over restores the rows it replaced', () => {
  let ws: Workspace;
  let queue: string;
  let earlier: Rows;
  let taken: Rows;
  beforeEach(async () => {
    ws = await Workspace.create({ users: 24 });
    initRepo(ws.cwd);
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    await withoutFloor(ws.dir); // about ownership; the floor has its own test
    const exported = parse(await readFile(join(ws.dir, 'rule-weights.yaml'), 'utf8')) as {
      queues: Record<string, Rows>;
    };
    const state = await ws.state();
    queue = Object.keys(exported.queues).find((q) => Object.keys(rowsOf(state, q)).length >= 2)!;
    expect(queue).toBeDefined();
    earlier = rowsOf(state, queue);
    await writeWeights(ws.dir, (queues) => delete queues[queue]); // the queue's weights start unmanaged
    commitAll(ws.cwd, 'routing without the queue’s weights');
    expect((await ws.cli(['apply', '--audit-tag'])).code).toBe(0);
    expect(rowsOf(await ws.state(), queue)).toEqual(earlier);

    // a commit takes the queue's weights over: one row changed, one dropped (deleted), one added
    const [changed, dropped] = Object.keys(earlier);
    const skills = new Set(state.users.flatMap((u) => u.skills.map((s) => s.name)));
    const added = [...skills].find((s) => !(s in earlier))!;
    expect(added).toBeDefined();
    taken = { [changed!]: earlier[changed!] === 3 ? 4 : 3, [added]: 7 };
    await writeWeights(ws.dir, (queues) => (queues[queue] = taken));
    commitAll(ws.cwd, 'take the queue’s weights over');
    const run = await ws.cli(['apply', '--audit-tag']);
    expect(run.code, run.stderr).toBe(0);
    expect(rowsOf(await ws.state(), queue)).toEqual(taken);
    expect(dropped! in taken).toBe(false);
    const tag = git(ws.cwd, 'tag', '-n99', '--points-at', 'HEAD');
    expect(tag).toContain('routing-gitops-ownership: ');
    expect(tag).toContain(`"weights":{${JSON.stringify(queue)}:`);
    git(ws.cwd, 'revert', '--no-edit', 'HEAD');
  });
  afterEach(async () => {
    await ws.close();
  });

  it('diff says "no longer managed" and apply restores the rows it replaced, once', async () => {
    const diff = await ws.cli(['diff']);
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain(`no longer managed: weights of queue ${queue}: apply restores`);
    const json = JSON.parse((await ws.cli(['diff', '--json'])).stdout) as {
      inSync: boolean;
      releasedWeights: { queue: string; before: Rows }[];
    };
    expect(json.inSync).toBe(false);
    expect(json.releasedWeights).toEqual([{ queue, before: earlier, action: 'restore' }]);

    const applied = await ws.cli(['apply', '--audit-tag']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(rowsOf(await ws.state(), queue)).toEqual(earlier);
    expect(git(ws.cwd, 'tag', '-n99', '--points-at', 'HEAD')).toContain(
      `"releasedWeights":[${JSON.stringify(queue)}]`,
    );
    // released: the rows are unmanaged again, later edits in Architect are the flow author's
    const after = await ws.cli(['diff']);
    expect(after.stdout).not.toContain('no longer managed');
    expect(after.code).toBe(0);
  });

  it('with ownership.onRelease: leave, apply leaves the rows and says so', async () => {
    await editSetting(ws.dir, /onRelease: restore/, 'onRelease: leave');
    const writes = await ws.writes();
    const run = await ws.cli(['apply']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`no longer managed: weights of queue ${queue}: left as they are`);
    expect(await ws.writes()).toBe(writes);
    expect(rowsOf(await ws.state(), queue)).toEqual(taken);
  });
});
