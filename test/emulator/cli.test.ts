import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { parseEmulatorFlags, runEmulatorCommand } from '../../src/cli/commands/emulator.js';
import { ConfigError } from '../../src/errors.js';
import { T0 } from './helpers.js';

function context(onOut: (text: string) => void): CliContext {
  return {
    stdout: onOut,
    stderr: () => undefined,
    env: {},
    cwd: process.cwd(),
    now: () => new Date(T0),
    debug: false,
    isTTY: false,
    exitCode: 0,
  };
}

describe('emulator flags', () => {
  it('parses every flag', () => {
    expect(
      parseEmulatorFlags({
        port: '0',
        seed: '9',
        users: '50',
        queues: '3',
        skills: '4',
        days: '7',
        rateLimit: '120/30',
        clientId: 'ci',
        clientSecret: 's3',
        tokenTtl: '600',
      }),
    ).toEqual({
      port: 0,
      seed: 9,
      users: 50,
      queues: 3,
      skills: 4,
      days: 7,
      rateLimit: { count: 120, windowSeconds: 30 },
      clientId: 'ci',
      clientSecret: 's3',
      tokenTtlSeconds: 600,
    });
  });

  it.each([
    [{ rateLimit: '300' }, '--rate-limit must be COUNT/SECONDS, e.g. 300/60, got "300"'],
    [{ rateLimit: '0/60' }, '--rate-limit must be COUNT/SECONDS, e.g. 300/60, got "0/60"'],
    [{ users: '0' }, '--users must be an integer ≥ 1, got "0"'],
    [{ port: '70000' }, '--port must be at most 65535'],
    [{ days: 'x' }, '--days must be an integer ≥ 1, got "x"'],
    [{ clientId: '' }, '--client-id must not be empty'],
  ])('rejects %j', (flags, message) => {
    expect(() => parseEmulatorFlags(flags)).toThrow(new ConfigError(message));
  });
});

describe('routing-gitops emulator', () => {
  it('prints "listening on URL" first, serves the configured client, never prints the secret, stops on abort', async () => {
    const output: string[] = [];
    let listening: (line: string) => void = () => undefined;
    const firstLine = new Promise<string>((resolve) => (listening = resolve));
    const ctx = context((text) => {
      if (output.length === 0) listening(text);
      output.push(text);
    });
    const stop = new AbortController();
    const running = runEmulatorCommand(
      parseEmulatorFlags({
        users: '30',
        queues: '2',
        skills: '3',
        days: '2',
        clientId: 'ci-client',
        clientSecret: 'very-secret-value',
      }),
      ctx,
      stop.signal,
    );
    const line = await firstLine;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const url = line.trim().slice('listening on '.length);
    const response = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('ci-client:very-secret-value').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    stop.abort();
    await running;
    await expect(fetch(`${url}/__emulator/state`)).rejects.toThrow();
    expect(output.join('')).not.toContain('very-secret-value');
    expect(output.join('')).toContain('ci-client');
  });

  it('exits 1 with the reason on a bad flag, before listening', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['emulator', '--rate-limit', 'lots'], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(1);
    expect(out.join('')).toBe('');
    expect(err.join('')).toContain('--rate-limit must be COUNT/SECONDS');
  });

  it('documents its flags in --help', async () => {
    const out: string[] = [];
    expect(await main(['emulator', '--help'], { stdout: (t) => out.push(t) })).toBe(0);
    for (const flag of [
      '--port',
      '--seed',
      '--users',
      '--queues',
      '--skills',
      '--days',
      '--rate-limit',
      '--client-id',
      '--client-secret',
      '--token-ttl',
    ]) {
      expect(out.join('')).toContain(flag);
    }
  });
});
