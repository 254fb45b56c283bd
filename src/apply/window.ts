import type { OffPeakWindow } from '../state/model.js';

interface LocalTime {
  /** ISO weekday 1 (Mon)–7 (Sun) */
  weekday: number;
  minutes: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: WEEKDAYS[get('weekday')] ?? 1,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether `instant` falls inside the off-peak window. A window over midnight (22:00–06:00) belongs to the day
 * it starts on, so `days: [1]` with 22:00–06:00 covers Monday 22:00 to Tuesday 06:00.
 */
export function isInWindow(window: OffPeakWindow, instant: Date): boolean {
  const { weekday, minutes } = localTime(instant, window.timeZone);
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  const allowed = (day: number): boolean => !window.days || window.days.includes(day);
  if (start === end) return allowed(weekday);
  if (start < end) return minutes >= start && minutes < end && allowed(weekday);
  if (minutes >= start) return allowed(weekday);
  if (minutes < end) return allowed(weekday === 1 ? 7 : weekday - 1);
  return false;
}

/** The next minute at which the window opens (or `from` itself when inside it), searching up to 8 days ahead. */
export function nextWindowStart(window: OffPeakWindow, from: Date): Date | undefined {
  const minute = 60_000;
  const startMs = Math.ceil(from.getTime() / minute) * minute;
  for (let t = startMs; t < startMs + 8 * 86_400_000; t += minute) {
    if (isInWindow(window, new Date(t))) return new Date(t);
  }
  return undefined;
}
