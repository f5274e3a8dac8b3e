/**
 * Strategic merge patch, as the API server applies it (k8s.io/apimachinery strategicpatch) for
 * the kinds we model, and the three-way merge `kubectl apply` makes from the last-applied
 * configuration, the file and the live object. Lists merge by the API types' merge keys
 * (mergeKeys.ts); other lists are replaced whole; `null` deletes a field.
 */
import { type FieldInfo, fieldInfo } from './mergeKeys';
import { type Json, type JsonObject, clone, deepEqual, isObject } from './json';

/** A patch the server refuses; `message` is the server's wording. */
export class PatchError extends Error {}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function keyOfItem(item: Json, mergeKey: string): Json | undefined {
  return isObject(item) ? item[mergeKey] : undefined;
}

/** The patch without directives (what a new value added by the patch looks like). */
function stripDirectives(v: Json, type: string | undefined): Json {
  if (Array.isArray(v)) return v.filter((x) => !(isObject(x) && x[DIRECTIVE] !== undefined && Object.keys(x).length === 1)).map((x) => stripDirectives(x, type));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVE)) continue;
    if (x === null) continue;
    out[k] = stripDirectives(x, fieldInfo(type, k).type);
  }
  return out;
}

/** Applies a strategic merge patch to `original` (a map) for struct type `type`. */
export function strategicMergePatch(original: JsonObject, patch: JsonObject, type: string | undefined): JsonObject {
  const merged = mergeMap(original, patch, type);
  return merged ?? {};
}

function mergeMap(original: JsonObject, patch: JsonObject, type: string | undefined): JsonObject | undefined {
  const directive = patch[DIRECTIVE];
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return stripDirectives(patch, type) as JsonObject;
  if (directive !== undefined) throw new PatchError(`Unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`);
  const out: JsonObject = { ...original };
  const retain = patch[RETAIN_KEYS];
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  const orders: [string, Json][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === RETAIN_KEYS) continue;
    if (k.startsWith(SET_ORDER)) {
      orders.push([k.slice(SET_ORDER.length), v]);
      continue;
    }
    if (k.startsWith(DELETE_PRIMITIVE)) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.some((d) => deepEqual(d, x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const info = fieldInfo(type, k);
    const cur = out[k];
    if (isObject(v)) {
      const merged = mergeMap(isObject(cur) ? cur : {}, v, info.type);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      out[k] = mergeList(Array.isArray(cur) ? cur : [], v, info);
    } else {
      out[k] = v;
    }
  }
  for (const [field, order] of orders) {
    const cur = out[field];
    if (Array.isArray(cur) && Array.isArray(order)) out[field] = reorder(cur, order, fieldInfo(type, field));
  }
  return out;
}

function mergeList(original: Json[], patch: Json[], info: FieldInfo): Json[] {
  if (patch.some((x) => isObject(x) && x[DIRECTIVE] === 'replace')) {
    return stripDirectives(patch.filter((x) => !(isObject(x) && x[DIRECTIVE] === 'replace')), info.type) as Json[];
  }
  const key = info.mergeKey;
  if (key !== undefined) {
    const out = original.map((x) => clone(x));
    for (const item of patch) {
      if (!isObject(item)) throw new PatchError(`unable to find api field in struct for the patch element ${JSON.stringify(item)}`);
      const k = item[key];
      if (k === undefined) throw new PatchError(`map: ${goMap(item)} does not contain declared merge key: ${key}`);
      const i = out.findIndex((x) => deepEqual(keyOfItem(x, key), k));
      if (item[DIRECTIVE] === 'delete') {
        if (i >= 0) out.splice(i, 1);
        continue;
      }
      if (i >= 0) {
        const merged = mergeMap(out[i] as JsonObject, item, info.type);
        if (merged === undefined) out.splice(i, 1);
        else out[i] = merged;
      } else {
        out.push(stripDirectives(item, info.type));
      }
    }
    return out;
  }
  if (info.primitiveMerge) {
    const out = [...original];
    for (const x of patch) if (!out.some((o) => deepEqual(o, x))) out.push(x);
    return out;
  }
  return stripDirectives(patch, info.type) as Json[];
}

function reorder(list: Json[], order: Json[], info: FieldInfo): Json[] {
  const key = info.mergeKey;
  const idOf = (x: Json): Json | undefined => (key === undefined ? x : keyOfItem(x, key));
  const ordered: Json[] = [];
  const rest: Json[] = [];
  for (const x of list) (order.some((o) => deepEqual(idOf(o), idOf(x))) ? ordered : rest).push(x);
  ordered.sort((a, b) => order.findIndex((o) => deepEqual(idOf(o), idOf(a))) - order.findIndex((o) => deepEqual(idOf(o), idOf(b))));
  return [...ordered, ...rest];
}

/** Go's fmt %v of a map, for the server's merge-key error. */
function goMap(m: JsonObject): string {
  const keys = Object.keys(m).sort();
  return `map[${keys.map((k) => `${k}:${isObject(m[k]) ? goMap(m[k] as JsonObject) : String(m[k])}`).join(' ')}]`;
}

/**
 * `kubectl apply`'s three-way merge: fields the file sets are set; fields the last applied
 * configuration set and the file no longer does are removed; everything else the live object has
 * (defaults, status, other writers' fields) stays. Lists with merge keys merge item by item.
 */
export function threeWayMerge(live: JsonObject, lastApplied: JsonObject | undefined, modified: JsonObject, type: string | undefined): JsonObject {
  const out: JsonObject = { ...live };
  if (lastApplied !== undefined) {
    for (const k of Object.keys(lastApplied)) if (!(k in modified)) delete out[k];
  }
  for (const [k, v] of Object.entries(modified)) {
    const info = fieldInfo(type, k);
    const cur = out[k];
    const last = lastApplied?.[k];
    if (v === null) delete out[k];
    else if (isObject(v) && isObject(cur)) out[k] = threeWayMerge(cur, isObject(last) ? last : undefined, v, info.type);
    else if (Array.isArray(v) && Array.isArray(cur) && info.mergeKey !== undefined) out[k] = threeWayList(cur, Array.isArray(last) ? last : [], v, info, info.mergeKey);
    else if (Array.isArray(v) && Array.isArray(cur) && info.primitiveMerge) {
      const removed = (Array.isArray(last) ? last : []).filter((x) => !v.some((y) => deepEqual(x, y)));
      const kept = cur.filter((x) => !removed.some((r) => deepEqual(r, x)));
      out[k] = [...v, ...kept.filter((x) => !v.some((y) => deepEqual(x, y)))];
    } else out[k] = clone(v);
  }
  return out;
}

function threeWayList(live: Json[], last: Json[], modified: Json[], info: FieldInfo, key: string): Json[] {
  const out: Json[] = [];
  const find = (list: Json[], k: Json | undefined): Json | undefined => list.find((x) => deepEqual(keyOfItem(x, key), k));
  for (const m of modified) {
    if (!isObject(m)) {
      out.push(clone(m));
      continue;
    }
    const k = m[key];
    const cur = find(live, k);
    const l = find(last, k);
    out.push(isObject(cur) ? threeWayMerge(cur, isObject(l) ? l : undefined, m, info.type) : clone(m));
  }
  for (const c of live) {
    const k = keyOfItem(c, key);
    if (find(modified, k) !== undefined || find(last, k) !== undefined) continue;
    out.push(c);
  }
  return out;
}
