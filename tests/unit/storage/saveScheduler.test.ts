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
});
