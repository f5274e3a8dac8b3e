import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Change, KeyValueBackend, Ref, StoreName } from './backend';

export const DB_NAME = 'firedrill';
/** 2 added the `scenarios` store (scenario files a learner loaded). */
const DB_VERSION = 2;

interface FiredrillDB extends DBSchema {
  /** scenarioId -> StoredSession (and `corrupt:<id>:<time>` -> whatever could not be read). */
  sessions: { key: string; value: unknown };
  settings: { key: string; value: unknown };
  /** `my:<id>` -> CustomScenarioRecord: a scenario file the learner loaded, as text. */
  scenarios: { key: string; value: unknown };
}

/**
 * Why opening failed: `name` says which case (the learner's sentence for it is in openProblem.ts,
 * fetched only when it is needed). `message` is the browser's own detail, if any.
 */
export type OpenFailure = 'blocked' | 'newer' | 'unusable';
function openError(name: OpenFailure, detail = ''): Error {
  const error = new Error(detail);
  error.name = name;
  return error;
}

/** A write after another tab took the database over (an upgrade): the page must be reloaded. */
export function closedError(): Error {
  const error = new Error('this tab let go of its storage for a newer version in another tab');
  error.name = 'StorageClosedError';
  return error;
}

function abort(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => {});
  try {
    tx.abort();
  } catch {
    // Already finished: nothing was left to undo.
  }
}

/**
 * Asks the transaction to commit now. One that already failed (a request aborted it) cannot:
 * that is not a second error, `tx.done` rejects with the first.
 */
function commitNow(tx: { commit(): void }): void {
  try {
    tx.commit();
  } catch {
    // Already finished or aborted.
  }
}

/**
 * Opens (or creates) the `firedrill` database. Rejects when IndexedDB is missing, throws, is
 * blocked by an older tab, holds a newer version, or opens but cannot run a transaction.
 */
export async function openIdbBackend(): Promise<KeyValueBackend> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available in this browser.');
  let onBlocked: (error: Error) => void = () => {};
  const blocked = new Promise<never>((_, reject) => (onBlocked = reject));
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  let isClosed = false;
  const close = () => {
    isClosed = true;
    markClosed();
  };
  // Through a promise: `indexedDB.open` may throw synchronously (storage disabled by policy).
  const opening = Promise.resolve().then(() => openDB<FiredrillDB>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      if (!database.objectStoreNames.contains('sessions')) database.createObjectStore('sessions');
      if (!database.objectStoreNames.contains('settings')) database.createObjectStore('settings');
      if (!database.objectStoreNames.contains('scenarios')) database.createObjectStore('scenarios');
    },
    // An older Firedrill in another tab holds the database open and will not let go.
    blocked() {
      onBlocked(openError('blocked'));
    },
    // Another tab wants a newer version: step aside rather than block it forever, and say so.
    blocking() {
      close();
      db.close();
    },
    // The browser closed the connection (storage cleared, disk trouble).
    terminated: close,
  }));
  let db: IDBPDatabase<FiredrillDB>;
  try {
    db = await Promise.race([opening, blocked]);
  } catch (error) {
    // A blocked open may still succeed later: do not keep a connection nobody uses.
    void opening.then((late) => late.close(), () => {});
    throw error instanceof DOMException && error.name === 'VersionError' ? openError('newer') : error;
  }
  // Opening is not enough: some browsers open the database and then refuse every transaction.
  try {
    await db.get('settings', 'settings');
  } catch (error) {
    db.close();
    throw openError('unusable', error instanceof Error ? error.message || error.name : String(error));
  }

  const live = () => {
    if (isClosed) throw closedError();
    return db;
  };
  const write = async (changes: Change[]) => {
    const stores = [...new Set(changes.map((c) => c.store))];
    const tx = live().transaction(stores, 'readwrite');
    // Requests are queued synchronously and settle with the transaction: a failed one aborts the rest.
    try {
      for (const c of changes) {
        const store = tx.objectStore(c.store);
        void (c.value === undefined ? store.delete(c.key) : store.put(c.value, c.key)).catch(() => {});
      }
      // Everything is queued: commit now rather than when this page's event loop next turns. A
      // setting changed just before a reload then lands; left to auto-commit, Chromium may drop
      // the transaction with the page.
      commitNow(tx);
    } catch (error) {
      // A request that throws (a value that cannot be cloned, a full disk) must not let the others commit.
      abort(tx);
      throw error;
    }
    await tx.done;
  };
  return {
    persistent: true,
    closed,
    get: async (store: StoreName, key: string) => live().get(store, key),
    put: (store: StoreName, key: string, value: unknown) => write([{ store, key, value }]),
    delete: (store: StoreName, key: string) => write([{ store, key, value: undefined }]),
    entries: async (store: StoreName) => {
      const tx = live().transaction(store, 'readonly');
      const out: [string, unknown][] = [];
      for await (const cursor of tx.store) out.push([String(cursor.key), cursor.value]);
      await tx.done;
      return out;
    },
    write,
    swap: async (reads: readonly Ref[], decide: (...current: unknown[]) => Change[] | undefined) => {
      const tx = live().transaction([...new Set(reads.map((r) => r.store))], 'readwrite');
      let changes: Change[] | undefined;
      try {
        const current = await Promise.all(reads.map((r) => tx.objectStore(r.store).get(r.key)));
        changes = decide(...current);
        for (const c of changes ?? []) {
          const store = tx.objectStore(c.store);
          void (c.value === undefined ? store.delete(c.key) : store.put(c.value, c.key)).catch(() => {});
        }
        // Decided and queued: commit at once (see write).
        commitNow(tx);
      } catch (error) {
        abort(tx);
        throw error;
      }
      await tx.done;
      return changes !== undefined;
    },
  };
}
