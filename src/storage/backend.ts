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

/** One record `swap` reads. */
export interface Ref {
  store: StoreName;
  key: string;
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
   * Read, check and write in one transaction: `decide` sees the values stored at `reads` (in
   * that order) and returns the changes to make, or undefined to leave everything as it is.
   * Changes stay within the stores read (the transaction covers only those).
   * Resolves true when it wrote.
   */
  swap(reads: readonly Ref[], decide: (...current: unknown[]) => Change[] | undefined): Promise<boolean>;
}

/**
 * Where a page that is going away writes what it has not saved yet (progressStore.saveOnExit):
 * synchronous, so the write is done before the page can go — localStorage in the browser. An
 * IndexedDB write cannot promise that: Chromium drops a transaction still running as the page is
 * torn down, and one queued behind a save under way does not even start.
 */
export interface Journal {
  get(key: string): string | null;
  /** Throws when it cannot (storage full or disabled). */
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}

export function createMemoryJournal(): Journal {
  const entries = new Map<string, string>();
  return {
    get: (key) => entries.get(key) ?? null,
    set: (key, value) => void entries.set(key, value),
    remove: (key) => void entries.delete(key),
    keys: () => [...entries.keys()],
  };
}

/** The page's localStorage as a journal, or undefined where it cannot be used (disabled, sandboxed). */
export function browserJournal(): Journal | undefined {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return undefined;
    return {
      get: (key) => storage.getItem(key),
      set: (key, value) => storage.setItem(key, value),
      remove: (key) => storage.removeItem(key),
      keys: () => Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null),
    };
  } catch {
    return undefined;
  }
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
    swap: async (reads, decide) => {
      const changes = decide(...reads.map((r) => structuredClone(stores[r.store].get(r.key))));
      if (changes === undefined) return false;
      if (changes.some((c) => !reads.some((r) => r.store === c.store))) throw new DOMException('A change outside the stores read', 'NotFoundError');
      await write(changes);
      return true;
    },
  };
}
