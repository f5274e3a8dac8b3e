/**
 * The few filters people pipe kubectl into (`| grep`, `| head`, `| tail`, `| wc -l`), applied
 * to the previous command's stdout. Anything else is "command not found", as in a bare shell.
 */
import type { ShellResult } from '../api';

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (text.endsWith('\n')) l.pop();
  return l;
}
const join = (l: readonly string[]): string => l.map((x) => `${x}\n`).join('');

function countArg(args: readonly string[], name: string): { n: number; error?: string } {
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let v: string | undefined;
    if (a === '-n') v = args[++i];
    else if (/^-n\d+$/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else return { n, error: `${name}: invalid option -- '${a.replace(/^-+/, '')}'` };
    if (v === undefined || !/^\d+$/.test(v)) return { n, error: `${name}: invalid number of lines: '${v ?? ''}'` };
    n = Number(v);
  }
  return { n };
}

function grep(args: readonly string[], input: string): ShellResult {
  let invert = false;
  let ignoreCase = false;
  let count = false;
  let pattern: string | undefined;
  for (const a of args) {
    if (pattern === undefined && /^-[ivcE]+$/.test(a)) {
      invert ||= a.includes('v');
      ignoreCase ||= a.includes('i');
      count ||= a.includes('c');
    } else if (pattern === undefined) pattern = a;
    else return { stdout: '', stderr: `grep: ${a}: No such file or directory\n`, exitCode: 2 };
  }
  if (pattern === undefined) return { stdout: '', stderr: 'Usage: grep [OPTION]... PATTERNS [FILE]...\n', exitCode: 2 };
  let re: RegExp;
  try {
    re = new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch {
    return { stdout: '', stderr: `grep: Invalid regular expression\n`, exitCode: 2 };
  }
  const hit = lines(input).filter((l) => re.test(l) !== invert);
  return { stdout: count ? `${hit.length}\n` : join(hit), stderr: '', exitCode: hit.length > 0 ? 0 : 1 };
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
      return { stdout: join(prog === 'head' ? l.slice(0, c.n) : l.slice(Math.max(0, l.length - c.n))), stderr: '', exitCode: 0 };
    }
    case 'wc':
      if (args.length === 1 && args[0] === '-l') return { stdout: `${lines(input).length}\n`, stderr: '', exitCode: 0 };
      return { stdout: '', stderr: 'wc: only `wc -l` is available here\n', exitCode: 1 };
    case 'cat':
      if (args.length === 0) return { stdout: input, stderr: '', exitCode: 0 };
      return undefined;
    default:
      return undefined;
  }
}
