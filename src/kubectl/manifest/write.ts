/**
 * The write behind `patch`, `apply` and `edit` once the new object is known: the server's
 * decoding (400), then the cluster's PUT (defaults, validation, controllers). Patch-based writes
 * carry no resourceVersion, so the last write wins, as with kubectl's PATCH requests.
 */
import type { AnyObject, ClusterControl, Kind, KindMap } from '../../cluster/api';
import { type Json, type JsonObject, deepEqual, isObject } from './json';
import { decodeError } from './serverSide';

/** Base64 of a string's UTF-8 bytes, as Secret data holds it. */
function base64Utf8(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The API server folds a Secret's write-only `stringData` into `data` (base64) on every write. */
function foldStringData(kind: Kind, o: JsonObject): JsonObject {
  if (kind !== 'Secret' || !isObject(o.stringData)) return o;
  const data: JsonObject = isObject(o.data) ? { ...o.data } : {};
  for (const [k, v] of Object.entries(o.stringData)) data[k] = base64Utf8(typeof v === 'string' ? v : String(v));
  const out: JsonObject = { ...o, data };
  delete out.stringData;
  return out;
}

export type WriteOutcome = { ok: true; obj: AnyObject; changed: boolean } | { ok: false; message: string };

/** Go's decoding leaves a JSON null as the field's zero value: the stored object omits it. */
function withoutNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

/** Updates `live` to `desired` (the whole object, as the patch left it). */
export function writeUpdate(cluster: ClusterControl, kind: Kind, live: AnyObject, patched: JsonObject): WriteOutcome {
  const desired = withoutNulls(patched) as JsonObject;
  if (desired.apiVersion !== live.apiVersion) {
    return { ok: false, message: `Error from server (BadRequest): the API version in the data (${String(desired.apiVersion ?? '')}) does not match the expected API version (${live.apiVersion ?? ''})` };
  }
  if (desired.kind !== live.kind) {
    return { ok: false, message: `Error from server (BadRequest): the kind in the data (${String(desired.kind ?? '')}) does not match the expected kind (${live.kind ?? ''})` };
  }
  const meta = isObject(desired.metadata) ? desired.metadata : {};
  const name = live.metadata?.name ?? '';
  if (meta.name !== name) {
    return { ok: false, message: `Error from server (BadRequest): the name of the object (${String(meta.name ?? '')}) does not match the name on the URL (${name})` };
  }
  const ns = live.metadata?.namespace;
  if (meta.namespace !== undefined && ns !== undefined && meta.namespace !== ns) {
    return { ok: false, message: 'Error from server (BadRequest): the namespace of the provided object does not match the namespace sent on the request' };
  }
  const decode = decodeError(kind, desired);
  if (decode !== undefined) return { ok: false, message: `Error from server (BadRequest): ${decode}` };
  // The resourceVersion read with the object rides along (the cluster keeps what it stores):
  // the write is a read-modify-write at one instant, so it cannot conflict.
  const next: JsonObject = { ...foldStringData(kind, desired), metadata: { ...meta, name, ...(ns !== undefined ? { namespace: ns } : {}), resourceVersion: live.metadata?.resourceVersion ?? '' } };
  const obj = next as unknown as KindMap[typeof kind];
  // A write that changes nothing stores nothing (same resourceVersion): kubectl then says
  // `(no change)` / `unchanged`. Compared as the server would store it, defaults applied.
  const dry = cluster.replace(kind, obj, { dryRun: true });
  if (!dry.ok) return dry;
  if (deepEqual(dry.value, live)) return { ok: true, obj: live, changed: false };
  const r = cluster.replace(kind, obj);
  if (!r.ok) return r;
  return { ok: true, obj: r.value, changed: r.value.metadata?.resourceVersion !== live.metadata?.resourceVersion };
}

/** Creates `desired` in `namespace` (apply of a new object). */
export function writeCreate(cluster: ClusterControl, kind: Kind, namespace: string | undefined, raw: JsonObject): WriteOutcome {
  const desired = withoutNulls(raw) as JsonObject;
  const decode = decodeError(kind, desired);
  if (decode !== undefined) return { ok: false, message: `Error from server (BadRequest): ${decode}` };
  const meta = isObject(desired.metadata) ? desired.metadata : {};
  const next: JsonObject = { ...foldStringData(kind, desired), metadata: { ...meta, ...(namespace !== undefined ? { namespace } : {}) } };
  const r = cluster.create(kind, next as unknown as KindMap[typeof kind]);
  if (!r.ok) return r;
  return { ok: true, obj: r.value, changed: true };
}
