/** The text of an answer's row up to its first statistic, encoded once per bucket for every answer and group. */
import { JsonBytes } from '../http/json-bytes.js';
import type { ParsedQuery } from './query.js';

/** A row's text up to its first statistic, as the first row of its group and as a later one. */
export interface RowHeads {
  first: Uint8Array;
  next: Uint8Array;
}

/** Buckets' row heads by start and end: encoded once, for every answer and group. */
const ROW_HEADS = new Map<number, { end: number; heads: RowHeads }>();

/** `{"interval":"…","metrics":[` of a bucket (with a leading comma for `next`), encoded once per bucket. */
export function rowHeads(query: ParsedQuery, bucket: number, cache: Map<number, RowHeads>): RowHeads {
  let heads = cache.get(bucket);
  if (heads === undefined) {
    const start = query.buckets.start(bucket);
    const end = query.buckets.start(bucket + 1);
    const known = ROW_HEADS.get(start);
    if (known?.end === end) heads = known.heads;
    else {
      const text = `{"interval":${JSON.stringify(query.buckets.interval(bucket))},"metrics":[`;
      heads = { first: JsonBytes.encode(text), next: JsonBytes.encode(`,${text}`) };
      if (ROW_HEADS.size >= 100_000) ROW_HEADS.clear();
      ROW_HEADS.set(start, { end, heads });
    }
    cache.set(bucket, heads);
  }
  return heads;
}
