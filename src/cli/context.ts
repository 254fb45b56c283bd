import type { Dispatcher } from 'undici';
import type { GenesysPort } from '../genesys/port.js';

/** Everything a command needs from the outside world; tests pass their own. */
export interface CliContext {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): Date;
  /** waits between apply's sweep rounds (default: real timers); tests pass a fast time base */
  sleep?: (ms: number) => Promise<void>;
  /** undici dispatcher for all HTTP (tests: MockAgent or an Agent to the emulator) */
  dispatcher?: Dispatcher;
  /** set by the global --debug flag */
  debug: boolean;
  /** the Genesys port built from env (lazily); tests may replace it */
  genesys?: () => Promise<GenesysPort>;
  /** exit code the command decided on (default 0) */
  exitCode: number;
  /** true when stdout is an interactive terminal (progress output) */
  isTTY: boolean;
}
