/**
 * The filters people pipe kubectl into (`| grep`, `| head`, `| tail`, `| wc`, `| sort`,
 * `| base64 -d`, `| cat`), applied to the previous command's stdout. Anything else is
 * "command not found", as in a bare shell.
 */
import type { ShellResult } from '../api';
import { grep } from './grep';
import { base64, sort, wc } from './textFilters';

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (text.endsWith('\n')) l.pop();
  return l;
}
const join = (l: readonly string[]): string => l.map((x) => `${x}\n`).join('');

/** `-n N`, `-N`, `--lines=N`; `sign` is `head -n -N` (all but the last N) or `tail -n +N` (from line N). */
function countArg(args: readonly string[], name: string): { n: number; sign?: '+' | '-'; error?: string } {
  let n = 10;
  let sign: '+' | '-' | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let v: string | undefined;
    if (a === '-n') v = args[++i];
    else if (/^-n\d+$/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else return { n, error: `${name}: invalid option -- '${a.replace(/^-+/, '')}'` };
    if (v === undefined || !/^[+-]?\d+$/.test(v)) return { n, error: `${name}: invalid number of lines: '${v ?? ''}'` };
    sign = v.startsWith('+') || v.startsWith('-') ? (v[0] as '+' | '-') : undefined;
    n = Math.abs(Number(v));
  }
  return { n, ...(sign !== undefined ? { sign } : {}) };
}

function headTail(prog: 'head' | 'tail', l: readonly string[], c: { n: number; sign?: '+' | '-' }): readonly string[] {
  if (prog === 'head') return c.sign === '-' ? l.slice(0, Math.max(0, l.length - c.n)) : l.slice(0, c.n);
  return c.sign === '+' ? l.slice(Math.max(0, c.n - 1)) : l.slice(Math.max(0, l.length - c.n));
}

/** Runs one filter over `input`; undefined when the program is not one we have. */
export function runFilter(argv: readonly string[], input: string): ShellResult | undefined {
  const [prog, ...args] = argv;
  switch (prog) {
    case 'grep':
      return grep(args, input);
    case 'head':
    case 'tail': {
      const c = countArg(args, prog);
      if (c.error !== undefined) return { stdout: '', stderr: `${c.error}\n`, exitCode: 1 };
      const l = lines(input);
      return { stdout: join(headTail(prog, l, c)), stderr: '', exitCode: 0 };
    }
    case 'wc':
      return wc(args, input);
    case 'sort':
      return sort(args, input);
    case 'base64':
      return base64(args, input);
    case 'cat':
      if (args.length === 0) return { stdout: input, stderr: '', exitCode: 0 };
      return undefined;
    default:
      return undefined;
  }
}
