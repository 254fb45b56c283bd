/** A FIFO of int32 values in a growable typed array, read from `head` (no allocation per item, no splice). */
export class IntQueue {
  items = new Int32Array(16);
  head = 0;
  tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  push(value: number): void {
    if (this.tail === this.items.length) this.makeRoom();
    this.items[this.tail++] = value;
  }

  /** Moves the unread items to the front, or grows the array when more than half of it is unread. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    if (live * 2 <= this.items.length) {
      this.items.copyWithin(0, this.head, this.tail);
    } else {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items.subarray(this.head, this.tail));
      this.items = grown;
    }
    this.head = 0;
    this.tail = live;
  }
}
