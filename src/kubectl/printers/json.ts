/**
 * `kubectl get -o json`: Go's json.MarshalIndent of an unstructured map — keys in byte order,
 * four-space indent, and Go's HTML-safe escaping of <, > and &.
 */
import type { AnyObject } from '../../cluster/api';
import type { ListObject } from './index';

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

function encode(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + encode(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(byteCompare);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => `${inner}${goString(k)}: ${encode(obj[k], inner)}`).join(',\n') + '\n' + indent + '}';
}

export function toJson(value: AnyObject | ListObject): string {
  return encode(value, '') + '\n';
}
