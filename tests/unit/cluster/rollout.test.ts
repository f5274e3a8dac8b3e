import { describe, expect, it } from 'vitest';
import type { DeploymentSpec, WorldSpec } from '../../../src/cluster/index';
import { createCluster } from '../../../src/cluster/index';
import { isPodReady } from '../../../src/cluster/objects/podStatus';
import { ARRIVAL, NS } from './fixtures';
import { podsOf } from './helpers';

const V1 = 'example/shop:1.0';
const V2 = 'example/shop:2.0';

function shop(strategy: DeploymentSpec['strategy'], replicas = 4): WorldSpec {
  const healthy = (image: string) => ({ image, outcomes: [{ logs: [], readyAfter: 3 }] });
  return {
    seed: 3,
    contextNamespace: NS,
    nodes: ['worker-1', 'worker-2'].map((name, i) => ({ name, internalIP: `10.0.0.${11 + i}`, podCIDR: `10.244.${i + 1}.0/24` })),
    namespaces: [NS],
    history: [
      {
        at: -600,
        action: 'createDeployment',
        changeCause: 'first release',
        deployment: {
          name: 'shop',
          namespace: NS,
          replicas,
          labels: { app: 'shop' },
          selector: { app: 'shop' },
          ...(strategy ? { strategy } : {}),
          template: { labels: { app: 'shop' }, containers: [{ name: 'shop', image: V1 }] },
        },
      },
      { at: 0, action: 'updateDeployment', namespace: NS, name: 'shop', containers: [{ name: 'shop', image: V2 }], changeCause: 'shop 2.0' },
    ],
    images: [healthy(V1), healthy(V2)],
  };
}

describe('rolling update', () => {
  it('never exceeds maxSurge nor drops below replicas - maxUnavailable, and completes', () => {
    const c = createCluster(shop({ type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 }), ARRIVAL);
    let maxPods = 0;
    let minReady = Infinity;
    for (let t = 0; t <= 600; t++) {
      c.advanceTo(ARRIVAL + t * 100);
      const pods = podsOf(c, 'shop').filter((p) => p.metadata?.deletionTimestamp === undefined);
      maxPods = Math.max(maxPods, pods.length);
      minReady = Math.min(minReady, pods.filter(isPodReady).length);
    }
    expect(maxPods).toBe(5);
    expect(minReady).toBe(4);
    const d = c.get('Deployment', NS, 'shop')!;
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.metadata?.generation).toBe(2);
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    const progressing = d.status!.conditions!.find((x) => x.type === 'Progressing')!;
    const rsNew = c.list('ReplicaSet', NS).find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2)!;
    expect(progressing.reason).toBe('NewReplicaSetAvailable');
    expect(progressing.message).toBe(`ReplicaSet "${rsNew.metadata!.name}" has successfully progressed.`);
    expect(podsOf(c, 'shop').every((p) => p.metadata?.labels?.['pod-template-hash'] === rsNew.metadata?.labels?.['pod-template-hash'])).toBe(true);
  });

  it('gives each template its own replica set with hash, revision and change-cause', () => {
    const c = createCluster(shop({ type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' }), ARRIVAL);
    c.advanceBy(60_000);
    const rss = c.list('ReplicaSet', NS);
    expect(rss).toHaveLength(2);
    for (const rs of rss) {
      const hash = rs.metadata!.labels!['pod-template-hash']!;
      expect(hash).toMatch(/^[bcdf4-9]{1,10}$/);
      expect(rs.metadata!.name).toBe(`shop-${hash}`);
      expect(rs.spec!.selector.matchLabels).toEqual({ app: 'shop', 'pod-template-hash': hash });
      expect(rs.metadata!.ownerReferences![0]).toMatchObject({ kind: 'Deployment', name: 'shop', controller: true, blockOwnerDeletion: true });
      // 25% of 4 surges by one: at most five pods.
      expect(rs.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5' });
    }
    const byImage = (img: string) => rss.find((rs) => rs.spec?.template?.spec?.containers[0]?.image === img)!;
    expect(byImage(V1).metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    expect(byImage(V2).metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(byImage(V1).metadata!.annotations!['kubernetes.io/change-cause']).toBe('first release');
    expect(byImage(V2).metadata!.annotations!['kubernetes.io/change-cause']).toBe('shop 2.0');
    expect(byImage(V1).spec!.replicas).toBe(0);
    const scaling = c.list('Event', NS).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message!);
    expect(scaling.some((m) => m === `Scaled up replica set ${byImage(V2).metadata!.name} from 0 to 1`)).toBe(true);
    expect(scaling.some((m) => m.startsWith(`Scaled down replica set ${byImage(V1).metadata!.name} from 4 to `))).toBe(true);
  });

  it('rounds surge up and unavailability down for small deployments', () => {
    const c = createCluster(shop(undefined, 2), ARRIVAL);
    c.advanceBy(60_000);
    expect(c.list('ReplicaSet', NS)).toHaveLength(2);
    for (const rs of c.list('ReplicaSet', NS)) {
      expect(rs.metadata!.annotations!['deployment.kubernetes.io/max-replicas']).toBe('3');
    }
  });
});

describe('recreate', () => {
  it('removes every old pod before the new replica set gets any', () => {
    const c = createCluster(shop({ type: 'Recreate' }), ARRIVAL);
    let oldGoneAt: number | undefined;
    let newFirstAt: number | undefined;
    for (let t = 0; t <= 300; t++) {
      c.advanceTo(ARRIVAL + t * 100);
      const pods = podsOf(c, 'shop');
      const old = pods.filter((p) => p.spec?.containers[0]?.image === V1);
      const fresh = pods.filter((p) => p.spec?.containers[0]?.image === V2);
      if (old.length === 0 && oldGoneAt === undefined) oldGoneAt = t;
      if (fresh.length > 0 && newFirstAt === undefined) newFirstAt = t;
      if (fresh.length > 0) expect(old).toHaveLength(0);
    }
    expect(oldGoneAt).toBeDefined();
    expect(newFirstAt).toBeGreaterThanOrEqual(oldGoneAt!);
    const rss = c.list('ReplicaSet', NS);
    expect(rss.every((rs) => rs.metadata!.annotations!['deployment.kubernetes.io/max-replicas'] === '4')).toBe(true);
    const events = c.list('Event', NS);
    expect(events.filter((e) => e.reason === 'Killing')).toHaveLength(4);
    expect(events.filter((e) => e.reason === 'SuccessfulDelete').every((e) => /^Deleted pod: shop-[bcdf4-9]+-[a-z0-9]{5}$/.test(e.message!))).toBe(true);
  });
});

describe('progress deadline', () => {
  it('marks the scenario rollout ProgressDeadlineExceeded 10 minutes after its last progress', async () => {
    const { taskflowSpec } = await import('./fixtures');
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const cond = () => c.get('Deployment', NS, 'api-service')!.status!.conditions!.find((x) => x.type === 'Progressing')!;
    expect(cond()).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    const lastUpdate = Date.parse(cond().lastUpdateTime!);
    c.advanceTo(lastUpdate + 600_000);
    expect(cond().reason).toBe('ReplicaSetUpdated');
    c.advanceTo(lastUpdate + 602_000);
    expect(cond()).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(cond().message).toMatch(/^ReplicaSet "api-service-[bcdf4-9]+" has timed out progressing\.$/);
    const available = c.get('Deployment', NS, 'api-service')!.status!.conditions!.find((x) => x.type === 'Available')!;
    expect(available).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
  });
});
