import { inert } from './safe-text.js';

/**
 * The product's error hierarchy. Every error has a stable `code` and the CLI exit code it maps to.
 * Messages must never contain secrets or access tokens.
 */
export class RoutingGitopsError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options?.exitCode ?? 1;
  }
}

/** A required setting is missing or malformed (env var, flag). */
export class ConfigError extends RoutingGitopsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG', message, options);
  }
}

/** Login failed (wrong client id or secret, or the token endpoint refused). */
export class AuthError extends RoutingGitopsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AUTH', message, options);
  }
}

/** HTTP error from an API, with the API's own message and correlation id. */
export class ApiError extends RoutingGitopsError {
  readonly status: number;
  readonly contextId: string | undefined;
  readonly method: string;
  readonly path: string;
  constructor(
    init: {
      status: number;
      method: string;
      path: string;
      message: string;
      contextId?: string | undefined;
      code?: string;
    },
    options?: { cause?: unknown },
  ) {
    const ctx = init.contextId ? ` (contextId ${init.contextId})` : '';
    super(
      init.code ?? `HTTP_${init.status}`,
      `${init.method} ${init.path} → ${init.status}: ${init.message}${ctx}`,
      options,
    );
    this.status = init.status;
    this.contextId = init.contextId;
    this.method = init.method;
    this.path = init.path;
  }
}

/** 403: names the permission the operation needs. */
export class PermissionError extends ApiError {
  readonly permission: string;
  constructor(
    init: {
      method: string;
      path: string;
      message: string;
      contextId?: string | undefined;
      permission: string;
    },
    options?: { cause?: unknown },
  ) {
    super(
      {
        ...init,
        status: 403,
        code: 'PERMISSION',
        message: `${init.message}. The OAuth client's role needs the permission ${init.permission}`,
      },
      options,
    );
    this.permission = init.permission;
  }
}

/** Rate limited for longer than we are willing to wait (e.g. a daily limit). */
export class RateLimitError extends ApiError {}

/** One or more desired-state errors; each is `file:line:col: message`. */
export class ValidationError extends RoutingGitopsError {
  readonly problems: readonly SourceProblem[];
  constructor(problems: readonly SourceProblem[]) {
    super('VALIDATION', problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** A guardrail stopped the run before the first write. */
export class GuardrailError extends RoutingGitopsError {
  readonly rule: string;
  constructor(rule: string, message: string) {
    super('GUARDRAIL', `guardrail ${rule}: ${message}`);
    this.rule = rule;
  }
}

export interface SourceProblem {
  file: string;
  line: number;
  col: number;
  message: string;
  severity?: 'error' | 'warning';
}

export function formatProblem(p: SourceProblem): string {
  return `${inert(p.file)}:${p.line}:${p.col}: ${inert(p.message)}`;
}
