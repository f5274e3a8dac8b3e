/**
 * The little key–value surface the progress store needs. IndexedDB provides it in the browser;
 * an in-memory map stands in when IndexedDB is missing or refuses to open (private windows, blocked
 * storage) and in tests.
 */
export type StoreName = 'sessions' | 'settings' | 'scenarios';

/** One change in an atomic `write`: a put, or (value undefined) a delete. */
export interface Change {
  store: StoreName;
  key: string;
  value: unknown;
}

/** One change `swap` makes, in the store it read from. */
export interface SwapChange {
  key: string;
  value: unknown;
}

export interface KeyValueBackend {
  /** True when data outlives the page (IndexedDB); false for the in-memory stand-in. */
  readonly persistent: boolean;
  /** Settles when the connection was let go (another tab upgraded the database): writes fail from then on. */
  readonly closed?: Promise<void>;
  get(store: StoreName, key: string): Promise<unknown>;
  put(store: StoreName, key: string, value: unknown): Promise<void>;
  delete(store: StoreName, key: string): Promise<void>;
  entries(store: StoreName): Promise<[string, unknown][]>;
  /** Every change lands, or none does (one IndexedDB transaction). */
  write(changes: Change[]): Promise<void>;
  /**
   * Read, check and write in one transaction: `decide` sees the value stored under `key` and
   * returns the changes to make in the same store (a put, or value undefined a delete), or
   * undefined to leave everything as it is. Resolves true when it wrote.
   */
  swap(store: StoreName, key: string, decide: (current: unknown) => SwapChange[] | undefined): Promise<boolean>;
}

export function createMemoryBackend(): KeyValueBackend {
  const stores: Record<StoreName, Map<string, unknown>> = { sessions: new Map(), settings: new Map(), scenarios: new Map() };
  // structuredClone mirrors IndexedDB: what you read back is a copy, never the object you stored.
  const write = async (changes: Change[]) => {
    // Clone everything first: a value that cannot be stored fails the whole write, as in IndexedDB.
    const cloned = changes.map((c) => ({ ...c, value: structuredClone(c.value) }));
    for (const c of cloned) {
      if (c.value === undefined) stores[c.store].delete(c.key);
      else stores[c.store].set(c.key, c.value);
    }
  };
  return {
    persistent: false,
    get: async (store, key) => structuredClone(stores[store].get(key)),
    put: (store, key, value) => write([{ store, key, value }]),
    delete: (store, key) => write([{ store, key, value: undefined }]),
    entries: async (store) => [...stores[store]].map(([k, v]) => [k, structuredClone(v)]),
    write,
    swap: async (store, key, decide) => {
      const changes = decide(structuredClone(stores[store].get(key)));
      if (changes === undefined) return false;
      await write(changes.map((c) => ({ store, key: c.key, value: c.value })));
      return true;
    },
  };
}
