import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaveScheduler } from '../../../src/storage/saveScheduler';

describe('save scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once, 250 ms after the last of a burst of changes', async () => {
    const write = vi.fn(async () => {});
    const scheduler = createSaveScheduler(write);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(200);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(200);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('someone who never pauses still has their progress written every 2 s, not only when they stop', async () => {
    const write = vi.fn(async () => {});
    const scheduler = createSaveScheduler(write);
    // A change every 150 ms for 5 s: never the 250 ms of quiet the coalescing waits for.
    for (let t = 0; t < 5000; t += 150) {
      scheduler.touch();
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(write.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(write.mock.calls.length).toBeLessThanOrEqual(3);
    // The burst's tail is written 250 ms after it ends, as before.
    const before = write.mock.calls.length;
    await vi.advanceTimersByTimeAsync(300);
    expect(write).toHaveBeenCalledTimes(before + 1);
  });

  it('pending() is true from a change until its write has landed; forget() drops what was saved another way', async () => {
    let release: () => void = () => {};
    const write = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const scheduler = createSaveScheduler(write);
    expect(scheduler.pending()).toBe(false);
    scheduler.touch();
    expect(scheduler.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(write).toHaveBeenCalledTimes(1);
    // Written but not landed: a page leaving now must still save it its own way.
    expect(scheduler.pending()).toBe(true);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.pending()).toBe(false);
    scheduler.touch();
    scheduler.forget();
    expect(scheduler.pending()).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(write).toHaveBeenCalledTimes(1);
    // Changes after that are saved as usual.
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(250);
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('flush writes pending changes immediately and only once', async () => {
    const write = vi.fn(async () => {});
    const scheduler = createSaveScheduler(write);
    await scheduler.flush();
    expect(write).not.toHaveBeenCalled();
    scheduler.touch();
    await scheduler.flush();
    expect(write).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('a change during a slow write leads to one more write afterwards', async () => {
    let release: () => void = () => {};
    const write = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const scheduler = createSaveScheduler(write, 10);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(10);
    expect(write).toHaveBeenCalledTimes(1);
    scheduler.touch();
    const flushed = scheduler.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await flushed;
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('cancel drops pending changes (restart must not resurrect the old save)', async () => {
    const write = vi.fn(async () => {});
    const scheduler = createSaveScheduler(write);
    scheduler.touch();
    scheduler.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    await scheduler.flush();
    expect(write).not.toHaveBeenCalled();
  });

  it('a write that failed for want of space is tried again later, without another change', async () => {
    let full = true;
    const written: boolean[] = [];
    const write = vi.fn(async () => {
      written.push(!full);
      return full ? ('retry' as const) : undefined;
    });
    const scheduler = createSaveScheduler(write, 10, undefined, 1000);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(10);
    expect(written).toEqual([false]);
    await vi.advanceTimersByTimeAsync(999);
    expect(written).toEqual([false]);
    full = false;
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual([false, true]);
    // Saved: no more retries.
    await vi.advanceTimersByTimeAsync(5000);
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('a retry is not scheduled after a write that needs no retry, nor after cancel', async () => {
    const write = vi.fn(async () => 'retry' as const);
    const scheduler = createSaveScheduler(write, 10, undefined, 1000);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(10);
    scheduler.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(write).toHaveBeenCalledTimes(1);
  });
});
