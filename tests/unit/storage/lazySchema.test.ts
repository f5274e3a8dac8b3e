/**
 * The zod schemas are loaded only when a stored record has to be checked (a first visit reaches
 * the play prompt without them). If that chunk cannot be loaded (offline before it was cached, a
 * server error), a saved game must not be taken for corrupt and moved aside: the load fails, the
 * record stays where it is, and a fresh visit (nothing stored) still works.
 */
import { describe, expect, it, vi } from 'vitest';
import { createMemoryBackend } from '../../../src/storage/backend';
import { CORRUPT_PREFIX, createProgressStore } from '../../../src/storage/progressStore';

vi.mock('../../../src/storage/schema', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

describe('progress store when the schema chunk cannot be loaded', () => {
  it('reports the load as failed and leaves the saved game exactly where it is', async () => {
    const backend = createMemoryBackend();
    const record = { scenarioId: 'taskflow-crashloop', save: { format: 1 }, savedAt: 5, status: 'in-progress', rev: 3 };
    await backend.put('sessions', 'taskflow-crashloop', record);
    const store = createProgressStore(backend, () => 99);

    const loaded = await store.load('taskflow-crashloop');
    expect(loaded.kind).toBe('failed');
    expect(await backend.get('sessions', 'taskflow-crashloop')).toEqual(record);
    expect((await backend.entries('sessions')).some(([key]) => key.startsWith(CORRUPT_PREFIX))).toBe(false);
  });

  it('still starts a first visit: nothing stored needs no schema', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 1);
    expect(await store.load('taskflow-crashloop')).toEqual({ kind: 'none' });
    expect(await store.loadSettings()).toEqual({ screenReaderMode: false, theme: 'system' });
    expect(await store.customScenarios()).toEqual([]);
    expect((await store.statuses()).size).toBe(0);
  });

  it('a returning learner’s settings load without the schema chunk (it is not needed before the play prompt)', async () => {
    const backend = createMemoryBackend();
    await backend.put('settings', 'settings', { screenReaderMode: true, theme: 'light' });
    expect(await createProgressStore(backend, () => 1).loadSettings()).toEqual({ screenReaderMode: true, theme: 'light' });
  });
});
