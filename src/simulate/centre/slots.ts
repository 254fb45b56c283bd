/** The values of a per-slot series from slot `from` on: a view for a typed array (no copy), else a copy. */
export function fromSlot(series: ArrayLike<number>, from: number): ArrayLike<number> {
  if (ArrayBuffer.isView(series)) return (series as unknown as Float64Array).subarray(from);
  return Array.prototype.slice.call(series, from) as number[];
}
