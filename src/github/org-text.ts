/**
 * Text that came from the org or an API (names, reasons, drift details). Templates can only print it through
 * an escaping helper (`md`, `mermaid`, `code`): `{{value}}` or `{{{value}}}` on an `OrgText` throws, so a
 * template that forgets to escape fails its tests instead of shipping raw markdown.
 */
export class OrgText {
  readonly value: string;
  constructor(value: string | undefined | null) {
    this.value = value ?? '';
  }
  toString(): string {
    throw new TypeError('org text must be rendered through an escaping helper ({{md x}}), not {{x}}');
  }
  [Symbol.toPrimitive](): string {
    return this.toString();
  }
}

export function orgText(value: string | undefined | null): OrgText {
  return new OrgText(value);
}

/** the raw text of an `OrgText` or a plain string (for helpers); anything else is rejected */
export function unwrapText(value: unknown): string {
  if (value instanceof OrgText) return value.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value === undefined || value === null) return '';
  throw new TypeError(`expected text, got ${typeof value}`);
}
