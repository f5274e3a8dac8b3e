/**
 * Plain-JSON helpers for the object store. Objects in the store are JSON values (what the API
 * server would send), so a structural copy and comparison can skip what JSON.stringify handles
 * for the general case. Both follow JSON semantics: properties whose value is undefined are
 * absent, and key order is significant (it is what `-o json` prints).
 */

/** A deep copy of a JSON value (undefined-valued properties are dropped, as JSON would). */
export function cloneJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      // JSON turns undefined array items into null.
      out[i] = v === undefined ? null : copy(v);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = copy(v);
  }
  return out;
}

/**
 * True when `a` and `b` serialise to the same JSON text, except that `skip(path)` may exclude
 * some object properties from the comparison (e.g. metadata.resourceVersion).
 */
export function sameJson(a: unknown, b: unknown, skip?: (parentKey: string, key: string) => boolean): boolean {
  return skip === undefined ? eqPlain(a, b) : eq(a, b, '', skip);
}

/**
 * sameJson without exclusions, the store's check for a no-op write (a pod status, an Event's
 * fields): the same defined keys in the same order with equal values, walked with for-in and no
 * per-object key arrays for the left side (about twice as fast on a pod status as `eq`).
 * Stored objects are plain JSON data: for-in sees exactly their own keys, in Object.keys order.
 */
function eqPlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    // undefined in an array serialises as null.
    for (let i = 0; i < a.length; i++) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (x !== y && !eqPlain(x ?? null, y ?? null)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const yk = Object.keys(y);
  let j = 0;
  for (const k in x) {
    const xv = x[k];
    if (xv === undefined) continue;
    while (j < yk.length && y[yk[j]!] === undefined) j++;
    if (j >= yk.length || yk[j] !== k) return false;
    j++;
    const yv = y[k];
    if (xv !== yv && !eqPlain(xv, yv)) return false;
  }
  while (j < yk.length && y[yk[j]!] === undefined) j++;
  return j === yk.length;
}

function eq(a: unknown, b: unknown, parentKey: string, skip?: (parentKey: string, key: string) => boolean): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return false;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    // undefined in an array serialises as null.
    for (let i = 0; i < x.length; i++) if (!eq(x[i] ?? null, y[i] ?? null, '', skip)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  if (skip === undefined) {
    // The usual case (stored objects hold no undefined values): compare keys in place.
    const xk = Object.keys(x);
    const yk = Object.keys(y);
    if (xk.length === yk.length && !hasUndefined(x, xk) && !hasUndefined(y, yk)) {
      for (let i = 0; i < xk.length; i++) {
        const k = xk[i]!;
        if (k !== yk[i] || !eq(x[k], y[k], k, skip)) return false;
      }
      return true;
    }
  }
  const xk = definedKeys(x, parentKey, skip);
  const yk = definedKeys(y, parentKey, skip);
  if (xk.length !== yk.length) return false;
  for (let i = 0; i < xk.length; i++) {
    const k = xk[i]!;
    if (k !== yk[i] || !eq(x[k], y[k], k, skip)) return false;
  }
  return true;
}

function hasUndefined(o: Record<string, unknown>, keys: string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (o[keys[i]!] === undefined) return true;
  return false;
}

function definedKeys(o: Record<string, unknown>, parentKey: string, skip?: (parentKey: string, key: string) => boolean): string[] {
  const out: string[] = [];
  for (const k of Object.keys(o)) {
    if (o[k] !== undefined && !(skip && skip(parentKey, k))) out.push(k);
  }
  return out;
}
