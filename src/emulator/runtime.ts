/** Everything one running emulator holds besides the org itself. */
import type { Actor } from './model.js';
import type { EmulatorOrg } from './org.js';
import type { DayRunner } from './parallel.js';
import type { RequestCounters } from './http/counters.js';
import type { Faults } from './http/faults.js';
import type { Reply } from './http/respond.js';
import type { Router } from './http/router.js';
import type { OAuthClient, TokenStore } from './http/tokens.js';

export interface ApiContext {
  org: EmulatorOrg;
  runtime: Runtime;
  params: Record<string, string>;
  query: URLSearchParams;
  /** parsed JSON body (undefined when empty) */
  body: unknown;
  actor: Actor;
  contextId: string;
}

export type ApiHandler = (ctx: ApiContext) => Reply;

export interface Runtime {
  org: EmulatorOrg;
  tokens: TokenStore;
  faults: Faults;
  counters: RequestCounters;
  clients: OAuthClient[];
  router: Router<ApiHandler>;
  now: () => Date;
  /** threads that simulate days besides the main one (0: none); started on the first large query */
  threads: number;
  dayRunner?: DayRunner | undefined;
}
