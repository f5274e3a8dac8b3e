/**
 * The command line: one typed line in, what a terminal would show out. Lines are untrusted:
 * this never throws, never loops on input, and caps what it prints.
 */
import type { RunLine, ShellContext, ShellResult } from './api';
import { runKubectl } from './kubectl';
import { bashQuoteWord } from './shell/bashQuote';
import { runBuiltin } from './shell/builtins';
import { runFilter } from './shell/pipeline';
import { tokenize } from './shell/tokenize';
import { pipeFollower } from './shell/streamPipeline';
import { runWatch } from './shell/watch';

export type { RunLine, ShellContext, ShellResult } from './api';
export { loadExplainSchema } from './explain/schema';

/** Longer lines are refused rather than parsed (nobody types this much; a paste gone wrong). */
const MAX_LINE = 8192;
/** Output past this is cut: a terminal cannot usefully show more, and it keeps the page alive. */
export const MAX_OUTPUT = 512 * 1024;

function cap(r: ShellResult): ShellResult {
  if (r.stdout.length <= MAX_OUTPUT && r.stderr.length <= MAX_OUTPUT) return r;
  return {
    ...r,
    stdout: r.stdout.slice(0, MAX_OUTPUT),
    stderr: `${r.stderr.slice(0, MAX_OUTPUT)}[output truncated by Firedrill]\n`,
  };
}

function runCommand(argv: readonly string[], ctx: ShellContext): ShellResult {
  const [prog, ...rest] = argv;
  if (prog === 'kubectl' || prog === 'k') return runKubectl(rest, ctx);
  if (prog === 'watch') return runWatch(rest, ctx, run);
  const builtin = runBuiltin(argv, ctx);
  if (builtin !== undefined) return builtin;
  return { stdout: '', stderr: `bash: ${bashQuoteWord(prog ?? '')}: command not found\n`, exitCode: 127 };
}

function run(line: string, ctx: ShellContext): ShellResult {
  if (line.length > MAX_LINE) return { stdout: '', stderr: 'bash: line too long\n', exitCode: 1 };
  const t = tokenize(line);
  if (t.error !== undefined) return { stdout: '', stderr: `${t.error}\n`, exitCode: 2 };
  if (t.commands.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
  let result = runCommand(t.commands[0]!, ctx);
  let stderr = result.stderr;
  const filters = t.commands.slice(1);
  if (result.follow !== undefined && filters.length > 0) {
    const unknown = filters.find((f) => runFilter(f, '') === undefined);
    if (unknown !== undefined) {
      result.follow.stop();
      return { stdout: '', stderr: `${stderr}bash: ${bashQuoteWord(unknown[0] ?? '')}: command not found\n`, exitCode: 127 };
    }
    const piped = pipeFollower(result.stdout, result.follow, filters);
    return { stdout: piped.stdout, stderr, exitCode: 0, ...(piped.done ? {} : { follow: piped.follow }) };
  }
  for (const filter of filters) {
    const next = runFilter(filter, result.stdout) ?? { stdout: '', stderr: `bash: ${bashQuoteWord(filter[0] ?? '')}: command not found\n`, exitCode: 127 };
    stderr += next.stderr;
    // `clear | grep x` does not clear; the namespace change of `kubectl config ... | cat` stands.
    result = { ...next, namespace: result.namespace };
  }
  return { ...result, stderr };
}

export const runLine: RunLine = (line, ctx) => {
  try {
    return cap(run(line, ctx));
  } catch (e) {
    // A bug of ours must not take the terminal down; say so plainly instead.
    const msg = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `firedrill: internal error: ${msg}\n`, exitCode: 1 };
  }
};
