import { spawn } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ApiError } from '../../src/errors.js';
import { exampleOrg, FakeGenesysPort } from './fake-port.js';
import { PROFILES, withTempDir } from './helpers.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/routing-gitops.js');
const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/desired-state/example');

describe('output the reader closes early', () => {
  it('`validate | head -1` ends quietly with its own exit code when the pipe closes', async () => {
    await withTempDir(async (tmp) => {
      const users = Array.from(
        { length: 1_500 },
        (_, i) => `  u${i}@example.com:\n    skills: {Billing: 9}\n`,
      );
      await mkdir(path.join(tmp, 'ds/routing-profiles'), { recursive: true });
      await writeFile(
        path.join(tmp, 'ds/routing-profiles/a.yaml'),
        `${PROFILES}profiles:\n${users.join('')}`,
      );
      const child = spawn(process.execPath, [BIN, 'validate', '--dir', 'ds', '--offline'], {
        cwd: tmp,
        env: { PATH: process.env.PATH },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const first = await new Promise<string>((resolve) => {
        child.stdout.once('data', (chunk: Buffer) => {
          child.stdout.destroy(); // the reader goes away after the first chunk, like `head -1`
          resolve(chunk.toString().split('\n')[0] ?? '');
        });
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(first).toBe('ds/routing-profiles/a.yaml:5:23: Billing must be a number from 0 to 5, got 9');
      expect(stderr).toBe('');
      expect(code).toBe(1);
    });
  });
});

describe('text from the API is printed inert', () => {
  it('an API error message cannot colour the terminal or start a workflow command', async () => {
    await withTempDir(async (tmp) => {
      await cp(EXAMPLE, path.join(tmp, 'desired-state'), { recursive: true });
      const port = new FakeGenesysPort(exampleOrg());
      port.listUsers = () =>
        Promise.reject(
          new ApiError({
            status: 400,
            method: 'GET',
            path: '/api/v2/users',
            message: 'bad\u001b[2J\u001b]0;owned\u0007\n::error file=x::injected\r\n##[warning]also',
            contextId: 'c-1',
          }),
        );
      const err: string[] = [];
      const code = await main(['validate'], {
        stdout: () => undefined,
        stderr: (t) => err.push(t),
        cwd: tmp,
        env: { GENESYSCLOUD_OAUTHCLIENT_ID: 'id', GITHUB_ACTIONS: 'true' },
        genesys: () => Promise.resolve(port),
      });
      expect(code).toBe(1);
      expect(err.join('')).toBe(
        'error: GET /api/v2/users → 400: bad\n' +
          ': :error file=x::injected\n' +
          '## [warning]also (contextId c-1)\n',
      );
    });
  });
});
