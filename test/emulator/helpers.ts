import { expect } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { validateResponse } from '../support/openapi.js';

/** A fixed wall clock for the emulator (tests move it explicitly). */
export class TestClock {
  constructor(public ms: number) {}
  now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export const T0 = Date.parse('2026-03-10T14:07:00.000Z');

/** JSON answers are checked against the API description, so tests read them loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export async function start(
  options: EmulatorOptions = {},
): Promise<{ emulator: RunningEmulator; clock: TestClock }> {
  const clock = new TestClock(T0);
  const emulator = await startEmulator({ now: clock.now, ...options });
  return { emulator, clock };
}

export async function token(
  emulator: RunningEmulator,
  id = 'emulator-client',
  secret = 'emulator-secret',
): Promise<string> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as { access_token: string };
  expect(response.status).toBe(200);
  return body.access_token;
}

export async function call<T = Json>(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/** Asserts the answer conforms to the API description for that operation and status. */
export function conforms(method: string, template: string, answer: Answer): void {
  expect(
    validateResponse(method, template, answer.status, answer.body),
    `${method} ${template} → ${answer.status}`,
  ).toEqual([]);
}

export function isoDaysBefore(ms: number, days: number): string {
  return new Date(ms - days * 86_400_000).toISOString();
}
