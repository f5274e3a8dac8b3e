/**
 * The little key–value surface the progress store needs. IndexedDB provides it in the browser;
 * an in-memory map stands in when IndexedDB is missing or refuses to open (private windows, blocked
 * storage) and in tests.
 */
export type StoreName = 'sessions' | 'settings' | 'scenarios';

export interface KeyValueBackend {
  /** True when data outlives the page (IndexedDB); false for the in-memory stand-in. */
  readonly persistent: boolean;
  get(store: StoreName, key: string): Promise<unknown>;
  put(store: StoreName, key: string, value: unknown): Promise<void>;
  delete(store: StoreName, key: string): Promise<void>;
  entries(store: StoreName): Promise<[string, unknown][]>;
}

export function createMemoryBackend(): KeyValueBackend {
  const stores: Record<StoreName, Map<string, unknown>> = { sessions: new Map(), settings: new Map(), scenarios: new Map() };
  // structuredClone mirrors IndexedDB: what you read back is a copy, never the object you stored.
  return {
    persistent: false,
    get: async (store, key) => structuredClone(stores[store].get(key)),
    put: async (store, key, value) => {
      stores[store].set(key, structuredClone(value));
    },
    delete: async (store, key) => {
      stores[store].delete(key);
    },
    entries: async (store) => [...stores[store]].map(([k, v]) => [k, structuredClone(v)]),
  };
}
