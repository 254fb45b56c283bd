import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../support/e2e.js';

const HEADER = 'apiVersion: routing-gitops/v1\nkind: RoutingProfiles\nprofiles:\n';

/** Each case writes one hostile file into an otherwise valid desired state; apply must refuse it. */
const cases: {
  name: string;
  file: string;
  content: string | Buffer | { symlinkTo: string };
  message: RegExp;
}[] = [
  {
    name: 'a YAML syntax error',
    file: 'routing-profiles/bad.yaml',
    content: `${HEADER}  a@x.example: {skills: {Billing: 4}\n`,
    message: /bad\.yaml:\d+:\d+: /,
  },
  {
    name: 'a duplicate key',
    file: 'routing-profiles/bad.yaml',
    content: `${HEADER}  a@x.example:\n    skills: {Billing: 1}\n  a@x.example:\n    skills: {Billing: 2}\n`,
    message: /bad\.yaml:6:\d+: .*duplicate/i,
  },
  {
    name: 'a wrong type',
    file: 'routing-profiles/bad.yaml',
    content: `${HEADER}  a@x.example:\n    skills: {Billing: high}\n`,
    message: /bad\.yaml:5:\d+: /,
  },
  {
    name: 'an out-of-range proficiency',
    file: 'routing-profiles/bad.yaml',
    content: `${HEADER}  a@x.example:\n    skills: {Billing: 9}\n`,
    message: /bad\.yaml:5:\d+: .*5/,
  },
  {
    name: 'an unknown field',
    file: 'routing-profiles/bad.yaml',
    content: `${HEADER}  a@x.example:\n    skils: {Billing: 1}\n`,
    message: /bad\.yaml:5:\d+: .*skils/,
  },
  {
    name: 'a custom tag',
    file: 'routing-profiles/bad.yaml',
    content: `${HEADER}  a@x.example:\n    skills: !!js/function "x"\n`,
    message: /bad\.yaml:5:\d+: .*tag/i,
  },
  {
    name: 'an alias bomb',
    file: 'routing-profiles/bad.yaml',
    content: `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
    message: /bad\.yaml:\d+:\d+: .*alias/i,
  },
  {
    name: 'binary junk',
    file: 'routing-profiles/bad.yaml',
    content: Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x02, 0x0a]),
    message: /bad\.yaml:\d+:\d+: /,
  },
  {
    name: 'a 50 MB file',
    file: 'routing-profiles/bad.yaml',
    content: Buffer.alloc(50 * 1024 * 1024, 0x61),
    message: /bad\.yaml:\d+:\d+: .*(large|size|MB)/i,
  },
  {
    name: 'a symlink out of the directory',
    file: 'routing-profiles/bad.yaml',
    content: 'symlink',
    message: /bad\.yaml:\d+:\d+: .*(outside|link)/i,
  },
];

describe('bad input never reaches the org (each case finishes within the test timeout)', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.create({ users: 30, days: 2 });
    expect((await ws.cli(['export', '--out', 'desired-state'])).code).toBe(0);
    await mkdir(join(ws.dir, 'routing-profiles'), { recursive: true });
  });
  afterAll(async () => {
    await ws.close();
  });

  it.each(cases)(
    '$name: exit 1, file:line:col, zero writes, bounded time',
    async ({ file, content, message }) => {
      const path = join(ws.dir, file);
      if (typeof content === 'object' && !Buffer.isBuffer(content)) await symlink(content.symlinkTo, path);
      else await writeFile(path, content);
      const writes = await ws.writes();
      const run = await ws.cli(['apply', '--ignore-window']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(await ws.writes()).toBe(writes);
      await rm(path, { force: true });
    },
  );
});
