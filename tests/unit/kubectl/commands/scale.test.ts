import { describe, expect, it } from 'vitest';
import { NS, shell } from './helpers';

describe('kubectl scale', () => {
  it('scales a deployment and the new pods come up', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl scale deployment web-frontend --replicas=4')).toEqual({ stdout: 'deployment.apps/web-frontend scaled\n', stderr: '', exitCode: 0 });
    sh.cluster.advanceBy(30_000);
    expect(sh.run('kubectl get deploy web-frontend').stdout).toMatch(/web-frontend\s+4\/4\s+4\s+4/);
    expect(sh.run('kubectl scale deploy/web-frontend --replicas=1').stdout).toBe('deployment.apps/web-frontend scaled\n');
    sh.cluster.advanceBy(40_000);
    expect(sh.run('kubectl get pods -l app=web-frontend --no-headers').stdout.trim().split('\n')).toHaveLength(1);
  });

  it('scaling to 0 stops every pod; scaling does not add a rollout revision', () => {
    const sh = shell(NS);
    sh.run('kubectl scale deploy worker --replicas=0');
    sh.cluster.advanceBy(40_000);
    expect(sh.run('kubectl get pods -l app=worker').stderr).toBe(`No resources found in ${NS} namespace.\n`);
    expect(sh.run('kubectl rollout history deploy/worker').stdout).toBe('deployment.apps/worker \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
  });

  it('--current-replicas is a precondition', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl scale deploy web-frontend --replicas=3 --current-replicas=5')).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 5, was 2\n', exitCode: 1 });
    expect(sh.run('kubectl scale deploy web-frontend --replicas=3 --current-replicas=2').stdout).toBe('deployment.apps/web-frontend scaled\n');
  });

  it('--dry-run=client changes nothing', () => {
    const sh = shell(NS);
    expect(sh.run('kubectl scale deploy web-frontend --replicas=9 --dry-run=client').stdout).toBe('deployment.apps/web-frontend scaled (dry run)\n');
    expect(sh.cluster.get('Deployment', NS, 'web-frontend')?.spec?.replicas).toBe(2);
  });

  it("answers kubectl's errors", () => {
    const sh = shell(NS);
    expect(sh.run('kubectl scale deploy web-frontend').stderr).toBe('E1124 15:40:00.000000    4127 run.go:72] "command failed" err="required flag(s) \\"replicas\\" not set"\n');
    expect(sh.run('kubectl scale deploy web-frontend --replicas=-1').stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(sh.run('kubectl scale deploy web-frontend --replicas=1 --current-replicas=-2').stderr).toBe('error: The --current-replicas must specify an integer of -1 or greater\n');
    expect(sh.run('kubectl scale deploy nope --replicas=1').stderr).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
    expect(sh.run('kubectl scale deploy --replicas=1').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('updates an existing change-cause with the command line', () => {
    const sh = shell(NS);
    const d = structuredClone(sh.cluster.get('Deployment', NS, 'web-frontend')!) as { metadata: { annotations?: Record<string, string> } };
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'kubernetes.io/change-cause': 'initial' };
    sh.cluster.replace('Deployment', d as never);
    sh.run(`kubectl scale deploy web-frontend --replicas=3 -n ${NS}`);
    expect(sh.cluster.get('Deployment', NS, 'web-frontend')?.metadata?.annotations?.['kubernetes.io/change-cause']).toBe(
      `kubectl scale deploy web-frontend --replicas=3 --namespace=${NS}`,
    );
  });
});
