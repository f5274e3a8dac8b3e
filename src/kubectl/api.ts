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
}

export interface ShellResult {
  /** Text for standard output, exactly as kubectl prints it (newlines are "\n"). */
  stdout: string;
  /** Text for standard error (kubectl's error lines). The terminal shows it after stdout. */
  stderr: string;
  exitCode: number;
  /** `clear` or Ctrl-L: the terminal should clear the screen. */
  clear?: boolean;
  /** The context namespace after the command, when it changed. */
  namespace?: string;
}

/** Runs one line. Never throws: every failure becomes kubectl's or the shell's own message. */
export type RunLine = (line: string, ctx: ShellContext) => ShellResult;
