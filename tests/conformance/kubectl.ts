/** Running the real kubectl against a stub server, with a throw-away HOME and kubeconfig. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
export const kubectlAvailable = existsSync(KUBECTL);

export interface KubectlRun {
  stdout: string;
  stderr: string;
  code: number;
  /** Wall-clock bounds of the run: kubectl measured every age against a moment in between. */
  startedAt: number;
  endedAt: number;
}

export interface KubectlEnv {
  run(args: string[]): Promise<KubectlRun>;
}

export function kubectlFor(serverUrl: string, namespace: string): KubectlEnv {
  const home = mkdtempSync(join(tmpdir(), 'firedrill-kubectl-'));
  const kubeconfig = join(home, 'config');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: sim',
      '  cluster:',
      `    server: ${serverUrl}`,
      'contexts:',
      '- name: sim',
      '  context:',
      '    cluster: sim',
      '    user: sim',
      `    namespace: ${namespace}`,
      'current-context: sim',
      'users:',
      '- name: sim',
      '  user: {}',
      '',
    ].join('\n'),
  );
  // describe prints absolute times in the local zone: pin it to UTC as the game does.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig, TZ: 'UTC', LANG: 'C' };
  return {
    run: (args) =>
      new Promise((resolve) => {
        const startedAt = Date.now();
        execFile(KUBECTL, args, { env, timeout: 20_000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ stdout, stderr, code, startedAt, endedAt: Date.now() });
        });
      }),
  };
}
