import { describe, expect, it } from 'vitest';
import type { DeploymentSpec, WorldSpec } from '../../../src/cluster/index';
import { createCluster } from '../../../src/cluster/index';
import { isPodReady } from '../../../src/cluster/objects/podStatus';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';
import { podsOf } from './helpers';

const V1 = 'example/shop:1.0';
const V2 = 'example/shop:2.0';

function shop(strategy: DeploymentSpec['strategy'], replicas: number): WorldSpec {
  const healthy = (image: string) => ({ image, outcomes: [{ logs: [], readyAfter: 3 }] });
  return {
    seed: 9,
    contextNamespace: NS,
    nodes: ['worker-1', 'worker-2', 'worker-3'].map((name, i) => ({ name, internalIP: `10.0.0.${11 + i}`, podCIDR: `10.244.${i + 1}.0/24` })),
    namespaces: [NS],
    history: [
      {
        at: -600,
        action: 'createDeployment',
        deployment: { name: 'shop', namespace: NS, replicas, labels: { app: 'shop' }, selector: { app: 'shop' }, strategy, template: { labels: { app: 'shop' }, containers: [{ name: 'shop', image: V1 }] } },
      },
      { at: 0, action: 'updateDeployment', namespace: NS, name: 'shop', containers: [{ name: 'shop', image: V2 }] },
    ],
    images: [healthy(V1), healthy(V2)],
  };
}

/** The most pods and the fewest ready ones seen while the rollout ran (sampled every 100 ms). */
function extremes(spec: WorldSpec): { maxPods: number; minReady: number; done: boolean } {
  const c = createCluster(spec, ARRIVAL);
  let maxPods = 0;
  let minReady = Infinity;
  for (let t = 0; t <= 1200; t++) {
    c.advanceTo(ARRIVAL + t * 100);
    const pods = podsOf(c, 'shop').filter((p) => p.metadata?.deletionTimestamp === undefined);
    maxPods = Math.max(maxPods, pods.length);
    minReady = Math.min(minReady, pods.filter(isPodReady).length);
  }
  const st = c.get('Deployment', NS, 'shop')!.status!;
  return { maxPods, minReady, done: st.updatedReplicas === st.replicas && st.availableReplicas === st.replicas };
}

describe('rolling update parameters', () => {
  it('percentages: surge rounds up, unavailability rounds down (10 replicas, 25%: at most 13 pods, at least 8 ready)', () => {
    const r = extremes(shop({ type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' }, 10));
    expect(r).toEqual({ maxPods: 13, minReady: 8, done: true });
  });

  it('integers: maxSurge 0 and maxUnavailable 2 replace two at a time without extra pods', () => {
    const r = extremes(shop({ type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 2 }, 6));
    expect(r).toEqual({ maxPods: 6, minReady: 4, done: true });
  });

  it('percentages that both round to zero still let one pod be unavailable', () => {
    const r = extremes(shop({ type: 'RollingUpdate', maxSurge: '0%', maxUnavailable: '10%' }, 4));
    expect(r).toEqual({ maxPods: 4, minReady: 3, done: true });
  });

  it('describe deployment shows the strategy as given', () => {
    const c = createCluster(shop({ type: 'RollingUpdate', maxSurge: 3, maxUnavailable: '10%' }, 4), ARRIVAL);
    const out = runLine('kubectl describe deployment shop', { cluster: c, namespace: NS, history: [] }).stdout;
    expect(out).toContain('\nRollingUpdateStrategy:  10% max unavailable, 3 max surge\n');
    const rs = c.list('ReplicaSet', NS)[0]!;
    expect(rs.metadata?.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('7');
  });
});
