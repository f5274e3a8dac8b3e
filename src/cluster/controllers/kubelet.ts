/**
 * The kubelets of all nodes. Each bound pod gets a sandbox and an IP, then its containers are
 * started in order (image pull, env resolution, create, start) and run as their image's
 * behaviour says. Exits lead to restarts under the container back-off (10 s doubling to 5 m,
 * reset after 10 minutes of running); while a pod waits, the pod worker retries every 10-15 s
 * and each retry records BackOff (or Failed for config errors). Those retries are recorded
 * lazily (see Series) so that hours of crash looping cost little.
 */
import type { ContainerStatus, ObjectReference, Pod } from 'kubernetes-types/core/v1';
import { EventQueue } from '../clock';
import type { EventRecorder } from '../events';
import { type Ctx, keyOf, splitKey } from '../context';
import { goDuration } from '../format';
import type { ImageBehaviour } from '../spec';
import { imageSize } from '../objects/infra';
import { type RunInputs, type RunPlan, memoryLimitOf, planRun, resolveEnv } from './containerBehaviour';
import { SERVICE_NAME_LABEL } from './endpoints';
import { type ContainerRt, type LazyTimeline, type PodRt, PlannedRun, type Run, type Series, isRunning, podStatus, restartsAfter } from './kubeletRuntime';
import { type ProbeHost, Prober } from './probes';
import { VolumeMounter, mountedFileReader } from './volumes';

const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const WORKER_RETRY_MIN_MS = 10_000;
const WORKER_RETRY_MAX_MS = 15_000;

/**
 * Whether a container's restart count or ID differs between two statuses: then they surely
 * differ and the store's deep no-op check can be skipped (a crash-looping pod's every write).
 */
function restartsMoved(before: readonly ContainerStatus[] | undefined, after: readonly ContainerStatus[] | undefined): boolean {
  if (before === undefined || after === undefined || before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a.restartCount !== b.restartCount || a.containerID !== b.containerID) return true;
  }
  return false;
}

/** What `hex(64)` (a container ID) draws from a stream: eight hex digits a draw. */
const CONTAINER_ID_DRAWS = 8;

export class Kubelet {
  private pods = new Map<string, PodRt>();
  private byKey = new Map<string, string>();
  /** image -> time it became present, per node. */
  private images = new Map<string, Map<string, number>>();
  private ipsInUse = new Map<string, Set<string>>();
  private nextIp = new Map<string, number>();
  private behaviours: ReadonlyMap<string, ImageBehaviour>;
  /** World facts (e.g. the database schema version): start from the spec, runs may change them. */
  private facts: Map<string, string>;
  private volumes: VolumeMounter;

  private prober: Prober;
  /** Pods that may have lazily recorded observations to write (see settleAll). */
  private active = new Set<PodRt>();
  /** Each node's kubelet event recorder. */
  private recorders = new Map<string, EventRecorder>();
  /** Pods whose crash loop runs on their own timeline until something observes them. */
  private lazyPods = new Set<PodRt>();
  /** Per image: whether its behaviour depends on which Services are reachable. */
  private readsEndpoints = new Map<string, boolean>();

  constructor(
    private ctx: Ctx,
    /** Run every crash loop restart by restart on the cluster's clock (tests compare both ways). */
    private eagerCrashLoops = false,
  ) {
    this.volumes = new VolumeMounter(ctx);
    this.behaviours = new Map(ctx.spec.images.map((b) => [b.image, b]));
    this.facts = new Map(Object.entries(ctx.spec.facts ?? {}));
    this.prober = new Prober(this.probeHost());
  }

  /** How the prober's findings reach the pod: events, readiness, and kills after failed probes. */
  private probeHost(): ProbeHost {
    return {
      schedule: (at, fn) => this.ctx.schedule(at, fn),
      unhealthy: (rt, c, message, first, step, count) =>
        this.recorder(rt).recordSeries(this.containerRef(rt, c), 'Warning', 'Unhealthy', message, first, step, count),
      setReady: (rt, c, ready) => {
        c.ready = ready;
        this.writeStatus(rt);
      },
      setStarted: (rt) => this.writeStatus(rt),
      failed: (rt, c, kind, at, onSigterm) => {
        const message = `Container ${c.spec.name} failed ${kind.toLowerCase()} probe, will be restarted`;
        this.recorder(rt).record(this.containerRef(rt, c), 'Normal', 'Killing', message, at);
        // SIGTERM, then SIGKILL once the grace period is over.
        const grace = (this.ctx.store.get('Pod', rt.namespace, rt.name)?.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
        const after = (onSigterm?.after ?? 0) * 1000;
        const exitAt = at + Math.min(after, grace) + rt.rng.int(50, 300);
        const code = after > grace ? 137 : (onSigterm?.code ?? 143);
        const token = c.token;
        this.ctx.schedule(exitAt, () => {
          if (token !== c.token || !isRunning(c) || rt.killing) return;
          this.flush(rt, exitAt);
          this.exited(rt, c, exitAt, code, code === 0 ? 'Completed' : 'Error');
        });
      },
    };
  }

  /** Facts or Service endpoints changed: probe answers that depend on them may change. */
  worldChanged(): void {
    if (!this.prober.hasLiveAnswers()) return;
    const at = this.ctx.now();
    this.ctx.schedule(at, () => this.prober.worldChanged(at));
  }

  /** The world facts as they stand now. */
  worldFacts(): ReadonlyMap<string, string> {
    return this.facts;
  }

  /** Whether a Service has a ready endpoint: what a container connecting to it would find. */
  private reachable(namespace: string, service: string): boolean {
    return this.ctx.store
      .list('EndpointSlice', namespace)
      .some(
        (s) =>
          s.metadata?.labels?.[SERVICE_NAME_LABEL] === service &&
          (s.endpoints ?? []).some((e) => e.conditions?.ready === true),
      );
  }

  runtimeOf(namespace: string, name: string): PodRt | undefined {
    const uid = this.byKey.get(keyOf(namespace, name));
    return uid === undefined ? undefined : this.pods.get(uid);
  }

  /** Notice new bindings and deletion requests. */
  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = this.ctx.store.get('Pod', namespace, name);
    if (pod === undefined) {
      // Removed from the API without waiting (`--force --grace-period=0`): the containers
      // still get stopped.
      const gone = this.runtimeOf(namespace, name);
      if (gone !== undefined) this.wake(gone);
      if (gone !== undefined && !gone.killing) this.kill(gone);
      return;
    }
    if (!pod.spec?.nodeName) return;
    const uid = pod.metadata?.uid ?? '';
    let rt = this.pods.get(uid);
    if (rt === undefined) rt = this.admit(pod);
    else if (!rt.killing && pod.metadata?.deletionTimestamp === undefined) this.noticeSpecChange(rt, pod);
    if (pod.metadata?.deletionTimestamp !== undefined && !rt.killing) {
      this.wake(rt);
      const target = rt;
      const at = this.ctx.now() + target.rng.int(50, 200);
      this.ctx.schedule(at, () => this.kill(target));
    }
  }

  /**
   * A container's spec changed (its image, the one mutable field of a pod's container): the
   * kubelet's next sync sees a container hash that differs from the running container's
   * (computePodActions, containerChanged) and restarts it with the new spec.
   */
  private noticeSpecChange(rt: PodRt, pod: Pod): void {
    const specs = pod.spec?.containers;
    if (specs === undefined) return;
    let changed = false;
    for (let i = 0; i < rt.containers.length; i++) {
      const c = rt.containers[i]!;
      const s = specs[i];
      const known = c.nextSpec ?? c.spec;
      if (s === undefined || s === known || s.name !== c.spec.name) continue;
      if (s.image === known.image) {
        // The same definition in a new object (another write to the pod): nothing to do.
        if (c.nextSpec !== undefined) c.nextSpec = s;
        else c.spec = s;
        continue;
      }
      if (c.latest === undefined && rt.sandboxAt === undefined) {
        // Nothing started yet: the first sync starts the new definition.
        c.spec = s;
        continue;
      }
      c.nextSpec = s;
      changed = true;
    }
    if (!changed) return;
    // A pod playing out its crash loop on its own clock comes back to the cluster's first.
    this.wake(rt);
    this.requestSync(rt, this.ctx.now() + rt.rng.int(20, 120));
  }

  /** Write every lazily recorded observation due by `at`. */
  settleAll(at: number): void {
    // Only pods with something recorded lazily (a crash loop on its own clock, back-off retries,
    // probe results) have anything to write; the rest of a big world costs nothing here.
    for (const rt of this.active) {
      this.flush(rt, at);
      if (rt.lazy === undefined && rt.series === undefined && !this.prober.probing(rt)) this.active.delete(rt);
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  private admit(pod: Pod): PodRt {
    const now = this.ctx.now();
    const rt: PodRt = {
      uid: pod.metadata?.uid ?? '',
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      node: pod.spec?.nodeName ?? '',
      rng: this.ctx.runtime.fork(),
      containers: (pod.spec?.containers ?? []).map((spec) => ({ spec, restartCount: 0, ready: false, token: 0 })),
      ready: { value: false, at: now },
      containersReady: { value: false, at: now },
      gen: 0,
      busy: false,
      pendingSync: false,
      killing: false,
      restartPolicy: pod.spec?.restartPolicy,
    };
    this.pods.set(rt.uid, rt);
    this.byKey.set(keyOf(rt.namespace, rt.name), rt.uid);
    const seen = now + rt.rng.int(80, 400);
    this.ctx.schedule(seen, () => {
      if (rt.killing) return;
      rt.initializedAt = seen;
      rt.ready = { value: false, at: seen };
      rt.containersReady = { value: false, at: seen };
      this.writeStatus(rt);
      // No sandbox until every volume is set up (a missing ConfigMap: FailedMount, retried).
      this.volumes.mountThen(rt, seen, (mounted) => {
        const sandbox = mounted + rt.rng.int(600, 1500);
        this.ctx.schedule(sandbox, () => {
          if (rt.killing) return;
          rt.sandboxAt = sandbox;
          rt.podIP = this.allocateIp(rt.node);
          this.writeStatus(rt);
          this.requestSync(rt, sandbox);
        });
      });
    });
    return rt;
  }

  private requestSync(rt: PodRt, at: number): void {
    const gen = ++rt.gen;
    this.sched(rt, at, () => {
      if (gen !== rt.gen || rt.killing) return;
      if (rt.busy) {
        rt.pendingSync = true;
        return;
      }
      this.syncPod(rt, at);
    });
  }

  /** One SyncPod: start what should run, respecting back-off. */
  private syncPod(rt: PodRt, at: number): void {
    this.flush(rt, at);
    rt.series = undefined;
    rt.busy = true;
    if (this.killChanged(rt, at)) return;
    this.startFrom(rt, 0, at);
  }

  /**
   * SyncPod's first step for containers whose definition changed: a running one is killed
   * ("Container NAME definition changed, will be restarted"; SIGTERM, SIGKILL after the grace
   * period) and, whatever the restart policy, started again with the new spec in the same sync
   * once it stopped. Its back-offs were keyed by the old definition (the container hash, the
   * image), so the new one starts without waiting. True while a kill is under way.
   */
  private killChanged(rt: PodRt, at: number): boolean {
    let stopping = 0;
    for (const c of rt.containers) {
      const next = c.nextSpec;
      if (next === undefined) continue;
      c.nextSpec = undefined;
      if (next.image === c.spec.image) {
        c.spec = next;
        continue;
      }
      if (!isRunning(c)) {
        this.adopt(c, next);
        continue;
      }
      stopping++;
      this.recorder(rt).record(this.containerRef(rt, c), 'Normal', 'Killing', `Container ${c.spec.name} definition changed, will be restarted`, at);
      const grace = (this.ctx.store.get('Pod', rt.namespace, rt.name)?.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      const onSigterm = c.latest?.outcome?.onSigterm;
      const after = (onSigterm?.after ?? 0) * 1000;
      const exitAt = at + Math.min(after, grace) + rt.rng.int(50, 300);
      const code = after > grace ? 137 : (onSigterm?.code ?? 143);
      const token = c.token;
      this.sched(rt, exitAt, () => {
        if (token === c.token && isRunning(c)) {
          this.flush(rt, exitAt);
          if (rt.killing) {
            this.exited(rt, c, exitAt, code, code === 0 ? 'Completed' : 'Error');
            return;
          }
          this.prober.stop(c, exitAt);
          const run = c.latest!;
          run.finishedAt = exitAt;
          run.exitCode = code;
          run.reason = code === 0 ? 'Completed' : 'Error';
          c.ready = false;
          c.restartForced = true;
        }
        this.adopt(c, next);
        if (--stopping > 0 || rt.killing) return;
        this.writeStatus(rt);
        this.startFrom(rt, 0, exitAt);
      });
    }
    return stopping > 0;
  }

  /** The container's new definition, with none of the back-offs of the old one. */
  private adopt(c: ContainerRt, spec: ContainerRt['spec']): void {
    c.spec = spec;
    c.backoff = undefined;
    c.pullBackoff = undefined;
    c.waiting = undefined;
  }

  private startFrom(rt: PodRt, index: number, at: number): void {
    for (let i = index; i < rt.containers.length; i++) {
      const c = rt.containers[i]!;
      if (isRunning(c)) continue;
      if (c.latest?.finishedAt !== undefined && !restartsAfter(rt, c.latest.exitCode) && c.restartForced !== true) continue;
      if (c.latest && c.latest.finishedAt !== undefined) {
        const f = c.latest.finishedAt;
        const b = c.backoff;
        const stable = b !== undefined && f - b.lastUpdate > 2 * BACKOFF_MAX_MS;
        if (b !== undefined && !stable && at - f < b.ms) {
          this.recordBackOff(rt, c, at);
          c.waiting = { reason: 'CrashLoopBackOff', message: this.backOffMessage(rt, c) };
          continue;
        }
        c.backoff = b === undefined || stable ? { ms: BACKOFF_INITIAL_MS, lastUpdate: at } : { ms: Math.min(b.ms * 2, BACKOFF_MAX_MS), lastUpdate: at };
      }
      const failed = this.failedPull(rt, c, i, at);
      if (failed === 'pulling') return;
      if (failed === 'backoff') continue;
      if (this.pullImage(rt, c, i, at)) return;
      this.createAndStart(rt, c, at);
    }
    this.finishSync(rt, at);
  }

  /**
   * An image the scenario gives no behaviour to does not exist in its registry (a tag typo): the
   * pull fails as containerd reports a missing manifest, then the image back-off (10 s doubling
   * to 5 m) holds further pulls. Undefined when the image can be had.
   */
  private failedPull(rt: PodRt, c: ContainerRt, index: number, at: number): 'pulling' | 'backoff' | undefined {
    const image = c.spec.image ?? '';
    if (this.behaviours.has(image)) return undefined;
    const presentSince = this.nodeImages(rt.node).get(image);
    if (presentSince !== undefined && presentSince <= at) return undefined;
    const ref = this.containerRef(rt, c);
    const b = c.pullBackoff;
    if (b !== undefined && at - b.lastUpdate < b.ms) {
      const message = `Back-off pulling image "${image}"`;
      this.recorder(rt).record(ref, 'Normal', 'BackOff', message, at);
      this.recorder(rt).record(ref, 'Warning', 'Failed', 'Error: ImagePullBackOff', at);
      c.waiting = { reason: 'ImagePullBackOff', message };
      return 'backoff';
    }
    this.recorder(rt).record(ref, 'Normal', 'Pulling', `Pulling image "${image}"`, at);
    const done = at + rt.rng.int(400, 1500);
    this.sched(rt, done, () => {
      if (rt.killing) {
        rt.busy = false;
        return;
      }
      const error = pullNotFound(image);
      this.recorder(rt).record(ref, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`, done);
      this.recorder(rt).record(ref, 'Warning', 'Failed', 'Error: ErrImagePull', done);
      c.waiting = { reason: 'ErrImagePull', message: error };
      const prev = c.pullBackoff;
      const stale = prev === undefined || done - prev.lastUpdate > 2 * BACKOFF_MAX_MS;
      c.pullBackoff = stale ? { ms: BACKOFF_INITIAL_MS, lastUpdate: done } : { ms: Math.min(prev.ms * 2, BACKOFF_MAX_MS), lastUpdate: done };
      this.startFrom(rt, index + 1, done);
    });
    return 'pulling';
  }

  /** Image step; returns true when a pull is under way and the sync continues later. */
  private pullImage(rt: PodRt, c: ContainerRt, index: number, at: number): boolean {
    const image = c.spec.image ?? '';
    const onNode = this.nodeImages(rt.node);
    const presentSince = onNode.get(image);
    const present = presentSince !== undefined && presentSince <= at;
    const ref = this.containerRef(rt, c);
    if (c.spec.imagePullPolicy !== 'Always' && present) {
      this.recorder(rt).record(ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, at);
      return false;
    }
    this.recorder(rt).record(ref, 'Normal', 'Pulling', `Pulling image "${image}"`, at);
    const pullMs = present ? rt.rng.int(250, 900) : rt.rng.int(1200, 2500) + Math.round(imageSize(image) / 40_000);
    const done = at + pullMs;
    this.sched(rt, done, () => {
      if (rt.killing) {
        rt.busy = false;
        return;
      }
      if (!onNode.has(image)) onNode.set(image, done);
      const took = goDuration(pullMs);
      this.recorder(rt).record(
        this.containerRef(rt, c),
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSize(image)} bytes.`,
        done,
      );
      this.createAndStart(rt, c, done);
      this.startFrom(rt, index + 1, done);
    });
    return true;
  }

  private createAndStart(rt: PodRt, c: ContainerRt, at: number): void {
    const env = resolveEnv(this.ctx.store, rt.namespace, c.spec);
    const ref = this.containerRef(rt, c);
    if (!env.ok) {
      this.recorder(rt).record(ref, 'Warning', 'Failed', `Error: ${env.message}`, at);
      c.waiting = { reason: 'CreateContainerConfigError', message: env.message };
      return;
    }
    const name = c.spec.name;
    this.recorder(rt).record(ref, 'Normal', 'Created', `Created container: ${name}`, at);
    this.recorder(rt).record(ref, 'Normal', 'Started', `Started container ${name}`, at);
    const inputs = {
      env: env.env,
      memoryLimit: memoryLimitOf(c.spec),
      reachable: (svc: string) => this.reachable(rt.namespace, svc),
      facts: this.facts,
      readFile: mountedFileReader(this.ctx.store, rt.namespace, rt.name, c.spec),
    };
    const plan = planRun(this.behaviours, c.spec.image ?? '', inputs, rt.name, at);
    const run: Run = new PlannedRun(`containerd://${rt.rng.hex(64)}`, at, plan, env.env, plan.outcome);
    if (c.latest) {
      c.prev = c.latest;
      c.restartCount++;
    }
    c.latest = run;
    c.waiting = undefined;
    c.restartForced = undefined;
    c.ready = false;
    if (this.quiet(rt, c, plan)) this.sleep(rt, at);
    else this.wake(rt);
    const token = ++c.token;
    const probed = this.prober.start(rt, c, plan, inputs, at);
    if (this.prober.probing(rt)) this.active.add(rt);
    if (plan.readyAt !== undefined && !probed) {
      const readyAt = plan.readyAt;
      if (readyAt <= at) c.ready = true;
      else
        this.sched(rt, readyAt, () => {
          if (token !== c.token || rt.killing || !isRunning(c)) return;
          this.flush(rt, readyAt);
          c.ready = true;
          this.writeStatus(rt);
        });
    }
    this.scheduleExit(rt, c, plan, token, at, inputs);
  }

  private exited(rt: PodRt, c: ContainerRt, at: number, code: number, reason: string): void {
    this.prober.stop(c, at);
    const run = c.latest!;
    run.finishedAt = at;
    run.exitCode = code;
    run.reason = reason;
    c.ready = false;
    if (rt.containers.every((x) => x.latest?.finishedAt !== undefined && !restartsAfter(rt, x.latest.exitCode))) rt.finishedAt = at;
    this.writeStatus(rt);
    if (rt.killing) {
      this.maybeRemove(rt, at);
      return;
    }
    // The pod lifecycle event generator notices within its one-second relist.
    this.requestSync(rt, at + rt.rng.int(100, 1000));
  }

  private finishSync(rt: PodRt, at: number): void {
    rt.busy = false;
    this.writeStatus(rt);
    if (rt.pendingSync) {
      rt.pendingSync = false;
      this.requestSync(rt, at);
      return;
    }
    this.startRetrySeries(rt, at);
  }

  /**
   * After a sync that left containers waiting (back-off, config error), the pod worker retries
   * every 10-15 s. Retries before the earliest back-off expiry only record events; the first
   * retry at or after it is a real sync.
   */
  private startRetrySeries(rt: PodRt, at: number): void {
    // No named closures here (a step helper, the observer as a const): run under tsx (the bench,
    // tests) each would cost a defineProperty for its name, once per crash-looping pod per look.
    // The retry after a failed pull turns ErrImagePull into ImagePullBackOff: a real sync, so the
    // status changes when it happens; later retries are recorded lazily like the others.
    if (rt.containers.some((c) => c.waiting?.reason === 'ErrImagePull')) {
      this.requestSync(rt, at + rt.rng.int(WORKER_RETRY_MIN_MS, WORKER_RETRY_MAX_MS));
      return;
    }
    const backingOff = rt.containers.filter((c) => c.waiting?.reason === 'CrashLoopBackOff');
    const configErrors = rt.containers.filter((c) => c.waiting?.reason === 'CreateContainerConfigError');
    const pullBackingOff = rt.containers.filter((c) => c.waiting?.reason === 'ImagePullBackOff');
    if (backingOff.length === 0 && configErrors.length === 0 && pullBackingOff.length === 0) return;
    let expiry = Infinity;
    for (const c of backingOff) expiry = Math.min(expiry, c.latest!.finishedAt! + c.backoff!.ms);
    for (const c of pullBackingOff) expiry = Math.min(expiry, c.pullBackoff!.lastUpdate + c.pullBackoff!.ms);
    const observe = this.retryObserver(rt, backingOff, configErrors, pullBackingOff);
    if (expiry === Infinity) {
      rt.series = { next: at + rt.rng.int(WORKER_RETRY_MIN_MS, WORKER_RETRY_MAX_MS), idx: 0, end: Infinity, observe };
      this.active.add(rt);
      return;
    }
    const times: number[] = [];
    let t = at;
    do {
      t += rt.rng.int(WORKER_RETRY_MIN_MS, WORKER_RETRY_MAX_MS);
      times.push(t);
    } while (t < expiry);
    const end = times[times.length - 1]!;
    rt.series = { next: times[0]!, times, idx: 0, end, observe };
    this.active.add(rt);
    // One container backing off and nothing else: its retries are one event repeated, recorded
    // as a run (the spam filter then counts dropped repeats in one step).
    if (backingOff.length === 1 && configErrors.length === 0 && pullBackingOff.length === 0) {
      const c = backingOff[0]!;
      rt.series.observeRun = (from, to) => {
        // A lazy loop's BackOff event is kept prepared (see loopEvents): the same keys, pointed
        // at the pod's resourceVersion now.
        const kept = rt.lazy?.keptEvents;
        if (kept !== undefined && kept.c === c && kept.name === c.spec.name) {
          const p = kept.events.backOff;
          p.ref = this.containerRef(rt, c);
          this.recorder(rt).recordPreparedTimes(p, times, to - from, from);
          return;
        }
        this.recorder(rt).recordRun(this.containerRef(rt, c), 'Warning', 'BackOff', this.backOffEventMessage(rt, c), to - from, (i) => times[from + i]!);
      };
    }
    this.requestSync(rt, end);
  }

  /** What each retry of a series records (returned unnamed: see startRetrySeries). */
  private retryObserver(rt: PodRt, backingOff: ContainerRt[], configErrors: ContainerRt[], pullBackingOff: ContainerRt[]): (t: number) => void {
    return (t: number): void => {
      for (const c of backingOff) this.recordBackOff(rt, c, t);
      for (const c of pullBackingOff) {
        const ref = this.containerRef(rt, c);
        this.recorder(rt).record(ref, 'Normal', 'BackOff', c.waiting?.message ?? '', t);
        this.recorder(rt).record(ref, 'Warning', 'Failed', 'Error: ImagePullBackOff', t);
      }
      for (const c of configErrors) {
        const image = c.spec.image ?? '';
        const ref = this.containerRef(rt, c);
        this.recorder(rt).record(ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, t);
        this.recorder(rt).record(ref, 'Warning', 'Failed', `Error: ${c.waiting?.message ?? ''}`, t);
      }
    };
  }

  private flush(rt: PodRt, at: number): void {
    if (rt.lazy !== undefined && !rt.lazy.running) this.runLazy(rt, at);
    this.prober.flush(rt, at);
    const s: Series | undefined = rt.series;
    if (s === undefined) return;
    if (s.observeRun !== undefined && s.times !== undefined) {
      let j = s.idx;
      while (j < s.times.length && s.times[j]! <= at && s.times[j]! < s.end) j++;
      if (j > s.idx) {
        s.observeRun(s.idx, j);
        s.idx = j;
        s.next = s.times[j] ?? Infinity;
      }
      return;
    }
    while (s.next <= at && s.next < s.end) {
      s.observe(s.next);
      s.idx++;
      if (s.times) s.next = s.times[s.idx] ?? Infinity;
      else s.next += rt.rng.int(WORKER_RETRY_MIN_MS, WORKER_RETRY_MAX_MS);
    }
  }

  // ---- termination ----------------------------------------------------------------------------

  private kill(rt: PodRt): void {
    if (rt.killing) return;
    this.wake(rt);
    const now = this.ctx.now();
    this.flush(rt, now);
    rt.series = undefined;
    rt.killing = true;
    rt.gen++;
    for (const c of rt.containers) {
      this.prober.stop(c, now);
      if (!isRunning(c)) {
        c.waiting = undefined;
        continue;
      }
      this.recorder(rt).record(this.containerRef(rt, c), 'Normal', 'Killing', `Stopping container ${c.spec.name}`, now);
      const token = c.token;
      const stopAt = now + rt.rng.int(300, 2500);
      this.ctx.schedule(stopAt, () => {
        if (token !== c.token || !isRunning(c)) return;
        this.exited(rt, c, stopAt, 0, 'Completed');
      });
    }
    this.writeStatus(rt);
    this.maybeRemove(rt, now);
  }

  /** Once nothing runs, the kubelet reports the final status and deletes the pod for good. */
  private maybeRemove(rt: PodRt, at: number): void {
    if (rt.containers.some(isRunning)) return;
    this.ctx.schedule(at + rt.rng.int(100, 500), () => {
      if (!this.pods.has(rt.uid)) return;
      this.pods.delete(rt.uid);
      this.byKey.delete(keyOf(rt.namespace, rt.name));
      if (rt.podIP) this.ipsInUse.get(rt.node)?.delete(rt.podIP);
      const pod = this.ctx.store.get('Pod', rt.namespace, rt.name);
      if (pod?.metadata?.uid === rt.uid) this.ctx.store.delete('Pod', rt.namespace, rt.name);
    });
  }

  // ---- lazy crash loops -------------------------------------------------------------------------
  //
  // A container that crashes before it is ever ready, in a pod with nothing else going on, changes
  // nothing anyone else reacts to: the pod stays Running and unready, its owners, Services and the
  // scheduler see the same pod restart after restart. Such a pod's timers go to its own queue and
  // run (with the same code, the same per-pod random stream, the same event recorder calls at the
  // same sim times) only when something looks: a read of the cluster, the pod's events expiring,
  // a change to what its container reads (ConfigMaps, Secrets, reachable Services, world facts),
  // its deletion. Its status is written once, as it stands then. A day of a hundred crash loops
  // costs a flush per look instead of thousands of status writes.

  /** Whether this run can play out unobserved: never ready, no probes, nothing else in the pod. */
  private quiet(rt: PodRt, c: ContainerRt, plan: RunPlan): boolean {
    if (this.eagerCrashLoops || rt.killing || rt.containers.length !== 1) return false;
    if ((rt.restartPolicy ?? 'Always') !== 'Always') return false;
    const s = c.spec;
    if (s.livenessProbe !== undefined || s.readinessProbe !== undefined || s.startupProbe !== undefined) return false;
    if (plan.exit === undefined || plan.readyAt !== undefined) return false;
    return plan.setsFacts === undefined || plan.exit.code !== 0;
  }

  private sleep(rt: PodRt, at: number): void {
    if (rt.lazy !== undefined) return;
    rt.lazy = { queue: new EventQueue(), now: at, running: false, dirty: false };
    this.lazyPods.add(rt);
    this.active.add(rt);
  }

  /** Bring a lazy pod up to now and put its timers back on the cluster's clock. */
  private wake(rt: PodRt): void {
    const lazy = rt.lazy;
    if (lazy === undefined) return;
    if (!lazy.running) this.runLazy(rt, this.ctx.now());
    rt.lazy = undefined;
    this.lazyPods.delete(rt);
    for (let t = lazy.queue.pop(); t !== undefined; t = lazy.queue.pop()) this.ctx.schedule(t.at, t.run);
    if (lazy.dirty) {
      lazy.dirty = false;
      this.writeStatus(rt);
    }
  }

  private runLazy(rt: PodRt, until: number): void {
    const lazy: LazyTimeline | undefined = rt.lazy;
    if (lazy === undefined || lazy.running) return;
    lazy.running = true;
    lazy.events = undefined;
    this.ctx.events.beginBatch();
    try {
      for (;;) {
        const next = lazy.queue.peekTime();
        if (next === undefined || next > until || rt.lazy !== lazy) break;
        if (this.foldCycles(rt, lazy, until) || this.skipCycle(rt, lazy, until) || this.skipRestart(rt, lazy, until) || this.foldExit(rt, lazy, until)) continue;
        const timer = lazy.queue.pop()!;
        lazy.now = timer.at;
        timer.run();
      }
    } finally {
      lazy.running = false;
      this.ctx.events.endBatch();
    }
    if (lazy.dirty && rt.lazy === lazy) {
      lazy.dirty = false;
      this.writeStatus(rt);
    }
  }

  /**
   * Many whole back-off cycles in one go, when at least two surely end by `until`: what
   * `skipCycle` does cycle after cycle (the same draws from the pod's stream in the same order,
   * the same recorder calls at the same sim times, the same state at the end), without a queued
   * exit timer, a plan and a run object for every restart in between: only the last two runs
   * (the current container and the previous one, all that `logs` and the status can show) are
   * built. A day of a crash loop at its 5-minute back-off is ~280 cycles of a few draws each.
   */
  private foldCycles(rt: PodRt, lazy: LazyTimeline, until: number): boolean {
    const x = lazy.exit;
    const c = rt.containers[0];
    // A cycle's restart comes at least the back-off after its exit.
    if (x === undefined || c === undefined || x.at + BACKOFF_MAX_MS > until) return false;
    if (lazy.queue.size !== 1 || lazy.queue.peekTime() !== x.at) return false;
    const b = c.backoff;
    const run = c.latest;
    if (b === undefined || b.ms !== BACKOFF_MAX_MS || run === undefined || !isRunning(c) || c.token !== x.token) return false;
    // Each exit must find the back-off un-reset (under ten minutes since the restart before it).
    if (x.runMs > 2 * BACKOFF_MAX_MS || x.at - b.lastUpdate > 2 * BACKOFF_MAX_MS) return false;
    if (rt.busy || rt.pendingSync || rt.series !== undefined || rt.killing) return false;
    if (c.nextSpec !== undefined || c.restartForced === true) return false;
    if (!this.imageAtHand(rt, c, x.at)) return false;
    const image = c.spec.image ?? '';
    const rng = rt.rng;
    const times = (lazy.times ??= []);
    const saved = (lazy.rngState ??= []);
    let rec: EventRecorder | undefined;
    let events: NonNullable<LazyTimeline['events']> | undefined;
    let exitAt = x.at;
    let cycles = 0;
    let lastEnd = 0;
    let beforeEnd = 0;
    // Only the last two container IDs can be seen: each cycle notes where its ID's draws start in
    // the pod's stream and moves past them; the two are spelled out once the loop ends.
    let lastIdAt: number[] = [0, 0, 0, 0];
    let beforeIdAt: number[] = [0, 0, 0, 0];
    while (exitAt + BACKOFF_MAX_MS <= until) {
      const e = exitAt;
      // exited: the relist notices within a second; the sync backs off (BackOff), the worker
      // retries every 10-15 s (BackOff each) and the first retry past the back-off restarts.
      // Drawn ahead: when the restart falls after `until`, the draws are given back and the
      // cycle is left to the timers (its exit and retries before the look are seen as they are).
      rng.save(saved);
      let t = e + rng.int(100, 1000);
      times.length = 0;
      times.push(t);
      do {
        t += rng.int(WORKER_RETRY_MIN_MS, WORKER_RETRY_MAX_MS);
        times.push(t);
      } while (t < e + BACKOFF_MAX_MS);
      if (t > until) {
        rng.restore(saved);
        break;
      }
      if (rec === undefined) {
        lazy.queue.pop();
        lazy.dirty = true;
        rec = this.recorder(rt);
        events = this.loopEvents(rt, c, lazy, rec, image);
      }
      rec.recordPreparedTimes(events!.backOff, times, times.length - 1);
      rec.recordPreparedAt(events!.pulled, t);
      rec.recordPreparedAt(events!.created, t);
      rec.recordPreparedAt(events!.started, t);
      beforeEnd = lastEnd;
      const spare = beforeIdAt;
      beforeIdAt = lastIdAt;
      lastIdAt = rng.save(spare);
      lastEnd = t;
      rng.skip(CONTAINER_ID_DRAWS);
      exitAt = t + x.runMs;
      cycles++;
    }
    if (cycles === 0) return false;
    const after = rng.save([]);
    rng.restore(lastIdAt);
    const lastId = `containerd://${rng.hex(64)}`;
    let beforeId = '';
    if (cycles > 1) {
      rng.restore(beforeIdAt);
      beforeId = `containerd://${rng.hex(64)}`;
    }
    rng.restore(after);
    run.finishedAt = x.at;
    run.exitCode = x.code;
    run.reason = x.reason;
    let prev: Run = run;
    if (cycles > 1) {
      const p = planRun(this.behaviours, image, x.inputs, rt.name, beforeEnd);
      prev = new PlannedRun(beforeId, beforeEnd, p, x.inputs.env, p.outcome);
      prev.finishedAt = p.exit?.at ?? beforeEnd + x.runMs;
      prev.exitCode = x.code;
      prev.reason = x.reason;
    }
    const plan = planRun(this.behaviours, image, x.inputs, rt.name, lastEnd);
    c.prev = prev;
    c.latest = new PlannedRun(lastId, lastEnd, plan, x.inputs.env, plan.outcome);
    c.restartCount += cycles;
    c.ready = false;
    c.waiting = undefined;
    c.backoff = { ms: BACKOFF_MAX_MS, lastUpdate: lastEnd };
    rt.gen += 2 * cycles;
    lazy.now = lastEnd;
    c.token += cycles - 1;
    this.scheduleExit(rt, c, plan, ++c.token, lastEnd, x.inputs);
    return true;
  }

  /**
   * A whole back-off cycle of a lazy crash loop in one step, when it surely ends by `until`: the
   * exit, the sync that backs off, the retries, the restart. It makes the same state changes, the
   * same draws from the pod's stream and the same recorder calls at the same sim times as the
   * timers it replaces (exited, syncPod, startRetrySeries, startFrom, pullImage, createAndStart;
   * lazyCrashLoop.test.ts compares the two), without their closures, store reads and plan work:
   * hours of steady looping cost a few microseconds per restart.
   */
  private skipCycle(rt: PodRt, lazy: LazyTimeline, until: number): boolean {
    const x = lazy.exit;
    const c = rt.containers[0];
    if (x === undefined || c === undefined || lazy.queue.size !== 1 || lazy.queue.peekTime() !== x.at) return false;
    const b = c.backoff;
    const run = c.latest;
    if (b === undefined || b.ms !== BACKOFF_MAX_MS || run === undefined || !isRunning(c) || c.token !== x.token) return false;
    // The restart surely falls by `until`: at most 1 s to the sync, the back-off, one retry step.
    if (until < x.at + 1000 + BACKOFF_MAX_MS + WORKER_RETRY_MAX_MS) return false;
    // Past ten minutes of running the back-off would reset; a pull would add its own timer.
    if (x.at - b.lastUpdate > 2 * BACKOFF_MAX_MS || rt.busy || rt.pendingSync || rt.series !== undefined || rt.killing) return false;
    if (c.nextSpec !== undefined || c.restartForced === true) return false;
    if (!this.imageAtHand(rt, c, x.at)) return false;
    const image = c.spec.image ?? '';
    lazy.queue.pop();
    lazy.dirty = true;
    const rec = this.recorder(rt);
    const events = this.loopEvents(rt, c, lazy, rec, image);
    // exited (requestSync draws the relist delay)
    const e = x.at;
    run.finishedAt = e;
    run.exitCode = x.code;
    run.reason = x.reason;
    c.ready = false;
    rt.gen++;
    const ts = e + rt.rng.int(100, 1000);
    // syncPod at ts: still backing off
    lazy.now = ts;
    rec.recordPreparedAt(events.backOff, ts);
    c.waiting = events.waiting;
    // startRetrySeries: retries until the back-off expires; the last one restarts
    const times = (lazy.times ??= []);
    times.length = 0;
    let t = ts;
    do {
      t += rt.rng.int(WORKER_RETRY_MIN_MS, WORKER_RETRY_MAX_MS);
      times.push(t);
    } while (t < e + b.ms);
    const end = t;
    rt.gen++;
    if (times.length > 1) rec.recordPreparedTimes(events.backOff, times, times.length - 1);
    this.restartLoop(rt, c, lazy, x, b, end, rec, events, image);
    return true;
  }

  /**
   * The second half of a cycle in one step: the retries ran on the pod's clock up to an earlier
   * look, and the restart's sync is the only timer left; it falls by `until`.
   */
  private skipRestart(rt: PodRt, lazy: LazyTimeline, until: number): boolean {
    const x = lazy.exit;
    const c = rt.containers[0];
    const s = rt.series;
    if (x === undefined || c === undefined || s === undefined || s.times === undefined || s.observeRun === undefined) return false;
    if (lazy.queue.size !== 1 || lazy.queue.peekTime() !== s.end || s.end > until) return false;
    const b = c.backoff;
    const run = c.latest;
    if (b === undefined || b.ms !== BACKOFF_MAX_MS || run?.finishedAt === undefined || c.token !== x.token || c.waiting?.reason !== 'CrashLoopBackOff') return false;
    if (run.finishedAt - b.lastUpdate > 2 * BACKOFF_MAX_MS || rt.busy || rt.pendingSync || rt.killing) return false;
    if (c.nextSpec !== undefined || c.restartForced === true) return false;
    if (!this.imageAtHand(rt, c, run.finishedAt)) return false;
    const image = c.spec.image ?? '';
    lazy.queue.pop();
    const end = s.end;
    const rec = this.recorder(rt);
    const events = this.loopEvents(rt, c, lazy, rec, image);
    // syncPod at end: the retries before it are written first (what flush does with the series'
    // observeRun: the same BackOff event, the pod's resourceVersion holding, already prepared)
    this.prober.flush(rt, end);
    const times = s.times;
    let j = s.idx;
    while (j < times.length && times[j]! < end) j++;
    if (j > s.idx) rec.recordPreparedTimes(events.backOff, times, j - s.idx, s.idx);
    rt.series = undefined;
    lazy.dirty = true;
    this.restartLoop(rt, c, lazy, x, b, end, rec, events, image);
    return true;
  }

  /**
   * The exit of the cycle a look falls in, and the sync that backs off, in one step when that
   * sync (within a second of the exit) falls by `until`: what the exit timer (exited,
   * requestSync) and the sync (syncPod, startFrom backing off, finishSync) do, with the same draw
   * and the same recorder call at the same sim time, without their closures, store reads and
   * message building. The retries are set up by startRetrySeries itself, as the sync would.
   */
  private foldExit(rt: PodRt, lazy: LazyTimeline, until: number): boolean {
    const x = lazy.exit;
    const c = rt.containers[0];
    if (x === undefined || c === undefined || rt.containers.length !== 1 || x.at > until) return false;
    if (lazy.queue.size !== 1 || lazy.queue.peekTime() !== x.at) return false;
    const b = c.backoff;
    const run = c.latest;
    if (b === undefined || b.ms !== BACKOFF_MAX_MS || run === undefined || !isRunning(c) || c.token !== x.token) return false;
    // The sync must find the back-off un-reset and still running; no facts set by a clean exit.
    if (x.at - b.lastUpdate > 2 * BACKOFF_MAX_MS || x.code === 0 || !restartsAfter(rt, x.code)) return false;
    if (rt.busy || rt.pendingSync || rt.series !== undefined || rt.killing) return false;
    if (c.nextSpec !== undefined || c.restartForced === true) return false;
    const rng = rt.rng;
    const saved = (lazy.rngState ??= []);
    rng.save(saved);
    const ts = x.at + rng.int(100, 1000);
    if (ts > until) {
      rng.restore(saved);
      return false;
    }
    lazy.queue.pop();
    lazy.dirty = true;
    // exited (the exit timer's flush and the prober's stop find nothing: no probes, no series)
    lazy.now = x.at;
    this.prober.flush(rt, x.at);
    this.prober.stop(c, x.at);
    run.finishedAt = x.at;
    run.exitCode = x.code;
    run.reason = x.reason;
    c.ready = false;
    rt.gen++;
    // syncPod at ts: still backing off
    lazy.now = ts;
    this.prober.flush(rt, ts);
    const rec = this.recorder(rt);
    const events = this.loopEvents(rt, c, lazy, rec, c.spec.image ?? '');
    rec.recordPreparedAt(events.backOff, ts);
    c.waiting = events.waiting;
    // finishSync
    this.startRetrySeries(rt, ts);
    return true;
  }

  /** The loop's events with their keys built, once per catch-up (see LazyTimeline.events). */
  private loopEvents(rt: PodRt, c: ContainerRt, lazy: LazyTimeline, rec: EventRecorder, image: string): NonNullable<LazyTimeline['events']> {
    let ev = lazy.events;
    if (ev === undefined) {
      // The pod's resourceVersion (in each event's reference) holds while the pod catches up.
      const ref = this.containerRef(rt, c);
      const backoffMs = c.backoff?.ms ?? BACKOFF_INITIAL_MS;
      const kept = lazy.keptEvents;
      if (kept !== undefined && kept.c === c && kept.image === image && kept.name === c.spec.name && kept.backoffMs === backoffMs) {
        // Built from the same container name, image and back-off, for the same pod (uid, name and
        // namespace never change) and recorder: only the reference's resourceVersion moved. A
        // prepared event is read only while it is recorded (a write copies the reference).
        ev = lazy.events = kept.events;
        ev.backOff.ref = ref;
        ev.pulled.ref = ref;
        ev.created.ref = ref;
        ev.started.ref = ref;
        return ev;
      }
      ev = lazy.events = {
        backOff: rec.prepare(ref, 'Warning', 'BackOff', this.backOffEventMessage(rt, c)),
        pulled: rec.prepare(ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`),
        created: rec.prepare(ref, 'Normal', 'Created', `Created container: ${c.spec.name}`),
        started: rec.prepare(ref, 'Normal', 'Started', `Started container ${c.spec.name}`),
        waiting: { reason: 'CrashLoopBackOff', message: this.backOffMessage(rt, c) },
      };
      lazy.keptEvents = { c, image, name: c.spec.name, backoffMs, events: ev };
    }
    return ev;
  }

  /** The restart's sync at `end`: the back-off is over (it stays at its cap), the image is present. */
  private restartLoop(
    rt: PodRt,
    c: ContainerRt,
    lazy: LazyTimeline,
    x: NonNullable<LazyTimeline['exit']>,
    b: NonNullable<ContainerRt['backoff']>,
    end: number,
    rec: EventRecorder,
    events: NonNullable<LazyTimeline['events']>,
    image: string,
  ): void {
    lazy.now = end;
    c.backoff = { ms: Math.min(b.ms * 2, BACKOFF_MAX_MS), lastUpdate: end };
    rec.recordPreparedAt(events.pulled, end);
    rec.recordPreparedAt(events.created, end);
    rec.recordPreparedAt(events.started, end);
    const plan = planRun(this.behaviours, image, x.inputs, rt.name, end);
    const next: Run = new PlannedRun(`containerd://${rt.rng.hex(64)}`, end, plan, x.inputs.env, plan.outcome);
    c.prev = c.latest;
    c.restartCount++;
    c.latest = next;
    c.waiting = undefined;
    // The same inputs give the same outcome: it exits again, never ready.
    this.scheduleExit(rt, c, plan, ++c.token, end, x.inputs);
  }

  /** The run's planned exit (on the pod's own clock while it is lazy, noted for whole-cycle steps). */
  private scheduleExit(rt: PodRt, c: ContainerRt, plan: RunPlan, token: number, startedAt: number, inputs: RunInputs): void {
    if (plan.exit === undefined) return;
    const { at: exitAt, code } = plan.exit;
    const reason = plan.exit.reason ?? (code === 0 ? 'Completed' : 'Error');
    if (rt.lazy !== undefined) rt.lazy.exit = { at: exitAt, code, reason, token, runMs: exitAt - startedAt, inputs };
    this.sched(rt, exitAt, () => {
      if (token !== c.token || !isRunning(c)) return;
      this.flush(rt, exitAt);
      if (code === 0 && plan.setsFacts !== undefined) {
        this.beforeInputChange(undefined);
        for (const [key, value] of Object.entries(plan.setsFacts)) this.facts.set(key, value);
        this.prober.worldChanged(exitAt);
      }
      this.exited(rt, c, exitAt, code, reason);
    });
  }

  /** Whether a restart of `c` at `at` finds its image on the node without a pull (no timer of its own). */
  private imageAtHand(rt: PodRt, c: ContainerRt, at: number): boolean {
    const image = c.spec.image ?? '';
    const present = this.nodeImages(rt.node).get(image);
    return c.spec.imagePullPolicy !== 'Always' && present !== undefined && present <= at && this.behaviours.has(image);
  }

  private sched(rt: PodRt, at: number, fn: () => void): void {
    if (rt.lazy !== undefined) rt.lazy.queue.schedule(at, fn);
    else this.ctx.schedule(at, fn);
  }

  /**
   * Something a container reads is about to change (a ConfigMap or Secret in `namespace`, a
   * Service's endpoints there, world facts when `namespace` is undefined): lazy pods that could
   * read it play out up to now with what they saw, then go back on the cluster's clock so their
   * next start sees the change.
   */
  beforeInputChange(namespace: string | undefined, endpointsOnly = false): void {
    if (!endpointsOnly) this.retryConfigErrors(namespace);
    if (this.lazyPods.size === 0) return;
    for (const rt of [...this.lazyPods]) {
      if (namespace !== undefined && rt.namespace !== namespace) continue;
      if (endpointsOnly && !this.imageReadsEndpoints(rt.containers[0]?.spec.image ?? '')) continue;
      this.wake(rt);
    }
  }

  /**
   * A container in CreateContainerConfigError is retried by the pod worker every 10-15 s; while
   * nothing it reads changes, those retries are only recorded as events. Once a ConfigMap or
   * Secret of its namespace is about to change, the next retry is a real sync that resolves the
   * env again (and starts the container if the key is there now).
   */
  private retryConfigErrors(namespace: string | undefined): void {
    for (const rt of this.pods.values()) {
      if (namespace !== undefined && rt.namespace !== namespace) continue;
      if (rt.killing || rt.series === undefined || rt.series.end !== Infinity) continue;
      if (!rt.containers.some((c) => c.waiting?.reason === 'CreateContainerConfigError')) continue;
      this.flush(rt, this.ctx.now());
      const s = rt.series;
      s.end = s.next;
      this.requestSync(rt, s.next);
    }
  }

  private imageReadsEndpoints(image: string): boolean {
    let reads = this.readsEndpoints.get(image);
    if (reads === undefined) {
      reads = (this.behaviours.get(image)?.outcomes ?? []).some(
        (o) => (o.when?.servicesReachable?.length ?? 0) > 0 || (o.when?.servicesUnreachable?.length ?? 0) > 0,
      );
      this.readsEndpoints.set(image, reads);
    }
    return reads;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private recordBackOff(rt: PodRt, c: ContainerRt, at: number): void {
    this.recorder(rt).record(this.containerRef(rt, c), 'Warning', 'BackOff', this.backOffEventMessage(rt, c), at);
  }

  private backOffEventMessage(rt: PodRt, c: ContainerRt): string {
    return `Back-off restarting failed container ${c.spec.name} in pod ${rt.name}_${rt.namespace}(${rt.uid})`;
  }

  private backOffMessage(rt: PodRt, c: ContainerRt): string {
    return `back-off ${goDuration(c.backoff?.ms ?? BACKOFF_INITIAL_MS)} restarting failed container=${c.spec.name} pod=${rt.name}_${rt.namespace}(${rt.uid})`;
  }

  private recorder(rt: PodRt): EventRecorder {
    let r = this.recorders.get(rt.node);
    if (r === undefined) {
      r = this.ctx.events.recorder('kubelet', rt.node);
      this.recorders.set(rt.node, r);
    }
    return r;
  }

  private containerRef(rt: PodRt, c: ContainerRt): ObjectReference {
    const pod = this.ctx.store.get('Pod', rt.namespace, rt.name);
    return {
      apiVersion: 'v1',
      fieldPath: `spec.containers{${c.spec.name}}`,
      kind: 'Pod',
      name: rt.name,
      namespace: rt.namespace,
      resourceVersion: pod?.metadata?.resourceVersion,
      uid: rt.uid,
    };
  }

  private writeStatus(rt: PodRt): void {
    if (rt.lazy?.running) {
      rt.lazy.dirty = true;
      return;
    }
    const now = this.ctx.now();
    const allReady = rt.containers.every((c) => c.ready);
    if (allReady !== rt.ready.value) rt.ready = { value: allReady, at: now };
    if (allReady !== rt.containersReady.value) rt.containersReady = { value: allReady, at: now };
    const node = this.ctx.store.get('Node', undefined, rt.node);
    const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const pod = this.ctx.store.get('Pod', rt.namespace, rt.name);
    if (pod === undefined || pod.metadata?.uid !== rt.uid) return;
    const status = podStatus(rt, pod, hostIP);
    this.ctx.store.replaceField('Pod', rt.namespace, rt.name, 'status', status, restartsMoved(pod.status?.containerStatuses, status.containerStatuses));
  }

  private nodeImages(node: string): Map<string, number> {
    let m = this.images.get(node);
    if (m === undefined) {
      m = new Map();
      this.images.set(node, m);
    }
    return m;
  }

  /** host-local IPAM: the next free address of the node's /24, from .2 upwards, wrapping. */
  private allocateIp(nodeName: string): string {
    const node = this.ctx.store.get('Node', undefined, nodeName);
    const cidr = node?.spec?.podCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0]!.split('.').slice(0, 3).join('.');
    let used = this.ipsInUse.get(nodeName);
    if (used === undefined) {
      used = new Set();
      this.ipsInUse.set(nodeName, used);
    }
    let n = this.nextIp.get(nodeName) ?? 2;
    for (let tries = 0; tries < 253; tries++) {
      const ip = `${base}.${n}`;
      n = n >= 254 ? 2 : n + 1;
      if (!used.has(ip)) {
        used.add(ip);
        this.nextIp.set(nodeName, n);
        return ip;
      }
    }
    return `${base}.254`;
  }
}

/**
 * What containerd answers for a tag the registry does not have; names without a registry are
 * Docker Hub's, normalised as containerd does (nginx:1.x -> docker.io/library/nginx:1.x).
 */
export function pullNotFound(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const full = hasRegistry ? image : `docker.io/${slash < 0 ? 'library/' : ''}${image}`;
  const ref = /[:@][^/]*$/.test(full.slice(full.lastIndexOf('/'))) ? full : `${full}:latest`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}
