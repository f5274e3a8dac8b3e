/**
 * What a Prometheus would have scraped from the simulated cluster: every 15 s (on metrics-server's
 * scrape grid, so memory reads what `kubectl top` showed at that instant) the ready endpoints and
 * desired replicas behind each Service, container restarts per workload since the last sample, and
 * each pod's memory against its limit. The cluster records a sample on its way through time (from
 * a window before the learner's arrival on), so the charts show the world as it really went, not a
 * script. Samples are read-only observations: taking them never changes the world.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterView } from './api';
import { quantityBytes } from './controllers/containerBehaviour';
import type { MetricsSnapshot } from './metrics';
import { labelsMatch } from './objects/podStatus';

/** How far back before arrival the cluster starts sampling. */
export const TELEMETRY_BEFORE_ARRIVAL_MS = 60 * 60_000;
/**
 * Samples kept (ten hours at 15 s, a few MB at most); older ones are dropped. Generous, because an
 * alert's resolution is worked out from the samples after it fired.
 */
export const TELEMETRY_MAX_SAMPLES = 2400;

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
const MIB = 1024 * 1024;

export interface ServiceSample {
  namespace: string;
  name: string;
  /** Whether it serves HTTP (a port named http*, or 80/443/8080): the traffic model's scope. */
  http: boolean;
  /** Ready endpoints in its EndpointSlices. */
  ready: number;
  /** Replicas wanted by the Deployments whose pod template the selector matches. */
  desired: number;
}

export interface PodMemorySample {
  namespace: string;
  pod: string;
  /** The Deployment (or Job, or the pod itself) the pod belongs to. */
  workload: string;
  mib: number;
  /** Sum of its containers' memory limits; undefined when any container has none. */
  limitMib?: number;
}

export interface DeploymentSample {
  namespace: string;
  name: string;
  /** spec.replicas */
  desired: number;
  /** status: updatedReplicas, availableReplicas, replicas (all pods, old and new). */
  updated: number;
  available: number;
  total: number;
}

export interface TelemetrySample {
  /** Sim ms. */
  at: number;
  services: ServiceSample[];
  deployments: DeploymentSample[];
  /** Container restarts since the previous sample, by workload (`namespace/name`); only non-zero. */
  restarts: Record<string, number>;
  memory: PodMemorySample[];
}

function workloadOf(pod: Pod): string {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller === true);
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (owner?.kind === 'ReplicaSet' && hash !== undefined && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1);
  return owner?.name ?? pod.metadata?.name ?? '';
}

function restartsOf(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** Takes samples; `seen` remembers each pod's restart count at the previous sample. */
export class TelemetryRecorder {
  private readonly samples: TelemetrySample[] = [];
  private readonly seen = new Map<string, number>();

  all(): readonly TelemetrySample[] {
    return this.samples;
  }

  record(view: ClusterView, metrics: MetricsSnapshot, at: number): void {
    const pods = view.list('Pod').filter((p) => !SYSTEM_NAMESPACES.has(p.metadata?.namespace ?? ''));
    const restarts: Record<string, number> = {};
    const alive = new Set<string>();
    for (const pod of pods) {
      const uid = pod.metadata?.uid ?? '';
      alive.add(uid);
      const count = restartsOf(pod);
      const before = this.seen.get(uid) ?? 0;
      this.seen.set(uid, count);
      // The first sample of the window has no previous count: it is the baseline, not news.
      if (count > before && this.samples.length > 0) {
        const key = `${pod.metadata?.namespace}/${workloadOf(pod)}`;
        restarts[key] = (restarts[key] ?? 0) + count - before;
      }
    }
    for (const uid of [...this.seen.keys()]) if (!alive.has(uid)) this.seen.delete(uid);

    const services: ServiceSample[] = [];
    for (const svc of view.list('Service')) {
      const namespace = svc.metadata?.namespace ?? '';
      const name = svc.metadata?.name ?? '';
      if (SYSTEM_NAMESPACES.has(namespace) || (namespace === 'default' && name === 'kubernetes')) continue;
      const selector = svc.spec?.selector;
      if (selector === undefined || svc.spec?.type === 'ExternalName') continue;
      const http = (svc.spec?.ports ?? []).some((p) => /^http/.test(p.name ?? '') || [80, 443, 8080].includes(p.port));
      let ready = 0;
      for (const slice of view.list('EndpointSlice', namespace)) {
        if (slice.metadata?.labels?.['kubernetes.io/service-name'] !== name) continue;
        ready += (slice.endpoints ?? []).filter((e) => e.conditions?.ready === true).length;
      }
      const desired = view
        .list('Deployment', namespace)
        .filter((d) => labelsMatch(selector, d.spec?.template?.metadata?.labels))
        .reduce((n, d) => n + (d.spec?.replicas ?? 1), 0);
      services.push({ namespace, name, http, ready, desired });
    }

    const deployments: DeploymentSample[] = view
      .list('Deployment')
      .filter((d) => !SYSTEM_NAMESPACES.has(d.metadata?.namespace ?? ''))
      .map((d) => ({
        namespace: d.metadata?.namespace ?? '',
        name: d.metadata?.name ?? '',
        desired: d.spec?.replicas ?? 1,
        updated: d.status?.updatedReplicas ?? 0,
        available: d.status?.availableReplicas ?? 0,
        total: d.status?.replicas ?? 0,
      }));

    const memory: PodMemorySample[] = [];
    for (const pm of metrics.pods) {
      if (SYSTEM_NAMESPACES.has(pm.namespace)) continue;
      const pod = view.get('Pod', pm.namespace, pm.name);
      if (pod === undefined) continue;
      let limit = 0;
      for (const c of pod.spec?.containers ?? []) {
        const bytes = quantityBytes(String(c.resources?.limits?.memory ?? ''));
        limit = Number.isNaN(limit) || Number.isNaN(bytes) ? NaN : limit + bytes;
      }
      const used = pm.containers.reduce((n, c) => n + c.memory, 0);
      memory.push({
        namespace: pm.namespace,
        pod: pm.name,
        workload: workloadOf(pod),
        mib: Math.round((used / MIB) * 10) / 10,
        ...(Number.isNaN(limit) || limit === 0 ? {} : { limitMib: Math.round(limit / MIB) }),
      });
    }
    this.samples.push({ at, services, deployments, restarts, memory });
    if (this.samples.length > TELEMETRY_MAX_SAMPLES) this.samples.splice(0, this.samples.length - TELEMETRY_MAX_SAMPLES);
  }
}
