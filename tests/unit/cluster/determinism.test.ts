import { describe, expect, it } from 'vitest';
import { createCluster, listAll } from '../../../src/cluster/index';
import { ARRIVAL, NS, taskflowSpec } from './fixtures';

describe('determinism', () => {
  it('builds the same world twice, byte for byte, including after the same inputs', () => {
    const a = createCluster(taskflowSpec(), ARRIVAL);
    const b = createCluster(taskflowSpec(), ARRIVAL);
    expect(JSON.stringify(listAll(a))).toBe(JSON.stringify(listAll(b)));
    for (const c of [a, b]) {
      c.advanceBy(5_000);
      c.rolloutUndo(NS, 'api-service');
      c.advanceBy(45_000);
    }
    expect(JSON.stringify(listAll(a))).toBe(JSON.stringify(listAll(b)));
    const name = a.list('Pod', NS)[0]!.metadata!.name!;
    expect(a.logs(NS, name, undefined, false)).toEqual(b.logs(NS, name, undefined, false));
  });

  it('does not tie names, uids or IPs to the arrival time', () => {
    const ids = (arrival: number) =>
      listAll(createCluster(taskflowSpec(), arrival))
        .filter((o) => o.kind !== 'Event')
        .map((o) => [o.kind, o.metadata?.name, o.metadata?.uid, (o as { status?: { podIP?: string } }).status?.podIP].join(' '));
    expect(ids(ARRIVAL + 3 * 86_400_000 + 12_345)).toEqual(ids(ARRIVAL));
  });

  it('changes names with the seed', () => {
    const names = (seed: number) => createCluster(taskflowSpec({ seed }), ARRIVAL).list('Pod', NS).map((p) => p.metadata!.name);
    expect(names(1)).not.toEqual(names(2));
  });

  it('stamps objects as the API server does and hands out frozen snapshots', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const pod = c.list('Pod', NS)[0]!;
    expect(pod.metadata!.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pod.metadata!.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(pod.metadata!.name).toMatch(/^api-service-[bcdf4-9]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(Object.isFrozen(pod) && Object.isFrozen(pod.status!.containerStatuses![0])).toBe(true);
    expect(() => {
      (pod.metadata as { name: string }).name = 'x';
    }).toThrow();
    const rvs = listAll(c).map((o) => Number(o.metadata!.resourceVersion));
    expect(new Set(rvs).size).toBe(rvs.length);
    expect(c.list('Namespace').map((n) => n.metadata!.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', NS]);
  });
});
