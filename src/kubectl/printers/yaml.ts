/**
 * `kubectl get -o yaml`: sigs.k8s.io/yaml turns the object into JSON and the JSON into YAML with
 * go-yaml v2. So: map keys in go-yaml's order, block style, sequences not indented under their
 * key, and a string quoted only when plain YAML would read it as something else (`"True"`, a
 * timestamp, `""`) or when plain style cannot carry it (`: `, leading indicators: single quotes).
 */
import type { AnyObject } from '../../cluster/api';
import type { ListObject } from './index';

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

/** go-yaml v2's key order: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

// What go-yaml v2's resolver reads as non-strings when unquoted.
const BOOL_OR_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', '',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
]);
const INT_RE = /^[-+]?(0|[1-9][0-9_]*|0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+)$/;
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP_RE =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

function resolvesToNonString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return true;
  const c = s[0]!;
  if ('+-.0123456789'.includes(c)) {
    if (INT_RE.test(s) || FLOAT_RE.test(s)) return true;
    if (TIMESTAMP_RE.test(s)) return true;
  }
  return BASE60_RE.test(s);
}

const isPrintable = (c: number): boolean =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);

/** libyaml's analyze_scalar, reduced to the block-context answers: plain allowed, single allowed. */
function analyze(s: string): { plain: boolean; single: boolean } {
  if (s === '') return { plain: false, single: true };
  if (s.startsWith('---') || s.startsWith('...')) return { plain: false, single: true };
  let blockIndicators = false;
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let trailingSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const chars = [...s];
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':') && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    const c = ch.codePointAt(0)!;
    if (!isPrintable(c) || (c > 0x7f && false)) special = true;
    if (ch === '\n' || ch === '\r') lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) spaceBreak = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n' || ch === '\r') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  });
  let plain = true;
  let single = true;
  if (leadingSpace || trailingSpace) plain = false;
  if (spaceBreak) {
    plain = false;
    single = false;
  }
  if (lineBreaks) plain = false;
  if (special) {
    plain = false;
    single = false;
  }
  if (blockIndicators) plain = false;
  return { plain, single };
}

function doubleQuoted(s: string, column: number, contIndent: number): string {
  let out = '"';
  let col = column + 1;
  let spaces = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === ' ') {
      if (!spaces && col > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        out += '\n' + ' '.repeat(contIndent);
        col = contIndent;
        if (chars[i + 1] === ' ') {
          out += '\\';
          col++;
        }
      } else {
        out += ' ';
        col++;
      }
      spaces = true;
      continue;
    }
    spaces = false;
    const before = out.length;
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\0': out += '\\0'; break;
      case '\x07': out += '\\a'; break;
      case '\b': out += '\\b'; break;
      case '\t': out += '\\t'; break;
      case '\n': out += '\\n'; break;
      case '\v': out += '\\v'; break;
      case '\f': out += '\\f'; break;
      case '\r': out += '\\r'; break;
      case '\x1b': out += '\\e'; break;
      default:
        if (isPrintable(c) && c !== 0xfeff) out += ch;
        else if (c <= 0xff) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
        else if (c <= 0xffff) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
        else out += '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
    }
    col += out.length - before;
  }
  return out + '"';
}

/** go-yaml's emitter width: plain and quoted scalars break at a space once past column 80. */
const BEST_WIDTH = 80;

/**
 * Writes `chars` from `column`, turning a single space into a line break (indented to
 * `contIndent`) once the line is past the best width, as libyaml's scalar writers do.
 */
function fold(chars: string[], column: number, contIndent: number, quoted: boolean): string {
  let out = '';
  let col = column;
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      const next = chars[i + 1];
      const edgeOk = !quoted || (i !== 0 && i !== chars.length - 1);
      if (!spaces && col > BEST_WIDTH && next !== ' ' && edgeOk) {
        out += '\n' + ' '.repeat(contIndent);
        col = contIndent;
      } else {
        out += ' ';
        col++;
      }
      spaces = true;
    } else {
      out += ch;
      col += ch === "'" && quoted ? 0 : 1;
      spaces = false;
    }
  });
  return out;
}

/**
 * A scalar string in value position. `indent` is the indentation of the owning key (or `- `),
 * `column` where the scalar starts on its line.
 */
function scalarString(s: string, indent: string, column: number): string {
  const cont = indent.length + 2;
  if (s.includes('\n')) {
    // Literal block: `|` keeps one trailing newline, `|-` none, `|+` several.
    const chomp = !s.endsWith('\n') ? '-' : s.endsWith('\n\n') ? '+' : '';
    const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
    const body = chomp === '' ? s.slice(0, -1) : chomp === '+' ? s.slice(0, -1) : s;
    const lines = body.split('\n').map((l) => (l === '' ? '' : indent + '  ' + l));
    return `|${indicator}${chomp}\n` + lines.join('\n');
  }
  const { plain, single } = analyze(s);
  const nonString = resolvesToNonString(s);
  if (!nonString && plain) return fold([...s], column, cont, false);
  if (!nonString && single) {
    // Doubled quotes take two columns: fold the escaped text, counting every character.
    const escaped = [...s].flatMap((ch) => (ch === "'" ? ["'", "'"] : [ch]));
    return "'" + foldCounting(escaped, column + 1, cont) + "'";
  }
  return doubleQuoted(s, column, cont);
}

function foldCounting(chars: string[], column: number, contIndent: number): string {
  let out = '';
  let col = column;
  let spaces = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      if (!spaces && col > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') {
        out += '\n' + ' '.repeat(contIndent);
        col = contIndent;
      } else {
        out += ' ';
        col++;
      }
      spaces = true;
    } else {
      out += ch;
      col++;
      spaces = false;
    }
  });
  return out;
}

function scalar(v: unknown, indent: string, column: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  return scalarString(String(v), indent, column);
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

function emitMap(m: Record<string, unknown>, indent: string, firstPrefix: string): string {
  const keys = sortedKeys(m);
  let out = '';
  keys.forEach((k, i) => {
    const lead = i === 0 ? firstPrefix : indent;
    // Keys are simple keys: never folded.
    const key = scalarString(k, indent, -Infinity);
    const line = lead + key + ':';
    out += line + emitValue(m[k], indent, line.length);
  });
  return out;
}

/** The text after `key:` (or after `-`), including the trailing newline. */
function emitValue(v: unknown, indent: string, column: number): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []\n';
    // Sequences under a mapping key sit at the key's indentation.
    return '\n' + emitSeq(v, indent);
  }
  if (isMap(v)) {
    if (sortedKeys(v).length === 0) return ' {}\n';
    return '\n' + emitMap(v, indent + '  ', indent + '  ');
  }
  return ' ' + scalar(v, indent, column + 1) + '\n';
}

function emitSeq(items: unknown[], indent: string): string {
  let out = '';
  for (const item of items) {
    if (isMap(item) && sortedKeys(item).length > 0) {
      out += emitMap(item, indent + '  ', indent + '- ');
    } else if (Array.isArray(item) && item.length > 0) {
      out += indent + '-' + '\n' + emitSeq(item, indent + '  ');
    } else {
      out += indent + '-' + emitValue(item, indent, indent.length + 1);
    }
  }
  return out;
}

/** Any JSON-shaped object as kubectl prints YAML (objects, Lists, a kubeconfig). */
export function toYaml(value: AnyObject | ListObject | Readonly<Record<string, unknown>>): string {
  const v = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  if (sortedKeys(v).length === 0) return '{}\n';
  return emitMap(v, '', '');
}
