/**
 * The v1 Endpoints controller (pkg/controller/endpoint): one `Endpoints` object per Service with a
 * selector, named as the Service, carrying the Service's labels. Ready pods go to `addresses`,
 * running-but-unready ones to `notReadyAddresses`; terminating and finished pods and pods without
 * an IP are left out. The last-change-trigger-time annotation follows the controller's
 * TriggerTimeTracker: the Service's creation on the first sync, then the earliest Ready-condition
 * transition among the pods that changed since the previous sync.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import type { Ctx } from '../context';
import { rfc3339 } from '../format';
import { isPodReady, isTerminal, labelsMatch } from '../objects/podStatus';

export const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface TrackerState {
  serviceTrigger: string;
  podTriggers: Map<string, string>;
}

export class EndpointsV1Controller {
  /** TriggerTimeTracker.ServiceStates, keyed by namespace/name. */
  private states = new Map<string, TrackerState>();
  /**
   * What the last sync wrote (or found current) per Service: the inputs that decide the subsets
   * and the resourceVersion it left, so a crash-looping pod's many status writes cost a string
   * compare instead of rebuilding and comparing every address.
   */
  private last = new Map<string, { inputs: string; resourceVersion: string | undefined }>();

  constructor(private ctx: Ctx) {}

  sync(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const svc = this.ctx.store.get('Service', namespace, name);
    if (svc === undefined) {
      // The Service is gone: so are its endpoints.
      this.states.delete(key);
      if (this.ctx.store.get('Endpoints', namespace, name) !== undefined) this.ctx.store.delete('Endpoints', namespace, name);
      return;
    }
    // Services without a selector get their endpoints from whoever created them.
    if (svc.spec?.selector === undefined) return;
    const pods = this.ctx.store.list('Pod', namespace).filter((p) => labelsMatch(svc.spec?.selector, p.metadata?.labels));
    const trigger = this.triggerTime(key, svc, pods);
    const current = this.ctx.store.get('Endpoints', namespace, name);
    const labels = svc.metadata?.labels;
    const inputs = inputSignature(svc, pods);
    const seen = this.last.get(key);
    if (current !== undefined && seen !== undefined && seen.inputs === inputs && seen.resourceVersion === current.metadata?.resourceVersion) return;
    const subsets = buildSubsets(svc, pods);
    // Inputs changed since what this controller last wrote: the subsets differ, no need to compare.
    const knownStale = current !== undefined && seen !== undefined && seen.resourceVersion === current.metadata?.resourceVersion;
    if (
      current !== undefined &&
      !knownStale &&
      JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) &&
      JSON.stringify(current.metadata?.labels ?? {}) === JSON.stringify(labels ?? {})
    ) {
      this.last.set(key, { inputs, resourceVersion: current.metadata?.resourceVersion });
      return;
    }
    const annotations: Record<string, string> = { ...(current?.metadata?.annotations ?? {}) };
    if (trigger !== undefined) annotations[TRIGGER_TIME] = trigger;
    else delete annotations[TRIGGER_TIME];
    const now = this.ctx.now();
    if (current === undefined) {
      const ep: Endpoints = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
          ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
          name,
          namespace,
          uid: this.ctx.names.uuid(),
        },
        ...(subsets.length > 0 ? { subsets } : {}),
      };
      const created = this.ctx.store.create('Endpoints', ep, now);
      this.last.set(key, { inputs, resourceVersion: created.metadata?.resourceVersion });
      return;
    }
    const updated = this.ctx.store.update('Endpoints', namespace, name, (ep) => {
      if (Object.keys(annotations).length > 0) ep.metadata!.annotations = annotations;
      else delete ep.metadata!.annotations;
      if (labels && Object.keys(labels).length > 0) ep.metadata!.labels = { ...labels };
      else delete ep.metadata!.labels;
      if (subsets.length > 0) ep.subsets = subsets;
      else delete ep.subsets;
    });
    this.last.set(key, { inputs, resourceVersion: updated?.metadata?.resourceVersion });
  }

  /** ComputeEndpointLastChangeTriggerTime: undefined means "no trigger time" (annotation removed). */
  private triggerTime(key: string, svc: Service, pods: readonly Pod[]): string | undefined {
    const state = this.states.get(key);
    let min: string | undefined;
    const podTriggers = new Map<string, string>();
    for (const pod of pods) {
      const t = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
      if (t === undefined) continue;
      const podName = pod.metadata?.name ?? '';
      podTriggers.set(podName, t);
      const last = state?.podTriggers.get(podName);
      // RFC 3339 UTC strings of one width compare as the instants they name.
      if (last === undefined || t > last) min = min === undefined || t < min ? t : min;
    }
    const serviceTrigger = svc.metadata?.creationTimestamp ?? '';
    if (state !== undefined && serviceTrigger > state.serviceTrigger) min = min === undefined || serviceTrigger < min ? serviceTrigger : min;
    this.states.set(key, { serviceTrigger, podTriggers });
    if (state === undefined) return serviceTrigger === '' ? rfc3339(this.ctx.now()) : serviceTrigger;
    return min;
  }
}

/** Everything buildSubsets reads, as one string: equal inputs give equal subsets. */
function inputSignature(svc: Service, pods: readonly Pod[]): string {
  const named = (svc.spec?.ports ?? []).some((p) => typeof p.targetPort === 'string' && !/^\d+$/.test(p.targetPort));
  let sig = `${JSON.stringify(svc.spec?.ports ?? [])}|${JSON.stringify(svc.metadata?.labels ?? {})}`;
  for (const pod of pods) {
    if (!inEndpoints(pod)) continue;
    sig += `|${pod.status?.podIP},${pod.metadata?.uid},${pod.metadata?.name},${pod.spec?.nodeName ?? ''},${isPodReady(pod)}`;
    if (named) sig += JSON.stringify((pod.spec?.containers ?? []).map((c) => c.ports ?? []));
  }
  return sig;
}

/** ShouldPodBeInEndpoints (publishNotReadyAddresses unset): an IP, not finished, not terminating. */
function inEndpoints(pod: Pod): boolean {
  return (pod.status?.podIP ?? '') !== '' && !isTerminal(pod) && pod.metadata?.deletionTimestamp === undefined;
}

function address(pod: Pod): EndpointAddress {
  return {
    ip: pod.status?.podIP ?? '',
    nodeName: pod.spec?.nodeName ?? '',
    targetRef: { kind: 'Pod', name: pod.metadata?.name, namespace: pod.metadata?.namespace, uid: pod.metadata?.uid },
  };
}

/** podutil.FindPort: a number as is, a name looked up among the pod's container ports. */
function findPort(pod: Pod, target: number | string): number | undefined {
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    const found = c.ports?.find((cp) => cp.name === target);
    if (found) return found.containerPort;
  }
  return undefined;
}

function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * The subsets addEndpointSubset + RepackSubsets give: addresses grouped by the set of ports they
 * serve, sorted by IP then pod uid. (The real controller orders ports and subsets by an md5 of
 * their Go dump; with one port or one subset, the common case, the order is the same.)
 */
function buildSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const servicePorts = svc.spec?.ports ?? [];
  if (servicePorts.length === 0) return [];
  // port key -> (address key -> [address, ready])
  const portsByKey = new Map<string, EndpointPort>();
  const addrsByPort = new Map<string, Map<string, [EndpointAddress, boolean]>>();
  for (const pod of pods) {
    if (!inEndpoints(pod)) continue;
    const addr = address(pod);
    const ready = isPodReady(pod);
    for (const sp of servicePorts) {
      const num = findPort(pod, sp.targetPort ?? sp.port);
      if (num === undefined) continue;
      const port: EndpointPort = { ...(sp.name ? { name: sp.name } : {}), port: num, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol !== undefined) port.appProtocol = sp.appProtocol;
      const pk = JSON.stringify(port);
      portsByKey.set(pk, port);
      let set = addrsByPort.get(pk);
      if (set === undefined) addrsByPort.set(pk, (set = new Map()));
      const ak = `${addr.ip}\u0000${addr.targetRef?.uid ?? ''}`;
      const was = set.get(ak);
      // Not ready always trumps ready.
      if (was === undefined || was[1]) set.set(ak, [addr, ready]);
    }
  }
  const groups = new Map<string, { addrs: Map<string, [EndpointAddress, boolean]>; ports: EndpointPort[] }>();
  for (const [pk, addrs] of addrsByPort) {
    const gk = [...addrs.entries()].map(([k, [, r]]) => `${k}\u0000${r}`).sort().join('\u0001');
    let g = groups.get(gk);
    if (g === undefined) groups.set(gk, (g = { addrs, ports: [] }));
    g.ports.push(portsByKey.get(pk)!);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready = [...g.addrs.values()].filter(([, r]) => r).map(([a]) => a).sort(lessAddress);
    const notReady = [...g.addrs.values()].filter(([, r]) => !r).map(([a]) => a).sort(lessAddress);
    const ports = [...g.ports].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.port ?? 0) - (b.port ?? 0));
    const ss: EndpointSubset = {};
    if (ready.length > 0) ss.addresses = ready;
    if (notReady.length > 0) ss.notReadyAddresses = notReady;
    ss.ports = ports;
    out.push(ss);
  }
  return out;
}
