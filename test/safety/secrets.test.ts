import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, type Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FakeGitHub } from '../github/fake/fake-github.js';
import { FIXED_NOW, Workspace } from '../support/e2e.js';
import { withoutFloor } from '../support/settings-text.js';

const SECRET = 'CANARY-s3cr3t-9f2e41d7';
const GH_TOKEN = 'ghs_CANARYgithubToken0123456789';

/** An undici dispatcher that remembers every bearer token the CLI sends (the tokens must never leak). */
function tokenSpy(seen: Set<string>): Dispatcher {
  return new Agent().compose((dispatch) => (opts, handler) => {
    const headers = opts.headers as Record<string, string> | string[] | undefined;
    const values = Array.isArray(headers) ? headers : Object.entries(headers ?? {}).flat();
    for (const v of values) {
      const m = /^Bearer\s+(\S+)$/i.exec(String(v));
      if (m?.[1]) seen.add(m[1]);
    }
    return dispatch(opts, handler);
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

describe('secrets never leave the process', () => {
  let ws: Workspace;
  let github: FakeGitHub;
  beforeEach(async () => {
    ws = await Workspace.create({
      clientId: 'canary-client',
      clientSecret: SECRET,
      users: 40,
      seed: 4,
      days: 14,
      // the emulator's history and the CLI share one fixed clock: the plan is the same whatever the time of day
      now: () => FIXED_NOW,
    });
    github = await FakeGitHub.start({ token: GH_TOKEN });
  });
  afterEach(async () => {
    await github.close();
    await ws.close();
  });

  it('prints, logs, writes and sends neither the client secret nor any access token, even with --debug', async () => {
    const tokens = new Set<string>();
    const dispatcher = tokenSpy(tokens);
    const env = {
      ...ws.env,
      GITHUB_TOKEN: GH_TOKEN,
      GITHUB_REPOSITORY: 'acme/routing',
      GITHUB_API_URL: github.url,
    };
    const output: string[] = [];
    const run = async (args: string[]): Promise<number> =>
      main(['--debug', ...args], {
        env,
        cwd: ws.cwd,
        dispatcher,
        now: () => FIXED_NOW,
        isTTY: false,
        stdout: (t) => output.push(t),
        stderr: (t) => output.push(t),
      });
    const step = async (args: string[], expected: number): Promise<void> => {
      const code = await run(args);
      if (code !== expected)
        throw new Error(`${args.join(' ')} exited ${code}:\n${output.join('').slice(-3000)}`);
    };
    await step(['export', '--out', 'desired-state'], 0);
    // not a test of the service-level floor, whose verdict on the plan depends on the time of day the suite runs
    await withoutFloor(ws.dir);
    const exported: Record<string, string> = {};
    for (const f of await filesUnder(ws.dir))
      exported[f.slice(ws.cwd.length + 1)] = await readFile(f, 'utf8');
    github.state.commitFiles(github.state.defaultBranch, exported, 'export');
    await step(['validate'], 0);
    await step(['diff'], 0);
    await step(['plan', '--days', '14'], 0);
    await step(['apply', '--report', 'report.csv', '--summary', 'summary.md', '--ignore-window'], 0);
    expect(tokens.size).toBeGreaterThan(0);
    expect(
      github.exchanges.some((e) => e.method === 'POST' && e.route === '/repos/{owner}/{repo}/pulls'),
    ).toBe(true);
    expect(output.join('')).toContain('debug:');

    const basic = Buffer.from(`canary-client:${SECRET}`).toString('base64');
    const haystacks = [
      output.join(''),
      ...(await Promise.all((await filesUnder(ws.cwd)).map((f) => readFile(f, 'utf8')))),
      JSON.stringify(github.exchanges.map((e) => e.requestBody)),
    ];
    for (const text of haystacks) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(basic);
      expect(text).not.toContain(GH_TOKEN);
      for (const token of tokens) expect(text).not.toContain(token);
    }
  });

  it('a wrong secret is one clear line and exit 1', async () => {
    const err: string[] = [];
    const code = await main(['export', '--out', 'desired-state'], {
      env: { ...ws.env, GENESYSCLOUD_OAUTHCLIENT_SECRET: 'wrong-CANARY-xyz' },
      cwd: ws.cwd,
      isTTY: false,
      stdout: () => undefined,
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(1);
    const text = err.join('');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toMatch(/rejected the OAuth client credentials/);
    expect(text).not.toContain('wrong-CANARY-xyz');
  });

  it('a missing setting names the variable', async () => {
    const err: string[] = [];
    const code = await main(['export', '--out', 'desired-state'], {
      env: { GENESYSCLOUD_OAUTHCLIENT_ID: 'x', GENESYSCLOUD_API_REGION: ws.emulator.url },
      cwd: ws.cwd,
      isTTY: false,
      stdout: () => undefined,
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(1);
    expect(err.join('')).toContain('GENESYSCLOUD_OAUTHCLIENT_SECRET');
  });
});
