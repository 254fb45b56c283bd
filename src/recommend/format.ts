/** Small helpers for reasons and records. */

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** "1 day", "30 days", "2.5 agents" */
export function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** `record[key]` for own keys only (a skill or queue called "constructor" must not hit Object.prototype). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
