/**
 * Coalesces bursts of changes (typing commands, clicking through the board) into one write
 * `delayMs` after the last change; `flush()` writes now (page hidden or closing).
 * Writes never overlap: a change during a write schedules one more write after it.
 * A write that answers 'retry' (the disk was full) is tried again `retryMs` later, so progress
 * is saved once space frees up even if the learner has stopped typing.
 */
export interface SaveScheduler {
  /** Something changed: write soon. */
  touch(): void;
  /** Write now if anything is pending (returns when written). */
  flush(): Promise<void>;
  /** Stop; pending changes are dropped (e.g. after "Restart scenario"). */
  cancel(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSaveScheduler(write: () => Promise<void | 'retry'>, delayMs = 250, timers: Timers = defaultTimers, retryMs = 15_000): SaveScheduler {
  let timer: unknown;
  let dirty = false;
  let writing: Promise<void> | undefined;
  let cancelled = false;

  async function writeNow(): Promise<void> {
    if (writing) {
      await writing;
      // The write we waited for may have taken our change already.
      if (!dirty) return;
    }
    if (!dirty || cancelled) return;
    dirty = false;
    let outcome: void | 'retry';
    writing = write()
      .then((result) => {
        outcome = result;
      })
      .finally(() => {
        writing = undefined;
        // Unless a newer change already scheduled a write, try this one again later.
        if (outcome === 'retry' && !dirty && timer === undefined) schedule(retryMs);
      });
    await writing;
  }

  function schedule(ms: number) {
    if (cancelled) return;
    dirty = true;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void writeNow();
    }, ms);
  }

  return {
    touch() {
      schedule(delayMs);
    },
    async flush() {
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      await writeNow();
    },
    cancel() {
      cancelled = true;
      dirty = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
