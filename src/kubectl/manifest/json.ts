/** JSON values as manifests and patches hold them. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function clone<T extends Json>(v: T): T {
  return (v === null || typeof v !== 'object' ? v : JSON.parse(JSON.stringify(v))) as T;
}

/** Structural equality, ignoring key order (what Go's reflect.DeepEqual on decoded maps sees). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual((a as Record<string, unknown>)[k], bo[k]));
}

/** Go's json.Marshal of a decoded value: map keys sorted, no spaces (the annotation's form). */
export function compactJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return goJsonScalar(v);
  if (Array.isArray(v)) return `[${v.map(compactJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJsonScalar(k)}:${compactJson(o[k])}`).join(',')}}`;
}

function goJsonScalar(v: unknown): string {
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  }
  if (v === undefined) return 'null';
  return JSON.stringify(v);
}
