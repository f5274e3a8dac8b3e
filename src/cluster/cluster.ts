/**
 * Assembles the simulator: store, clock, seeded streams, event recorders and controllers, wired
 * so that every change to an object wakes the controllers that watch it. Builds the starting
 * world from a WorldSpec and replays its history up to the learner's arrival.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { AnyObject, ClusterControl, Kind, KindMap, LogOptions, LogResult, MutationResult } from './api';
import type { DeploymentSpec, HistoryStep, WorldSpec } from './spec';
import { EventQueue } from './clock';
import { type ControllerName, type Ctx, keyOf } from './context';
import { EventHub } from './events';
import { Prng } from './names';
import { cloneJson } from './json';
import { Store } from './store';
import { podLogs } from './logs';
import { DeploymentController, sortKeys } from './controllers/deployment';
import { ANNOTATIONS_TO_SKIP, CHANGE_CAUSE, HASH_LABEL, equalIgnoreHash, revisionOf } from './controllers/deploymentUtil';
import { EndpointsController } from './controllers/endpoints';
import { Kubelet } from './controllers/kubelet';
import { ReplicaSetController } from './controllers/replicaset';
import { Scheduler } from './controllers/scheduler';
import { controllerUid, isPodReady, labelsMatch } from './objects/podStatus';
import { defaultedTemplate } from './objects/podTemplate';
import {
  allocateClusterIP,
  configMapObject,
  fakeCaPem,
  namespaceObject,
  nodeObject,
  rootCaConfigMap,
  secretObject,
  serviceObject,
} from './objects/infra';

const DAY_MS = 86_400_000;
const INFORMER_BATCH_MS = 50;
/** Namespaces that every kubeadm cluster has. */
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Every kind, in the order dumps list them. */
export const ALL_KINDS: readonly Kind[] = [
  'Namespace',
  'Node',
  'ConfigMap',
  'Secret',
  'Service',
  'EndpointSlice',
  'Deployment',
  'ReplicaSet',
  'Pod',
  'Event',
];

function ownerSignature(pod: Pod | undefined): string {
  if (pod === undefined) return '';
  return `${pod.metadata?.deletionTimestamp ?? ''}|${pod.status?.phase}|${isPodReady(pod)}|${pod.spec?.nodeName ?? ''}|${pod.metadata?.resourceVersion === undefined}`;
}

function endpointSignature(pod: Pod | undefined): string {
  if (pod === undefined) return '';
  return `${ownerSignature(pod)}|${pod.status?.podIP ?? ''}|${JSON.stringify(pod.metadata?.labels ?? {})}`;
}

export class Cluster implements ClusterControl {
  private store = new Store();
  private queue = new EventQueue();
  private clock: number;
  private work: { controller: ControllerName; key: string }[] = [];
  private queued = new Set<string>();
  /** Reconciles triggered by status churn, coalesced over INFORMER_BATCH_MS. */
  private soon: { controller: ControllerName; key: string }[] = [];
  private soonQueued = new Set<string>();
  private soonTimer = false;
  private ctx: Ctx;
  private kubelet: Kubelet;
  private controllers: Record<ControllerName, { sync(key: string): void }>;
  /** Owner uid -> keys of the pods / replica sets it controls. */
  private podsByOwner = new Map<string, Set<string>>();
  private rsByOwner = new Map<string, Set<string>>();
  private rsKeyByUid = new Map<string, string>();
  private caPem: string;

  constructor(
    private spec: WorldSpec,
    arrivalMs: number,
  ) {
    const earliest = Math.min(0, ...spec.history.map((s) => s.at));
    const start = arrivalMs + earliest * 1000;
    this.clock = start - 14 * DAY_MS;
    const names = new Prng(spec.seed, 1);
    const runtime = new Prng(spec.seed, 2);
    const events = new EventHub({
      store: this.store,
      uids: names,
      schedule: (at, fn) => this.schedule(at, fn),
      settle: (uid, at) => this.kubelet.settle(uid, at),
    });
    this.ctx = {
      spec,
      store: this.store,
      events,
      names,
      runtime,
      now: () => this.clock,
      schedule: (at, fn) => this.schedule(at, fn),
      enqueue: (c, k) => this.enqueue(c, k),
    };
    this.caPem = fakeCaPem(new Prng(spec.seed, 3));
    this.kubelet = new Kubelet(this.ctx);
    this.controllers = {
      deployment: new DeploymentController(this.ctx, (uid) => this.ownedReplicaSets(uid), (uid) => this.ownedPods(uid)),
      replicaset: new ReplicaSetController(this.ctx, (uid) => this.ownedPods(uid)),
      scheduler: new Scheduler(this.ctx),
      kubelet: this.kubelet,
      endpoints: new EndpointsController(this.ctx),
    };
    this.store.onChange((kind, before, after) => this.route(kind, before, after));

    this.bootstrap(start);
    for (const step of spec.history) {
      this.schedule(arrivalMs + step.at * 1000, () => this.applyStep(step));
    }
    this.advanceTo(arrivalMs);
  }

  // ---- ClusterView --------------------------------------------------------------------------

  now(): number {
    return this.clock;
  }

  list<K extends Kind>(kind: K, namespace?: string): readonly KindMap[K][] {
    return this.store.list(kind, namespace);
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    return this.store.get(kind, namespace, name);
  }

  logs(namespace: string, pod: string, container: string | undefined, previous: boolean, opts?: LogOptions): LogResult {
    const obj = this.store.get('Pod', namespace, pod);
    return podLogs(obj, pod, this.kubelet.runtimeOf(namespace, pod), container, previous, this.clock, opts);
  }

  facts(): ReadonlyMap<string, string> {
    return new Map(this.kubelet.worldFacts());
  }

  // ---- ClusterControl -----------------------------------------------------------------------

  advanceTo(ms: number): void {
    if (ms < this.clock) return;
    for (;;) {
      const next = this.queue.peekTime();
      if (next === undefined || next > ms) break;
      const timer = this.queue.pop()!;
      this.clock = Math.max(this.clock, timer.at);
      timer.run();
      this.drain();
    }
    this.clock = ms;
    this.kubelet.settleAll(ms);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.clock + Math.max(0, ms));
  }

  rolloutUndo(namespace: string, name: string, toRevision?: number): MutationResult<{ revision: number; skipped?: true }> {
    const d = this.store.get('Deployment', namespace, name);
    if (d === undefined) return { ok: false, message: `Error from server (NotFound): deployments.apps "${name}" not found` };
    const want = toRevision ?? 0;
    if (want < 0) return { ok: false, message: `error: unable to find specified revision ${want} in history` };
    const rss = this.ownedReplicaSets(d.metadata?.uid ?? '');
    let target: ReplicaSet | undefined;
    if (want > 0) {
      target = rss.find((rs) => revisionOf(rs) === want);
      if (target === undefined) return { ok: false, message: `error: unable to find specified revision ${want} in history` };
    } else {
      // The newest and the second newest revision; undo goes to the second.
      const sorted = rss.filter((rs) => revisionOf(rs) !== undefined).sort((a, b) => revisionOf(b)! - revisionOf(a)!);
      target = sorted[1];
      if (target === undefined) return { ok: false, message: `error: no rollout history found for deployment "${name}"` };
    }
    if (equalIgnoreHash(target.spec?.template, d.spec?.template)) {
      return { ok: true, value: { revision: Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0), skipped: true } };
    }
    const template = cloneJson<NonNullable<Deployment['spec']>['template']>(target.spec?.template ?? {});
    if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    this.store.update('Deployment', namespace, name, (draft) => {
      draft.spec!.template = template;
      draft.metadata!.annotations = sortKeys(annotations);
    });
    this.drain();
    this.kubelet.settleAll(this.clock);
    const after = this.store.get('Deployment', namespace, name);
    return { ok: true, value: { revision: Number(after?.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) } };
  }

  // ---- wiring -------------------------------------------------------------------------------

  private schedule(at: number, fn: () => void): void {
    this.queue.schedule(Math.max(at, this.clock), fn);
  }

  private enqueue(controller: ControllerName, key: string): void {
    const id = `${controller}\u0000${key}`;
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.work.push({ controller, key });
  }

  /**
   * Controllers that react to other objects' status (a replica set to its pods, a deployment to
   * its replica sets, endpoints to pods) see changes a moment later, as informers deliver them;
   * coalescing a burst of pod updates into one sync keeps a thousand-pod rollout cheap.
   */
  private enqueueSoon(controller: ControllerName, key: string): void {
    const id = `${controller}\u0000${key}`;
    if (this.soonQueued.has(id)) return;
    this.soonQueued.add(id);
    this.soon.push({ controller, key });
    if (this.soonTimer) return;
    this.soonTimer = true;
    this.schedule(this.clock + INFORMER_BATCH_MS, () => {
      this.soonTimer = false;
      const batch = this.soon;
      this.soon = [];
      this.soonQueued.clear();
      for (const item of batch) this.enqueue(item.controller, item.key);
    });
  }

  /** Run controllers until nothing is left to reconcile at this instant. */
  private drain(): void {
    let guard = 0;
    while (this.work.length > 0) {
      const item = this.work.shift()!;
      this.queued.delete(`${item.controller}\u0000${item.key}`);
      this.controllers[item.controller].sync(item.key);
      if (++guard > 1_000_000) throw new Error('cluster controllers did not settle');
    }
  }

  private route(kind: Kind, before: AnyObject | undefined, after: AnyObject | undefined): void {
    const obj = (after ?? before)!;
    const ns = obj.metadata?.namespace;
    const key = keyOf(ns, obj.metadata?.name);
    switch (kind) {
      case 'Pod': {
        const pod = after as Pod | undefined;
        const old = before as Pod | undefined;
        this.index(this.podsByOwner, before, after, key);
        if (pod?.spec?.nodeName) this.enqueue('kubelet', key);
        else if (pod && pod.metadata?.deletionTimestamp === undefined) this.enqueue('scheduler', key);
        // Owners only care whether a pod exists, is active and is ready; most kubelet status
        // writes (a crash-looping container's restarts) change none of that.
        if (ownerSignature(old) !== ownerSignature(pod)) {
          const rsKey = this.rsKeyByUid.get(controllerUid(obj as Pod) ?? '');
          if (rsKey !== undefined) {
            this.enqueueSoon('replicaset', rsKey);
            const i = rsKey.indexOf('/');
            const rs = this.store.get('ReplicaSet', rsKey.slice(0, i), rsKey.slice(i + 1));
            const dUid = rs ? controllerUid(rs) : undefined;
            if (dUid !== undefined) this.enqueueDeploymentByUid(rsKey.slice(0, i), dUid, true);
          }
        }
        if (endpointSignature(old) !== endpointSignature(pod)) {
          for (const svc of this.store.list('Service', ns)) {
            const sel = (svc as Service).spec?.selector;
            if (labelsMatch(sel, old?.metadata?.labels) || labelsMatch(sel, pod?.metadata?.labels)) {
              this.enqueueSoon('endpoints', keyOf(ns, svc.metadata?.name));
            }
          }
        }
        break;
      }
      case 'ReplicaSet': {
        this.index(this.rsByOwner, before, after, key);
        if (after) this.rsKeyByUid.set(after.metadata?.uid ?? '', key);
        else this.rsKeyByUid.delete(before?.metadata?.uid ?? '');
        if (after) this.enqueue('replicaset', key);
        const dUid = controllerUid(obj as ReplicaSet);
        if (dUid !== undefined) this.enqueueDeploymentByUid(ns ?? '', dUid, true);
        break;
      }
      case 'Deployment':
        if (after) this.enqueue('deployment', key);
        break;
      case 'Service':
        if (after) this.enqueue('endpoints', key);
        break;
      default:
        break;
    }
  }

  private enqueueDeploymentByUid(namespace: string, uid: string, soon: boolean): void {
    for (const d of this.store.list('Deployment', namespace)) {
      if (d.metadata?.uid === uid) {
        const key = keyOf(namespace, d.metadata?.name);
        if (soon) this.enqueueSoon('deployment', key);
        else this.enqueue('deployment', key);
        return;
      }
    }
  }

  private index(map: Map<string, Set<string>>, before: AnyObject | undefined, after: AnyObject | undefined, key: string): void {
    const oldOwner = before ? controllerUid(before as Pod) : undefined;
    const newOwner = after ? controllerUid(after as Pod) : undefined;
    if (oldOwner !== undefined && oldOwner !== newOwner) map.get(oldOwner)?.delete(key);
    if (newOwner !== undefined) {
      let set = map.get(newOwner);
      if (set === undefined) {
        set = new Set();
        map.set(newOwner, set);
      }
      set.add(key);
    }
  }

  private ownedPods(uid: string): Pod[] {
    return this.owned(this.podsByOwner, 'Pod', uid);
  }

  private ownedReplicaSets(uid: string): ReplicaSet[] {
    return this.owned(this.rsByOwner, 'ReplicaSet', uid);
  }

  private owned<K extends 'Pod' | 'ReplicaSet'>(map: Map<string, Set<string>>, kind: K, uid: string): KindMap[K][] {
    const out: KindMap[K][] = [];
    for (const key of [...(map.get(uid) ?? [])].sort()) {
      const i = key.indexOf('/');
      const obj = this.store.get(kind, key.slice(0, i), key.slice(i + 1));
      if (obj !== undefined) out.push(obj);
    }
    return out;
  }

  // ---- the starting world -------------------------------------------------------------------

  private bootstrap(start: number): void {
    const { names } = this.ctx;
    const clusterStart = this.clock;
    const nodeRng = new Prng(this.spec.seed, 4);
    for (const ns of SYSTEM_NAMESPACES) this.createNamespace(ns, clusterStart);
    for (const n of this.spec.nodes) this.store.create('Node', nodeObject(n, names.uuid(), clusterStart + 60_000, nodeRng), clusterStart + 60_000);
    const taken = new Set(['10.96.0.1', '10.96.0.10']);
    this.store.create(
      'Service',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { labels: { component: 'apiserver', provider: 'kubernetes' }, name: 'kubernetes', namespace: 'default', uid: names.uuid() },
        spec: {
          clusterIP: '10.96.0.1',
          clusterIPs: ['10.96.0.1'],
          internalTrafficPolicy: 'Cluster',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
        status: { loadBalancer: {} },
      },
      clusterStart,
    );
    const nsAt = start - 3_600_000;
    for (const ns of this.spec.namespaces) if (!SYSTEM_NAMESPACES.includes(ns)) this.createNamespace(ns, nsAt);
    const objAt = start - 1_800_000;
    for (const s of this.spec.secrets ?? []) this.store.create('Secret', secretObject(s, names.uuid()), objAt);
    for (const c of this.spec.configMaps ?? []) this.store.create('ConfigMap', configMapObject(c, names.uuid()), objAt);
    let nodePort = 30000 + names.int(0, 2000);
    for (const s of this.spec.services ?? []) {
      const ip = allocateClusterIP(names, taken);
      this.store.create('Service', serviceObject(s, names.uuid(), ip, () => nodePort++), objAt);
    }
    this.clock = objAt;
    this.drain();
  }

  private createNamespace(name: string, at: number): void {
    const { names } = this.ctx;
    this.store.create('Namespace', namespaceObject(name, names.uuid()), at);
    this.store.create('ConfigMap', rootCaConfigMap(name, names.uuid(), this.caPem), at);
  }

  private applyStep(step: HistoryStep): void {
    if (step.action === 'createDeployment') this.createDeployment(step.deployment, step.changeCause);
    else this.updateDeployment(step.namespace, step.name, step.containers, step.changeCause);
  }

  private createDeployment(spec: DeploymentSpec, changeCause?: string): void {
    const strategy: NonNullable<Deployment['spec']>['strategy'] =
      spec.strategy?.type === 'Recreate'
        ? { type: 'Recreate' }
        : {
            rollingUpdate: { maxSurge: spec.strategy?.maxSurge ?? '25%', maxUnavailable: spec.strategy?.maxUnavailable ?? '25%' },
            type: 'RollingUpdate',
          };
    const d: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        ...(changeCause !== undefined ? { annotations: { [CHANGE_CAUSE]: changeCause } } : {}),
        labels: { ...spec.labels },
        name: spec.name,
        namespace: spec.namespace,
        uid: this.ctx.names.uuid(),
      },
      spec: {
        progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
        replicas: spec.replicas,
        revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
        selector: { matchLabels: { ...spec.selector } },
        strategy,
        template: defaultedTemplate(spec.template.labels, spec.template.annotations, spec.template.containers),
      },
      status: {},
    };
    this.store.create('Deployment', d, this.clock);
  }

  private updateDeployment(namespace: string, name: string, containers: DeploymentSpec['template']['containers'], changeCause?: string): void {
    this.store.update('Deployment', namespace, name, (d) => {
      const t = d.spec!.template;
      const fresh = defaultedTemplate(t.metadata?.labels ?? {}, t.metadata?.annotations, containers);
      d.spec!.template = fresh;
      // Like `kubectl set image`: a deploy without a recorded cause keeps the old annotation.
      if (changeCause !== undefined) d.metadata!.annotations = sortKeys({ ...(d.metadata!.annotations ?? {}), [CHANGE_CAUSE]: changeCause });
    });
  }
}
