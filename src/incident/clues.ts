/**
 * Clue detection: the game learns what the learner knows only from what their commands printed.
 * A clue is revealed when a typed line matches one of its rules and the output has a matching line;
 * those output lines become the evidence a fact on the board can cite.
 */
import type { ShellResult } from '../kubectl/api';
import type { ClueSpec } from './schema';

/** `k get po` reads as `kubectl get po`; extra spaces do not matter. */
export function normaliseCommand(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/^k(?= )/, 'kubectl');
}

const MAX_EVIDENCE_LINES = 4;

/** The output lines that show the clue, or undefined when this command did not reveal it. */
export function matchClue(clue: ClueSpec, line: string, result: ShellResult): string | undefined {
  const command = normaliseCommand(line);
  const lines = `${result.stdout}\n${result.stderr}`.split('\n');
  for (const rule of clue.reveal) {
    if (rule.command !== undefined && !new RegExp(rule.command).test(command)) continue;
    const output = new RegExp(rule.output);
    const hits = lines.filter((l) => output.test(l)).map((l) => l.trimEnd());
    if (hits.length > 0) {
      const shown = hits.slice(0, MAX_EVIDENCE_LINES);
      if (hits.length > shown.length) shown.push(`… (${hits.length - shown.length} more)`);
      return shown.join('\n');
    }
  }
  return undefined;
}
