/** A binary min-heap of (time, payload) events in typed arrays: no allocation per event. */
export class EventHeap {
  private times = new Float64Array(1024);
  private payloads = new Int32Array(1024);
  size = 0;
  /** time and payload of the last popped event */
  time = 0;
  payload = 0;

  clear(): void {
    this.size = 0;
  }

  push(time: number, payload: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const payloads = this.payloads;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const t = times[parent] as number;
      if (t < time || (t === time && (payloads[parent] as number) <= payload)) break;
      times[i] = t;
      payloads[i] = payloads[parent] as number;
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  /** Removes the earliest event into `time` and `payload`; false when empty. Ties go to the smaller payload. */
  pop(): boolean {
    if (this.size === 0) return false;
    const times = this.times;
    const payloads = this.payloads;
    this.time = times[0] as number;
    this.payload = payloads[0] as number;
    const last = --this.size;
    if (last === 0) return true;
    const time = times[last] as number;
    const payload = payloads[last] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        ((times[right] as number) < (times[child] as number) ||
          (times[right] === times[child] && (payloads[right] as number) < (payloads[child] as number)))
      ) {
        child = right;
      }
      const t = times[child] as number;
      if (time < t || (time === t && payload <= (payloads[child] as number))) break;
      times[i] = t;
      payloads[i] = payloads[child] as number;
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
    return true;
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
