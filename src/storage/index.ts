/**
 * Progress and settings, kept in IndexedDB. `openStorage()` never rejects: when IndexedDB cannot
 * be used the game still plays on an in-memory store, and `problem` says why in plain words.
 */
import { browserJournal, createMemoryBackend } from './backend';
import { openIdbBackend } from './idbBackend';
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
    // A closing page writes what is not saved yet to localStorage (see saveOnExit).
    const journal = browserJournal();
    return { store: createProgressStore(backend, now, journal ? { journal } : {}) };
  } catch (error) {
    // The wording is only needed when opening failed: loaded then, not on every first load.
    let problem: string;
    try {
      const { openProblem } = await import('./openProblem');
      problem = openProblem(error);
    } catch {
      problem = 'Progress will not be saved: this browser’s storage could not be opened.';
    }
    return { store: createProgressStore(createMemoryBackend(), now), problem };
  }
}

export { createProgressStore, CORRUPT_PREFIX } from './progressStore';
export type { LoadResult, ProgressStore, WriteResult } from './progressStore';
export { createSaveScheduler } from './saveScheduler';
export type { SaveScheduler } from './saveScheduler';
export { createMemoryBackend } from './backend';
export type { KeyValueBackend, StoreName } from './backend';
export { DEFAULT_SETTINGS } from './constants';
export type { CustomScenarioRecord, ProgressStatus, ProgressSummary, Settings, StoredSession } from './schema';
