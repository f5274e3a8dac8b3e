import { describe, expect, it } from 'vitest';
import type { Endpoints } from 'kubernetes-types/core/v1';
import { createCluster } from '../../../src/cluster/index';
import { ARRIVAL, NS, taskflowSpec } from './fixtures';

describe('v1 Endpoints controller', () => {
  it('keeps one Endpoints per Service, named and labelled as the Service', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const names = c.list('Endpoints', NS).map((e) => e.metadata!.name);
    expect(names).toEqual(c.list('Service', NS).map((s) => s.metadata!.name));
    const ep = c.get('Endpoints', NS, 'web-frontend')!;
    expect(ep.metadata!.labels).toEqual(c.get('Service', NS, 'web-frontend')!.metadata!.labels);
    expect(ep.metadata!.ownerReferences).toBeUndefined();
    // The default/kubernetes Service has no selector: its endpoints are the API server's own
    // (skip-mirror), and the controller leaves them alone even as time passes.
    const api = () => c.get('Endpoints', 'default', 'kubernetes');
    expect(api()?.metadata?.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    const before = JSON.stringify(api());
    c.advanceBy(600_000);
    expect(JSON.stringify(api())).toBe(before);
    expect(c.get('EndpointSlice', 'default', 'kubernetes')?.endpoints).toEqual([{ addresses: ['10.0.0.1'], conditions: { ready: true } }]);
  });

  it('puts ready pods in addresses and crash-looping ones in notReadyAddresses, sorted by IP, with the resolved port', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const web = c.get('Endpoints', NS, 'web-frontend')!;
    const webPods = c.list('Pod', NS).filter((p) => p.metadata!.labels!.app === 'web-frontend');
    const ips = webPods.map((p) => p.status!.podIP!).sort();
    expect(web.subsets).toHaveLength(1);
    expect(web.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(ips);
    expect(web.subsets![0]!.notReadyAddresses).toBeUndefined();
    // An unnamed Service port gives an unnamed endpoint port (name is omitempty).
    expect(web.subsets![0]!.ports).toEqual([{ port: 3000, protocol: 'TCP' }]);
    const addr = web.subsets![0]!.addresses![0]!;
    const pod = webPods.find((p) => p.status!.podIP === addr.ip)!;
    expect(addr).toEqual({
      ip: addr.ip,
      nodeName: pod.spec!.nodeName,
      targetRef: { kind: 'Pod', name: pod.metadata!.name, namespace: NS, uid: pod.metadata!.uid },
    });

    const api: Endpoints = c.get('Endpoints', NS, 'api-service')!;
    expect(api.subsets![0]!.addresses).toBeUndefined();
    expect(api.subsets![0]!.notReadyAddresses!.length).toBeGreaterThan(0);
  });

  it('stamps last-change-trigger-time with the Ready transition of the pods that changed', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const web = c.get('Endpoints', NS, 'web-frontend')!;
    const readyTimes = c
      .list('Pod', NS)
      .filter((p) => p.metadata!.labels!.app === 'web-frontend')
      .map((p) => p.status!.conditions!.find((x) => x.type === 'Ready')!.lastTransitionTime!);
    const stamp = web.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time']!;
    expect(readyTimes).toContain(stamp);
  });

  it('follows a rollback: the api-service pods become ready addresses', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const r = c.rolloutUndo(NS, 'api-service');
    expect(r.ok).toBe(true);
    c.advanceBy(120_000);
    const api = c.get('Endpoints', NS, 'api-service')!;
    const ready = c
      .list('Pod', NS)
      .filter((p) => p.metadata!.labels!.app === 'api-service' && p.metadata!.deletionTimestamp === undefined)
      .filter((p) => p.status!.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
    expect(ready.length).toBeGreaterThan(0);
    expect(api.subsets![0]!.addresses!.map((a) => a.targetRef!.name).sort()).toEqual(ready.map((p) => p.metadata!.name).sort());
    expect(api.subsets![0]!.notReadyAddresses).toBeUndefined();
  });
});
