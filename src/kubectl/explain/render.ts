/**
 * kubectl 1.32's `explain` output: its OpenAPI v3 "plaintext" Go template
 * (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl) transcribed step by step, with the
 * word wrapping of github.com/mitchellh/go-wordwrap v1.0.1 that its `wrap` function uses.
 */
import type { ExplainDoc, ExplainResource, Schema } from './schema';

const REF_PREFIX = '#/components/schemas/';

/** Go template truthiness of a map/slice/string value. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function resolveRef(ref: string | undefined, doc: ExplainDoc): Schema | undefined {
  if (ref === undefined || !ref.startsWith(REF_PREFIX)) return undefined;
  const s = doc.schemas[ref.slice(REF_PREFIX.length)];
  return truthy(s) ? s : undefined;
}

function mapAdditional(s: Schema): Schema | undefined {
  const ap = s.additionalProperties;
  return typeof ap === 'object' && truthy(ap) ? ap : undefined;
}

/** go-wordwrap v1.0.1 WrapString: breaks at white space only, never inside a word. */
export function wrapString(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      // (Go also adds to `current` here; the newline resets it right after.)
      if (wordLen === 0) {
        if (current + spaceLen <= lim) buf += space;
      } else {
        buf += space + word;
        word = '';
        wordLen = 0;
      }
      space = '';
      spaceLen = 0;
      buf += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

function indent(amount: number, str: string): string {
  const pad = ' '.repeat(amount);
  return pad + str.split('\n').join(`\n${pad}`);
}

function typeGuess(s: Schema, doc: ExplainDoc): string {
  if (truthy(s.items)) return `[]${typeGuess(s.items!, doc)}`;
  const ap = mapAdditional(s);
  if (ap !== undefined) return `map[string]${typeGuess(ap, doc)}`;
  if (truthy(s.allOf) && !truthy(s.properties) && s.allOf!.length === 1) return typeGuess(s.allOf![0]!, doc);
  if (truthy(s.$ref)) {
    const ref = s.$ref!;
    const target = resolveRef(ref, doc);
    if (target === undefined || !truthy(target.type) || target.type === 'object') {
      const name = ref.split('/').pop()!;
      return name.split('.').pop() || 'Object';
    }
    return target.type!;
  }
  if (s.type === 'object') return 'Object';
  return s.type || 'Object';
}

/** The template's extractEnum: `ENUM:` lines (long view) or `enum: a, b, ....` (field lists). */
function extractEnum(s: Schema, long: boolean, limit: number, indentAmount = 0): string {
  if (!truthy(s.enum)) return '';
  let out = long ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  for (const [i, e] of s.enum!.entries()) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !long) out += ', ';
    else if (long) out += `\n${' '.repeat(4)}`;
    out += e === '' ? '""' : String(e);
  }
  return out;
}

function description(s: Schema, doc: ExplainDoc): string {
  const r = resolveRef(s.$ref, doc) ?? s;
  let out = '';
  if (truthy(r.description)) out += `${r.description}\n`;
  for (const a of r.allOf ?? []) out += description(a, doc);
  if (truthy(r.items)) out += description(r.items!, doc);
  const ap = mapAdditional(r);
  if (ap !== undefined) out += description(ap, doc);
  return out;
}

function fieldDetail(name: string, s: Schema, short: boolean, level: number, doc: ExplainDoc): string {
  const amount = level * 2;
  const fs = s.properties![name]!;
  let out = `${indent(amount, name)}\t<${typeGuess(fs, doc)}>`;
  if (s.required?.includes(name) === true) out += ' -required-';
  out += extractEnum(fs, false, 4, amount);
  out += '\n';
  if (!short) out += `${indent(amount + 2, wrapString(fs.description || '<no description>', 78 - amount))}\n\n`;
  return out;
}

type History = Readonly<Record<string, 1>>;

function fieldList(s: Schema, level: number, history: History, recursive: boolean, doc: ExplainDoc): string {
  const ref = s.$ref ?? '';
  if (ref !== '' && history[ref] !== undefined) return '';
  const next: History = { ...history, [ref]: 1 };
  const r = resolveRef(ref, doc) ?? s;
  let out = '';
  for (const k of Object.keys(r.properties ?? {}).sort()) {
    out += fieldDetail(k, r, recursive, level, doc);
    if (recursive) out += fieldList(r.properties![k]!, level + 1, next, recursive, doc);
  }
  for (const a of r.allOf ?? []) out += fieldList(a, level, next, recursive, doc);
  if (truthy(r.items)) out += fieldList(r.items!, level, next, recursive, doc);
  const ap = mapAdditional(r);
  if (ap !== undefined) out += fieldList(ap, level, next, recursive, doc);
  return out;
}

function output(s: Schema, path: readonly string[], history: History, recursive: boolean, doc: ExplainDoc): string {
  const ref = s.$ref ?? '';
  const next: History = { ...history, [ref]: 1 };
  const r = resolveRef(ref, doc) ?? s;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(4, wrapString(description(r, doc) || '<empty>', 76))}\n`;
    const fields = fieldList(r, 1, {}, recursive, doc);
    if (fields !== '') out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref !== '' && history[ref] !== undefined) return '';
  const sub = r.properties?.[path[0]!];
  if (truthy(r.properties) && sub !== undefined && truthy(sub)) {
    let out = '';
    if (path.length === 1) out += `FIELD: ${path[0]} <${typeGuess(sub, doc)}>\n${extractEnum(sub, true, -1)}\n\n`;
    return out + output(sub, path.slice(1), {}, recursive, doc);
  }
  if (truthy(r.items)) return output(r.items!, path, next, recursive, doc);
  const ap = mapAdditional(r);
  if (ap !== undefined) return output(ap, path, next, recursive, doc);
  for (const a of r.allOf ?? []) {
    const o = output(a, path, next, recursive, doc);
    if (o !== '') return o;
  }
  return '';
}

/** `text`: what reaches stdout (on an error, the header the template wrote before failing). */
export type ExplainResult = { ok: true; text: string } | { ok: false; text: string; message: string };

/** What `kubectl explain RESOURCE[.FIELD...]` prints for a resource found in `doc`. */
export function renderExplain(doc: ExplainDoc, res: ExplainResource, fieldPath: readonly string[], recursive: boolean): ExplainResult {
  const root = doc.schemas[res.schema];
  if (root === undefined) return { ok: false, text: '', message: `error: GVK ${res.group}/${res.version}, Kind=${res.kind} not found in OpenAPI schema` };
  let head = res.group !== '' ? `GROUP:      ${res.group}\n` : '';
  head += `KIND:       ${res.kind}\nVERSION:    ${res.version}\n\n`;
  const body = output(root, fieldPath, {}, recursive, doc);
  if (body === '') return { ok: false, text: head, message: `error: field "${fieldPath[fieldPath.length - 1]}" does not exist` };
  return { ok: true, text: `${head}${body}\n` };
}
