/**
 * Compact storage of the simulated history: per day, a Float32Array of stream × 30-minute-slot metrics and a
 * Float32Array of daily agent × stream ("pair") totals. Slots live in a virtual timeline; the absolute time of a
 * virtual slot is `virtual − shiftDays·48`, so appending days at the end and moving the whole history back by
 * whole days (`advance`) keeps time-of-day alignment.
 */
import { SLOTS_PER_DAY } from './model.js';

/** Slots of a user's day kept per user (a shift of 17 slots plus overrun), from the shift's first slot. */
export const WINDOW = 20;

/** Per user and slot of the shift window: seconds on queue, interacting, not responding, away; away kind. */
export const U = { onQueue: 0, interacting: 1, notResponding: 2, away: 3, awayKind: 4 } as const;
export const USER_WIDTH = 5;
/** `U.awayKind` values */
export const AWAY = { none: 0, meal: 1, break: 2 } as const;

/** Per stream and slot. Sums are seconds. */
export const S = {
  offered: 0,
  answered: 1,
  abandoned: 2,
  answeredInSla: 3,
  overSla: 4,
  waitSum: 5,
  answerWaitSum: 6,
  abandonWaitSum: 7,
  handleSum: 8,
  talkSum: 9,
  acwSum: 10,
  alertSum: 11,
  agents: 12,
} as const;
export const STREAM_WIDTH = 13;

/** Per agent × stream and day. Sums are seconds. */
export const P = { alerts: 0, answered: 1, handleSum: 2, talkSum: 3, acwSum: 4, alertSum: 5 } as const;
export const PAIR_WIDTH = 6;

export class PairRegistry {
  private readonly index = new Map<number, number>();
  readonly users: number[] = [];
  readonly streams: number[] = [];

  constructor(private readonly streamCount: number) {}

  get size(): number {
    return this.users.length;
  }

  get(userIndex: number, streamIndex: number): number {
    const key = userIndex * this.streamCount + streamIndex;
    const found = this.index.get(key);
    if (found !== undefined) return found;
    const id = this.users.length;
    this.index.set(key, id);
    this.users.push(userIndex);
    this.streams.push(streamIndex);
    return id;
  }
}

export class DayBlock {
  /** filled slots of the day: [from, to) */
  from = SLOTS_PER_DAY;
  to = 0;
  readonly serials = new Uint32Array(SLOTS_PER_DAY);
  /** the absolute slot each filled slot was simulated as */
  readonly absSlots = new Int32Array(SLOTS_PER_DAY);
  /** per slot, the index in `configs` of the org configuration that slot runs with */
  readonly slotConfig = new Uint8Array(SLOTS_PER_DAY);
  readonly configs: unknown[] = [];
  /** false until the block's conversations are simulated (lazily, on first read) */
  simulated = false;
  readonly streams: Float32Array;
  pairs: Float32Array;
  /** answered contacts per agent × stream pair and slot of the agent's shift window */
  pairSlots = new Uint16Array(0);
  /** per user and slot of the shift window, see {@link U} */
  presence = new Uint16Array(0);

  constructor(
    readonly day: number,
    readonly streamCount: number,
    pairCount: number,
  ) {
    this.streams = new Float32Array(SLOTS_PER_DAY * streamCount * STREAM_WIDTH);
    this.pairs = new Float32Array(Math.max(16, pairCount) * PAIR_WIDTH);
  }

  ensurePairs(count: number): void {
    if (count * PAIR_WIDTH <= this.pairs.length) return;
    const grown = new Float32Array(
      Math.max(count, Math.ceil((this.pairs.length / PAIR_WIDTH) * 1.5)) * PAIR_WIDTH,
    );
    grown.set(this.pairs);
    this.pairs = grown;
  }

  streamOffset(slotOfDay: number, stream: number): number {
    return (slotOfDay * this.streamCount + stream) * STREAM_WIDTH;
  }

  /** number of pair rows this block may hold data for */
  get pairRows(): number {
    return this.pairs.length / PAIR_WIDTH;
  }
}

export interface SlotRef {
  block: DayBlock;
  slot: number;
  serial: number;
  virtual: number;
}

export class History {
  readonly pairs: PairRegistry;
  days: DayBlock[] = [];
  shiftDays = 0;
  private nextSerial = 0;

  constructor(readonly streamCount: number) {
    this.pairs = new PairRegistry(streamCount);
  }

  get empty(): boolean {
    return this.days.length === 0;
  }

  /** first virtual slot held */
  get startVirtual(): number {
    const first = this.days[0];
    return first ? first.day * SLOTS_PER_DAY + first.from : 0;
  }

  /** virtual slot after the last one held */
  get endVirtual(): number {
    const last = this.days[this.days.length - 1];
    return last ? last.day * SLOTS_PER_DAY + last.to : 0;
  }

  get slotCount(): number {
    return this.endVirtual - this.startVirtual;
  }

  toAbsolute(virtual: number): number {
    return virtual - this.shiftDays * SLOTS_PER_DAY;
  }

  toVirtual(absolute: number): number {
    return absolute + this.shiftDays * SLOTS_PER_DAY;
  }

  /** Starts an empty history whose next slot is the given absolute slot. */
  reset(absolute: number): void {
    this.days = [];
    this.shiftDays = 0;
    const day = Math.floor(absolute / SLOTS_PER_DAY);
    const block = new DayBlock(day, this.streamCount, this.pairs.size);
    block.from = absolute - day * SLOTS_PER_DAY;
    block.to = block.from;
    this.days.push(block);
  }

  /** Simulates a block's conversations when it is first read (set by the org). */
  materialize: ((block: DayBlock) => void) | undefined;

  ensure(block: DayBlock): DayBlock {
    if (!block.simulated && this.materialize) this.materialize(block);
    return block;
  }

  /** Reserves the next virtual slot (appending a day block when needed), to be simulated as `absolute` with `config`. */
  appendSlot(absolute = 0, config: unknown = undefined): SlotRef {
    const virtual = this.endVirtual;
    const day = Math.floor(virtual / SLOTS_PER_DAY);
    let block = this.days[this.days.length - 1];
    if (!block || block.day !== day) {
      block = new DayBlock(day, this.streamCount, this.pairs.size);
      block.from = 0;
      block.to = 0;
      this.days.push(block);
    }
    const slot = virtual - day * SLOTS_PER_DAY;
    block.ensurePairs(this.pairs.size);
    const serial = this.nextSerial++;
    block.serials[slot] = serial;
    block.absSlots[slot] = absolute;
    let c = block.configs.indexOf(config);
    if (c < 0) c = block.configs.push(config) - 1;
    block.slotConfig[slot] = c;
    block.simulated = false;
    block.to = slot + 1;
    if (block.from > slot) block.from = slot;
    return { block, slot, serial, virtual };
  }

  /** Moves all held history back by whole days (absolute time = virtual − shift). */
  shiftBack(days: number): void {
    this.shiftDays += days;
  }

  /** Drops whole days older than the retention. */
  trim(retentionDays: number): void {
    while (this.days.length > retentionDays + 1) this.days.shift();
  }

  /** The day block of a virtual day, simulated. */
  block(virtualDay: number): DayBlock | undefined {
    const first = this.days[0];
    if (!first) return undefined;
    const block = this.days[virtualDay - first.day];
    return block ? this.ensure(block) : undefined;
  }

  /** Calls `visit` for every held slot whose absolute slot lies in [fromAbs, toAbs). */
  forEachSlot(fromAbs: number, toAbs: number, visit: (ref: SlotRef, absolute: number) => void): void {
    const from = Math.max(this.toVirtual(fromAbs), this.startVirtual);
    const to = Math.min(this.toVirtual(toAbs), this.endVirtual);
    for (let v = from; v < to; v++) {
      const day = Math.floor(v / SLOTS_PER_DAY);
      const block = this.block(day);
      if (!block) continue;
      const slot = v - day * SLOTS_PER_DAY;
      if (slot < block.from || slot >= block.to) continue;
      visit({ block, slot, serial: block.serials[slot] ?? 0, virtual: v }, this.toAbsolute(v));
    }
  }
}
