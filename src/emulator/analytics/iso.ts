/** ISO-8601 intervals and durations as the Genesys analytics API takes them. */
import { badRequest } from '../errors.js';

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Duration in ms, or undefined when the text is not a fixed-length ISO duration (months/years are not). */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, weeks, days, hours, minutes, seconds] = m;
  const ms =
    Number(weeks ?? 0) * 7 * 86_400_000 +
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Number(seconds ?? 0) * 1000;
  return ms > 0 ? ms : undefined;
}

/** An ISO-8601 date-time; without an offset it is UTC (as the API documents its examples). */
function parseInstant(text: string): number | undefined {
  const m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(m[3] === undefined ? `${text}Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** "start/end", "start/duration" or "duration/end" → [start, end) in ms; 400 when malformed or empty. */
export function parseInterval(text: unknown, field = 'interval'): { start: number; end: number } {
  if (typeof text !== 'string') throw badRequest(`${field} must be an ISO-8601 interval "start/end"`, field);
  const parts = text.split('/');
  if (parts.length !== 2)
    throw badRequest(`${field} must be an ISO-8601 interval "start/end", got "${text}"`, field);
  const [a = '', b = ''] = parts;
  const startInstant = parseInstant(a);
  const endInstant = parseInstant(b);
  let start: number | undefined;
  let end: number | undefined;
  if (startInstant !== undefined && endInstant !== undefined) {
    start = startInstant;
    end = endInstant;
  } else if (startInstant !== undefined) {
    const d = parseDuration(b);
    if (d !== undefined) {
      start = startInstant;
      end = startInstant + d;
    }
  } else if (endInstant !== undefined) {
    const d = parseDuration(a);
    if (d !== undefined) {
      start = endInstant - d;
      end = endInstant;
    }
  }
  if (start === undefined || end === undefined) {
    throw badRequest(`${field} must be an ISO-8601 interval "start/end", got "${text}"`, field);
  }
  if (end <= start) throw badRequest(`${field} end must be after its start, got "${text}"`, field);
  return { start, end };
}

export function isoInterval(start: number, end: number): string {
  return `${new Date(start).toISOString()}/${new Date(end).toISOString()}`;
}
