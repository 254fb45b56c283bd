/**
 * Scalars written the way a person (and prettier, with this repository's `singleQuote`) would: plain when
 * unambiguous, else single-quoted, else double-quoted when only escapes can say it.
 */
import { parse } from 'yaml';

const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} _.\-@+/&()']*$/u;
const LOOKS_SPECIAL = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
const plainCache = new Map<string, boolean>();

function isPlainSafe(text: string): boolean {
  const cached = plainCache.get(text);
  if (cached !== undefined) return cached;
  let safe = PLAIN.test(text) && !text.endsWith(' ') && !LOOKS_SPECIAL.test(text);
  if (safe) {
    try {
      safe = parse(text) === text;
    } catch {
      safe = false;
    }
  }
  if (plainCache.size > 100_000) plainCache.clear();
  plainCache.set(text, safe);
  return safe;
}

/** Characters a single-quoted scalar can hold as they are (YAML's printable set, no line breaks). */
const PRINTABLE = /^[\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

/**
 * A key or string value, safe in block and flow context. Quotes as prettier settles them: single quotes (`'`
 * doubled inside), double quotes when the text has a `'` and no `"`, or needs escapes to be printable.
 */
export function yamlString(text: string): string {
  if (isPlainSafe(text)) return text;
  if (!PRINTABLE.test(text)) return JSON.stringify(text);
  if (text.includes("'") && !text.includes('"')) return JSON.stringify(text);
  return `'${text.replaceAll("'", "''")}'`;
}

/** Numbers as JS prints them (exact round trip); `-0` as `0`. */
export function yamlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot write ${n} as a proficiency or weight`);
  return Object.is(n, -0) ? '0' : String(n);
}

/** `{ Billing: 4, Sales: 2.5 }` (prettier's spacing), keys in the given order; `{}` when empty. */
export function flowMap(entries: readonly (readonly [string, number])[]): string {
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${yamlString(k)}: ${yamlNumber(v)}`).join(', ')} }`;
}

/** Stable order for keys we add: code-point order, independent of locale. */
export function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedEntries(map: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(map).sort(([a], [b]) => byKey(a, b));
}
