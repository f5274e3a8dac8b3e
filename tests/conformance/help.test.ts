/**
 * `kubectl COMMAND --help` for every command the simulator has: each of our help texts is real
 * kubectl 1.32's, or an excerpt of it (the flags Firedrill simulates), word for word and in
 * kubectl's order. The root help's one note about what Firedrill simulates is the exception.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/cluster/index';
import { runLine } from '../../src/kubectl/index';
import { kubectlCommandPaths } from '../../src/kubectl/kubectl';
import { ARRIVAL, taskflowSpec } from '../unit/cluster/fixtures';
import { KUBECTL, kubectlAvailable } from './kubectl';

const FIREDRILL_NOTE = '(Firedrill simulates the commands above; a real kubectl has many more.)\n\n';

function realHelp(path: string): Promise<string> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', LANG: 'C' };
  return new Promise((resolve) => {
    execFile(KUBECTL, [...path.split(' ').filter(Boolean), '--help'], { env }, (_err, stdout) => resolve(stdout));
  });
}

/** Our lines that are not found, in order, among kubectl's (a greedy subsequence match). */
function notInOrder(ours: string, real: string): string[] {
  const rl = real.split('\n');
  let j = 0;
  const missing: string[] = [];
  for (const line of ours.split('\n')) {
    const k = rl.indexOf(line, j);
    if (k < 0) missing.push(line);
    else j = k + 1;
  }
  return missing;
}

describe.skipIf(!kubectlAvailable)('help texts are kubectl 1.32\'s', () => {
  it('every --help line is kubectl\'s own, in kubectl\'s order', async () => {
    const cluster = createCluster(taskflowSpec(), ARRIVAL);
    const paths = ['', ...kubectlCommandPaths()];
    const reals: string[] = [];
    for (let i = 0; i < paths.length; i += 2) reals.push(...(await Promise.all(paths.slice(i, i + 2).map(realHelp))));
    let identical = 0;
    paths.forEach((p, i) => {
      const ours = runLine(`kubectl ${p} --help`, { cluster, namespace: 'default', history: [] });
      expect(ours.exitCode).toBe(0);
      const text = ours.stdout.replace(FIREDRILL_NOTE, '');
      if (text === reals[i]) identical++;
      expect({ cmd: `kubectl ${p} --help`, missing: notInOrder(text, reals[i]!) }).toEqual({ cmd: `kubectl ${p} --help`, missing: [] });
    });
    // explain, logs and config current-context/use-context are kubectl's text in full.
    expect(identical).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
