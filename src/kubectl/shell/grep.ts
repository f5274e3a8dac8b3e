/**
 * GNU grep over piped input: -i -v -c -n -w -o -E -F -e PATTERN, options anywhere (GNU getopt
 * permutes them), grouped short options. Basic regular expressions by default: `+ ? | ( ) { }` are
 * literal unless escaped, as in GNU's BRE; `-E` gives extended ones. Exit 0 when something was
 * selected, 1 when nothing, 2 on errors.
 */
import type { ShellResult } from '../api';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
const LONG: Record<string, string> = {
  '--ignore-case': 'i',
  '--invert-match': 'v',
  '--count': 'c',
  '--line-number': 'n',
  '--word-regexp': 'w',
  '--only-matching': 'o',
  '--extended-regexp': 'E',
  '--fixed-strings': 'F',
  '--basic-regexp': 'G',
};

function inputLines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (text.endsWith('\n')) l.pop();
  return l;
}

/**
 * GNU BRE to a JavaScript source: swap the meaning of escaped and bare `+ ? | ( ) { }`; a `*`
 * with nothing before it to repeat is a literal star, as in GNU.
 */
export function basicToJs(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += '+?|(){}'.includes(next) ? next : `\\${next}`;
    } else if ('+?|(){}'.includes(ch)) {
      out += `\\${ch}`;
    } else if (ch === '*' && (out === '' || out.endsWith('(') || out.endsWith('|'))) {
      out += '\\*';
    } else {
      out += ch;
    }
  }
  return out;
}

/** GNU ERE takes a `)` with no `(` literally; JavaScript refuses it. */
function literalStrayParens(source: string): string {
  let depth = 0;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += ch + (source[++i] ?? '');
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') {
      if (depth === 0) {
        out += '\\)';
        continue;
      }
      depth--;
    }
    out += ch;
  }
  return out;
}

/** Unescaped `(` without a matching `)` in a JavaScript source. */
function unmatchedOpen(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '(') depth++;
    else if (source[i] === ')') depth--;
  }
  return depth > 0;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function grep(args: readonly string[], input: string): ShellResult {
  const opts = new Set<string>();
  const patterns: string[] = [];
  const files: string[] = [];
  let onlyArgs = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (onlyArgs || a === '-' || !a.startsWith('-')) {
      files.push(a);
      continue;
    }
    if (a === '--') {
      onlyArgs = true;
      continue;
    }
    if (a.startsWith('--')) {
      if (a.startsWith('--regexp=')) patterns.push(a.slice('--regexp='.length));
      else if (a === '--regexp') {
        const v = args[++i];
        if (v === undefined) return { stdout: '', stderr: `grep: option '--regexp' requires an argument\n${USAGE}`, exitCode: 2 };
        patterns.push(v);
      } else if (LONG[a] !== undefined) opts.add(LONG[a]);
      else return { stdout: '', stderr: `grep: unrecognized option '${a}'\n${USAGE}`, exitCode: 2 };
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (f === 'e') {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return { stdout: '', stderr: `grep: option requires an argument -- 'e'\n${USAGE}`, exitCode: 2 };
        patterns.push(v);
        break;
      }
      if (!'ivcnwoEFG'.includes(f)) return { stdout: '', stderr: `grep: invalid option -- '${f}'\n${USAGE}`, exitCode: 2 };
      opts.add(f);
    }
  }
  if (patterns.length === 0) {
    const p = files.shift();
    if (p === undefined) return { stdout: '', stderr: USAGE, exitCode: 2 };
    patterns.push(p);
  }
  if (files.length > 0) {
    // There are no files here; `-` (stdin) is the pipe.
    const missing = files.filter((f) => f !== '-');
    if (missing.length > 0) return { stdout: '', stderr: missing.map((f) => `grep: ${f}: No such file or directory\n`).join(''), exitCode: 2 };
  }
  // A pattern with newlines is several patterns, as in GNU grep.
  const all = patterns.flatMap((p) => p.split('\n'));
  const sources = all.map((p) => (opts.has('F') ? escapeRegExp(p) : opts.has('E') ? literalStrayParens(p) : basicToJs(p)));
  if (sources.some(unmatchedOpen)) return { stdout: '', stderr: 'grep: Unmatched ( or \\(\n', exitCode: 2 };
  // Word characters as GNU grep counts them in the C locale; no `u` flag, so a stray `{` or `]`
  // stays literal as it does in GNU's regular expressions.
  const source = sources.map((p) => (opts.has('w') ? `(?<![A-Za-z0-9_])(?:${p})(?![A-Za-z0-9_])` : `(?:${p})`)).join('|');
  let re: RegExp;
  try {
    re = new RegExp(source, `g${opts.has('i') ? 'i' : ''}`);
  } catch {
    return { stdout: '', stderr: 'grep: Invalid regular expression\n', exitCode: 2 };
  }
  const invert = opts.has('v');
  let out = '';
  let count = 0;
  inputLines(input).forEach((line, i) => {
    re.lastIndex = 0;
    const hit = re.test(line);
    if (hit === invert) return;
    count++;
    const prefix = opts.has('n') ? `${i + 1}:` : '';
    if (opts.has('c')) return;
    if (opts.has('o')) {
      if (invert) return;
      re.lastIndex = 0;
      for (const m of line.matchAll(re)) if (m[0] !== '') out += `${prefix}${m[0]}\n`;
      return;
    }
    out += `${prefix}${line}\n`;
  });
  return { stdout: opts.has('c') ? `${count}\n` : out, stderr: '', exitCode: count > 0 ? 0 : 1 };
}
