import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchOtherTabs } from '../../../src/ui/play/tabPresence';

describe('two tabs on one game', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  it('both tabs hear of each other when the same game is opened twice', async () => {
    const first = vi.fn();
    const second = vi.fn();
    stops.push(watchOtherTabs('a', first));
    stops.push(watchOtherTabs('a', second));
    await vi.waitFor(() => {
      expect(first).toHaveBeenCalled();
      expect(second).toHaveBeenCalled();
    });
  });

  it('another game in another tab is no concern', async () => {
    const onA = vi.fn();
    const onB = vi.fn();
    stops.push(watchOtherTabs('a', onA));
    stops.push(watchOtherTabs('b', onB));
    // A third tab on 'a' proves messages are flowing; 'b' must still hear nothing.
    const onA2 = vi.fn();
    stops.push(watchOtherTabs('a', onA2));
    await vi.waitFor(() => expect(onA2).toHaveBeenCalled());
    expect(onB).not.toHaveBeenCalled();
  });
});
