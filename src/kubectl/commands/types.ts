/** What every kubectl subcommand gets and gives. */
import type { ShellContext, ShellResult } from '../api';
import type { FlagSpec, ParsedFlags } from '../flags';

export interface CommandEnv {
  ctx: ShellContext;
  /** `-n` when given, else the context's namespace. */
  namespace: string;
  flags: ParsedFlags;
  /** Positional arguments after the command words. */
  args: string[];
}

export interface Command {
  /** The words that name it: `get`, `rollout undo`. */
  path: string;
  flags: readonly FlagSpec[];
  /** Flags kubectl has that Firedrill does not simulate: refused with an honest message. */
  unsupported?: readonly FlagSpec[];
  help: string;
  run(env: CommandEnv): ShellResult;
}

/** Collects output the way kubectl writes it: stdout and stderr streams plus an exit code. */
export class Output {
  stdout = '';
  stderr = '';
  exitCode = 0;
  out(text: string): this {
    this.stdout += text;
    return this;
  }
  err(text: string): this {
    this.stderr += text;
    return this;
  }
  fail(text: string, code = 1): this {
    this.stderr += text.endsWith('\n') ? text : `${text}\n`;
    this.exitCode = code;
    return this;
  }
  /** A warning kubectl prints to stderr as it goes, ahead of the output that follows it. */
  warn(text: string): this {
    if (this.stdout === '') this.warnedFirst = true;
    this.stderr += text;
    return this;
  }
  private warnedFirst = false;
  result(): ShellResult {
    const r: ShellResult = { stdout: this.stdout, stderr: this.stderr, exitCode: this.exitCode };
    if (this.warnedFirst && this.stdout !== '' && this.stderr !== '') r.stderrFirst = true;
    return r;
  }
}
