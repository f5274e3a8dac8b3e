/**
 * Progress and settings, kept in IndexedDB. `openStorage()` never rejects: when IndexedDB cannot
 * be used the game still plays on an in-memory store, and `problem` says why in plain words.
 */
import { createMemoryBackend } from './backend';
import { openIdbBackend, StorageOpenError } from './idbBackend';
import { createProgressStore, type ProgressStore } from './progressStore';

const OPEN_TIMEOUT_MS = 4000;

export interface OpenedStorage {
  store: ProgressStore;
  /** Set when progress will not outlive this page. */
  problem?: string;
}

export async function openStorage(now: () => number = () => Date.now()): Promise<OpenedStorage> {
  try {
    // A stuck open (another tab holding an upgrade, a browser bug) must not stall the game.
    const backend = await Promise.race([
      openIdbBackend(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('opening storage timed out')), OPEN_TIMEOUT_MS)),
    ]);
    return { store: createProgressStore(backend, now) };
  } catch (error) {
    const store = createProgressStore(createMemoryBackend(), now);
    if (error instanceof StorageOpenError && error.kind !== 'missing' && error.kind !== 'unusable') {
      // Blocked by another tab, or a newer version's database: the saves are there, just not reachable now.
      return { store, problem: `Firedrill cannot reach your saved progress: ${error.message}. You can play, but progress will not be saved until then; your saves are untouched.` };
    }
    const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
    return {
      store,
      problem: `This browser will not let Firedrill store data${detail}. You can play, but progress will not be saved.`,
    };
  }
}

export { createProgressStore, CORRUPT_PREFIX } from './progressStore';
export { CURRENT_SAVE_FORMAT } from './migrations';
export type { LoadResult, ProgressStore, WriteResult } from './progressStore';
export { createSaveScheduler } from './saveScheduler';
export type { SaveScheduler } from './saveScheduler';
export { createMemoryBackend } from './backend';
export type { KeyValueBackend, StoreName } from './backend';
export { DEFAULT_SETTINGS } from './schema';
export type { CustomScenarioRecord, ProgressStatus, ProgressSummary, Settings, StoredSession } from './schema';
