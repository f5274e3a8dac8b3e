/**
 * coreutils filters over piped input: `wc` (-l -w -c -m), `sort` (-r -n -u -k N[,M]) and
 * `base64` (encode, -d/--decode). Sorting compares bytes as in the C locale (LC_ALL=C).
 */
import type { ShellResult } from '../api';

const ok = (stdout: string): ShellResult => ({ stdout, stderr: '', exitCode: 0 });
const err = (stderr: string, exitCode = 1): ShellResult => ({ stdout: '', stderr, exitCode });

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (text.endsWith('\n')) l.pop();
  return l;
}

/** Short options, grouped or not, and long ones: which were given. Unknown: the offending one. */
function shortOptions(prog: string, args: readonly string[], known: string, long: Record<string, string>): { set: Set<string>; rest: string[]; error?: string } {
  const set = new Set<string>();
  const rest: string[] = [];
  for (const a of args) {
    if (a.startsWith('--')) {
      const f = long[a];
      if (f === undefined) return { set, rest, error: `${prog}: unrecognized option '${a}'\nTry '${prog} --help' for more information.\n` };
      set.add(f);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (!known.includes(f)) return { set, rest, error: `${prog}: invalid option -- '${f}'\nTry '${prog} --help' for more information.\n` };
        set.add(f);
      }
    } else rest.push(a);
  }
  return { set, rest };
}

export function wc(args: readonly string[], input: string): ShellResult {
  const o = shortOptions('wc', args, 'lwcm', { '--lines': 'l', '--words': 'w', '--bytes': 'c', '--chars': 'm' });
  if (o.error !== undefined) return err(o.error);
  if (o.rest.length > 0) return err(o.rest.map((f) => `wc: ${f}: No such file or directory\n`).join(''));
  const want = o.set.size === 0 ? ['l', 'w', 'c'] : ['l', 'w', 'm', 'c'].filter((f) => o.set.has(f));
  const counts: Record<string, number> = {
    l: (input.match(/\n/g) ?? []).length,
    w: input.split(/\s+/).filter((x) => x !== '').length,
    m: [...input].length,
    c: new TextEncoder().encode(input).length,
  };
  const values = want.map((f) => counts[f]!);
  // From a pipe, one count prints bare; several are right-aligned in 7 columns.
  return ok(`${values.length === 1 ? String(values[0]) : values.map((v) => String(v).padStart(7)).join(' ')}\n`);
}

interface SortKey {
  from: number;
  to?: number;
}

/** The part of `line` for key fields from..to (1-based, blank-separated, leading blanks kept). */
function keyOf(line: string, key: SortKey | undefined): string {
  if (key === undefined) return line;
  const starts: number[] = [];
  const ends: number[] = [];
  const re = /[ \t]*[^ \t]+/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const from = starts[key.from - 1];
  if (from === undefined) return '';
  const end = key.to === undefined ? line.length : (ends[key.to - 1] ?? line.length);
  return line.slice(from, end);
}

function numericPrefix(s: string): number {
  const m = /^\s*(-?\d*\.?\d+)/.exec(s);
  return m === null ? 0 : Number(m[1]);
}

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sort(args: readonly string[], input: string): ShellResult {
  let key: SortKey | undefined;
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-k' || a === '--key' || a.startsWith('--key=') || /^-k.+/.test(a)) {
      const v = a === '-k' || a === '--key' ? args[++i] : a.startsWith('--key=') ? a.slice(6) : a.slice(2);
      const m = v === undefined ? null : /^(\d+)(?:,(\d+))?$/.exec(v);
      if (m === null || Number(m[1]) === 0) return err(`sort: invalid number at field start: invalid count at start of '${v ?? ''}'\n`, 2);
      key = { from: Number(m[1]), ...(m[2] !== undefined ? { to: Number(m[2]) } : {}) };
    } else flags.push(a);
  }
  const o = shortOptions('sort', flags, 'rnu', { '--reverse': 'r', '--numeric-sort': 'n', '--unique': 'u' });
  if (o.error !== undefined) return err(o.error, 2);
  if (o.rest.length > 0) return err(`sort: cannot read: ${o.rest[0]}: No such file or directory\n`, 2);
  const numeric = o.set.has('n');
  const compareKeys = (a: string, b: string): number => {
    const ka = keyOf(a, key);
    const kb = keyOf(b, key);
    return numeric ? numericPrefix(ka) - numericPrefix(kb) : byteCompare(ka, kb);
  };
  const sign = o.set.has('r') ? -1 : 1;
  // GNU sort breaks ties by comparing whole lines (the "last resort"), reversed with -r too.
  let sorted = lines(input).sort((a, b) => sign * (compareKeys(a, b) || byteCompare(a, b)));
  if (o.set.has('u')) sorted = sorted.filter((l, i) => i === 0 || compareKeys(sorted[i - 1]!, l) !== 0);
  return ok(sorted.map((l) => `${l}\n`).join(''));
}

export function base64(args: readonly string[], input: string): ShellResult {
  const o = shortOptions('base64', args, 'd', { '--decode': 'd' });
  if (o.error !== undefined) return err(o.error);
  if (o.rest.length > 0) return err(`base64: ${o.rest[0]}: No such file or directory\n`);
  if (o.set.has('d')) {
    const clean = input.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return err('base64: invalid input\n');
    let binary: string;
    try {
      binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
    } catch {
      return err('base64: invalid input\n');
    }
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return ok(new TextDecoder().decode(bytes));
  }
  const bytes = new TextEncoder().encode(input);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  const encoded = btoa(binary);
  // GNU wraps encoded output at 76 columns.
  return ok(encoded === '' ? '' : `${encoded.match(/.{1,76}/g)!.join('\n')}\n`);
}
