import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { exampleOrg, FakeGenesysPort } from './fake-port.js';
import { PROFILES, withTempDir } from './helpers.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/desired-state/example');

async function run(
  argv: string[],
  options: { cwd: string; env?: Record<string, string>; port?: FakeGenesysPort },
) {
  const out: string[] = [];
  const err: string[] = [];
  const port = options.port;
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: options.cwd,
    env: options.env ?? {},
    ...(port ? { genesys: () => Promise.resolve(port) } : {}),
  });
  return { code, out: out.join(''), err: err.join('') };
}

async function repoWithExample(tmp: string): Promise<void> {
  await cp(EXAMPLE, path.join(tmp, 'desired-state'), { recursive: true });
}

describe('routing-gitops validate', () => {
  it('exits 0 on valid desired state (default dir under cwd) and says what it checked', async () => {
    await withTempDir(async (tmp) => {
      await repoWithExample(tmp);
      const offline = await run(['validate', '--offline'], { cwd: tmp });
      expect(offline).toEqual({
        code: 0,
        out: 'desired-state: valid, 5 users, 2 queues, 4 weights; references not checked (--offline)\n',
        err: '',
      });
      const noCredentials = await run(['validate'], { cwd: tmp });
      expect(noCredentials.out).toContain('references not checked (GENESYSCLOUD_OAUTHCLIENT_ID not set)');
    });
  });

  it('exits 1 and prints every problem as file:line:col: message, plus annotations under GitHub Actions', async () => {
    await withTempDir(async (tmp) => {
      await mkdir(path.join(tmp, 'ds/routing-profiles'), { recursive: true });
      await writeFile(
        path.join(tmp, 'ds/routing-profiles/a.yaml'),
        `${PROFILES}profiles:\n  a@x.io:\n    skills: {Billing: 9, Sales: x}\n`,
      );
      await writeFile(path.join(tmp, 'ds/notes.txt'), 'hello');
      const plain = await run(['validate', '--dir', 'ds', '--offline'], { cwd: tmp });
      expect(plain.code).toBe(1);
      expect(plain.out).toMatchInlineSnapshot(`
        "ds/routing-profiles/a.yaml:5:23: Billing must be a number from 0 to 5, got 9
        ds/routing-profiles/a.yaml:5:33: Sales must be a number from 0 to 5, got "x"
        ds/notes.txt:1:1: warning: not a .yaml or .yml file; ignored
        ds: invalid, 2 errors, 1 warning
        "
      `);
      const actions = await run(['validate', '--dir', 'ds', '--offline'], {
        cwd: tmp,
        env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: tmp },
      });
      expect(actions.code).toBe(1);
      expect(actions.out.split('\n').filter((l) => l.startsWith('::'))).toEqual([
        '::error file=ds/routing-profiles/a.yaml,line=5,col=23::Billing must be a number from 0 to 5, got 9',
        '::error file=ds/routing-profiles/a.yaml,line=5,col=33::Sales must be a number from 0 to 5, got "x"',
        '::warning file=ds/notes.txt,line=1,col=1::not a .yaml or .yml file; ignored',
      ]);
    });
  });

  it('checks references against the live org when credentials are configured', async () => {
    await withTempDir(async (tmp) => {
      await repoWithExample(tmp);
      const env = { GENESYSCLOUD_OAUTHCLIENT_ID: 'id', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret' };
      const port = new FakeGenesysPort(exampleOrg());
      const ok = await run(['validate'], { cwd: tmp, env, port });
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('references checked against the live org');
      expect(port.calls).toEqual({
        listUsers: 1,
        listSkills: 1,
        listQueues: 1,
        listWrapupCodes: 1,
        findDataTable: 1,
        listDataTableRows: 1,
      });

      const org = exampleOrg();
      org.skills = org.skills.filter((s) => s.name !== 'Spanish');
      org.queues = org.queues.filter((q) => q.name !== 'Sales');
      const bad = await run(['validate'], { cwd: tmp, env, port: new FakeGenesysPort(org) });
      expect(bad.code).toBe(1);
      expect(bad.out).toMatchInlineSnapshot(`
        "desired-state/routing-profiles/support.yaml:11:7: unknown skill "Spanish" (not in the org: deleted or renamed there, or in a division this OAuth client's role does not cover?)
        desired-state/rule-weights.yaml:6:3: queue "Sales" not found
        desired-state: invalid, 2 errors
        "
      `);
      const offline = await run(['validate', '--offline'], { cwd: tmp, env, port: new FakeGenesysPort(org) });
      expect(offline.code).toBe(0);
    });
  });
});

describe('routing-gitops export', () => {
  it('writes desired state from the live org that then validates against it', async () => {
    await withTempDir(async (tmp) => {
      const port = new FakeGenesysPort(exampleOrg());
      const exported = await run(['export', '--out', 'desired-state'], { cwd: tmp, port });
      expect(exported).toEqual({
        code: 0,
        out: 'exported 6 users in 3 routing-profiles files, 2 queues and 4 weights to desired-state\n',
        err: '',
      });
      const env = { GENESYSCLOUD_OAUTHCLIENT_ID: 'id' };
      const validated = await run(['validate'], { cwd: tmp, env, port });
      expect(validated.code).toBe(0);
      expect(validated.out).toBe(
        'desired-state: valid, 6 users, 2 queues, 4 weights; references checked against the live org\n',
      );
      const again = await run(['export', '--out', 'desired-state'], { cwd: tmp, port });
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/already holds desired state .*pass --force/);
    });
  });

  it('rejects a bad --group-by and a missing --out', async () => {
    await withTempDir(async (tmp) => {
      const port = new FakeGenesysPort(exampleOrg());
      const bad = await run(['export', '--out', 'x', '--group-by', 'team'], { cwd: tmp, port });
      expect(bad).toEqual({ code: 1, out: '', err: 'error: --group-by must be queue or none, not "team"\n' });
      const missing = await run(['export'], { cwd: tmp, port });
      expect(missing.code).toBe(1);
      expect(missing.err).toContain("required option '--out <dir>' not specified");
    });
  });
});
