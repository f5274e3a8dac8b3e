/**
 * `kubectl edit` in the terminal CLI: the file goes to $KUBE_EDITOR / $EDITOR (vi by default)
 * as kubectl does, and back to the pure command when the editor exits. Node only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditRequest, ShellResult } from './kubectl/api';

export const EDIT_NEEDS_EDITOR =
  'error: kubectl edit needs an interactive editor: run the CLI without --exec (it opens $EDITOR), or change the object with kubectl patch or kubectl apply -f\n';

/** Runs the editor until kubectl stops reopening it; returns what kubectl printed, in order. */
export function editInTerminal(first: EditRequest, write: (r: ShellResult) => void): number {
  const editor = process.env.KUBE_EDITOR ?? process.env.EDITOR ?? 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-edit-'));
  try {
    let request: EditRequest | undefined = first;
    let exitCode = 0;
    while (request !== undefined) {
      const file = join(dir, request.path.split('/').pop() ?? 'kubectl-edit.yaml');
      writeFileSync(file, request.text);
      // The editor command may carry arguments (`code --wait`), as kubectl allows.
      const run = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
      if (run.status !== 0) {
        write({ stdout: '', stderr: `error: there was a problem with the editor "${editor}"\n`, exitCode: 1 });
        return 1;
      }
      const r = request.submit(readFileSync(file, 'utf8'));
      write(r);
      exitCode = r.exitCode;
      request = r.edit;
    }
    return exitCode;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
