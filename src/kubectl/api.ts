/**
 * The contract of the command line: one typed line in, what a real terminal would show out.
 * Pure: no DOM, no xterm, no wall clock (time comes from the cluster's sim clock).
 */
import type { ClusterControl } from '../cluster/api';

export interface ShellContext {
  cluster: ClusterControl;
  /** The kubeconfig context's namespace (`kubectl config set-context --current --namespace`). */
  namespace: string;
  /** Lines typed so far, oldest first (for `history`). */
  history: readonly string[];
  /** Terminal width in columns, where output depends on it (`watch`'s header). Default 80. */
  columns?: number;
  /** Files in the working directory (the scenario's, path -> text): `ls`, `cat`, `apply -f`. */
  files?: Readonly<Record<string, string>>;
}

export interface ShellResult {
  /** Text for standard output, exactly as kubectl prints it (newlines are "\n"). */
  stdout: string;
  /** Text for standard error (kubectl's error lines). The terminal shows it after stdout. */
  stderr: string;
  /** stderr was written first (a warning ahead of the result): the terminal shows it first. */
  stderrFirst?: boolean;
  exitCode: number;
  /** `clear` or Ctrl-L: the terminal should clear the screen. */
  clear?: boolean;
  /** The context namespace after the command, when it changed. */
  namespace?: string;
  /**
   * A command that keeps running until Ctrl-C (`kubectl get -w`, `kubectl logs -f`, `watch`):
   * stdout/stderr above are what it printed at once; the follower yields the rest as sim time
   * passes. The terminal shows no prompt while it runs.
   */
  follow?: Follower;
  /** `watch`: the first full-screen frame (alternate screen, redrawn on each refresh). */
  screen?: string;
  /**
   * `kubectl edit`: the command waits for an editor. The UI shows `edit.text` in an editor and
   * hands back what the learner saved (or that they quit); until then no prompt is shown.
   */
  edit?: EditRequest;
}

/**
 * An editor session `kubectl edit` is waiting on: the temporary file kubectl would open in
 * $EDITOR. Pure: the caller decides how the text gets edited (an in-page editor, $EDITOR).
 */
export interface EditRequest {
  /** The file as kubectl writes it: its comment header (with the reasons for a reopen), then YAML. */
  text: string;
  /** The temporary file's name, as kubectl names it in its messages. */
  path: string;
  /**
   * The editor closed with `edited` saved (undefined: closed without saving, the file as it
   * was). Returns what kubectl prints then; with `edit` set again when kubectl reopens the
   * editor (the change was invalid or did not parse).
   */
  submit(edited: string | undefined): ShellResult;
  /**
   * The same as submit, and also whether the edit changed the object in the cluster (false when
   * cancelled, unchanged, skipped, refused, or reopened): callers that count changes test this,
   * not kubectl's wording.
   */
  close(edited: string | undefined): EditClosed;
}

/** What closing the editor did: kubectl's output, and whether the cluster object was changed. */
export interface EditClosed {
  result: ShellResult;
  applied: boolean;
}

/** What a following command printed since the last poll. */
export interface FollowUpdate {
  stdout: string;
  stderr: string;
  /** `watch`: a new full-screen frame replacing the previous one. */
  screen?: string;
  /** The command ended by itself (the followed container exited): the prompt comes back. */
  done?: boolean;
  exitCode?: number;
}

/**
 * A running command that prints as the world changes. Pure and deterministic: it only looks at
 * the cluster when polled, and it asks to be polled at fixed sim times (`nextAt`), which callers
 * step the clock through on their way forward (see follow.ts). So the same inputs at the same sim
 * times print the same bytes however often the UI ticks.
 */
export interface Follower {
  /** The sim time of the next poll (strictly after the last poll). */
  nextAt(): number;
  /** What arrived up to the cluster's now. */
  poll(): FollowUpdate;
  /** Ctrl-C: stop; nothing more is printed. */
  stop(): void;
}

/** Runs one line. Never throws: every failure becomes kubectl's or the shell's own message. */
export type RunLine = (line: string, ctx: ShellContext) => ShellResult;
