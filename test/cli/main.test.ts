import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
}

describe('cli', () => {
  it('prints help listing every contract command and exits 0', async () => {
    const c = capture();
    const code = await main(['--help'], c.io);
    expect(code).toBe(0);
    for (const cmd of ['export', 'validate', 'diff', 'apply', 'plan', 'erlang', 'emulator', 'demo']) {
      expect(c.out.join('')).toContain(cmd);
    }
  });

  it('rejects an unknown command with exit 1', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/unknown command/);
  });
});
