/** routing-gitops command lines in workflow files, and a check of one against the CLI's commander program. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { buildProgram } from '../../src/cli/main.js';

export interface Invocation {
  where: string;
  args: string[];
}

/** Shell words of one line, quotes removed (`"$PR_NUMBER"` → `$PR_NUMBER`); stops at a redirect, pipe or `;`. */
export function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|([^\s"';|&<>]+)|([;|&<>]+)/g)) {
    if (m[4] !== undefined) break;
    out.push(m[1] ?? m[2] ?? m[3]!);
  }
  return out;
}

/** The routing-gitops invocations of one `run:` script (comments skipped). */
export function invocationsIn(script: string, where: string): Invocation[] {
  const out: Invocation[] = [];
  let array: string[] = [];
  for (const raw of script.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const set = /(?:^|\s)args=\((.*?)\)/.exec(line);
    if (set) array = words(set[1]!);
    for (const add of line.matchAll(/args\+=\((.*?)\)/g)) array.push(...words(add[1]!));
    const at = line.search(/(?:^|\s)routing-gitops\s/);
    if (at === -1) continue;
    const tokens = words(line.slice(at).trim()).slice(1);
    const args = tokens.flatMap((t) => (t === '${args[@]}' ? array : [t]));
    out.push({ where, args });
  }
  return out;
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: { command?: string };
}

export function workflowInvocations(dir: string): Invocation[] {
  const out: Invocation[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const workflow = parse(readFileSync(path.join(dir, file), 'utf8')) as {
      jobs: Record<string, { steps: Step[] }>;
    };
    for (const [job, { steps }] of Object.entries(workflow.jobs)) {
      steps.forEach((step, i) => {
        const where = `${file} ${job} step ${i + 1}${step.name ? ` (${step.name})` : ''}`;
        if (step.run) out.push(...invocationsIn(step.run, where));
        // the composite action runs `routing-gitops <command>`, split on spaces
        if (step.uses === './' && step.with?.command)
          out.push({ where, args: step.with.command.split(/\s+/) });
      });
    }
  }
  return out;
}

/** The CLI's commander program, built to be inspected (nothing runs, nothing is printed). */
export function cliProgram(): ReturnType<typeof buildProgram> {
  return buildProgram({
    stdout: () => undefined,
    stderr: () => undefined,
    env: {},
    cwd: '.',
    now: () => new Date(),
    debug: false,
    exitCode: 0,
    isTTY: false,
  });
}

/** Parses one command line with the CLI's program; returns what is wrong with it, or undefined. */
export function problemWith(args: readonly string[]): string | undefined {
  const program = cliProgram();
  const [name, ...rest] = args;
  const sub = program.commands.find((c) => c.name() === name);
  if (!sub) return `no command "${name}"`;
  try {
    const { operands, unknown } = sub.parseOptions(rest.filter((a) => a !== '--debug'));
    if (unknown.length > 0) return `unknown ${unknown.join(' ')}`;
    if (operands.length > sub.registeredArguments.length) return `unexpected ${operands.join(' ')}`;
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}
