/**
 * A scripted scale in a world's history (a maintenance script running `kubectl scale`): the
 * deployment's replicas change without a new revision, the deployment controller scales its
 * ReplicaSet, and a Service over those pods loses (or regains) its endpoints.
 */
import { describe, expect, it } from 'vitest';
import type { WorldSpec } from '../../../src/cluster/index';
import { createCluster } from '../../../src/cluster/index';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';

const DB = 'example/db:1.0';

function world(scaleAt: number): WorldSpec {
  return {
    seed: 13,
    contextNamespace: NS,
    nodes: [{ name: 'worker-1', internalIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }],
    namespaces: [NS],
    services: [{ name: 'db', namespace: NS, selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] }],
    history: [
      {
        at: -3600,
        action: 'createDeployment',
        changeCause: 'db 1.0',
        deployment: {
          name: 'db',
          namespace: NS,
          replicas: 1,
          labels: { app: 'db' },
          selector: { app: 'db' },
          strategy: { type: 'Recreate' },
          template: { labels: { app: 'db' }, containers: [{ name: 'db', image: DB, ports: [{ containerPort: 5432 }] }] },
        },
      },
      { at: scaleAt, action: 'scaleDeployment', namespace: NS, name: 'db', replicas: 0 },
    ],
    images: [{ image: DB, outcomes: [{ logs: [{ after: 0.5, text: '{{time}} db ready' }], readyAfter: 2 }] }],
  };
}

describe('scaleDeployment in history', () => {
  it('scales the ReplicaSet down as kubectl scale would: no new revision, a ScalingReplicaSet event, no endpoints', () => {
    const c = createCluster(world(-600), ARRIVAL);
    const run = (line: string) => runLine(line, { cluster: c, namespace: NS, history: [] });
    expect(run('kubectl get deployment db --no-headers').stdout).toMatch(/^db\s+0\/0\s+0\s+0\s+60m$/m);
    expect(run('kubectl get rs --no-headers').stdout).toMatch(/^db-\S+\s+0\s+0\s+0\s+60m$/m);
    expect(run('kubectl get pods').stderr).toBe(`No resources found in ${NS} namespace.\n`);
    expect(run('kubectl rollout history deployment/db').stdout).toMatch(/^1\s+db 1\.0\n\n$/m);
    const describe = run('kubectl describe deployment db').stdout;
    expect(describe).toMatch(/^Replicas:\s+0 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
    expect(describe).toMatch(/Normal\s+ScalingReplicaSet\s+10m\s+deployment-controller\s+Scaled down replica set db-\S+ from 1 to 0$/m);
    expect(run('kubectl describe service db').stdout).toMatch(/^Endpoints:\s*$/m);
  });

  it('a later kubectl scale brings the pod and the endpoints back', () => {
    const c = createCluster(world(-600), ARRIVAL);
    const run = (line: string) => runLine(line, { cluster: c, namespace: NS, history: [] });
    expect(run('kubectl scale deployment/db --replicas=1').stdout).toBe('deployment.apps/db scaled\n');
    c.advanceBy(10_000);
    expect(run('kubectl get pods --no-headers').stdout).toMatch(/^db-\S+\s+1\/1\s+Running\s+0\s+10s$/m);
    expect(run('kubectl describe service db').stdout).toMatch(/^Endpoints:\s+10\.244\.1\.\d+:5432$/m);
  });
});
