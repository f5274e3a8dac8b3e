import { describe, expect, it } from 'vitest';
import { flushBeforeReload, onBeforeReload } from '../../../src/ui/pwa/beforeReload';

describe('flushBeforeReload (update reload never loses progress)', () => {
  it('waits for every open game to finish its save before resolving', async () => {
    const target = new EventTarget();
    const saved: string[] = [];
    onBeforeReload(() => new Promise<void>((resolve) => setTimeout(() => (saved.push('a'), resolve()), 30)), target);
    onBeforeReload(async () => void saved.push('b'), target);
    await flushBeforeReload(target);
    expect(saved.sort()).toEqual(['a', 'b']);
  });

  it('does not wait for a game that has been closed (unsubscribed)', async () => {
    const target = new EventTarget();
    let calls = 0;
    const off = onBeforeReload(async () => void calls++, target);
    off();
    await flushBeforeReload(target);
    expect(calls).toBe(0);
  });

  it('a failing or stuck save does not block the reload forever', async () => {
    const target = new EventTarget();
    onBeforeReload(() => Promise.reject(new Error('quota')), target);
    onBeforeReload(() => new Promise<void>(() => {}), target);
    const started = Date.now();
    await flushBeforeReload(target, 50);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
