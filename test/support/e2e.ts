import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { main } from '../../src/cli/main.js';
import { configFromEnv, createGenesysClient, type GenesysClientOptions } from '../../src/genesys/index.js';
import { loadDesiredState, updateProfilesFile } from '../../src/state/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface EmulatorState {
  now: string;
  users: {
    id: string;
    name: string;
    email: string;
    skills: { id: string; name: string; proficiency: number }[];
  }[];
  dataTables: { id: string; name: string; rows: { key: string; weight?: number }[] }[];
}

export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
  status: Record<string, number>;
}

/**
 * One fixed clock for an emulator and the CLI runs against it, for tests whose plan must propose something: what
 * the analytics hold, and so what the plan proposes, must not depend on the time of day the suite runs.
 */
export const FIXED_NOW = new Date('2026-11-26T16:30:00Z');

/** Every file under `root/dir`, by its path relative to `root` (as a commit would hold them). */
export async function filesOf(root: string, dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(root.length + 1)] = await readFile(path, 'utf8');
  }
  return out;
}

/** A temp workspace with an emulator and a CLI runner wired to it through the environment. */
export class Workspace {
  constructor(
    readonly emulator: RunningEmulator,
    readonly cwd: string,
    readonly env: Record<string, string | undefined>,
  ) {}

  static async create(
    options: EmulatorOptions = {},
    extraEnv: Record<string, string> = {},
  ): Promise<Workspace> {
    // a high rate limit unless a test sets one: the client still paces by the answers' inin-ratelimit-* headers,
    // but the suite does not wait seconds per command for a real org's 300 a minute (the pacing itself is tested
    // against that default in test/genesys)
    const emulator = await startEmulator({
      seed: 3,
      users: 60,
      queues: 4,
      skills: 6,
      days: 7,
      rateLimit: { count: 100_000, windowSeconds: 60 },
      ...options,
    });
    const cwd = await mkdtemp(join(tmpdir(), 'routing-gitops-e2e-'));
    const env = {
      GENESYSCLOUD_OAUTHCLIENT_ID: options.clientId ?? 'emulator-client',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: options.clientSecret ?? 'emulator-secret',
      GENESYSCLOUD_API_REGION: emulator.url,
      ...extraEnv,
    };
    return new Workspace(emulator, cwd, env);
  }

  get dir(): string {
    return join(this.cwd, 'desired-state');
  }

  /** Runs the CLI in-process; `client` options (e.g. a fast clock) build the Genesys port the command uses. */
  async cli(args: string[], now?: Date, client?: GenesysClientOptions): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const port = client ? createGenesysClient(configFromEnv(this.env), client) : undefined;
    const code = await main(args, {
      ...(port ? { genesys: () => Promise.resolve(port) } : {}),
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: this.env,
      cwd: this.cwd,
      isTTY: false,
      ...(now ? { now: () => now } : {}),
      // the apply sweep waits on the same fast time base as the client
      ...(client?.clock ? { sleep: (ms: number) => client.clock!.sleep(ms) } : {}),
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  async control<T>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const res = await request(`${this.emulator.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.body.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  state(): Promise<EmulatorState> {
    return this.control<EmulatorState>('GET', '/__emulator/state');
  }

  requests(): Promise<RequestCounts> {
    return this.control<RequestCounts>('GET', '/__emulator/requests');
  }

  /** write requests (anything but GET and the analytics/audit queries) seen by the emulator */
  async writes(): Promise<number> {
    const counts = await this.requests();
    return Object.entries(counts.byRoute)
      .filter(
        ([route]) => !route.startsWith('GET ') && !route.includes('/query') && !route.includes('/oauth/'),
      )
      .reduce((sum, [, n]) => sum + n, 0);
  }

  /** Sets users' skills in the YAML, where they are listed (the way a person edits a file). */
  async editProfiles(
    edit: Record<string, Record<string, number>>,
    keepOnly?: ReadonlySet<string>,
  ): Promise<void> {
    const loaded = await loadDesiredState(this.dir);
    if (!loaded.value) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const byFile = new Map<string, Record<string, Record<string, number>>>();
    const touched = new Set<string>();
    for (const p of loaded.value.profiles) {
      const all = byFile.get(p.source.file) ?? {};
      if (keepOnly && !keepOnly.has(p.email)) touched.add(p.source.file);
      else all[p.email] = edit[p.email] ?? p.skills;
      if (p.email in edit) touched.add(p.source.file);
      byFile.set(p.source.file, all);
    }
    for (const [file, profiles] of byFile) {
      if (!touched.has(file)) continue;
      const path = join(this.dir, file);
      await writeFile(path, updateProfilesFile(await readFile(path, 'utf8'), profiles));
    }
  }

  async close(): Promise<void> {
    await this.emulator.close();
    await rm(this.cwd, { recursive: true, force: true });
  }
}
