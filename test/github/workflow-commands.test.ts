import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';

const DIR = '.github/workflows';

function invocations(): { file: string; command: string; flags: string[] }[] {
  const out: { file: string; command: string; flags: string[] }[] = [];
  for (const file of readdirSync(DIR)) {
    const text = readFileSync(join(DIR, file), 'utf8');
    for (const m of text.matchAll(/npx routing-gitops ([a-z-]+)([^\n]*)/g)) {
      out.push({ file, command: m[1]!, flags: [...(m[2] ?? '').matchAll(/(--[a-z-]+)/g)].map((f) => f[1]!) });
    }
    // `args=(plan)` … `args+=(--days …)` style
    const built = /args=\(([a-z-]+)\)/.exec(text);
    if (built)
      out.push({
        file,
        command: built[1]!,
        flags: [...text.matchAll(/args\+=\((--[a-z-]+)/g)].map((f) => f[1]!),
      });
  }
  return out;
}

describe('the workflows call the CLI as it is', () => {
  const ctx = {
    stdout: () => undefined,
    stderr: () => undefined,
    env: {},
    cwd: '.',
    now: () => new Date(),
    debug: false,
    exitCode: 0,
    isTTY: false,
  } as CliContext;
  const program = buildProgram(ctx);
  const calls = invocations();

  it('finds the plan and apply invocations', () => {
    expect(calls.map((c) => c.command)).toEqual(expect.arrayContaining(['plan', 'apply']));
  });

  it.each(calls)(
    '$file: routing-gitops $command $flags uses only flags the command has',
    ({ command, flags }) => {
      const sub = program.commands.find((c) => c.name() === command);
      expect(sub, command).toBeDefined();
      const known = new Set([...sub!.options.map((o) => o.long), '--debug']);
      for (const flag of flags) expect(known, `${command} ${flag}`).toContain(flag);
    },
  );
});
