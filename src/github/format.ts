/** Number formats for PR bodies and commit messages (fixed locale, so the output is the same everywhere). */

export const DASH = '—';

/** 0.712 → "71%" (digits 0) or "71.2%" */
export function percent(ratio: number | undefined, digits = 0): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** seconds: "42 s", "4.5 s", "3 min 20 s" */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return DASH;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** a proficiency or weight; "—" when absent */
export function level(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return DASH;
  return String(Math.round(value * 100) / 100);
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : pluralForm}`;
}
