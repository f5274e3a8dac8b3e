/**
 * Assembles the simulator: store, clock, seeded streams, event recorders and controllers, wired
 * so that every change to an object wakes the controllers that watch it. Builds the starting
 * world from a WorldSpec and replays its history up to the learner's arrival.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import {
  type AnyObject,
  CLUSTER_SCOPED,
  type ClusterControl,
  type DeleteOptions,
  type ExecRequest,
  type ExecResult,
  type Kind,
  type KindMap,
  type LogOptions,
  type LogResult,
  type MutationResult,
  type WriteOptions,
} from './api';
import { execInContainer } from './exec';
import { type MetricsSnapshot, METRIC_RESOLUTION_MS, lastScrape, metricsSnapshot } from './metrics';
import { TELEMETRY_BEFORE_ARRIVAL_MS, type TelemetrySample, TelemetryRecorder } from './telemetry';
import type { DeploymentSpec, HistoryStep, WorldSpec } from './spec';
import { EventQueue } from './clock';
import { type ControllerName, type Ctx, keyOf } from './context';
import { EventHub } from './events';
import { Prng } from './names';
import { cloneJson } from './json';
import { type Draft, Store, deepFreeze } from './store';
import { rfc3339 } from './format';
import { STATUS_SUBRESOURCE, alreadyExistsError, applyDefaults, conflictError, invalidError, notFoundError, podUpdateForbidden, qualifiedResourceOf, validateObject } from './writes';
import { podLogs } from './logs';
import { DeploymentController, sortKeys } from './controllers/deployment';
import { ANNOTATIONS_TO_SKIP, CHANGE_CAUSE, HASH_LABEL, equalIgnoreHash, revisionOf } from './controllers/deploymentUtil';
import { EndpointsController } from './controllers/endpoints';
import { JobController, jobObject } from './controllers/job';
import { Kubelet } from './controllers/kubelet';
import { NodeStatusReporter } from './controllers/nodeStatus';
import { ReplicaSetController } from './controllers/replicaset';
import { Scheduler } from './controllers/scheduler';
import { controllerUid, isPodReady, isTerminal, labelsMatch } from './objects/podStatus';
import { admittedPodSpec, defaultedTemplate, qosClass } from './objects/podTemplate';
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
/** Where the (managed) control plane's API server listens; no node has this address. */
const APISERVER_IP = '10.0.0.1';
const INFORMER_BATCH_MS = 50;
/** How long the garbage collector takes to notice that an owner is gone. */
const GC_DELAY_MS = 120;
/** Namespaces that every kubeadm cluster has. */
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Every kind, in the order dumps list them. */
export const ALL_KINDS: readonly Kind[] = [
  'Namespace',
  'Node',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Service',
  'EndpointSlice',
  'Endpoints',
  'Deployment',
  'ReplicaSet',
  'Pod',
  'Event',
  'Job',
];

function ownerSignature(pod: Pod | undefined): string {
  if (pod === undefined) return '';
  return `${pod.metadata?.deletionTimestamp ?? ''}|${pod.status?.phase}|${isPodReady(pod)}|${pod.spec?.nodeName ?? ''}|${pod.metadata?.resourceVersion === undefined}`;
}

function endpointSignature(pod: Pod | undefined): string {
  if (pod === undefined) return '';
  return `${ownerSignature(pod)}|${pod.status?.podIP ?? ''}|${JSON.stringify(pod.metadata?.labels ?? {})}`;
}

/**
 * The Job strategy's PrepareForCreate and generateSelector: the pods' labels (and the Job's, when
 * it has none) carry the Job's uid and name, and the selector is the uid label.
 */
function admitJob(job: Draft<Job>, uid: string): void {
  const name = job.metadata?.name ?? '';
  const spec = job.spec;
  if (spec === undefined) return;
  const template = (spec.template ??= {});
  const tmeta = (template.metadata ??= {});
  const labels: Record<string, string> = {
    ...(tmeta.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  tmeta.labels = sorted;
  (tmeta as { creationTimestamp?: string | null }).creationTimestamp = null;
  if (spec.manualSelector !== true) {
    spec.manualSelector = false;
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  }
  const meta = (job.metadata ??= {});
  if (meta.labels === undefined || Object.keys(meta.labels).length === 0) meta.labels = { ...sorted };
  meta.generation = 1;
  job.status = {};
}

export interface ClusterOptions {
  /** Run crash loops restart by restart even when nothing observes them (tests compare). */
  eagerCrashLoops?: boolean;
  /**
   * Record telemetry (telemetry.ts) every 15 s of sim time from an hour before arrival on, for
   * the game's metrics panel. Off by default: nothing else needs it.
   */
  telemetry?: boolean;
  /**
   * Build the world but leave the catch-up to the arrival to the caller (`advanceSteps` until it
   * returns true): buildClusterInSlices in index.ts. The same world as without it.
   */
  deferArrival?: boolean;
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
  private scheduler: Scheduler;
  private nodeStatus: NodeStatusReporter;
  private controllers: Record<ControllerName, { sync(key: string): void }>;
  /** Owner uid -> keys of the pods / replica sets it controls. */
  private podsByOwner = new Map<string, Set<string>>();
  private rsByOwner = new Map<string, Set<string>>();
  private rsKeyByUid = new Map<string, string>();
  /** Deployment uid -> key, for owners found from their replica sets' references. */
  private deploymentKeyByUid = new Map<string, string>();
  private jobKeyByUid = new Map<string, string>();
  /** Owned keys in name order, by kind and owner uid (invalidated when the owner's set changes). */
  private ownedSorted = new Map<string, string[]>();
  private caPem: string;
  /** Service account uids: their own stream, so adding them left every other name unchanged. */
  private saUids: Prng;
  private telemetryRecorder: { recorder: TelemetryRecorder; nextAt: number } | undefined;

  constructor(
    private spec: WorldSpec,
    arrivalMs: number,
    options: ClusterOptions = {},
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
    this.saUids = new Prng(spec.seed, 5);
    this.kubelet = new Kubelet(this.ctx, options.eagerCrashLoops === true);
    this.scheduler = new Scheduler(this.ctx);
    this.nodeStatus = new NodeStatusReporter(this.ctx);
    this.controllers = {
      deployment: new DeploymentController(this.ctx, (uid) => this.ownedReplicaSets(uid), (uid) => this.ownedPods(uid)),
      replicaset: new ReplicaSetController(this.ctx, (uid) => this.ownedPods(uid)),
      scheduler: this.scheduler,
      kubelet: this.kubelet,
      endpoints: new EndpointsController(this.ctx),
      job: new JobController(this.ctx, (uid) => this.ownedPods(uid)),
    };
    this.store.onChange((kind, before, after) => this.route(kind, before, after));
    // What a container reads when it starts: lazy crash loops catch up before it changes.
    this.store.onBeforeChange((kind, namespace) => {
      if (kind === 'ConfigMap' || kind === 'Secret') this.kubelet.beforeInputChange(namespace ?? 'default');
      else if (kind === 'EndpointSlice') this.kubelet.beforeInputChange(namespace ?? 'default', true);
    });

    if (options.telemetry === true) {
      const from = arrivalMs - TELEMETRY_BEFORE_ARRIVAL_MS;
      const grid = lastScrape(from, spec.seed);
      this.telemetryRecorder = { recorder: new TelemetryRecorder(), nextAt: grid < from ? grid + METRIC_RESOLUTION_MS : grid };
    }
    this.bootstrap(start);
    for (const step of spec.history) {
      this.schedule(arrivalMs + step.at * 1000, () => this.applyStep(step));
    }
    if (options.deferArrival !== true) this.advanceTo(arrivalMs);
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

  exec(req: ExecRequest): ExecResult {
    return execInContainer(this, (ns, pod) => this.kubelet.runtimeOf(ns, pod), req);
  }

  metrics(): MetricsSnapshot {
    return metricsSnapshot(this, (ns, pod) => this.kubelet.runtimeOf(ns, pod), this.spec.seed);
  }

  telemetry(): readonly TelemetrySample[] {
    return this.telemetryRecorder?.recorder.all() ?? [];
  }

  // ---- ClusterControl -----------------------------------------------------------------------

  advanceTo(ms: number): void {
    this.advanceSteps(ms, Infinity);
  }

  /**
   * `advanceTo(ms)` in slices: runs at most `steps` timers or telemetry samples and returns false,
   * or finishes (the clock then stands at `ms`) and returns true. Calling it until it returns true
   * is exactly advanceTo(ms), provided nothing else touches the cluster in between.
   */
  advanceSteps(ms: number, steps: number): boolean {
    if (ms < this.clock) return true;
    for (let done = 0; ; done++) {
      if (done >= steps) return false;
      const next = this.queue.peekTime();
      const sample = this.telemetryRecorder;
      if (sample !== undefined && sample.nextAt <= ms && (next === undefined || next > sample.nextAt)) {
        // A sample sees the world as anyone looking at that instant would: lazy pods caught up.
        this.clock = Math.max(this.clock, sample.nextAt);
        this.observe();
        sample.recorder.record(this, this.metrics(), sample.nextAt);
        sample.nextAt += METRIC_RESOLUTION_MS;
        continue;
      }
      if (next === undefined || next > ms) break;
      const timer = this.queue.pop()!;
      this.clock = Math.max(this.clock, timer.at);
      timer.run();
      this.drain();
    }
    this.clock = ms;
    this.observe();
    this.nodeStatus.reportUntil(ms);
    return true;
  }

  /**
   * Before anyone looks: lazy pods catch up to now, Events past their hour go, and whatever that
   * left due by now runs.
   */
  private observe(): void {
    for (let rounds = 0; rounds < 100; rounds++) {
      this.kubelet.settleAll(this.clock);
      this.ctx.events.expire(this.clock);
      const next = this.queue.peekTime();
      if (next === undefined || next > this.clock) break;
      while ((this.queue.peekTime() ?? Infinity) <= this.clock) {
        this.queue.pop()!.run();
        this.drain();
      }
    }
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
    this.settle();
    const after = this.store.get('Deployment', namespace, name);
    return { ok: true, value: { revision: Number(after?.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) } };
  }

  create<K extends Kind>(kind: K, obj: KindMap[K], opts: WriteOptions = {}): MutationResult<KindMap[K]> {
    const draft = cloneJson(obj) as Draft<AnyObject>;
    const meta = (draft.metadata ??= {});
    if (CLUSTER_SCOPED.has(kind)) delete meta.namespace;
    else {
      meta.namespace ??= 'default';
      const ns = this.store.get('Namespace', undefined, meta.namespace);
      if (ns === undefined) return { ok: false, message: notFoundError('Namespace', meta.namespace) };
      if (ns.metadata?.deletionTimestamp !== undefined) {
        const what = meta.name ? `${qualifiedResourceOf(kind)} "${meta.name}"` : qualifiedResourceOf(kind);
        return { ok: false, message: `Error from server (Forbidden): ${what} is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated` };
      }
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.ctx.names.suffix(5);
    for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) delete meta[f];
    applyDefaults(kind, draft as AnyObject);
    const errs = validateObject(kind, draft as AnyObject);
    if (errs.length > 0) return { ok: false, message: invalidError(kind, meta.name ?? '', errs) };
    const name = meta.name ?? '';
    if (this.store.get(kind, meta.namespace, name) !== undefined) return { ok: false, message: alreadyExistsError(kind, name) };
    this.admit(kind, draft as AnyObject);
    meta.uid = this.ctx.names.uuid();
    if (kind === 'Job') admitJob(draft as Draft<Job>, meta.uid);
    if (opts.dryRun) {
      meta.creationTimestamp = rfc3339(this.clock);
      if (kind === 'Deployment' || kind === 'ReplicaSet') meta.generation = 1;
      return { ok: true, value: deepFreeze(draft as KindMap[K]) };
    }
    const stored = this.store.create(kind, draft as KindMap[K], this.clock);
    this.settle();
    return { ok: true, value: this.store.get(kind, meta.namespace, name) ?? stored };
  }

  replace<K extends Kind>(kind: K, obj: KindMap[K], opts: WriteOptions = {}): MutationResult<KindMap[K]> {
    const name = obj.metadata?.name ?? '';
    const namespace = CLUSTER_SCOPED.has(kind) ? undefined : (obj.metadata?.namespace ?? 'default');
    const existing = this.store.get(kind, namespace, name);
    if (existing === undefined) return { ok: false, message: notFoundError(kind, name) };
    const rv = obj.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== existing.metadata?.resourceVersion) return { ok: false, message: conflictError(kind, name) };
    const next = cloneJson(obj) as Draft<AnyObject>;
    const meta = (next.metadata ??= {});
    const old = existing.metadata ?? {};
    meta.name = name;
    if (namespace !== undefined) meta.namespace = namespace;
    else delete meta.namespace;
    meta.uid = old.uid;
    meta.creationTimestamp = old.creationTimestamp;
    delete meta.generation;
    if (old.generation !== undefined) meta.generation = old.generation;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (old.deletionTimestamp !== undefined) meta.deletionTimestamp = old.deletionTimestamp;
    if (old.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
    meta.resourceVersion = old.resourceVersion;
    const status = (existing as { status?: unknown }).status;
    if (STATUS_SUBRESOURCE.has(kind)) {
      if (status === undefined) delete (next as { status?: unknown }).status;
      else (next as { status?: unknown }).status = cloneJson(status);
    }
    applyDefaults(kind, next as AnyObject);
    if (kind === 'Service') {
      // An update that leaves the allocated IP (or node ports) out keeps them (patchAllocatedValues).
      const before = (existing as KindMap['Service']).spec;
      const spec = ((next as Draft<KindMap['Service']>).spec ??= {});
      if (!spec.clusterIP && before?.clusterIP) {
        spec.clusterIP = before.clusterIP;
        spec.clusterIPs = before.clusterIPs ? [...before.clusterIPs] : [before.clusterIP];
      }
      for (const p of spec.ports ?? []) {
        const old = before?.ports?.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        if (p.nodePort === undefined && old?.nodePort !== undefined && spec.type !== 'ClusterIP') p.nodePort = old.nodePort;
      }
    }
    const errs = validateObject(kind, next as AnyObject, existing);
    if (kind === 'Pod') {
      const forbidden = podUpdateForbidden((existing as KindMap['Pod']).spec, (next as KindMap['Pod']).spec);
      if (forbidden !== undefined) errs.push(forbidden);
    }
    if (errs.length > 0) return { ok: false, message: invalidError(kind, name, errs) };
    if (opts.dryRun) return { ok: true, value: deepFreeze(next as KindMap[K]) };
    const stored = this.store.update(kind, namespace, name, (d) => {
      const w = d as Record<string, unknown>;
      for (const k of Object.keys(w)) delete w[k];
      Object.assign(w, next);
    });
    this.settle();
    return { ok: true, value: this.store.get(kind, namespace, name) ?? stored ?? existing };
  }

  delete<K extends Kind>(kind: K, namespace: string | undefined, name: string, opts: DeleteOptions = {}): MutationResult<KindMap[K]> {
    const ns = CLUSTER_SCOPED.has(kind) ? undefined : namespace;
    const existing = this.store.get(kind, ns, name);
    if (existing === undefined) return { ok: false, message: notFoundError(kind, name) };
    if (opts.dryRun) return { ok: true, value: existing };
    if (opts.propagationPolicy === 'Orphan') this.orphanDependents(existing);
    if (kind === 'Pod') {
      const pod = existing as KindMap['Pod'];
      const grace = Math.max(0, opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
      const deadline = this.clock + grace * 1000;
      const current = pod.metadata?.deletionTimestamp;
      if (grace === 0 || !pod.spec?.nodeName) {
        this.store.delete('Pod', ns, name);
      } else if (current === undefined || Date.parse(current) > deadline) {
        this.store.update('Pod', ns, name, (p) => {
          p.metadata!.deletionTimestamp = rfc3339(deadline);
          p.metadata!.deletionGracePeriodSeconds = grace;
        });
      }
      this.settle();
      return { ok: true, value: this.store.get(kind, ns, name) ?? existing };
    }
    if (kind === 'Namespace') {
      this.terminateNamespace(name);
      this.settle();
      return { ok: true, value: this.store.get(kind, undefined, name) ?? existing };
    }
    this.store.delete(kind, ns, name);
    this.settle();
    return { ok: true, value: existing };
  }

  /**
   * The namespace controller: a deleted namespace turns Terminating, everything in it is deleted
   * (pods gracefully, owners first so nothing is recreated), and it goes once no pod is left.
   */
  private terminateNamespace(name: string): void {
    const ns = this.store.get('Namespace', undefined, name);
    if (ns === undefined) return;
    if (ns.metadata?.deletionTimestamp === undefined) {
      this.store.update('Namespace', undefined, name, (n) => {
        n.metadata!.deletionTimestamp = rfc3339(this.clock);
        (n.status ??= {}).phase = 'Terminating';
      });
    }
    this.schedule(this.clock + GC_DELAY_MS, () => this.sweepNamespace(name));
  }

  private sweepNamespace(name: string): void {
    if (this.store.get('Namespace', undefined, name) === undefined) return;
    for (const kind of ['Deployment', 'ReplicaSet', 'Service', 'EndpointSlice', 'Secret', 'ConfigMap', 'Pod'] as const) {
      for (const obj of this.store.list(kind, name)) {
        if (kind === 'Pod' && obj.metadata?.deletionTimestamp !== undefined) continue;
        this.delete(kind, name, obj.metadata?.name ?? '');
      }
    }
    if (this.store.list('Pod', name).length > 0) {
      this.schedule(this.clock + 1000, () => this.sweepNamespace(name));
      return;
    }
    for (const e of this.store.list('Event', name)) this.store.delete('Event', name, e.metadata?.name ?? '');
    this.store.delete('Namespace', undefined, name);
  }

  /** Run the controllers a write woke, and let the kubelets report, before answering. */
  private settle(): void {
    this.drain();
    this.kubelet.settleAll(this.clock);
    this.ctx.events.expire(this.clock);
  }

  /** What admission adds to a new object: a pod's service-account volume and QoS, a Service's IP. */
  private admit(kind: Kind, obj: AnyObject): void {
    if (kind === 'Pod') {
      const pod = obj as Draft<KindMap['Pod']>;
      pod.spec = admittedPodSpec({ spec: pod.spec as KindMap['Pod']['spec'] }, `kube-api-access-${this.ctx.names.suffix(5)}`) as typeof pod.spec;
      pod.status = { phase: 'Pending' };
      pod.status.qosClass = qosClass(pod as KindMap['Pod']);
    } else if (kind === 'Service') {
      const svc = obj as Draft<KindMap['Service']>;
      const spec = (svc.spec ??= {});
      if (spec.clusterIP === undefined || spec.clusterIP === '') {
        const taken = new Set(this.store.list('Service').map((s) => s.spec?.clusterIP ?? ''));
        taken.add('10.96.0.10');
        spec.clusterIP = allocateClusterIP(this.ctx.names, taken);
      }
      spec.clusterIPs ??= [spec.clusterIP];
      svc.status ??= { loadBalancer: {} };
    } else if (kind === 'Deployment') {
      (obj as Draft<Deployment>).status ??= {};
    }
  }

  /** DeleteOptions.propagationPolicy=Orphan: dependents lose their owner reference and stay. */
  private orphanDependents(owner: AnyObject): void {
    const uid = owner.metadata?.uid;
    if (uid === undefined) return;
    for (const dep of this.dependents(owner)) {
      this.store.update(dep.kind, dep.namespace, dep.name, (d) => {
        const refs = (d.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (refs.length > 0) d.metadata!.ownerReferences = refs;
        else delete d.metadata!.ownerReferences;
      });
    }
  }

  /** Objects whose ownerReferences name `owner` (the garbage collector's graph, for the kinds that own). */
  private dependents(owner: AnyObject): { kind: 'Pod' | 'ReplicaSet' | 'EndpointSlice'; namespace: string | undefined; name: string }[] {
    const uid = owner.metadata?.uid ?? '';
    const ns = owner.metadata?.namespace;
    const out: { kind: 'Pod' | 'ReplicaSet' | 'EndpointSlice'; namespace: string | undefined; name: string }[] = [];
    const owns = (o: AnyObject): boolean => (o.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);
    const kind = owner.kind;
    if (kind === 'Deployment') {
      for (const rs of this.ownedReplicaSets(uid)) out.push({ kind: 'ReplicaSet', namespace: ns, name: rs.metadata?.name ?? '' });
    } else if (kind === 'ReplicaSet' || kind === 'Job') {
      for (const p of this.ownedPods(uid)) out.push({ kind: 'Pod', namespace: ns, name: p.metadata?.name ?? '' });
    } else if (kind === 'Service') {
      for (const s of this.store.list('EndpointSlice', ns)) if (owns(s)) out.push({ kind: 'EndpointSlice', namespace: ns, name: s.metadata?.name ?? '' });
    }
    return out;
  }

  /**
   * The garbage collector: a moment after an owner is gone, its dependents are deleted (pods
   * gracefully), which in turn collects theirs.
   */
  private collectGarbage(owner: AnyObject): void {
    const uid = owner.metadata?.uid;
    if (uid === undefined) return;
    this.schedule(this.clock + GC_DELAY_MS, () => {
      for (const dep of this.dependents(owner)) {
        const obj = this.store.get(dep.kind, dep.namespace, dep.name);
        if (obj === undefined) continue;
        const others = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (others.length > 0) continue;
        this.delete(dep.kind, dep.namespace, dep.name);
      }
    });
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
        this.scheduler.account(key, pod);
        // Resources held on a node are freed when its pod goes away or finishes.
        if (old?.spec?.nodeName && !isTerminal(old) && (pod === undefined || isTerminal(pod))) this.scheduler.roomMayHaveAppeared();
        if (pod?.spec?.nodeName || (pod === undefined && old?.spec?.nodeName)) {
          // A write that keeps the spec (the same object: the kubelet's own status writes, a
          // label) of a pod not being deleted gives the kubelet's sync nothing to notice: the spec
          // it saw last, or a sync still queued, already covers it.
          const quiet =
            old !== undefined &&
            pod !== undefined &&
            old.spec === pod.spec &&
            old.metadata?.uid === pod.metadata?.uid &&
            old.metadata?.deletionTimestamp === undefined &&
            pod.metadata?.deletionTimestamp === undefined;
          if (!quiet) this.enqueue('kubelet', key);
        }
        else if (pod && pod.metadata?.deletionTimestamp === undefined) this.enqueue('scheduler', key);
        // Owners only care whether a pod exists, is active and is ready; most kubelet status
        // writes (a crash-looping container's restarts) change none of that.
        const ownerChanged = ownerSignature(old) !== ownerSignature(pod);
        if (ownerChanged || (pod !== undefined && old?.status?.containerStatuses !== pod.status?.containerStatuses)) {
          const jobKey = this.jobKeyByUid.get(controllerUid(obj as Pod) ?? '');
          if (jobKey !== undefined) this.enqueueSoon('job', jobKey);
        }
        if (ownerChanged) {
          const rsKey = this.rsKeyByUid.get(controllerUid(obj as Pod) ?? '');
          if (rsKey !== undefined) {
            this.enqueueSoon('replicaset', rsKey);
            const i = rsKey.indexOf('/');
            const rs = this.store.get('ReplicaSet', rsKey.slice(0, i), rsKey.slice(i + 1));
            const dUid = rs ? controllerUid(rs) : undefined;
            if (dUid !== undefined) this.enqueueDeploymentByUid(rsKey.slice(0, i), dUid, true);
          }
        }
        // A status write keeps the labels object: compare the rest before spelling labels out.
        const endpointsChanged =
          ownerChanged ||
          old === undefined ||
          pod === undefined ||
          old.status?.podIP !== pod.status?.podIP ||
          (old.metadata?.labels !== pod.metadata?.labels && endpointSignature(old) !== endpointSignature(pod));
        if (endpointsChanged) {
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
        else this.collectGarbage(obj);
        const dUid = controllerUid(obj as ReplicaSet);
        if (dUid !== undefined) this.enqueueDeploymentByUid(ns ?? '', dUid, true);
        break;
      }
      case 'Deployment':
        if (after) this.deploymentKeyByUid.set(after.metadata?.uid ?? '', key);
        else if (this.deploymentKeyByUid.get(before?.metadata?.uid ?? '') === key) this.deploymentKeyByUid.delete(before?.metadata?.uid ?? '');
        if (after) this.enqueue('deployment', key);
        else this.collectGarbage(obj);
        break;
      case 'Service':
        if (after) this.enqueue('endpoints', key);
        else this.collectGarbage(obj);
        break;
      case 'Node':
        if (before === undefined) this.scheduler.roomMayHaveAppeared();
        break;
      case 'Job':
        if (after) this.jobKeyByUid.set(after.metadata?.uid ?? '', key);
        else this.jobKeyByUid.delete(before?.metadata?.uid ?? '');
        if (after && before === undefined) this.enqueue('job', key);
        if (after === undefined) this.collectGarbage(obj);
        break;
      case 'EndpointSlice':
        // Whether a Service is reachable may decide how a container answers its probes.
        this.kubelet.worldChanged();
        break;
      default:
        break;
    }
  }

  private enqueueDeploymentByUid(namespace: string, uid: string, soon: boolean): void {
    const key = this.deploymentKeyByUid.get(uid);
    // Owner references are namespace-local: a deployment elsewhere with that uid is no owner.
    if (key === undefined || !key.startsWith(`${namespace}/`) || !this.store.hasKey('Deployment', key)) return;
    if (soon) this.enqueueSoon('deployment', key);
    else this.enqueue('deployment', key);
  }

  private index(map: Map<string, Set<string>>, before: AnyObject | undefined, after: AnyObject | undefined, key: string): void {
    const oldOwner = before ? controllerUid(before as Pod) : undefined;
    const newOwner = after ? controllerUid(after as Pod) : undefined;
    // Dependents come and go (or change owner) far less often than they are written.
    if (oldOwner === newOwner && before !== undefined && after !== undefined) return;
    const kind = map === this.podsByOwner ? 'Pod' : 'ReplicaSet';
    if (oldOwner !== undefined) this.ownedSorted.delete(`${kind}\u0000${oldOwner}`);
    if (newOwner !== undefined) this.ownedSorted.delete(`${kind}\u0000${newOwner}`);
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
    const cacheKey = `${kind}\u0000${uid}`;
    let keys = this.ownedSorted.get(cacheKey);
    if (keys === undefined) {
      keys = [...(map.get(uid) ?? [])].sort();
      this.ownedSorted.set(cacheKey, keys);
    }
    for (const key of keys) {
      // Pods and replica sets are namespaced: keyOf is the store's own key for them.
      const obj = this.store.getByKey(kind, key);
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
    this.createApiServerEndpoints(clusterStart);
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

  /**
   * The API server's own endpoints for the `kubernetes` Service (which has no selector), as its
   * endpoint reconciler writes them: an Endpoints marked skip-mirror and its EndpointSlice. The
   * control plane here is managed (not one of the nodes), at APISERVER_IP. uids come from a
   * stream of their own so every other name and uid stays as it was.
   */
  private createApiServerEndpoints(at: number): void {
    const uids = new Prng(this.spec.seed, 6);
    const port = { name: 'https', port: 6443, protocol: 'TCP' };
    this.store.create(
      'Endpoints',
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, name: 'kubernetes', namespace: 'default', uid: uids.uuid() },
        subsets: [{ addresses: [{ ip: APISERVER_IP }], ports: [port] }],
      },
      at,
    );
    this.store.create(
      'EndpointSlice',
      {
        addressType: 'IPv4',
        apiVersion: 'discovery.k8s.io/v1',
        endpoints: [{ addresses: [APISERVER_IP], conditions: { ready: true } }],
        kind: 'EndpointSlice',
        metadata: { labels: { 'kubernetes.io/service-name': 'kubernetes' }, name: 'kubernetes', namespace: 'default', uid: uids.uuid() },
        ports: [port],
      },
      at,
    );
  }

  private createNamespace(name: string, at: number): void {
    const { names } = this.ctx;
    this.store.create('Namespace', namespaceObject(name, names.uuid()), at);
    this.store.create('ConfigMap', rootCaConfigMap(name, names.uuid(), this.caPem), at);
    // The serviceaccount controller gives every namespace its `default` account.
    this.store.create('ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name, uid: this.saUids.uuid() } }, at);
  }

  private applyStep(step: HistoryStep): void {
    if (step.action === 'createDeployment') this.createDeployment(step.deployment, step.changeCause);
    else if (step.action === 'createJob') this.store.create('Job', jobObject(step.job, this.ctx.names.uuid()), this.clock);
    else if (step.action === 'updateDeployment') this.updateDeployment(step.namespace, step.name, step.containers, step.changeCause, step.volumes, step.labels);
    else if (step.action === 'scaleDeployment') this.store.update('Deployment', step.namespace, step.name, (d) => void (d.spec!.replicas = step.replicas));
    else if (step.action === 'createSecret') this.createIfAbsent('Secret', secretObject(step.secret, this.ctx.names.uuid()));
    else if (step.action === 'createConfigMap') this.createIfAbsent('ConfigMap', configMapObject(step.configMap, this.ctx.names.uuid()));
    else if (step.action === 'updateConfigMap') {
      const data = { ...step.configMap.data };
      this.store.update('ConfigMap', step.configMap.namespace, step.configMap.name, (cm) => {
        cm.data = data;
      });
    } else if (step.action === 'recreateSecret') {
      this.store.delete('Secret', step.secret.namespace, step.secret.name);
      this.store.create('Secret', secretObject(step.secret, this.ctx.names.uuid()), this.clock);
    } else this.restartDeployment(step.namespace, step.name, step.changeCause);
  }

  /** What `kubectl rollout restart` writes: the restart time as a template annotation (kubectl's RESTARTED_AT). */
  private restartDeployment(namespace: string, name: string, changeCause?: string): void {
    const at = rfc3339(this.clock);
    this.store.update('Deployment', namespace, name, (d) => {
      const meta = (d.spec!.template.metadata ??= {});
      meta.annotations = { ...(meta.annotations ?? {}), ['kubectl.kubernetes.io/restartedAt']: at };
      if (changeCause !== undefined) d.metadata!.annotations = sortKeys({ ...(d.metadata!.annotations ?? {}), [CHANGE_CAUSE]: changeCause });
    });
  }

  private createIfAbsent<K extends 'Secret' | 'ConfigMap'>(kind: K, obj: KindMap[K]): void {
    if (this.store.get(kind, obj.metadata?.namespace, obj.metadata?.name ?? '') !== undefined) return;
    this.store.create(kind, obj, this.clock);
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
        template: defaultedTemplate(spec.template.labels, spec.template.annotations, spec.template.containers, spec.template.volumes),
      },
      status: {},
    };
    this.store.create('Deployment', d, this.clock);
  }

  private updateDeployment(
    namespace: string,
    name: string,
    containers: DeploymentSpec['template']['containers'],
    changeCause?: string,
    volumes?: DeploymentSpec['template']['volumes'],
    labels?: DeploymentSpec['template']['labels'],
  ): void {
    this.store.update('Deployment', namespace, name, (d) => {
      const t = d.spec!.template;
      const fresh = defaultedTemplate(labels ?? t.metadata?.labels ?? {}, t.metadata?.annotations, containers, volumes);
      if (volumes === undefined && t.spec?.volumes !== undefined) fresh.spec!.volumes = t.spec.volumes;
      d.spec!.template = fresh;
      // Like `kubectl set image`: a deploy without a recorded cause keeps the old annotation.
      if (changeCause !== undefined) d.metadata!.annotations = sortKeys({ ...(d.metadata!.annotations ?? {}), [CHANGE_CAUSE]: changeCause });
    });
  }
}
