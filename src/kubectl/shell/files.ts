/**
 * The learner's working directory: the files a scenario provides (WorldSpec.files, path -> text),
 * read-only. `ls`, `cat FILE` and `kubectl apply -f FILE` see them.
 */
import type { ShellResult } from '../api';

export type Files = Readonly<Record<string, string>>;

export type PathLookup = { kind: 'file'; text: string } | { kind: 'dir'; entries: string[] } | { kind: 'missing' };

/** `./a//b/` -> `a/b`; `.` and `` -> `` (the working directory). Undefined for paths outside it. */
export function normalizePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(p);
  }
  if (path.startsWith('/')) return undefined;
  return parts.join('/');
}

export function lookupPath(files: Files | undefined, path: string): PathLookup {
  const norm = normalizePath(path);
  if (norm === undefined) return { kind: 'missing' };
  if (files === undefined) return norm === '' ? { kind: 'dir', entries: [] } : { kind: 'missing' };
  const text = files[norm];
  if (text !== undefined) return { kind: 'file', text };
  const prefix = norm === '' ? '' : `${norm}/`;
  const entries = new Set<string>();
  for (const p of Object.keys(files)) {
    if (!p.startsWith(prefix)) continue;
    entries.add(p.slice(prefix.length).split('/')[0]!);
  }
  if (entries.size === 0 && norm !== '') return { kind: 'missing' };
  return { kind: 'dir', entries: [...entries].sort() };
}

/** `ls [-1] [-a] [PATH...]`: names on one line, two spaces apart, as ls prints a short listing. */
export function ls(args: readonly string[], files: Files | undefined): ShellResult {
  let all = false;
  let onePerLine = false;
  const paths: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (ch === 'a') all = true;
        else if (ch === '1') onePerLine = true;
        else if (ch !== 'l' && ch !== 'h') return { stdout: '', stderr: `ls: invalid option -- '${ch}'\nTry 'ls --help' for more information.\n`, exitCode: 2 };
      }
    } else paths.push(a);
  }
  if (paths.length === 0) paths.push('.');
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const sep = onePerLine ? '\n' : '  ';
  const fileArgs: string[] = [];
  const dirArgs: [string, string[]][] = [];
  for (const p of paths) {
    const found = lookupPath(files, p);
    if (found.kind === 'missing') {
      stderr += `ls: cannot access '${p}': No such file or directory\n`;
      exitCode = 2;
    } else if (found.kind === 'file') fileArgs.push(p);
    else dirArgs.push([p, all ? ['.', '..', ...found.entries] : found.entries]);
  }
  if (fileArgs.length > 0) stdout += `${fileArgs.sort().join(sep)}\n`;
  for (const [p, entries] of dirArgs) {
    if (paths.length > 1) stdout += `${stdout === '' ? '' : '\n'}${p}:\n`;
    if (entries.length > 0) stdout += `${entries.join(sep)}\n`;
  }
  return { stdout, stderr, exitCode };
}

/** `cat FILE...`. */
export function cat(args: readonly string[], files: Files | undefined): ShellResult {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const p of args) {
    const found = lookupPath(files, p);
    if (found.kind === 'file') stdout += found.text;
    else {
      stderr += found.kind === 'dir' ? `cat: ${p}: Is a directory\n` : `cat: ${p}: No such file or directory\n`;
      exitCode = 1;
    }
  }
  return { stdout, stderr, exitCode };
}
