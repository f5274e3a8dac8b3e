/**
 * Coalesces bursts of changes (typing commands, clicking through the board) into one write
 * `delayMs` after the last change, but never later than `maxWaitMs` after the first unsaved one
 * (someone who never pauses still has their progress written every few seconds); `flush()`
 * writes now.
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
  /** True while a change is not yet known to be written: waiting, or its write still under way. */
  pending(): boolean;
  /** The caller has written the pending changes another way (as the page went away): forget them. */
  forget(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSaveScheduler(
  write: () => Promise<void | 'retry'>,
  delayMs = 250,
  timers: Timers = defaultTimers,
  retryMs = 15_000,
  maxWaitMs = 2_000,
): SaveScheduler {
  let timer: unknown;
  /** Set at the first unsaved change: fires `maxWaitMs` later however the changes keep coming. */
  let deadline: unknown;
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
    clearDeadline();
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

  function clearTimer() {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  }

  function clearDeadline() {
    if (deadline !== undefined) timers.clearTimeout(deadline);
    deadline = undefined;
  }

  function schedule(ms: number) {
    if (cancelled) return;
    dirty = true;
    clearTimer();
    timer = timers.setTimeout(() => {
      timer = undefined;
      void writeNow();
    }, ms);
    deadline ??= timers.setTimeout(() => {
      deadline = undefined;
      clearTimer();
      void writeNow();
    }, Math.max(ms, maxWaitMs));
  }

  return {
    touch() {
      schedule(delayMs);
    },
    async flush() {
      clearTimer();
      await writeNow();
    },
    cancel() {
      cancelled = true;
      dirty = false;
      clearTimer();
      clearDeadline();
    },
    pending() {
      return dirty || writing !== undefined;
    },
    forget() {
      dirty = false;
      clearTimer();
      clearDeadline();
    },
  };
}
