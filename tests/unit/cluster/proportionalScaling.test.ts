import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { WorldSpec } from '../../../src/cluster/index';
import { createCluster } from '../../../src/cluster/index';
import { proportionalSizes } from '../../../src/cluster/controllers/deploymentUtil';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';

const V1 = 'example/shop:1.0';
const V2 = 'example/shop:2.0';

/** 10 replicas of a healthy v1, then v2 (which crashes, so never becomes ready) rolled out at 0. */
function shop(): WorldSpec {
  return {
    seed: 11,
    contextNamespace: NS,
    nodes: ['worker-1', 'worker-2', 'worker-3'].map((name, i) => ({ name, internalIP: `10.0.0.${11 + i}`, podCIDR: `10.244.${i + 1}.0/24` })),
    namespaces: [NS],
    history: [
      {
        at: -600,
        action: 'createDeployment',
        deployment: {
          name: 'shop',
          namespace: NS,
          replicas: 10,
          labels: { app: 'shop' },
          selector: { app: 'shop' },
          strategy: { type: 'RollingUpdate', maxSurge: 3 },
          template: { labels: { app: 'shop' }, containers: [{ name: 'shop', image: V1 }] },
        },
      },
      { at: 0, action: 'updateDeployment', namespace: NS, name: 'shop', containers: [{ name: 'shop', image: V2 }] },
    ],
    images: [
      { image: V1, outcomes: [{ logs: [], readyAfter: 2 }] },
      { image: V2, outcomes: [{ logs: [], readyAfter: 30, exit: { after: 2, code: 1 } }] },
    ],
  };
}

function sizes(c: ReturnType<typeof createCluster>): { image: string; replicas: number; desired: string; max: string }[] {
  return c
    .list('ReplicaSet', NS)
    .map((rs) => ({
      image: rs.spec!.template!.spec!.containers[0]!.image!,
      replicas: rs.spec!.replicas!,
      desired: rs.metadata!.annotations!['deployment.kubernetes.io/desired-replicas']!,
      max: rs.metadata!.annotations!['deployment.kubernetes.io/max-replicas']!,
    }))
    .sort((a, b) => a.image.localeCompare(b.image));
}

describe('kubectl scale during a rollout (the deployment controller shares the change out)', () => {
  // 10 replicas, maxSurge 3, maxUnavailable 25% (2): v2 got 3, v1 went to 8, v2 to 5, and there
  // the rollout waits (13 pods, 8 of them available) since no v2 pod ever becomes ready.
  function stuck() {
    const c = createCluster(shop(), ARRIVAL);
    c.advanceBy(60_000);
    expect(sizes(c)).toEqual([
      { image: V1, replicas: 8, desired: '10', max: '13' },
      { image: V2, replicas: 5, desired: '10', max: '13' },
    ]);
    return c;
  }
  const run = (c: ReturnType<typeof createCluster>, line: string) => runLine(line, { cluster: c, namespace: NS, history: [] });

  it('scaling 10 -> 20 grows both replica sets in proportion: v1 8 -> 14, v2 5 -> 9', () => {
    // sync.go scale(): allowed 20 + 3 = 23, 10 to add; largest first (v1): round(8 * 23 / 13) - 8
    // = 6, then v2: round(5 * 23 / 13) - 5 = 4; nothing left over.
    const c = stuck();
    expect(run(c, 'kubectl scale deploy/shop --replicas=20').stdout).toBe('deployment.apps/shop scaled\n');
    c.advanceBy(1000);
    expect(sizes(c)).toEqual([
      { image: V1, replicas: 14, desired: '20', max: '23' },
      { image: V2, replicas: 9, desired: '20', max: '23' },
    ]);
    const [v1, v2] = [...c.list('ReplicaSet', NS)].sort((a, b) => a.spec!.template!.spec!.containers[0]!.image!.localeCompare(b.spec!.template!.spec!.containers[0]!.image!));
    const events = run(c, 'kubectl events --for deployment/shop').stdout;
    expect(events).toContain(`Scaled up replica set ${v1!.metadata!.name} from 8 to 14\n`);
    expect(events).toContain(`Scaled up replica set ${v2!.metadata!.name} from 5 to 9\n`);
    // The rollout then resumes from there: 23 pods is the most it may run, and 15 must stay
    // available, so with v2 still crashing nothing more moves.
    c.advanceBy(120_000);
    expect(sizes(c).map((s) => s.replicas)).toEqual([14, 9]);
    expect(c.list('Pod', NS).filter((p) => p.metadata?.deletionTimestamp === undefined)).toHaveLength(23);
  });

  it('scaling 10 -> 5 shrinks both, larger first: v1 8 -> 5, v2 5 -> 3', () => {
    // allowed 5 + 3 = 8, 5 to remove; v1: round(8 * 8 / 13) - 8 = -3, v2: round(5 * 8 / 13) - 5 = -2.
    const c = stuck();
    run(c, 'kubectl scale deploy/shop --replicas=5');
    c.advanceBy(1000);
    const events = run(c, 'kubectl events --for deployment/shop').stdout;
    const names = Object.fromEntries(c.list('ReplicaSet', NS).map((rs) => [rs.spec!.template!.spec!.containers[0]!.image!, rs.metadata!.name!]));
    expect(events).toContain(`Scaled down replica set ${names[V1]} from 8 to 5\n`);
    expect(events).toContain(`Scaled down replica set ${names[V2]} from 5 to 3\n`);
  });
});

describe('proportionalSizes (the cases of sync_test.go TestScale)', () => {
  const T = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min)).toISOString().replace('.000', '');
  // A rolling deployment with maxSurge 0 and maxUnavailable 0, as the Go test's newDeployment.
  const deployment = (replicas: number): Deployment => ({
    metadata: { name: 'foo' },
    spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
  });
  // Replica sets annotated as the deployment left them before it was scaled from `before`.
  const rs = (name: string, replicas: number, createdMin: number, before: number): ReplicaSet => ({
    metadata: {
      name,
      creationTimestamp: T(createdMin),
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(before), 'deployment.kubernetes.io/max-replicas': String(before) },
    },
    spec: { replicas, selector: {} },
  });
  const scale = (from: number, to: number, sets: [string, number, number][]): Record<string, number> =>
    Object.fromEntries(proportionalSizes(deployment(to), sets.map(([n, r, t]) => rs(n, r, t, from))).map((x) => [x.rs.metadata!.name, x.size]));

  it('5 -> 10 and 5 -> 3 over two replica sets', () => {
    expect(scale(5, 10, [['foo-v1', 3, 1], ['foo-v2', 2, 2]])).toEqual({ 'foo-v1': 6, 'foo-v2': 4 });
    expect(scale(5, 3, [['foo-v1', 3, 1], ['foo-v2', 2, 2]])).toEqual({ 'foo-v1': 2, 'foo-v2': 1 });
    expect(scale(9, 4, [['foo-v1', 1, 1], ['foo-v2', 8, 2]])).toEqual({ 'foo-v1': 0, 'foo-v2': 4 });
  });

  it('7 -> 10 and 13 -> 8 over three', () => {
    expect(scale(7, 10, [['foo-v1', 2, 0], ['foo-v2', 3, 1], ['foo-v3', 2, 2]])).toEqual({ 'foo-v1': 3, 'foo-v2': 4, 'foo-v3': 3 });
    expect(scale(13, 8, [['foo-v1', 3, 0], ['foo-v2', 8, 1], ['foo-v3', 2, 2]])).toEqual({ 'foo-v1': 2, 'foo-v2': 5, 'foo-v3': 1 });
  });

  it('leftovers go to the newest when growing and come from the oldest when shrinking', () => {
    expect(scale(3, 4, [['foo-v1', 1, 0], ['foo-v2', 1, 1], ['foo-v3', 1, 2]])).toEqual({ 'foo-v1': 1, 'foo-v2': 1, 'foo-v3': 2 });
    expect(scale(3, 2, [['foo-v1', 1, 0], ['foo-v2', 1, 1], ['foo-v3', 1, 2]])).toEqual({ 'foo-v1': 0, 'foo-v2': 1, 'foo-v3': 1 });
  });
});
