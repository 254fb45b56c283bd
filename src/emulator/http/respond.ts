/** Reply values and Genesys-style error bodies. */
import type { ServerResponse } from 'node:http';
import { EmulatorRequestError } from '../errors.js';

export interface Reply {
  status: number;
  body?: unknown;
  /** the body already serialized (large analytics answers are written as text, never built as objects) */
  json?: string | Buffer;
  headers?: Record<string, string>;
}

export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: { fieldName?: string; entityId?: string; errorCode?: string }[];
  errors: ErrorBody[];
}

export function errorBody(
  status: number,
  code: string,
  message: string,
  contextId: string,
  details: ErrorBody['details'] = [],
): ErrorBody {
  return { message, code, status, contextId, details, errors: [] };
}

export function errorReply(error: unknown, contextId: string): Reply {
  if (error instanceof EmulatorRequestError) {
    return {
      status: error.status,
      body: errorBody(error.status, error.apiCode, error.message, contextId, error.details),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    body: errorBody(500, 'internal.server.error', `Emulator failure: ${message}`, contextId),
  };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined && reply.json === undefined) {
    res.statusCode = reply.status;
    res.end();
    return;
  }
  const text = reply.json ?? JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader('content-type', 'application/json; charset=UTF-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
