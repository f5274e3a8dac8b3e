import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KeyValueBackend, StoreName } from './backend';

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

/** Opens (or creates) the `firedrill` database. Rejects when IndexedDB is missing or blocked. */
export async function openIdbBackend(): Promise<KeyValueBackend> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser.');
  const db: IDBPDatabase<FiredrillDB> = await openDB<FiredrillDB>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      if (!database.objectStoreNames.contains('sessions')) database.createObjectStore('sessions');
      if (!database.objectStoreNames.contains('settings')) database.createObjectStore('settings');
      if (!database.objectStoreNames.contains('scenarios')) database.createObjectStore('scenarios');
    },
    // Another tab wants a newer version: step aside rather than block it forever.
    blocking() {
      db.close();
    },
  });
  return {
    persistent: true,
    get: (store: StoreName, key: string) => db.get(store, key),
    put: async (store: StoreName, key: string, value: unknown) => {
      await db.put(store, value, key);
    },
    delete: (store: StoreName, key: string) => db.delete(store, key),
    entries: async (store: StoreName) => {
      const tx = db.transaction(store, 'readonly');
      const out: [string, unknown][] = [];
      for await (const cursor of tx.store) out.push([String(cursor.key), cursor.value]);
      await tx.done;
      return out;
    },
  };
}
