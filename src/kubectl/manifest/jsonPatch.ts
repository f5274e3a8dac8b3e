/**
 * The two plain-JSON patch formats `kubectl patch --type` offers: JSON merge patch (RFC 7386,
 * `--type merge`) and JSON patch (RFC 6902, `--type json`), with the error wording of the
 * json-patch library the API server uses.
 */
import { type Json, type JsonObject, clone, deepEqual, isObject } from './json';

export class JsonPatchError extends Error {}
/** The patch itself is not a JSON patch (the server answers 400, not 422). */
export class JsonPatchDecodeError extends JsonPatchError {}

/** RFC 7386: objects merge recursively, `null` removes, anything else replaces. */
export function jsonMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k] ?? null, v);
  }
  return out;
}

/** How encoding/json names a JSON value's type in its errors. */
export function jsonKind(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

/** RFC 6901 pointer to its reference tokens. */
function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Decodes `[{op, path, ...}]`; the library's messages for what is not one. */
export function decodeJsonPatch(patch: Json): Operation[] {
  if (!Array.isArray(patch)) throw new JsonPatchDecodeError(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type jsonpatch.Patch`);
  return patch.map((p) => {
    if (!isObject(p)) throw new JsonPatchDecodeError(`json: cannot unmarshal ${jsonKind(p)} into Go value of type jsonpatch.Operation`);
    const op: Operation = { op: typeof p.op === 'string' ? p.op : 'unknown', path: typeof p.path === 'string' ? p.path : '' };
    if ('value' in p) op.value = p.value ?? null;
    if (typeof p.from === 'string') op.from = p.from;
    return op;
  });
}

function parentOf(doc: Json, path: string[], opName: string, pointer: string): { parent: Json; key: string } {
  let cur: Json = doc;
  for (const t of path.slice(0, -1)) {
    if (isObject(cur) && t in cur) cur = cur[t]!;
    else if (Array.isArray(cur) && /^\d+$/.test(t) && Number(t) < cur.length) cur = cur[Number(t)]!;
    else throw new JsonPatchError(`${opName} operation does not apply: doc is missing path: "${pointer}": missing value`);
  }
  return { parent: cur, key: path[path.length - 1] ?? '' };
}

function getAt(doc: Json, pointer: string, opName: string): Json {
  const path = tokens(pointer);
  if (path.length === 0) return doc;
  const { parent, key } = parentOf(doc, path, opName, pointer);
  if (isObject(parent) && key in parent) return parent[key]!;
  if (Array.isArray(parent) && /^\d+$/.test(key) && Number(key) < parent.length) return parent[Number(key)]!;
  throw new JsonPatchError(`${opName} operation does not apply: doc is missing key: ${pointer}: missing value`);
}

function add(doc: Json, pointer: string, value: Json): void {
  const path = tokens(pointer);
  const { parent, key } = parentOf(doc, path, 'add', pointer);
  if (isObject(parent)) parent[key] = clone(value);
  else if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : /^\d+$/.test(key) ? Number(key) : -1;
    if (i < 0 || i > parent.length) throw new JsonPatchError(`add operation does not apply: doc is missing path: "${pointer}": missing value`);
    parent.splice(i, 0, clone(value));
  } else throw new JsonPatchError(`add operation does not apply: doc is missing path: "${pointer}": missing value`);
}

function remove(doc: Json, pointer: string, opName = 'remove'): Json {
  const path = tokens(pointer);
  const { parent, key } = parentOf(doc, path, opName, pointer);
  if (isObject(parent)) {
    if (!(key in parent)) throw new JsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`);
    const v = parent[key]!;
    delete parent[key];
    return v;
  }
  if (Array.isArray(parent) && /^\d+$/.test(key) && Number(key) < parent.length) return parent.splice(Number(key), 1)[0]!;
  throw new JsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`);
}

/** Applies an RFC 6902 patch to a copy of `doc`. */
export function applyJsonPatch(doc: Json, patch: Json): Json {
  const ops = decodeJsonPatch(patch);
  const out = clone(doc);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        add(out, op.path, op.value ?? null);
        break;
      case 'remove':
        remove(out, op.path);
        break;
      case 'replace': {
        getAt(out, op.path, 'replace');
        remove(out, op.path, 'replace');
        add(out, op.path, op.value ?? null);
        break;
      }
      case 'move': {
        const v = remove(out, op.from ?? '', 'move');
        add(out, op.path, v);
        break;
      }
      case 'copy':
        add(out, op.path, getAt(out, op.from ?? '', 'copy'));
        break;
      case 'test': {
        const v = getAt(out, op.path, 'test');
        if (!deepEqual(v, op.value ?? null)) throw new JsonPatchError(`testing value ${op.path} failed: test failed`);
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return out;
}
