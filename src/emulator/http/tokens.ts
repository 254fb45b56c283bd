/** OAuth client-credentials tokens with expiry and a fixed rate-limit window per token. */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../model.js';

export interface OAuthClient {
  id: string;
  secret: string;
  actor: Actor;
}

interface TokenRecord {
  client: OAuthClient;
  expiresAt: number;
  windowStart: number;
  count: number;
}

export type TokenLookup =
  | { ok: true; client: OAuthClient; record: TokenRecord }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface RateDecision {
  headers: Record<string, string>;
  limited: boolean;
  retryAfterSeconds: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  issue(client: OAuthClient, nowMs: number, ttlSeconds: number): string {
    for (const [token, record] of this.tokens) if (record.expiresAt <= nowMs) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { client, expiresAt: nowMs + ttlSeconds * 1000, windowStart: nowMs, count: 0 });
    return token;
  }

  lookup(authorization: string | undefined, nowMs: number): TokenLookup {
    if (!authorization) return { ok: false, reason: 'missing' };
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m?.[1]) return { ok: false, reason: 'invalid' };
    const record = this.tokens.get(m[1]);
    if (!record) return { ok: false, reason: 'invalid' };
    if (record.expiresAt <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, client: record.client, record };
  }

  /** Counts a request against the token's window and says whether it is over the limit. */
  charge(
    record: TokenRecord,
    nowMs: number,
    limit: { count: number; windowSeconds: number },
    resetSlackSeconds = 0,
  ): RateDecision {
    const windowMs = limit.windowSeconds * 1000;
    if (nowMs >= record.windowStart + windowMs || nowMs < record.windowStart) {
      record.windowStart = nowMs;
      record.count = 0;
    }
    record.count++;
    // real orgs report a reset one second past the window (61 s for a 60 s window): `resetSlackSeconds`
    const reset = Math.max(1, Math.ceil((record.windowStart + windowMs - nowMs) / 1000)) + resetSlackSeconds;
    const headers = rateHeaders(record.count, limit.count, reset);
    return { headers, limited: record.count > limit.count, retryAfterSeconds: reset };
  }
}

export function rateHeaders(count: number, allowed: number, resetSeconds: number): Record<string, string> {
  return {
    'inin-ratelimit-count': String(count),
    'inin-ratelimit-allowed': String(allowed),
    'inin-ratelimit-reset': String(resetSeconds),
  };
}
