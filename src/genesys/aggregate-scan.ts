/**
 * Reads an aggregates answer (`{"results":[{"group":{…},"data":[{"interval":…,"metrics":[{"metric":…,
 * "qualifier":…,"stats":{…}}]}]}]}`, conversations or users) straight from its bytes, calling a visitor for every
 * statistic, without building the answer as objects. A month of 10,000 agents' half hours is most of a gigabyte
 * of JSON: parsed whole it is millions of small objects and most of the planner's reading time.
 *
 * It accepts any valid JSON, in any key order and with any whitespace: keys it does not know are skipped (their
 * values checked), a `data` array that comes before its `group` (or `metrics` before `interval`) is read again
 * once what it belongs to is known. Duplicate keys: JSON.parse keeps the last; here each is read. Strings that repeat (metric names, qualifiers,
 * intervals) are decoded once and the same string is passed every time. Malformed JSON throws a SyntaxError
 * naming the byte offset.
 */
import type { AggregateResponse, AggregateVisitor, StatisticalSummary } from './port.js';

export type { AggregateVisitor } from './port.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** Keys the scanner tells apart (anything else is OTHER). */
const enum K {
  OTHER,
  RESULTS,
  GROUP,
  DATA,
  INTERVAL,
  METRICS,
  METRIC,
  QUALIFIER,
  STATS,
  COUNT,
  SUM,
  MIN,
  MAX,
  RATIO,
  NUMERATOR,
  DENOMINATOR,
  TARGET,
}

const KEYS: [K, string][] = [
  [K.RESULTS, 'results'],
  [K.GROUP, 'group'],
  [K.DATA, 'data'],
  [K.INTERVAL, 'interval'],
  [K.METRICS, 'metrics'],
  [K.METRIC, 'metric'],
  [K.QUALIFIER, 'qualifier'],
  [K.STATS, 'stats'],
  [K.COUNT, 'count'],
  [K.SUM, 'sum'],
  [K.MIN, 'min'],
  [K.MAX, 'max'],
  [K.RATIO, 'ratio'],
  [K.NUMERATOR, 'numerator'],
  [K.DENOMINATOR, 'denominator'],
  [K.TARGET, 'target'],
];
const STAT_NAMES: Partial<Record<K, keyof StatisticalSummary>> = {
  [K.COUNT]: 'count',
  [K.SUM]: 'sum',
  [K.MIN]: 'min',
  [K.MAX]: 'max',
  [K.RATIO]: 'ratio',
  [K.NUMERATOR]: 'numerator',
  [K.DENOMINATOR]: 'denominator',
  [K.TARGET]: 'target',
};
/** known keys by first letter, as the bytes of `name"` (the closing quote included) */
const KEY_TABLE: [K, Uint8Array][][] = Array.from({ length: 128 }, () => []);
for (const [code, name] of KEYS)
  KEY_TABLE[name.charCodeAt(0)]?.push([code, Buffer.from(`${name}"`, 'latin1')]);

const INTERVAL_HEAD = Buffer.from('{"interval":"', 'latin1');
const METRICS_HEAD = Buffer.from(',"metrics":[', 'latin1');
const METRIC_HEAD = Buffer.from('{"metric":"', 'latin1');
const QUALIFIER_HEAD = Buffer.from(',"qualifier":"', 'latin1');
const STATS_HEAD = Buffer.from(',"stats":{', 'latin1');
const SUM_HEAD = Buffer.from('{"sum":', 'latin1');

/** A decoded string and the bytes it was decoded from. */
interface Interned {
  bytes: Uint8Array;
  text: string;
  /** the string of the same role read after it last time */
  next: Interned | undefined;
}

/**
 * The opening bytes of a bucket (`{"interval":"…","metrics":[`) or of a statistic (`{"metric":"…","qualifier":
 * "…","stats":{"sum":`), as an answer written without whitespace repeats them: matched whole, they say what
 * reading them member by member would (the interval; the metric, qualifier and first statistic's name).
 */
interface Head {
  bytes: Uint8Array;
  /** `bytes` as little-endian 32-bit words (the last few bytes left over), compared four bytes at a time */
  words: Int32Array;
  /** a bucket's interval, or a statistic's metric */
  text: string;
  qualifier: string | undefined;
  /** a statistic's first figure, whose number follows the head */
  field: keyof StatisticalSummary | undefined;
  /** the head of the same kind read after it last time */
  next: Head | undefined;
}

function newHead(
  bytes: Uint8Array,
  text: string,
  qualifier: string | undefined,
  field: keyof StatisticalSummary | undefined,
): Head {
  const words = new Int32Array(bytes.length >> 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words.length; i++) words[i] = view.getInt32(i * 4, true);
  return { bytes, words, text, qualifier, field, next: undefined };
}

/**
 * Heads learned so far, kept for the next answers (the answers of a read share their intervals and statistics):
 * bucket heads by interval, statistic heads in the order learned. Each match is checked byte for byte, so what
 * is kept only saves time; when a list is full it starts again.
 */
const ROW_HEADS = new Map<string, Head>();
const STAT_HEADS: Head[] = [];
/** bucket heads kept (a month of half hours is 1,440) */
const MAX_ROW_HEADS = 8192;
/** statistic heads kept (a few metrics × qualifiers in practice) */
const MAX_STAT_HEADS = 64;

/** What a string is, for guessing the next one (see Scanner.string). */
const enum Role {
  Other,
  Interval,
  Metric,
  Qualifier,
}

/** Buckets read so far by this process (each bucket's serial number, see AggregateVisitor). */
let buckets = 0;

/** Calls `visit` for every statistic of the answer, in the order the answer lists them. */
export function scanAggregates(bytes: Uint8Array, visit: AggregateVisitor): void {
  new Scanner(bytes, visit).answer();
}

class Scanner {
  private pos = 0;
  /** decoded strings by hash of their bytes (escape-free strings only), so a repeated string is decoded once */
  private readonly strings = new Map<number, Interned[]>();
  /** per role, the string read last */
  private readonly last: (Interned | undefined)[] = [undefined, undefined, undefined, undefined];
  /** the bucket head and the statistic head read last */
  private lastRow: Head | undefined;
  private lastStat: Head | undefined;
  /** the name of the first figure {@link stats} read, undefined when it was not a number of a known name */
  private firstField: keyof StatisticalSummary | undefined;

  private readonly dv: DataView;

  constructor(
    private readonly b: Uint8Array,
    private readonly visit: AggregateVisitor,
  ) {
    this.dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  answer(): void {
    this.ws();
    if (this.b[this.pos] !== OPEN_BRACE) this.value();
    else if (this.open(OPEN_BRACE, CLOSE_BRACE)) {
      do {
        if (this.key() === K.RESULTS && this.b[this.pos] === OPEN_BRACKET) {
          if (this.open(OPEN_BRACKET, CLOSE_BRACKET))
            do this.container();
            while (this.next(CLOSE_BRACKET));
        } else this.value();
      } while (this.next(CLOSE_BRACE));
    }
    this.ws();
    if (this.pos !== this.b.length) this.fail('unexpected data after the JSON value');
  }

  private container(): void {
    if (this.b[this.pos] !== OPEN_BRACE) {
      this.value();
      return;
    }
    let group: Record<string, string> | undefined;
    let dataAt = -1;
    if (this.open(OPEN_BRACE, CLOSE_BRACE)) {
      do {
        const key = this.key();
        const c = this.b[this.pos];
        if (key === K.GROUP && c === OPEN_BRACE) group = this.group();
        else if (key === K.DATA && c === OPEN_BRACKET) {
          if (group) this.data(group);
          else {
            dataAt = this.pos; // read again once the group is known
            this.value();
          }
        } else this.value();
      } while (this.next(CLOSE_BRACE));
    }
    if (dataAt >= 0) this.again(dataAt, () => this.data(group ?? {}));
  }

  private group(): Record<string, string> {
    const group: Record<string, string> = {};
    if (this.open(OPEN_BRACE, CLOSE_BRACE)) {
      do {
        this.expectAt(QUOTE);
        const name = this.string();
        this.colon();
        if (this.b[this.pos] !== QUOTE) this.value();
        // an own property, as JSON.parse makes it, even for "__proto__" (an assignment would set the prototype)
        else if (name === '__proto__')
          Object.defineProperty(group, name, {
            value: this.string(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else group[name] = this.string();
      } while (this.next(CLOSE_BRACE));
    }
    return group;
  }

  private data(group: Record<string, string>): void {
    if (!this.open(OPEN_BRACKET, CLOSE_BRACKET)) return;
    do {
      if (this.b[this.pos] !== OPEN_BRACE) {
        this.value();
        continue;
      }
      let interval: string | undefined;
      let metricsAt = -1;
      const serial = ++buckets;
      // a head seen before, matched whole; else the usual shape read as it comes (`{"interval":"…","metrics":[`),
      // then member by member
      let more: boolean;
      const head = this.rowHead();
      if (head !== undefined) {
        interval = head.text;
        this.pos += head.bytes.length - 1;
        this.metrics(group, interval, serial);
        more = this.next(CLOSE_BRACE);
      } else if (this.literal(INTERVAL_HEAD)) {
        const start = this.pos - INTERVAL_HEAD.length + 1;
        interval = this.string(Role.Interval);
        if (this.literal(METRICS_HEAD)) {
          this.learnRow(interval, start);
          this.metrics(group, interval, serial);
        }
        more = this.next(CLOSE_BRACE);
      } else more = this.open(OPEN_BRACE, CLOSE_BRACE);
      while (more) {
        const key = this.key();
        const c = this.b[this.pos];
        if (key === K.INTERVAL && c === QUOTE) interval = this.string(Role.Interval);
        else if (key === K.METRICS && c === OPEN_BRACKET) {
          if (interval !== undefined) this.metrics(group, interval, serial);
          else {
            metricsAt = this.pos;
            this.value();
          }
        } else this.value();
        more = this.next(CLOSE_BRACE);
      }
      if (metricsAt >= 0) this.again(metricsAt, () => this.metrics(group, interval ?? '', serial));
    } while (this.next(CLOSE_BRACKET));
  }

  private metrics(group: Record<string, string>, interval: string, serial: number): void {
    if (!this.open(OPEN_BRACKET, CLOSE_BRACKET)) return;
    do {
      if (this.b[this.pos] !== OPEN_BRACE) {
        this.value();
        continue;
      }
      let metric: string | undefined;
      let qualifier: string | undefined;
      let stats: StatisticalSummary | undefined;
      // a head seen before, matched whole; else the usual shape read as it comes (`{"metric":"…","qualifier":
      // "…","stats":{`), then member by member
      let more: boolean;
      const head = this.statHead();
      if (head !== undefined) {
        metric = head.text;
        qualifier = head.qualifier;
        this.pos += head.bytes.length;
        stats = {};
        if (head.field !== undefined && this.isNumberAt()) stats[head.field] = this.number();
        else this.value();
        this.statsRest(stats);
        more = this.next(CLOSE_BRACE);
      } else if (this.literal(METRIC_HEAD)) {
        const start = this.pos - METRIC_HEAD.length + 1;
        metric = this.string(Role.Metric);
        if (this.literal(QUALIFIER_HEAD)) qualifier = this.string(Role.Qualifier);
        if (this.literal(STATS_HEAD)) {
          stats = this.stats();
          this.learnStat(metric, qualifier, start);
        }
        more = this.next(CLOSE_BRACE);
      } else more = this.open(OPEN_BRACE, CLOSE_BRACE);
      while (more) {
        const key = this.key();
        const c = this.b[this.pos];
        if (key === K.METRIC && c === QUOTE) metric = this.string(Role.Metric);
        else if (key === K.QUALIFIER && c === QUOTE) qualifier = this.string(Role.Qualifier);
        else if (key === K.STATS && c === OPEN_BRACE) stats = this.stats();
        else this.value();
        more = this.next(CLOSE_BRACE);
      }
      if (metric !== undefined) this.visit(group, interval, metric, qualifier, stats ?? {}, serial);
    } while (this.next(CLOSE_BRACKET));
  }

  private stats(): StatisticalSummary {
    const stats: StatisticalSummary = {};
    this.firstField = undefined;
    if (this.literal(SUM_HEAD, 0)) {
      if (this.isNumberAt()) {
        stats.sum = this.number();
        this.firstField = 'sum';
      } else this.value();
    } else {
      if (!this.open(OPEN_BRACE, CLOSE_BRACE)) return stats;
      const name = STAT_NAMES[this.key()];
      if (name !== undefined && this.isNumberAt()) {
        stats[name] = this.number();
        this.firstField = name;
      } else this.value();
    }
    this.statsRest(stats);
    return stats;
  }

  /** The figures after a statistic's first one, and the brace that closes them. */
  private statsRest(stats: StatisticalSummary): void {
    while (this.next(CLOSE_BRACE)) {
      const name = STAT_NAMES[this.key()];
      if (name !== undefined && this.isNumberAt()) stats[name] = this.number();
      else this.value();
    }
  }

  /** The bucket head at the position, when it is one read before (the one that followed the last, first). */
  private rowHead(): Head | undefined {
    const predicted = this.lastRow?.next;
    if (predicted !== undefined && this.isHeadAt(predicted, this.pos)) {
      this.lastRow = predicted;
      return predicted;
    }
    return undefined;
  }

  /**
   * Remembers the bucket head that ends at the position (the `[` of its metrics) and starts at `start`: the
   * shape `{"interval":"…","metrics":[` with no whitespace, whatever the interval's bytes.
   */
  private learnRow(interval: string, start: number): void {
    let head = ROW_HEADS.get(interval);
    const end = this.pos + 1;
    if (head === undefined || head.bytes.length !== end - start || !this.isHeadAt(head, start)) {
      if (ROW_HEADS.size >= MAX_ROW_HEADS) ROW_HEADS.clear();
      // a copy: the answer's bytes are not kept alive by the head
      head = newHead(Uint8Array.prototype.slice.call(this.b, start, end), interval, undefined, undefined);
      ROW_HEADS.set(interval, head);
    }
    if (this.lastRow) this.lastRow.next = head;
    this.lastRow = head;
  }

  /** The statistic head at the position, when it is one read before (the one that followed the last, first). */
  private statHead(): Head | undefined {
    const predicted = this.lastStat?.next;
    if (predicted !== undefined && this.isHeadAt(predicted, this.pos)) {
      this.lastStat = predicted;
      return predicted;
    }
    const heads = STAT_HEADS;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i] as Head;
      if (head !== predicted && this.isHeadAt(head, this.pos)) {
        if (this.lastStat) this.lastStat.next = head;
        this.lastStat = head;
        return head;
      }
    }
    return undefined;
  }

  /**
   * Remembers the head of the statistic that starts at `start` when it was written as `JSON.stringify` writes
   * it (`{"metric":…,"qualifier":…,"stats":{"<figure>":`, no whitespace): the next ones with the same bytes are
   * matched whole.
   */
  private learnStat(metric: string, qualifier: string | undefined, start: number): void {
    const field = this.firstField;
    if (field === undefined) return;
    const q = qualifier === undefined ? '' : `,"qualifier":${JSON.stringify(qualifier)}`;
    const text = `{"metric":${JSON.stringify(metric)}${q},"stats":{${JSON.stringify(field)}:`;
    const bytes = Buffer.from(text, 'utf8');
    if (!this.same(bytes, start, bytes.length)) return;
    const head = newHead(bytes, metric, qualifier, field);
    if (STAT_HEADS.length >= MAX_STAT_HEADS) STAT_HEADS.length = 0;
    STAT_HEADS.push(head);
    if (this.lastStat) this.lastStat.next = head;
    this.lastStat = head;
  }

  /**
   * Whether the bytes at `start` are the head's, compared four at a time (a DataView reads unaligned words; a
   * byte loop over the 60-odd bytes of a head was most of the scan). The last word first: a head of another
   * length fails there at once.
   */
  private isHeadAt(head: Head, start: number): boolean {
    const { bytes, words } = head;
    const length = bytes.length;
    if (start + length > this.b.length) return false;
    const dv = this.dv;
    const n = words.length;
    if (n > 0 && dv.getInt32(start + (n - 1) * 4, true) !== words[n - 1]) return false;
    for (let i = 0; i < n - 1; i++) if (dv.getInt32(start + i * 4, true) !== words[i]) return false;
    const b = this.b;
    for (let i = n * 4; i < length; i++) if (bytes[i] !== b[start + i]) return false;
    return true;
  }

  private isNumberAt(): boolean {
    const c = this.b[this.pos];
    return c !== undefined && (c === MINUS || (c >= ZERO && c <= NINE));
  }

  /**
   * When the bytes at the position are `text`, moves past them but the last `keep` (by default the quote or
   * bracket that opens the value) and says true.
   */
  private literal(text: Uint8Array, keep = 1): boolean {
    const length = text.length;
    if (!this.same(text, this.pos, length)) return false;
    this.pos += length - keep;
    return true;
  }

  /** Reads part of the answer again from `at`, then goes on where it was. */
  private again(at: number, read: () => void): void {
    const after = this.pos;
    this.pos = at;
    read();
    this.pos = after;
  }

  // --- JSON grammar -------------------------------------------------------------------------------------------

  /** Consumes the opening bracket; false (and the closing one consumed) when the object or array is empty. */
  private open(opening: number, closing: number): boolean {
    this.expectAt(opening);
    this.pos++;
    this.ws();
    if (this.b[this.pos] === closing) {
      this.pos++;
      return false;
    }
    return true;
  }

  /** After a member or element: true at a comma (consumed, with the whitespace after it), false at `closing`. */
  private next(closing: number): boolean {
    const b = this.b;
    let c = b[this.pos];
    if (c === COMMA) {
      // no whitespace after the comma (compact JSON): nothing to skip
      c = b[++this.pos];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.ws();
      return true;
    }
    if (c === closing) {
      this.pos++;
      return false;
    }
    this.ws();
    c = b[this.pos++];
    if (c === COMMA) {
      this.ws();
      return true;
    }
    if (c === closing) return false;
    return this.fail(`expected , or ${String.fromCharCode(closing)}`, this.pos - 1);
  }

  /** A member's key and its colon; the position is then at the value. */
  private key(): K {
    const b = this.b;
    this.expectAt(QUOTE);
    const start = this.pos + 1;
    const first = b[start] ?? 0;
    // a known key: its bytes and the closing quote
    const candidates = first < 128 ? KEY_TABLE[first] : undefined;
    if (candidates !== undefined) {
      for (let i = 0; i < candidates.length; i++) {
        const [code, bytes] = candidates[i] as [K, Uint8Array];
        if (this.same(bytes, start, bytes.length)) {
          this.pos = start + bytes.length;
          this.colon();
          return code;
        }
      }
    }
    const name = this.string();
    this.colon();
    return KEYS.find(([, k]) => k === name)?.[0] ?? K.OTHER;
  }

  private colon(): void {
    this.ws();
    this.expectAt(COLON);
    this.pos++;
    this.ws();
  }

  /** Skips any JSON value (checking it). */
  private value(): void {
    const b = this.b;
    const c = b[this.pos];
    if (c === OPEN_BRACE) {
      if (this.open(OPEN_BRACE, CLOSE_BRACE))
        do {
          this.expectAt(QUOTE);
          this.skipString();
          this.colon();
          this.value();
        } while (this.next(CLOSE_BRACE));
    } else if (c === OPEN_BRACKET) {
      if (this.open(OPEN_BRACKET, CLOSE_BRACKET))
        do this.value();
        while (this.next(CLOSE_BRACKET));
    } else if (c === QUOTE) this.skipString();
    else if (c !== undefined && (c === MINUS || (c >= ZERO && c <= NINE))) this.number();
    else if (!(this.word('true') || this.word('false') || this.word('null'))) this.fail('expected a value');
  }

  private word(w: string): boolean {
    for (let i = 0; i < w.length; i++) if (this.b[this.pos + i] !== w.charCodeAt(i)) return false;
    this.pos += w.length;
    return true;
  }

  /** A JSON number: plain integers digit by digit, anything else (fraction, exponent, long) by Number(). */
  private number(): number {
    const b = this.b;
    const start = this.pos;
    let p = start;
    const negative = b[p] === MINUS;
    if (negative) p++;
    const first = p;
    let value = 0;
    for (let c = b[p]; c !== undefined && c >= ZERO && c <= NINE; c = b[++p]) value = value * 10 + (c - ZERO);
    const digits = p - first;
    if (digits === 0 || (digits > 1 && b[first] === ZERO)) this.fail('malformed number', start);
    let c = b[p];
    if (c !== 0x2e && c !== 0x65 && c !== 0x45 && digits <= 15) {
      this.pos = p;
      return negative ? -value : value;
    }
    if (c === 0x2e) {
      const from = ++p;
      for (c = b[p]; c !== undefined && c >= ZERO && c <= NINE; c = b[++p]);
      if (p === from) this.fail('malformed number', start);
    }
    if (c === 0x65 || c === 0x45) {
      c = b[++p];
      if (c === 0x2b || c === MINUS) p++;
      const from = p;
      for (c = b[p]; c !== undefined && c >= ZERO && c <= NINE; c = b[++p]);
      if (p === from) this.fail('malformed number', start);
    }
    this.pos = p;
    return Number(this.latin1(start, p));
  }

  /**
   * A string value (the position is at its opening quote). Strings of one `role` (intervals, metric names, …)
   * mostly come in the order they came before (every group lists the same intervals), so the string that followed
   * the last one last time is tried first: one comparison instead of a hash and a comparison.
   */
  private string(role = Role.Other): string {
    const b = this.b;
    const start = this.pos + 1;
    const predicted = this.last[role]?.next;
    if (predicted !== undefined) {
      const length = predicted.bytes.length;
      if (b[start + length] === QUOTE && this.same(predicted.bytes, start, length)) {
        this.pos = start + length + 1;
        this.last[role] = predicted;
        return predicted.text;
      }
    }
    const n = b.length;
    let p = start;
    let hash = 0x811c9dc5 | 0;
    for (; p < n; p++) {
      const c = b[p] as number;
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 0x20) return this.escapedString(start);
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    if (p >= n) return this.escapedString(start);
    this.pos = p + 1;
    const length = p - start;
    let entry: Interned | undefined;
    const seen = this.strings.get(hash);
    if (seen !== undefined) {
      for (let i = 0; i < seen.length && !entry; i++) {
        const s = seen[i] as Interned;
        if (this.same(s.bytes, start, length)) entry = s;
      }
    }
    if (!entry) {
      entry = { bytes: b.subarray(start, p), text: this.decode(start, p), next: undefined };
      if (this.strings.size >= 65_536) return entry.text; // too many different strings: not kept
      if (seen) seen.push(entry);
      else this.strings.set(hash, [entry]);
    }
    const last = this.last[role];
    if (last) last.next = entry;
    this.last[role] = entry;
    return entry.text;
  }

  private same(bytes: Uint8Array, start: number, length: number): boolean {
    const b = this.b;
    if (bytes.length !== length || start + length > b.length) return false;
    for (let i = 0; i < length; i++) if (bytes[i] !== b[start + i]) return false;
    return true;
  }

  /** A string with escapes (or control characters, which JSON.parse then refuses): JSON.parse decodes it. */
  private escapedString(start: number): string {
    const b = this.b;
    let p = start;
    for (let c = b[p]; c !== QUOTE; c = b[p]) {
      if (c === undefined) return this.fail('unterminated string', start - 1);
      p += c === BACKSLASH ? 2 : 1;
    }
    this.pos = p + 1;
    try {
      return JSON.parse(this.decode(start - 1, p + 1)) as string;
    } catch {
      return this.fail('malformed string', start - 1);
    }
  }

  private skipString(): void {
    const b = this.b;
    const n = b.length;
    let p = this.pos + 1;
    for (; p < n; p++) {
      const c = b[p] as number;
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 0x20) p = n;
    }
    if (p >= n) this.string();
    else this.pos = p + 1;
  }

  /** Bytes as text, as `Buffer.toString('utf8')` decodes them (what JSON.parse of the whole answer would see). */
  private decode(start: number, end: number): string {
    const b = this.b;
    let ascii = true;
    for (let i = start; i < end && ascii; i++) ascii = (b[i] as number) < 0x80;
    const bytes = Buffer.from(b.buffer, b.byteOffset + start, end - start);
    return bytes.toString(ascii ? 'latin1' : 'utf8');
  }

  private latin1(start: number, end: number): string {
    return Buffer.from(this.b.buffer, this.b.byteOffset + start, end - start).toString('latin1');
  }

  private ws(): void {
    const b = this.b;
    let p = this.pos;
    for (let c = b[p]; c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = b[++p]);
    this.pos = p;
  }

  private expectAt(c: number): void {
    if (this.b[this.pos] !== c) this.fail(`expected ${String.fromCharCode(c)}`);
  }

  private fail(what: string, at = this.pos): never {
    throw new SyntaxError(`malformed aggregates answer: ${what} at byte ${at}`);
  }
}

/** Calls `visit` for every statistic of an answer already parsed, as {@link scanAggregates} does for its bytes. */
export function visitResponse(answer: Partial<AggregateResponse>, visit: AggregateVisitor): void {
  for (const container of answer.results ?? []) {
    const group = container.group ?? {};
    for (const bucket of container.data ?? []) {
      const serial = ++buckets;
      for (const m of bucket.metrics ?? [])
        visit(group, bucket.interval, m.metric, m.qualifier, m.stats ?? {}, serial);
    }
  }
}

/**
 * A visitor that gathers each bucket's statistics by metric name (the last one of a name, as when an answer's
 * metrics are read into a record) and hands the bucket on whole: `flush` hands on the last one, after the last
 * answer. Buckets without statistics are not handed on.
 */
export function bucketwise(
  onBucket: (
    group: Readonly<Record<string, string>>,
    interval: string,
    metrics: Record<string, StatisticalSummary>,
  ) => void,
): { visit: AggregateVisitor; flush(): void } {
  let serial = -1;
  let group: Readonly<Record<string, string>> = {};
  let interval = '';
  let metrics: Record<string, StatisticalSummary> | undefined;
  const flush = (): void => {
    if (metrics) onBucket(group, interval, metrics);
    metrics = undefined;
  };
  return {
    visit: (g, i, metric, _qualifier, stats, bucket) => {
      if (bucket !== serial) {
        flush();
        serial = bucket;
        group = g;
        interval = i;
        metrics = {};
      }
      (metrics ??= {})[metric] = stats;
    },
    flush,
  };
}
