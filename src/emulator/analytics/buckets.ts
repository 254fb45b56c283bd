/**
 * The buckets a query's `granularity` cuts its interval into, in the query's `timeZone`.
 *
 * Genesys: "timeZone: Time zone context used to calculate response intervals (this allows resolving DST changes).
 * The interval offset is used even when timeZone is specified. Default is UTC." (ConversationAggregationQuery and
 * UserAggregationQuery in the Platform API description); the zone applies to granularity periods of a day or
 * longer. So sub-day granularities (PT30M, PT1H) step by fixed durations from the interval's start, while days,
 * weeks and months step by the calendar of the zone from the interval's start: an interval that starts at local
 * midnight gets buckets from local midnight to local midnight, 23 or 25 hours long across a DST change, and
 * P1M buckets from the first of one local month to the first of the next.
 */
import { badRequest } from '../errors.js';
import { isoInterval, parseDuration } from './iso.js';

const CALENDAR = /^P(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$/;
const DAY_MS = 86_400_000;

interface Period {
  months: number;
  days: number;
  /** the fixed part (hours, minutes, seconds) in ms */
  ms: number;
}

/** Granularity text → period; undefined when it is not an ISO-8601 duration the emulator takes. */
export function parsePeriod(text: string): Period | undefined {
  const fixed = parseDuration(text);
  const m = CALENDAR.exec(text);
  if (fixed !== undefined) {
    const days = Math.floor(fixed / DAY_MS);
    return { months: 0, days, ms: fixed - days * DAY_MS };
  }
  if (!m || m[1] === undefined) return undefined;
  const rest = text.replace(/^P\d+M/, 'P');
  const tail = rest === 'P' ? 0 : parseDuration(rest);
  if (tail === undefined) return undefined;
  const months = Number(m[1]);
  if (months <= 0) return undefined;
  const days = Math.floor(tail / DAY_MS);
  return { months, days, ms: tail - days * DAY_MS };
}

const knownZones = new Set<string>();

/** Throws 400 unless `zone` is an IANA time zone name the runtime knows. */
export function checkTimeZone(zone: string): void {
  if (knownZones.has(zone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    if (knownZones.size < 1000) knownZones.add(zone);
  } catch {
    throw badRequest(
      `timeZone "${zone}" is not an IANA time zone name such as UTC or Europe/London`,
      'timeZone',
    );
  }
}

export class Buckets {
  /** bucket starts, then the interval's end */
  private readonly edges: number[];

  private constructor(edges: number[]) {
    this.edges = edges;
  }

  /** One bucket for the whole interval. */
  static whole(start: number, end: number): Buckets {
    return new Buckets([start, end]);
  }

  static of(start: number, end: number, period: Period, timeZone: string): Buckets {
    const edges = [start];
    if (period.months === 0 && period.days === 0) {
      for (let t = start + period.ms; t < end; t += period.ms) edges.push(t);
    } else {
      const wall = wallClock(timeZone, start);
      for (let k = 1; ; k++) {
        const t =
          instantOf(timeZone, {
            ...wall,
            month: wall.month + k * period.months,
            day: wall.day + k * period.days,
          }) +
          k * period.ms;
        if (t >= end) break;
        if (t > (edges[edges.length - 1] ?? start)) edges.push(t);
      }
    }
    edges.push(end);
    return new Buckets(edges);
  }

  get count(): number {
    return this.edges.length - 1;
  }

  /** The bucket holding instant `ms` (−1 outside the interval). */
  indexOf(ms: number): number {
    const edges = this.edges;
    if (ms < (edges[0] ?? 0) || ms >= (edges[edges.length - 1] ?? 0)) return -1;
    let lo = 0;
    let hi = edges.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((edges[mid] ?? 0) <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where bucket `i` starts (the interval's end for `i` = count). */
  start(i: number): number {
    return this.edges[i] ?? 0;
  }

  /** "start/end" of bucket `i`, in UTC as Genesys answers. */
  interval(i: number): string {
    return isoInterval(this.edges[i] ?? 0, this.edges[i + 1] ?? 0);
  }
}

interface Wall {
  year: number;
  /** 0-based, may overflow (Date.UTC normalises) */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

function wallClock(zone: string, ms: number): Wall {
  const parts: Record<string, number> = {};
  for (const p of format(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: (parts.month ?? 1) - 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    ms: ((ms % 1000) + 1000) % 1000,
  };
}

/** ms the zone's wall clock is ahead of UTC at instant `ms` */
function offsetAt(zone: string, ms: number): number {
  const w = wallClock(zone, ms);
  return Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms) - ms;
}

/** The instant a wall-clock time of the zone names (the later offset when the clock went back). */
function instantOf(zone: string, w: Wall): number {
  const local = Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
  let t = local - offsetAt(zone, local);
  t = local - offsetAt(zone, t);
  return t;
}
