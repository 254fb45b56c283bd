/**
 * Writes JSON text as bytes into a growing buffer, for answers too large to build as objects first (a month of
 * 100 agents' half hours is tens of thousands of objects). The caller writes what `JSON.stringify` would: this
 * only appends pieces of JSON text, quoted strings and integers.
 */
export class JsonBytes {
  private buf: Buffer;
  private n = 0;
  private readonly pieces = new Map<string, Uint8Array>();

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private room(bytes: number): void {
    if (this.n + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.n + bytes));
    this.buf.copy(grown, 0, 0, this.n);
    this.buf = grown;
  }

  /** Encodes a piece of JSON text once, for writing many times with {@link piece}. */
  static encode(text: string): Uint8Array {
    return Buffer.from(text, 'utf8');
  }

  /** Appends encoded JSON text. */
  piece(bytes: Uint8Array): this {
    const length = bytes.length;
    this.room(length);
    const buf = this.buf;
    let n = this.n;
    if (length > 24) {
      buf.set(bytes, n); // a block copy beats the loop past a few words
      this.n = n + length;
      return this;
    }
    for (let i = 0; i < length; i++) buf[n++] = bytes[i] as number;
    this.n = n;
    return this;
  }

  /** Appends JSON text (pieces are encoded once and kept). */
  raw(text: string): this {
    let bytes = this.pieces.get(text);
    if (!bytes) {
      bytes = JsonBytes.encode(text);
      if (this.pieces.size < 8192) this.pieces.set(text, bytes);
    }
    return this.piece(bytes);
  }

  /** Appends JSON text written once (not kept for reuse, unlike {@link raw}). */
  text(text: string): this {
    this.room(Buffer.byteLength(text));
    this.n += this.buf.write(text, this.n, 'utf8');
    return this;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.n;
  }

  /** Takes back what was written after the first `length` bytes (a piece that turned out empty). */
  truncate(length: number): this {
    this.n = Math.min(this.n, Math.max(0, length));
    return this;
  }

  /** A string value, quoted and escaped as `JSON.stringify` does. */
  string(value: string): this {
    const text = JSON.stringify(value);
    this.room(Buffer.byteLength(text));
    this.n += this.buf.write(text, this.n, 'utf8');
    return this;
  }

  /** A number as `JSON.stringify` writes it (safe integers digit by digit, others by String()). */
  number(value: number): this {
    if (!Number.isSafeInteger(value) || Object.is(value, -0)) {
      // String() writes a finite number as JSON.stringify does (-0 as "0"); NaN and infinities are null in JSON
      const text = Number.isFinite(value) ? String(value) : 'null';
      this.room(text.length);
      this.n += this.buf.write(text, this.n, 'latin1');
      return this;
    }
    this.room(17);
    const buf = this.buf;
    let v = value;
    if (v < 0) {
      buf[this.n++] = 45; // '-'
      v = -v;
    }
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits++;
    let at = this.n + digits;
    this.n = at;
    do {
      buf[--at] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    return this;
  }

  /** The bytes written (a view, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.n);
  }
}
