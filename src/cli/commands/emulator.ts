import { once } from 'node:events';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { ConfigError } from '../../errors.js';
import { EMULATOR_DEFAULTS, startEmulator, type EmulatorOptions } from '../../emulator/index.js';

export interface EmulatorFlags {
  port?: string;
  seed?: string;
  users?: string;
  queues?: string;
  skills?: string;
  days?: string;
  rateLimit?: string;
  clientId?: string;
  clientSecret?: string;
  tokenTtl?: string;
}

function integer(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new ConfigError(`${flag} must be an integer ≥ ${min}, got "${value}"`);
  }
  return Number(value);
}

/** Turns the command-line flags into emulator options (ConfigError on bad values). */
export function parseEmulatorFlags(flags: EmulatorFlags): EmulatorOptions {
  const options: EmulatorOptions = {
    port: integer(flags.port, '--port', 0),
    seed: integer(flags.seed, '--seed', 0),
    users: integer(flags.users, '--users', 1),
    queues: integer(flags.queues, '--queues', 1),
    skills: integer(flags.skills, '--skills', 1),
    days: integer(flags.days, '--days', 1),
    tokenTtlSeconds: integer(flags.tokenTtl, '--token-ttl', 1),
  };
  if (options.port !== undefined && options.port > 65_535)
    throw new ConfigError('--port must be at most 65535');
  if (flags.rateLimit !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flags.rateLimit);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
      throw new ConfigError(`--rate-limit must be COUNT/SECONDS, e.g. 300/60, got "${flags.rateLimit}"`);
    }
    options.rateLimit = { count: Number(m[1]), windowSeconds: Number(m[2]) };
  }
  if (flags.clientId !== undefined) {
    if (flags.clientId === '') throw new ConfigError('--client-id must not be empty');
    options.clientId = flags.clientId;
  }
  if (flags.clientSecret !== undefined) {
    if (flags.clientSecret === '') throw new ConfigError('--client-secret must not be empty');
    options.clientSecret = flags.clientSecret;
  }
  return options;
}

/** Runs the emulator until `stop` aborts; the first stdout line is `listening on http://127.0.0.1:PORT`. */
export async function runEmulatorCommand(
  options: EmulatorOptions,
  ctx: CliContext,
  stop: AbortSignal,
): Promise<void> {
  // the history is simulated before the first line: like a real org's, it is stored before anyone asks for it
  const emulator = await startEmulator({ ...options, now: () => ctx.now(), simulateUpFront: true });
  ctx.stdout(`listening on ${emulator.url}\n`);
  const { org } = emulator;
  const range = org.historyRange();
  ctx.stdout(
    `org ${org.identity.name}: ${org.users.length - 1} agents and an admin, ${org.queues.length} queues, ` +
      `${org.skills.length} skills; ` +
      `history ${new Date(range.start).toISOString()} → ${new Date(range.end).toISOString()}\n`,
  );
  ctx.stdout(
    `client id ${options.clientId ?? EMULATOR_DEFAULTS.clientId} (secret not shown); Ctrl-C to stop\n`,
  );
  if (!stop.aborted) await once(stop, 'abort');
  await emulator.close();
}

export function registerEmulator(program: Command, ctx: CliContext): void {
  const d = EMULATOR_DEFAULTS;
  program
    .command('emulator')
    .description('run a Genesys Cloud emulator on 127.0.0.1 with a seeded org and conversation history')
    .option('--port <port>', 'port to listen on (0 = any free port)', String(d.port))
    .option('--seed <n>', 'seed of the generated org and history', String(d.seed))
    .option('--users <n>', 'number of agents', String(d.users))
    .option('--queues <n>', 'number of queues', String(d.queues))
    .option('--skills <n>', 'number of routing skills', String(d.skills))
    .option('--days <n>', 'days of simulated history', String(d.days))
    .option(
      '--rate-limit <count/seconds>',
      'requests allowed per token and window',
      `${d.rateLimit.count}/${d.rateLimit.windowSeconds}`,
    )
    .option('--client-id <id>', 'OAuth client id', d.clientId)
    .option('--client-secret <secret>', 'OAuth client secret (default: the documented emulator secret)')
    .option('--token-ttl <seconds>', 'lifetime of issued access tokens', String(d.tokenTtlSeconds))
    .action(async (flags: EmulatorFlags) => {
      const options = parseEmulatorFlags(flags);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await runEmulatorCommand(options, ctx, controller.signal);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
