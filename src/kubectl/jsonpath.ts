/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): the parser, the evaluator and the
 * printer that `-o jsonpath=`, `-o jsonpath-as-json=` and `-o custom-columns=` use, ported rule for
 * rule so that odd templates behave as they do in kubectl: `{range}...{end}`, filters
 * `[?(@.a=="b")]`, unions `[0,1]`, slices `[1:3:2]`, `..`, `*`, literal text and quoted strings,
 * and kubectl's error messages. Values are the object's JSON (numbers are integers, as kubectl's
 * unstructured decoding makes them). Go walks maps in random order for `*` and `..`; here keys
 * are walked sorted, one of the orders kubectl may print.
 */
import { goString } from './printers/json';

/** A float literal in a template (Go float64): kept apart from JSON integers for comparisons. */
class GoFloat {
  constructor(readonly value: number) {}
}
/** A byte of a string walked by `*` or `..` (Go uint8). */
class GoByte {
  constructor(readonly value: number) {}
}

type Value = unknown;

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

type Node =
  | ListNode
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'ident'; name: string }
  | { t: 'array'; params: [Param, Param, Param] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: ListNode[] };

interface ListNode {
  t: 'list';
  nodes: Node[];
}

class ParseError extends Error {}

const EOF = -1;

function isTerminator(r: number): boolean {
  if (r === 32 || r === 9 || r === 13 || r === 10) return true;
  return r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));
}
function isDigit(r: number): boolean {
  return r >= 48 && r <= 57;
}
function isAlphaNumeric(r: number): boolean {
  if (r === EOF) return false;
  return r === 95 || /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r));
}

/** The characters Go's %#U would name an unrecognized rune by. */
function goRuneU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  const printable = r >= 32 && r !== 127 && !(r >= 0x80 && r < 0xa0);
  return printable ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/** strconv.UnquoteChar over a quoted string's body (the escapes Go knows). */
function unquoteExtend(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1] || (s[0] !== '"' && s[0] !== "'")) throw new ParseError('invalid syntax');
  const quote = s[0];
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === quote && quote === '"') throw new ParseError('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e === undefined) throw new ParseError('invalid syntax');
    if (simple[e] !== undefined) out += simple[e];
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new ParseError('invalid syntax');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new ParseError('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new ParseError('invalid syntax');
  }
  return out;
}

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

class Parser {
  root: ListNode = { t: 'list', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): void {
    this.input = text;
    this.root = { t: 'list', nodes: [] };
    this.pos = 0;
    this.parseText(this.root);
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }
  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }
  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node: ListNode = { t: 'list', nodes: [] };
    cur.nodes.push(node);
    this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    // The Go code loops by recursion; a loop here keeps deep templates off the JS stack.
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        return this.parseText(this.root);
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || r === 13 || r === 10) throw new ParseError('unclosed action');
      if (r === 32) this.consumeText();
      else if (r === 64 || r === 36) this.consumeText();
      else if (r === 91) this.parseArray(cur);
      else if (r === 34 || r === 39) this.parseQuote(cur, r);
      else if (r === 46) this.parseField(cur);
      else if (r === 43 || r === 45 || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new ParseError(`unrecognized character in action: ${goRuneU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      if (isTerminator(this.next())) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'ident', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes[cur.nodes.length - 1]?.t === 'recursive') throw new ParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === 43 || r === 45) this.next();
    for (;;) {
      const c = this.next();
      if (c !== 46 && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ t: 'int', value: Number(value) });
      return;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ t: 'float', value: Number(value) });
      return;
    }
    throw new ParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 10) throw new ParseError('unterminated array');
      if (r === 93) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = strs.map((s) => parseAction(`[${s.trim()}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return;
    }
    const dict = DICT_KEY.exec(text);
    if (dict !== null) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = SLICE.exec(text);
    if (m === null) throw new ParseError(`invalid array index ${text}`);
    const parts = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [Param, Param, Param] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let v = parts[i]!;
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params[i]!.known = false;
        else {
          if (!/^[+-]?\d+$/.test(v)) throw new ParseError(`array index ${v} is not a number`);
          params[i] = { value: Number(v), known: true, derived: false };
        }
      } else if (i === 1) params[1] = { value: params[0].value + 1, known: true, derived: true };
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 10) throw new ParseError('unterminated filter');
      if (r === 34 || r === 39) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 41 && begin === end) break;
    }
    if (this.next() !== 93) throw new ParseError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = FILTER.exec(text);
    if (m === null) cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]!), right: parseAction(m[3]!), op: m[2]! });
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 10) throw new ParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch {
      throw new ParseError(`unquote string ${value} error invalid syntax`);
    }
    cur.nodes.push({ t: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === 92) this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replaceAll('\\', '') });
  }
}

/** parseAction: `{text}` parsed on its own, its one action list returned. */
function parseAction(text: string): ListNode {
  const p = new Parser();
  p.parse(`{${text}}`);
  return p.root.nodes[0] as ListNode;
}

export type ParseResult = { ok: true; path: JsonPath } | { ok: false; error: string };

/** Parses a template; the error is jsonpath's own message (kubectl wraps it). */
export function parseJsonPath(template: string, allowMissingKeys = true): ParseResult {
  const p = new Parser();
  try {
    p.parse(template);
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
  return { ok: true, path: new JsonPath(p.root, allowMissingKeys) };
}

class EvalError extends Error {}

const isMap = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat) && !(v instanceof GoByte);

/** Go's name for a value's dynamic type, as `%v is not array or slice` prints it. */
function goType(v: Value): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (typeof v === 'number') return 'int64';
  return 'interface {}';
}

/** The children `*` and `..` walk: map values (keys sorted), list elements, a string's bytes. */
function children(v: Value): Value[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  if (typeof v === 'string') return [...new TextEncoder().encode(v)].map((b) => new GoByte(b));
  return undefined;
}

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';
function basicKind(v: Value): BasicKind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoByte) return 'uint';
  if (typeof v === 'number') return 'int';
  throw new EvalError('invalid type for comparison');
}
function num(v: Value): number {
  return v instanceof GoFloat || v instanceof GoByte ? v.value : (v as number);
}
function goEqual(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) === num(b);
    throw new EvalError('incompatible types for comparison');
  }
  if (k1 === 'bool' || k1 === 'string') return a === b;
  return num(a) === num(b);
}
function goLess(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) < num(b);
    throw new EvalError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new EvalError('invalid type for comparison');
  if (k1 === 'string') return (a as string) < (b as string);
  return num(a) < num(b);
}

export type FindResult = { ok: true; results: Value[][] } | { ok: false; error: string };

export class JsonPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  /** Set for `-o jsonpath-as-json`. */
  outputJson = false;

  constructor(
    private root: ListNode,
    private allowMissingKeys: boolean,
  ) {}

  findResults(data: Value): FindResult {
    try {
      return { ok: true, results: this.find(data) };
    } catch (e) {
      if (e instanceof EvalError) return { ok: false, error: e.message };
      throw e;
    }
  }

  /** Execute: every node's results printed in turn; the error is jsonpath's own message. */
  execute(data: Value): { ok: true; text: string } | { ok: false; error: string } {
    const r = this.findResults(data);
    if (!r.ok) return r;
    return { ok: true, text: r.results.map((res) => this.printResults(res)).join('') };
  }

  private find(data: Value): Value[][] {
    // Every top-level node starts from the data itself.
    const nodes = this.root.nodes;
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = this.walk([data], node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.root = { t: 'list', nodes: nodes.slice(i + 1) };
            full.push(...this.find(value));
          }
        } else {
          this.root = { t: 'list', nodes: nodes.slice(i + 1) };
          this.find(null);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private printResults(results: Value[]): string {
    if (this.outputJson) return goJson(results, '    ') + '\n';
    return results
      .map((r, i) => {
        const text = Array.isArray(r) || isMap(r) ? goJson(r) : evalToText(r);
        return i !== results.length - 1 ? text + ' ' : text;
      })
      .join('');
  }

  private walk(value: Value[], node: Node): Value[] {
    switch (node.t) {
      case 'list': {
        let cur = value;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.name);
      case 'array':
        return this.evalArray(value, node.params);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
        return value.map(() => node.value);
      case 'float':
        return value.map(() => new GoFloat(node.value));
      case 'bool':
        return value.map(() => node.value);
      case 'wildcard':
        return value.flatMap((v) => children(v) ?? []);
      case 'recursive':
        return this.evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((l) => this.walk(value, l));
      case 'ident':
        if (node.name === 'range') {
          this.beginRange++;
          return value;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new EvalError('not in range, nothing to end');
        }
        throw new EvalError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new EvalError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], p: readonly [Param, Param, Param]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new EvalError(`${goType(v)} is not array or slice`);
      const params = p.map((x) => ({ ...x }));
      const [a, b, c] = params as [Param, Param, Param];
      const len = v.length;
      if (!a.known) a.value = 0;
      if (a.value < 0) a.value += len;
      if (!b.known) b.value = len;
      if (b.value < 0 || (b.value === 0 && b.derived)) b.value += len;
      if (b.value === a.value) return result;
      if (a.value >= len || a.value < 0) throw new EvalError(`array index out of bounds: index ${a.value}, length ${len}`);
      if (b.value > len || b.value < 0) throw new EvalError(`array index out of bounds: index ${b.value - 1}, length ${len}`);
      if (a.value > b.value) throw new EvalError(`starting index ${a.value} is greater than ending index ${b.value}`);
      const slice = v.slice(a.value, b.value);
      let step = 1;
      if (c.known) {
        if (c.value <= 0) throw new EvalError('step must be > 0');
        step = c.value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids !== undefined && kids.length > 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: { left: ListNode; right: ListNode; op: string }): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new EvalError(`${goV(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        const temp = [item];
        let lefts: Value[];
        try {
          lefts = this.walk(temp, node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalError('can only compare one element at a time');
        const rights = this.walk(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalError('can only compare one element at a time');
        const l = lefts[0];
        const r = rights[0];
        let pass: boolean;
        switch (node.op) {
          case '<':
            pass = goLess(l, r);
            break;
          case '>':
            pass = !(goLess(l, r) || goEqual(l, r));
            break;
          case '==':
            pass = goEqual(l, r);
            break;
          case '!=':
            pass = !goEqual(l, r);
            break;
          case '<=':
            pass = goLess(l, r) || goEqual(l, r);
            break;
          case '>=':
            pass = !goLess(l, r);
            break;
          default:
            throw new EvalError(`unrecognized filter operator ${node.op}`);
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }
}

/** fmt's %v of a float64 (strconv 'g', shortest: exponent form from 1e6 up or below 1e-4). */
function goFloatV(f: number): string {
  if (f === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 6) return goExp(f);
  return String(f);
}
function goExp(f: number): string {
  const [m, e] = f.toExponential().split('e') as [string, string];
  const sign = e.startsWith('-') ? '-' : '+';
  const digits = e.replace(/^[+-]/, '').padStart(2, '0');
  return `${m}e${sign}${digits}`;
}

/** evalToText: fmt.Fprint of a scalar (null prints "null"). */
function evalToText(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoFloat) return goFloatV(v.value);
  if (v instanceof GoByte) return String(v.value);
  return String(v);
}

/** Go's encoding/json of a value: sorted keys, compact unless `indent` is given. */
export function goJson(v: Value, indent?: string, prefix = ''): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (v instanceof GoFloat || v instanceof GoByte) return String(v.value);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = indent === undefined ? '' : prefix + indent;
  const nl = indent === undefined ? '' : '\n';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${nl}${v.map((x) => inner + goJson(x, indent, inner)).join(`,${nl}`)}${nl}${indent === undefined ? '' : prefix}]`;
  }
  const m = v as Record<string, Value>;
  const keys = Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return '{}';
  const sep = indent === undefined ? ':' : ': ';
  return `{${nl}${keys.map((k) => `${inner}${goString(k)}${sep}${goJson(m[k], indent, inner)}`).join(`,${nl}`)}${nl}${indent === undefined ? '' : prefix}}`;
}

/** fmt's %v: maps as map[k:v ...] (keys sorted), lists as [a b], nil as <nil>. */
export function goV(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof GoFloat) return goFloatV(v.value);
  if (v instanceof GoByte) return String(v.value);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isMap(v)) {
    return `map[${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${k}:${goV(v[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** strconv.Quote: how %q and %#v spell a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** fmt's %#v of an unstructured value, as kubectl's jsonpath error dump prints the object. */
export function goSharpV(v: Value): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (v instanceof GoFloat) return goFloatV(v.value);
  if (v instanceof GoByte) return `0x${v.value.toString(16)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  const m = v as Record<string, Value>;
  const keys = Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort();
  return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSharpV(m[k])}`).join(', ')}}`;
}
