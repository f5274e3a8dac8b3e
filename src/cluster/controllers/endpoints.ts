/**
 * The EndpointSlice controller: one slice per Service with the pods its selector matches,
 * each endpoint's conditions following the pod's readiness and termination.
 */
import type { EndpointSlice, Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { type Ctx, splitKey } from '../context';
import { rfc3339 } from '../format';
import { isPodReady, isTerminal, labelsMatch } from '../objects/podStatus';
import { EndpointsV1Controller } from './endpointsV1';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export class EndpointsController {
  /** The slice name per service uid (generated once, like generateName). */
  private sliceNames = new Map<string, string>();

  /** v1 Endpoints, kept by their own controller from the same Service and pod changes. */
  private v1: EndpointsV1Controller;

  constructor(private ctx: Ctx) {
    this.v1 = new EndpointsV1Controller(ctx);
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    this.v1.sync(namespace, name);
    const svc = this.ctx.store.get('Service', namespace, name);
    if (svc === undefined || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) return;
    const pods = this.ctx.store
      .list('Pod', namespace)
      .filter((p) => labelsMatch(svc.spec?.selector, p.metadata?.labels))
      .filter((p) => !isTerminal(p) && (p.status?.podIP ?? '') !== '');
    const endpoints = pods.map(toEndpoint);
    const ports = pods.length > 0 ? slicePorts(svc, pods[0]!) : undefined;
    const uid = svc.metadata?.uid ?? '';
    let sliceName = this.sliceNames.get(uid);
    const now = this.ctx.now();
    const labels = { ...(svc.metadata?.labels ?? {}), [MANAGED_BY]: 'endpointslice-controller.k8s.io', [SERVICE_NAME_LABEL]: name };
    if (sliceName === undefined || this.ctx.store.get('EndpointSlice', namespace, sliceName) === undefined) {
      sliceName = `${name}-${this.ctx.names.suffix(5)}`;
      this.sliceNames.set(uid, sliceName);
      const slice: EndpointSlice = {
        addressType: 'IPv4',
        apiVersion: 'discovery.k8s.io/v1',
        endpoints,
        kind: 'EndpointSlice',
        metadata: {
          annotations: { [TRIGGER_TIME]: rfc3339(now) },
          generateName: `${name}-`,
          labels: sorted(labels),
          name: sliceName,
          namespace,
          ownerReferences: [
            { apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name, uid },
          ],
          uid: this.ctx.names.uuid(),
        },
        ...(ports ? { ports } : {}),
      };
      this.ctx.store.create('EndpointSlice', slice, now);
      return;
    }
    const current = this.ctx.store.get('EndpointSlice', namespace, sliceName)!;
    if (JSON.stringify(current.endpoints) === JSON.stringify(endpoints) && JSON.stringify(current.ports) === JSON.stringify(ports)) return;
    this.ctx.store.update('EndpointSlice', namespace, sliceName, (s) => {
      s.endpoints = endpoints;
      if (ports) s.ports = ports;
      else delete s.ports;
      s.metadata!.annotations = { ...(s.metadata!.annotations ?? {}), [TRIGGER_TIME]: rfc3339(now) };
      s.metadata!.labels = sorted(labels);
    });
  }
}

function toEndpoint(pod: Pod): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  const ep: Endpoint = {
    addresses: [pod.status?.podIP ?? ''],
    conditions: { ready: serving && !terminating, serving, terminating },
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  ep.targetRef = { kind: 'Pod', name: pod.metadata?.name, namespace: pod.metadata?.namespace, uid: pod.metadata?.uid };
  return ep;
}

/** Service ports with targetPort resolved against the pod (named ports look up containerPort). */
function slicePorts(svc: Service, pod: Pod): EndpointPort[] {
  return (svc.spec?.ports ?? []).map((p) => {
    let port: number | undefined;
    const target = p.targetPort ?? p.port;
    if (typeof target === 'number') port = target;
    else if (/^\d+$/.test(target)) port = Number(target);
    else {
      for (const c of pod.spec?.containers ?? []) {
        const found = c.ports?.find((cp) => cp.name === target);
        if (found) port = found.containerPort;
      }
    }
    const out: EndpointPort = { name: p.name ?? '', port, protocol: p.protocol ?? 'TCP' };
    return out;
  });
}

function sorted(obj: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]!;
  return out;
}
