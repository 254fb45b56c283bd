/** Injected faults and adjustable limits (`PUT /__emulator/faults`), drawn from a seeded PRNG. */
import { badRequest, EmulatorRequestError } from '../errors.js';
import type { ApiHandler } from '../runtime.js';
import { hashSeed, Rng } from '../random.js';

export interface FaultSettings {
  /** share of API requests answered 429 (with Retry-After) */
  rate429: number;
  /** share of API requests answered 502/503/504 */
  rate5xx: number;
  /** share of API requests whose connection is destroyed without an answer */
  resetRate: number;
  /** added latency per request, uniform in [min, max] ms */
  latencyMs: [number, number];
  /** lifetime of newly issued tokens */
  tokenTtlSeconds: number;
  rateLimit: { count: number; windowSeconds: number };
  /** also apply rate429/rate5xx/resetRate/latency to POST /oauth/token */
  includeToken: boolean;
  /** longest interval one analytics aggregates query may span */
  maxQueryDays: number;
  /**
   * share of users listed with `expand` whose `skills` / `languages` are left out: Genesys documents expanded
   * fields as best effort, "not guaranteed to be returned"
   */
  expandDropRate: number;
  /**
   * share of user skill and language writes answered 409, as when an admin edits the same user at that moment
   * (the message is the one real orgs send; CX as Code retries these)
   */
  versionConflictRate: number;
  /** seconds the rate-limit reset (and a 429's Retry-After) reports beyond the window: real orgs report 61 s for 60 */
  resetSlackSeconds: number;
}

/** Knobs the emulator's start-up options do not set: their start-up values. */
export const EXTRA_FAULT_DEFAULTS = {
  expandDropRate: 0,
  versionConflictRate: 0,
  resetSlackSeconds: 1,
} as const;

type ExtraKnob = keyof typeof EXTRA_FAULT_DEFAULTS;

export type Injected = { status: 429; retryAfterSeconds: number } | { status: 502 | 503 | 504 } | undefined;

export class Faults {
  settings: FaultSettings;
  private rng: Rng;

  private readonly defaults: FaultSettings;

  constructor(
    defaults: Omit<FaultSettings, ExtraKnob> & Partial<Pick<FaultSettings, ExtraKnob>>,
    private readonly seed: number,
  ) {
    this.defaults = { ...EXTRA_FAULT_DEFAULTS, ...defaults };
    this.settings = structuredClone(this.defaults);
    this.rng = new Rng(hashSeed(seed, 'faults', 0));
  }

  /** Replaces the settings: fields left out go back to the emulator's start-up values. */
  replace(body: unknown): FaultSettings {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('faults must be an object');
    const b = body as Record<string, unknown>;
    const known = new Set(Object.keys(this.defaults));
    for (const key of Object.keys(b)) if (!known.has(key)) throw badRequest(`Unknown fault "${key}"`, key);
    const next = structuredClone(this.defaults);
    for (const key of ['rate429', 'rate5xx', 'resetRate', 'expandDropRate', 'versionConflictRate'] as const) {
      if (b[key] === undefined) continue;
      const v = b[key];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1))
        throw badRequest(`${key} must be a number from 0 to 1`, key);
      next[key] = v;
    }
    if (b.latencyMs !== undefined) {
      const v = b.latencyMs;
      if (
        !Array.isArray(v) ||
        v.length !== 2 ||
        !v.every((x) => typeof x === 'number' && x >= 0 && x <= 60_000) ||
        Number(v[0]) > Number(v[1])
      ) {
        throw badRequest('latencyMs must be [min, max] milliseconds with 0 ≤ min ≤ max ≤ 60000', 'latencyMs');
      }
      next.latencyMs = [Number(v[0]), Number(v[1])];
    }
    if (b.tokenTtlSeconds !== undefined)
      next.tokenTtlSeconds = positiveInt(b.tokenTtlSeconds, 'tokenTtlSeconds');
    if (b.maxQueryDays !== undefined) next.maxQueryDays = positiveInt(b.maxQueryDays, 'maxQueryDays');
    if (b.resetSlackSeconds !== undefined) {
      const v = b.resetSlackSeconds;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 60)
        throw badRequest('resetSlackSeconds must be a whole number from 0 to 60', 'resetSlackSeconds');
      next.resetSlackSeconds = v;
    }
    if (b.includeToken !== undefined) {
      if (typeof b.includeToken !== 'boolean')
        throw badRequest('includeToken must be a boolean', 'includeToken');
      next.includeToken = b.includeToken;
    }
    if (b.rateLimit !== undefined) {
      const r: unknown = b.rateLimit;
      if (typeof r !== 'object' || r === null)
        throw badRequest('rateLimit must be {count, windowSeconds}', 'rateLimit');
      const { count, windowSeconds } = r as Record<string, unknown>;
      next.rateLimit = {
        count: positiveInt(count, 'rateLimit.count'),
        windowSeconds: positiveInt(windowSeconds, 'rateLimit.windowSeconds'),
      };
    }
    this.settings = next;
    this.rng = new Rng(hashSeed(this.seed, 'faults', JSON.stringify(next)));
    return next;
  }

  latency(): number {
    const [min, max] = this.settings.latencyMs;
    if (max <= 0) return 0;
    return Math.round(min + (max - min) * this.rng.next());
  }

  reset(): boolean {
    return this.settings.resetRate > 0 && this.rng.next() < this.settings.resetRate;
  }

  /** This listed user's expanded fields are left out. */
  dropExpand(): boolean {
    return this.settings.expandDropRate > 0 && this.rng.next() < this.settings.expandDropRate;
  }

  /** This user write meets a concurrent edit. */
  versionConflict(): boolean {
    return this.settings.versionConflictRate > 0 && this.rng.next() < this.settings.versionConflictRate;
  }

  injected(): Injected {
    if (this.settings.rate429 > 0 && this.rng.next() < this.settings.rate429) {
      return { status: 429, retryAfterSeconds: this.rng.int(1, 3) };
    }
    if (this.settings.rate5xx > 0 && this.rng.next() < this.settings.rate5xx) {
      return { status: this.rng.pick([502, 503, 504] as const) };
    }
    return undefined;
  }
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw badRequest(`${field} must be a positive integer`, field);
  return value;
}

/**
 * A user write that may meet a concurrent edit (`versionConflictRate`): answered 409 with the message Genesys
 * sends ("The version number of the modified resource must match the version number in the database.", as
 * reported against the API in MyPureCloud/terraform-provider-genesyscloud issue #1461), nothing written.
 */
export function withVersionConflicts(handler: ApiHandler): ApiHandler {
  return (ctx) => {
    if (ctx.runtime.faults.versionConflict()) {
      throw new EmulatorRequestError(
        409,
        'general.conflict',
        'The version number of the modified resource must match the version number in the database.',
      );
    }
    return handler(ctx);
  };
}

/** A user listed with `expand` loses its expanded routing fields (`expandDropRate`). */
export function dropExpandedFields(faults: Faults, json: Record<string, unknown>): Record<string, unknown> {
  if (!('skills' in json) && !('languages' in json)) return json;
  if (!faults.dropExpand()) return json;
  const rest = { ...json };
  delete rest.skills;
  delete rest.languages;
  return rest;
}
