/**
 * The simulator's clock: a min-heap of timed callbacks. Ties at the same millisecond run in the
 * order they were scheduled, so a replay of the same inputs runs the same callbacks in the same
 * order (principle 4).
 */
export interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

export class EventQueue {
  private heap: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, run: () => void): void {
    const timer: Timer = { at, seq: this.seq++, run };
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  /** The time of the earliest timer, or undefined when nothing is scheduled. */
  peekTime(): number | undefined {
    return this.heap[0]?.at;
  }

  pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && before(heap[r]!, heap[l]!)) c = r;
        if (!before(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
