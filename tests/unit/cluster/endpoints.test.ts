import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { ARRIVAL, NS, taskflowSpec } from './fixtures';
import { podsOf } from './helpers';

function sliceOf(c: ReturnType<typeof createCluster>, svc: string) {
  const slices = c.list('EndpointSlice', NS).filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc);
  expect(slices).toHaveLength(1);
  return slices[0]!;
}

describe('endpoint slices', () => {
  it('list every selected pod with readiness from the pod', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const web = sliceOf(c, 'web-frontend');
    expect(web.addressType).toBe('IPv4');
    expect(web.metadata!.name).toMatch(/^web-frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(web.metadata!.ownerReferences![0]).toMatchObject({ kind: 'Service', name: 'web-frontend', controller: true });
    expect(web.ports).toEqual([{ name: '', port: 3000, protocol: 'TCP' }]);
    const webPods = podsOf(c, 'web-frontend');
    expect(web.endpoints.map((e) => e.addresses[0]).sort()).toEqual(webPods.map((p) => p.status!.podIP).sort());
    expect(web.endpoints.every((e) => e.conditions?.ready === true)).toBe(true);

    const api = sliceOf(c, 'api-service');
    // A named targetPort resolves to the container port of that name.
    expect(api.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(api.endpoints).toHaveLength(2);
    expect(api.endpoints.every((e) => e.conditions?.ready === false && e.conditions.serving === false)).toBe(true);
  });

  it('follow readiness through a rollback: terminating endpoints, then ready ones', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    c.rolloutUndo(NS, 'api-service');
    c.advanceBy(500);
    expect(sliceOf(c, 'api-service').endpoints.some((e) => e.conditions?.terminating === true)).toBe(true);
    c.advanceBy(30_000);
    const api = sliceOf(c, 'api-service');
    expect(api.endpoints).toHaveLength(2);
    expect(api.endpoints.every((e) => e.conditions?.ready === true && e.conditions.terminating === false)).toBe(true);
    expect(api.endpoints.map((e) => e.targetRef?.name).sort()).toEqual(podsOf(c, 'api-service').map((p) => p.metadata!.name).sort());
  });

  it('allocate service cluster IPs in 10.96.0.0/12', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    for (const s of c.list('Service', NS)) {
      const [a, b] = s.spec!.clusterIP!.split('.').map(Number);
      expect(a).toBe(10);
      expect(b).toBeGreaterThanOrEqual(96);
      expect(b).toBeLessThanOrEqual(111);
      expect(s.spec!.clusterIPs).toEqual([s.spec!.clusterIP]);
    }
  });
});
