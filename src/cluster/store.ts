/**
 * The API server's storage: objects by kind and namespace/name, each write bumping a global
 * resourceVersion. Stored objects are deep-frozen, so reads hand them out without copying and
 * writers must go through `update` with a draft copy. Lists are kept sorted by key (the order
 * etcd returns them in) and cached until that kind changes.
 */
import { type AnyObject, CLUSTER_SCOPED, type Kind, type KindMap } from './api';
import { rfc3339 } from './format';
import { cloneJson, sameJson } from './json';

/** A writable copy of a stored object (kubernetes-types marks server-set fields readonly). */
export type Draft<T> = T extends (infer U)[] ? Draft<U>[] : T extends object ? { -readonly [P in keyof T]: Draft<T[P]> } : T;

export type ChangeListener = (kind: Kind, before: AnyObject | undefined, after: AnyObject | undefined) => void;
/** Told before an object of `kind` in `namespace` is written, while readers still see the old one. */
export type BeforeChangeListener = (kind: Kind, namespace: string | undefined) => void;

interface Entry {
  obj: AnyObject;
}

interface KindTable {
  entries: Map<string, Entry>;
  sortedKeys: string[];
  all: readonly AnyObject[] | undefined;
  byNamespace: Map<string, readonly AnyObject[]>;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class Store {
  private tables = new Map<Kind, KindTable>();
  private rv = 1000;
  private listeners: ChangeListener[] = [];
  private beforeListeners: BeforeChangeListener[] = [];

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  onBeforeChange(listener: BeforeChangeListener): void {
    this.beforeListeners.push(listener);
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    const ns = CLUSTER_SCOPED.has(kind) ? undefined : namespace;
    return this.table(kind).entries.get(objectKey(ns, name))?.obj as KindMap[K] | undefined;
  }

  /** The object stored under `key` ("namespace/name", objectKey; "/name" for cluster-scoped kinds). */
  getByKey<K extends Kind>(kind: K, key: string): KindMap[K] | undefined {
    return this.table(kind).entries.get(key)?.obj as KindMap[K] | undefined;
  }

  /** Whether an object with this key ("namespace/name", objectKey) exists. */
  hasKey(kind: Kind, key: string): boolean {
    return this.table(kind).entries.has(key);
  }

  list<K extends Kind>(kind: K, namespace?: string): readonly KindMap[K][] {
    const t = this.table(kind);
    if (t.all === undefined) {
      t.all = Object.freeze(t.sortedKeys.map((k) => t.entries.get(k)!.obj));
      t.byNamespace.clear();
    }
    if (namespace === undefined || CLUSTER_SCOPED.has(kind)) return t.all as readonly KindMap[K][];
    let scoped = t.byNamespace.get(namespace);
    if (scoped === undefined) {
      scoped = Object.freeze(t.all.filter((o) => o.metadata?.namespace === namespace));
      t.byNamespace.set(namespace, scoped);
    }
    return scoped as readonly KindMap[K][];
  }

  /** Every stored object of every kind. */
  kinds(): Kind[] {
    return [...this.tables.keys()];
  }

  /**
   * Create an object: the caller gives kind, apiVersion and metadata.name (and namespace); the
   * store stamps uid (given by the caller, from the seeded stream), resourceVersion and
   * creationTimestamp (`at`, default given by the caller).
   */
  create<K extends Kind>(kind: K, obj: KindMap[K], at: number): KindMap[K] {
    const draft = obj as Draft<KindMap[K]>;
    const meta = draft.metadata ?? (draft.metadata = {});
    this.before(kind, meta.namespace);
    const key = objectKey(CLUSTER_SCOPED.has(kind) ? undefined : meta.namespace, meta.name ?? '');
    const t = this.table(kind);
    if (t.entries.has(key)) throw new Error(`${kind} ${key} already exists`);
    meta.creationTimestamp ??= rfc3339(at);
    if (GENERATION_KINDS.has(kind)) meta.generation ??= 1;
    meta.resourceVersion = String(++this.rv);
    const frozen = deepFreeze(obj);
    t.entries.set(key, { obj: frozen });
    insertSorted(t.sortedKeys, key);
    this.invalidate(t);
    this.emit(kind, undefined, frozen);
    return frozen;
  }

  /**
   * Apply `mutate` to a copy of the stored object; store it (new resourceVersion) only if
   * something changed. Returns the stored object, or undefined if it does not exist.
   */
  update<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
    mutate: (draft: Draft<KindMap[K]>) => void,
  ): KindMap[K] | undefined {
    this.before(kind, namespace);
    const key = objectKey(CLUSTER_SCOPED.has(kind) ? undefined : namespace, name);
    const t = this.table(kind);
    const entry = t.entries.get(key);
    if (entry === undefined) return undefined;
    const draft = cloneJson(entry.obj) as Draft<KindMap[K]>;
    mutate(draft);
    if (sameJson(draft, entry.obj, ignoreResourceVersion)) return entry.obj as KindMap[K];
    if (bumpsGeneration(kind, entry.obj, draft as AnyObject)) draft.metadata!.generation = (entry.obj.metadata?.generation ?? 0) + 1;
    draft.metadata!.resourceVersion = String(++this.rv);
    const frozen = deepFreeze(draft as KindMap[K]);
    const before = entry.obj;
    t.entries.set(key, { obj: frozen });
    this.invalidate(t);
    this.emit(kind, before, frozen);
    return frozen;
  }

  /**
   * Replace one top-level field (a status write) without copying the rest of the object: the
   * kubelet writes pod status far more often than anything else is written.
   */
  replaceField<K extends Kind, F extends 'status'>(
    kind: K,
    namespace: string | undefined,
    name: string,
    field: F,
    value: unknown,
    knownChanged = false,
  ): KindMap[K] | undefined {
    return this.replaceFields(kind, namespace, name, { [field]: value }, knownChanged);
  }

  /**
   * Replace top-level fields (not metadata) without copying the rest: a status write, an Event's
   * count and last timestamp. A no-op when every value is the same.
   */
  replaceFields<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
    fields: Record<string, unknown>,
    /** The caller knows a value differs from the stored one: the no-op check is skipped. */
    knownChanged = false,
  ): KindMap[K] | undefined {
    this.before(kind, namespace);
    const key = objectKey(CLUSTER_SCOPED.has(kind) ? undefined : namespace, name);
    const t = this.table(kind);
    const entry = t.entries.get(key);
    if (entry === undefined) return undefined;
    const before = entry.obj;
    const current = before as unknown as Record<string, unknown>;
    let changed = knownChanged;
    for (const f of Object.keys(fields)) {
      if (f === 'metadata') throw new Error('replaceFields cannot replace metadata');
      if (!changed && !sameJson(current[f], fields[f])) changed = true;
    }
    if (!changed) return before as KindMap[K];
    const next: Record<string, unknown> = {
      ...before,
      metadata: { ...before.metadata, resourceVersion: String(++this.rv) },
    };
    for (const f of Object.keys(fields)) next[f] = deepFreeze(fields[f]);
    Object.freeze(next.metadata);
    const frozen = Object.freeze(next) as unknown as AnyObject;
    t.entries.set(key, { obj: frozen });
    this.invalidate(t);
    this.emit(kind, before, frozen);
    return frozen as KindMap[K];
  }

  delete(kind: Kind, namespace: string | undefined, name: string): boolean {
    this.before(kind, namespace);
    const key = objectKey(CLUSTER_SCOPED.has(kind) ? undefined : namespace, name);
    const t = this.table(kind);
    const entry = t.entries.get(key);
    if (entry === undefined) return false;
    t.entries.delete(key);
    const i = lowerBound(t.sortedKeys, key);
    t.sortedKeys.splice(i, 1);
    this.invalidate(t);
    this.emit(kind, entry.obj, undefined);
    return true;
  }

  private table(kind: Kind): KindTable {
    let t = this.tables.get(kind);
    if (t === undefined) {
      t = { entries: new Map(), sortedKeys: [], all: undefined, byNamespace: new Map() };
      this.tables.set(kind, t);
    }
    return t;
  }

  private invalidate(t: KindTable): void {
    t.all = undefined;
    t.byNamespace.clear();
  }

  private before(kind: Kind, namespace: string | undefined): void {
    for (const l of this.beforeListeners) l(kind, namespace);
  }

  private emit(kind: Kind, before: AnyObject | undefined, after: AnyObject | undefined): void {
    for (const l of this.listeners) l(kind, before, after);
  }
}

/** Kinds whose metadata.generation the API server maintains. */
const GENERATION_KINDS: ReadonlySet<Kind> = new Set<Kind>(['Deployment', 'ReplicaSet', 'EndpointSlice']);

/** Spec changes bump generation; EndpointSlices have no spec, so every change does. */
function bumpsGeneration(kind: Kind, before: AnyObject, after: AnyObject): boolean {
  if (kind === 'EndpointSlice') return true;
  if (kind !== 'Deployment' && kind !== 'ReplicaSet') return false;
  const a = (before as { spec?: unknown }).spec;
  const b = (after as { spec?: unknown }).spec;
  return !sameJson(a, b);
}

/** Writes that change nothing but the resourceVersion are no-ops. */
function ignoreResourceVersion(parentKey: string, key: string): boolean {
  return parentKey === 'metadata' && key === 'resourceVersion';
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(keys: string[], key: string): void {
  keys.splice(lowerBound(keys, key), 0, key);
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // Walked in place (no Object.values array per level): every status write freezes a new tree.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    } else {
      const o = value as Record<string, unknown>;
      for (const k in o) if (Object.hasOwn(o, k)) deepFreeze(o[k]);
    }
  }
  return value;
}
