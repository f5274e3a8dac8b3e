import { describe, expect, it } from 'vitest';
import { openProblem } from '../../../src/storage/openProblem';

const named = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('why storage would not open, in plain words', () => {
  it('blocked by an older tab: which tab to close, and that the saves are untouched', () => {
    const text = openProblem(named('blocked'));
    expect(text).toMatch(/older copy of Firedrill in another tab is holding the storage open; close that tab and reload/);
    expect(text).toMatch(/your saves are untouched/);
  });

  it('a newer database: reload to update', () => {
    expect(openProblem(named('newer'))).toMatch(/saved by a newer version of Firedrill; reload the page to update/);
  });

  it('opens but cannot be read, or refused outright: progress will not be saved, with the browser’s reason', () => {
    expect(openProblem(named('unusable', 'Transactions are disabled.'))).toBe(
      'This browser will not let Firedrill store data (the storage opened but cannot be read (Transactions are disabled.)). You can play, but progress will not be saved.',
    );
    expect(openProblem(new DOMException('Access denied.', 'SecurityError'))).toMatch(/store data \(Access denied\.\)\. You can play, but progress will not be saved\./);
  });
});

describe('openStorage without IndexedDB (the wording is loaded only then)', () => {
  it('still plays on memory and says why, in the same words', async () => {
    const { openStorage } = await import('../../../src/storage/index');
    const opened = await openStorage(() => 1);
    expect(opened.store.persistent).toBe(false);
    expect(opened.problem).toBe('This browser will not let Firedrill store data (IndexedDB is not available in this browser.). You can play, but progress will not be saved.');
    expect(await opened.store.save({ format: 1, scenarioId: 'a', arrivalMs: 0, simNowMs: 0, inputs: [], transcript: '' }, 'in-progress')).toEqual({ ok: true });
  });
});
