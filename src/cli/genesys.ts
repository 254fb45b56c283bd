import { clientOptionsFromEnv, configFromEnv, createGenesysClient } from '../genesys/index.js';
import type { GenesysPort } from '../genesys/port.js';
import { inert } from '../safe-text.js';
import type { CliContext } from './context.js';

/** The Genesys port for a command, built once from the environment (or the one a test injected). */
export function genesysFor(ctx: CliContext): () => Promise<GenesysPort> {
  let port: Promise<GenesysPort> | undefined;
  return () => {
    if (ctx.genesys) return ctx.genesys();
    port ??= Promise.resolve().then(() =>
      createGenesysClient(
        configFromEnv(ctx.env, (warning) => ctx.stderr(`warning: ${inert(warning)}\n`)),
        {
          ...clientOptionsFromEnv(ctx.env, ctx.dispatcher),
          ...(ctx.debug ? { log: (line: string) => ctx.stderr(`debug: ${inert(line)}\n`) } : {}),
        },
      ),
    );
    return port;
  };
}
