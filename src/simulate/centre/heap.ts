/** A binary min-heap of (time, payload) in typed arrays: the simulation's completion events. */
export class EventHeap {
  private times: Float64Array;
  private payloads: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  push(time: number, payload: number): void {
    if (this.size === this.times.length) this.grow();
    let i = this.size++;
    const times = this.times;
    const payloads = this.payloads;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] ?? 0;
      if (pt <= time) break;
      times[i] = pt;
      payloads[i] = payloads[parent] ?? 0;
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  /** time of the earliest event (Infinity when empty) */
  peekTime(): number {
    return this.size > 0 ? (this.times[0] ?? Infinity) : Infinity;
  }

  /** removes the earliest event and returns its payload (call only when size > 0) */
  pop(): number {
    const times = this.times;
    const payloads = this.payloads;
    const top = payloads[0] ?? 0;
    const n = --this.size;
    if (n === 0) return top;
    const time = times[n] ?? 0;
    const payload = payloads[n] ?? 0;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right] ?? 0) < (times[child] ?? 0)) child = right;
      const ct = times[child] ?? 0;
      if (ct >= time) break;
      times[i] = ct;
      payloads[i] = payloads[child] ?? 0;
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    const payloads = new Int32Array(this.payloads.length * 2);
    payloads.set(this.payloads);
    this.times = times;
    this.payloads = payloads;
  }
}
