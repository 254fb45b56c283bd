import { Command, CommanderError } from 'commander';
import { RoutingGitopsError } from '../errors.js';
import { inertLines, inertMessage } from '../safe-text.js';
import type { CliContext } from './context.js';
import { registerCommands } from './commands/index.js';
import { packageInfo } from './package-info.js';

export type ContextOverrides = Partial<Omit<CliContext, 'exitCode'>>;

const writers = new WeakMap<NodeJS.WriteStream, (text: string) => void>();

/**
 * A writer for the process's stdout or stderr that goes quiet when the reader has gone (`validate | head -1`):
 * EPIPE stops the output, not the command, which finishes and exits with its own code. Other stream errors
 * still surface.
 */
export function pipeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  const known = writers.get(stream);
  if (known) return known;
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    closed = true;
  });
  const write = (text: string): void => {
    if (!closed && !stream.destroyed) stream.write(text);
  };
  writers.set(stream, write);
  return write;
}

function defaultContext(overrides: ContextOverrides): CliContext {
  return {
    stdout: overrides.stdout ?? pipeWriter(process.stdout),
    stderr: overrides.stderr ?? pipeWriter(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    debug: false,
    isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
    ...overrides,
    exitCode: 0,
  };
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('routing-gitops')
    .description('GitOps for Genesys Cloud routing: skills, proficiencies and rule weights kept in git.')
    .version(packageInfo().version, '-V, --version', 'print the version of routing-gitops')
    .option('--debug', 'verbose diagnostics and stack traces (never secrets)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) })
    .hook('preAction', (cmd) => {
      ctx.debug = Boolean(cmd.opts<{ debug?: boolean }>().debug);
    });
  registerCommands(program, ctx);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function main(argv: string[], overrides: ContextOverrides = {}): Promise<number> {
  const ctx = defaultContext(overrides);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, ctx);
  }
}

function reportError(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return error.exitCode === 0 ? 0 : 1;
  }
  if (error instanceof RoutingGitopsError) {
    ctx.stderr(`error: ${inertLines(error.message)}\n`);
    if (ctx.debug && error.stack) ctx.stderr(`${inertLines(error.stack)}\n`);
    return error.exitCode;
  }
  ctx.stderr(`error: unexpected failure: ${inertMessage(error)}\n`);
  if (ctx.debug && error instanceof Error && error.stack) ctx.stderr(`${inertLines(error.stack)}\n`);
  return 1;
}
