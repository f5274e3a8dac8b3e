import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

const podNames = (sh: ReturnType<typeof shell>, app: string): string[] =>
  sh.cluster
    .list('Pod', NS)
    .filter((p) => p.metadata?.labels?.app === app && p.metadata.deletionTimestamp === undefined)
    .map((p) => p.metadata!.name!)
    .sort();

describe('kubectl rollout restart|pause|resume', () => {
  it('restart stamps restartedAt on the template and replaces every pod under a new revision', () => {
    const sh = shell(NS);
    const before = podNames(sh, 'web-frontend');
    expect(sh.run('kubectl rollout restart deployment/web-frontend')).toEqual({ stdout: 'deployment.apps/web-frontend restarted\n', stderr: '', exitCode: 0 });
    expect(sh.cluster.get('Deployment', NS, 'web-frontend')!.spec!.template.metadata!.annotations).toEqual({
      'kubectl.kubernetes.io/restartedAt': '2026-11-24T15:40:00Z',
    });
    sh.cluster.advanceBy(120_000);
    const after = podNames(sh, 'web-frontend');
    expect(after).toHaveLength(2);
    expect(after.some((n) => before.includes(n))).toBe(false);
    expect(sh.run('kubectl rollout history deploy/web-frontend').stdout).toContain('2         <none>');
    expect(sh.run('kubectl rollout restart deploy/web-frontend').stderr).toBe('');
    expect(sh.run('kubectl rollout restart deploy/web-frontend').stderr).toBe(
      'error: failed to create patch for web-frontend: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    );
  });

  it('a paused deployment does not roll out until resumed', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl rollout pause deploy/web-frontend').stdout).toBe('deployment.apps/web-frontend paused\n');
    sh.run('kubectl set image deploy/web-frontend web-frontend=registry.example/taskflow/web-frontend:1.8.3');
    sh.cluster.advanceBy(60_000);
    expect(sh.cluster.list('ReplicaSet', NS).filter((r) => r.metadata?.labels?.app === 'web-frontend')).toHaveLength(1);
    expect(sh.run('kubectl describe deploy web-frontend').stdout).toMatch(/Progressing\s+Unknown\s+DeploymentPaused/);
    expect(sh.run('kubectl rollout resume deploy/web-frontend').stdout).toBe('deployment.apps/web-frontend resumed\n');
    sh.cluster.advanceBy(1_000);
    expect(sh.cluster.list('ReplicaSet', NS).filter((r) => r.metadata?.labels?.app === 'web-frontend')).toHaveLength(2);
  });

  it("answers kubectl's errors", () => {
    const sh = shell(NS);
    sh.run('kubectl rollout pause deploy/worker');
    expect(sh.run('kubectl rollout pause deploy/worker')).toEqual({ stdout: '', stderr: 'error: deployments.apps "worker" is already paused\n', exitCode: 1 });
    expect(sh.run('kubectl rollout restart deploy/worker').stderr).toBe('error: deployments.apps "worker" can\'t restart paused deployment (run rollout resume first)\n');
    expect(sh.run('kubectl rollout resume deploy/web-frontend').stderr).toBe('error: deployments.apps "web-frontend" is not paused\n');
    expect(sh.run('kubectl rollout restart').stderr).toBe('error: required resource not specified\n');
    expect(sh.run('kubectl rollout restart deploy/nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(sh.run('kubectl rollout restart deploy -l app=none')).toEqual({ stdout: '', stderr: `No resources found in ${NS} namespace.\n`, exitCode: 0 });
    const pod = sh.cluster.list('Pod', NS)[0]!.metadata!.name!;
    expect(sh.run(`kubectl rollout pause pod/${pod}`).stderr).toBe(`error: pods "${pod}" pausing is not supported\n`);
  });
});
