/**
 * What the kubelet knows about the pods it runs (the container runtime's view), and how that
 * becomes the pod's status (generateAPIPodStatus / getPhase).
 */
import type { ContainerState, ContainerStateTerminated, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Container } from 'kubernetes-types/core/v1';
import type { EventQueue } from '../clock';
import type { PreparedEvent } from '../events';
import type { RunInputs } from './containerBehaviour';
import type { Prng } from '../names';
import type { Outcome } from '../spec';
import { rfc3339 } from '../format';
import { imageId } from '../objects/infra';

export interface Run {
  containerID: string;
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  lines: { at: number; text: string }[];
  /** The environment the process got (what `kubectl exec ... env` shows). */
  env?: ReadonlyMap<string, string>;
  /** The behaviour outcome this run follows (its memory, CPU and HTTP answers). */
  outcome?: Outcome;
}

/** A run whose log lines come from its plan when first read. */
export class PlannedRun implements Run {
  declare finishedAt?: number;
  declare exitCode?: number;
  declare reason?: string;
  constructor(
    readonly containerID: string,
    readonly startedAt: number,
    private readonly plan: { readonly lines: { at: number; text: string }[] },
    readonly env: ReadonlyMap<string, string> | undefined,
    readonly outcome: Outcome | undefined,
  ) {}

  get lines(): { at: number; text: string }[] {
    return this.plan.lines;
  }
}

export interface Backoff {
  ms: number;
  lastUpdate: number;
}

export interface ContainerRt {
  spec: Container;
  restartCount: number;
  /** The newest container instance and the one before it (kubelet keeps one dead container). */
  latest?: Run;
  prev?: Run;
  waiting?: { reason: string; message?: string };
  backoff?: Backoff;
  /** The image pull back-off (kubelet keys it by pod uid and image; one image per container here). */
  pullBackoff?: Backoff;
  ready: boolean;
  /** Bumped whenever a new instance starts, so that stale timers of older runs do nothing. */
  token: number;
  /** Running but its startup probe has not succeeded yet (status `started: false`). */
  startupPending?: boolean;
  /** The pod's new spec for this container (its image changed), applied on the next sync. */
  nextSpec?: Container;
  /** Killed for a changed definition: started again whatever the restart policy says. */
  restartForced?: boolean;
}

/** Observations recorded lazily on the kubelet's retry syncs while nothing else changes. */
export interface Series {
  next: number;
  /** Precomputed sync times (finite series) or undefined (drawn from the pod's stream). */
  times?: number[];
  idx: number;
  /** The first time that is a real sync rather than a mere observation. */
  end: number;
  observe: (at: number) => void;
  /** When set, records the observations at times[from..to) in one go (a single repeated event). */
  observeRun?: (from: number, to: number) => void;
}

/** A lazy pod's own clock (see the kubelet's lazy crash loops). */
export interface LazyTimeline {
  queue: EventQueue;
  /** The sim time of the timer running now. */
  now: number;
  running: boolean;
  /** A status write is owed. */
  dirty: boolean;
  /** The running instance's planned exit, with what it started with (for whole-cycle steps). */
  exit?: { at: number; code: number; reason: string; token: number; runMs: number; inputs: RunInputs };
  /** The loop's events with their keys built, for one catch-up (the pod's resourceVersion holds). */
  events?: { backOff: PreparedEvent; pulled: PreparedEvent; created: PreparedEvent; started: PreparedEvent; waiting: { reason: string; message: string } };
  /**
   * The last catch-up's events, kept with what their keys and messages were built from: the next
   * catch-up only points them at the pod's new resourceVersion (see the kubelet's loopEvents).
   */
  keptEvents?: { c: ContainerRt; image: string; name: string; backoffMs: number; events: NonNullable<LazyTimeline['events']> };
  /** Scratch for a cycle's retry times. */
  times?: number[];
  /** Scratch for the pod stream's state before a cycle drawn ahead (see the kubelet's foldCycles). */
  rngState?: number[];
}

export interface PodRt {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  rng: Prng;
  containers: ContainerRt[];
  initializedAt?: number;
  sandboxAt?: number;
  podIP?: string;
  ready: { value: boolean; at: number };
  containersReady: { value: boolean; at: number };
  /** Bumped when a scheduled sync becomes stale (a newer sync ran, the pod is being killed). */
  gen: number;
  busy: boolean;
  pendingSync: boolean;
  series?: Series;
  /** Set while the pod's crash loop runs on its own timeline. */
  lazy?: LazyTimeline;
  killing: boolean;
  /** When the last container of a pod that will not restart finished. */
  finishedAt?: number;
  /** spec.restartPolicy: Always (default), OnFailure or Never (Job pods). */
  restartPolicy?: string;
}

/** Whether the kubelet starts a container again after this exit (the pod's restartPolicy). */
export function restartsAfter(rt: PodRt, exitCode: number | undefined): boolean {
  const policy = rt.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return exitCode !== 0;
  return true;
}

export function isRunning(c: ContainerRt): boolean {
  return c.latest !== undefined && c.latest.finishedAt === undefined;
}

function terminated(run: Run): ContainerStateTerminated {
  return {
    containerID: run.containerID,
    exitCode: run.exitCode ?? 0,
    finishedAt: rfc3339(run.finishedAt ?? 0),
    reason: run.reason,
    startedAt: rfc3339(run.startedAt),
  };
}

export function containerStatus(c: ContainerRt): ContainerStatus {
  // Objects are built by plain property writes in a fixed order, not spreads: spread-built
  // objects that are then frozen get a layout of their own in V8, and reading thousands of
  // differently laid out statuses (a 10,000-pod table) is several times slower.
  const spec = c.spec;
  const mounts: { mountPath: string; name: string; readOnly?: boolean; recursiveReadOnly?: string }[] = [];
  for (const m of spec.volumeMounts ?? []) {
    const mount: { mountPath: string; name: string; readOnly?: boolean; recursiveReadOnly?: string } = { mountPath: m.mountPath, name: m.name };
    if (m.readOnly) {
      mount.readOnly = true;
      mount.recursiveReadOnly = 'Disabled';
    }
    mounts.push(mount);
  }
  let state: ContainerState;
  let lastState: ContainerState = {};
  const latest = c.latest;
  if (latest && latest.finishedAt === undefined) {
    state = { running: { startedAt: rfc3339(latest.startedAt) } };
    if (c.prev) lastState = { terminated: terminated(c.prev) };
  } else if (latest && c.waiting) {
    state = { waiting: waitingState(c.waiting) };
    lastState = { terminated: terminated(latest) };
  } else if (latest) {
    state = { terminated: terminated(latest) };
    if (c.prev) lastState = { terminated: terminated(c.prev) };
  } else {
    state = { waiting: waitingState(c.waiting ?? { reason: 'ContainerCreating' }) };
  }
  const status = {} as { -readonly [K in keyof ContainerStatus]: ContainerStatus[K] };
  if (latest) status.containerID = latest.containerID;
  status.image = spec.image ?? '';
  status.imageID = latest ? imageId(spec.image ?? '') : '';
  status.lastState = lastState;
  status.name = spec.name;
  status.ready = c.ready;
  status.restartCount = c.restartCount;
  status.started = isRunning(c) && c.startupPending !== true;
  status.state = state;
  if (mounts.length > 0) status.volumeMounts = mounts;
  return status;
}

function waitingState(w: { reason: string; message?: string }): { reason: string; message?: string } {
  const out: { reason: string; message?: string } = { reason: w.reason };
  if (w.message !== undefined) out.message = w.message;
  return out;
}

/** getPhase: a pod whose containers will not run again has Succeeded or Failed. */
export function podPhase(rt: PodRt): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of rt.containers) {
    if (isRunning(c)) running++;
    else if (c.latest) {
      stopped++;
      if (c.latest.exitCode === 0) succeeded++;
    } else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    const policy = rt.restartPolicy ?? 'Always';
    if (policy === 'Always') return 'Running';
    if (policy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
    return stopped === succeeded ? 'Succeeded' : 'Failed';
  }
  return 'Pending';
}

function condition(type: string, value: boolean, at: number, unready?: string[]): PodCondition {
  const c: PodCondition = {
    // Pod conditions always carry lastProbeTime, and it is always null.
    lastProbeTime: null as unknown as string,
    lastTransitionTime: rfc3339(at),
    status: value ? 'True' : 'False',
    type,
  };
  if (!value && unready) {
    c.message = `containers with unready status: [${unready.join(' ')}]`;
    c.reason = 'ContainersNotReady';
  }
  return c;
}

/** GeneratePodReadyCondition: a Succeeded pod is not ready because it completed. */
function completed(c: PodCondition, phase: string): PodCondition {
  if (phase !== 'Succeeded') return c;
  const out: PodCondition = { lastProbeTime: c.lastProbeTime, lastTransitionTime: c.lastTransitionTime, status: c.status, type: c.type };
  out.reason = 'PodCompleted';
  return out;
}

/** A plain copy of a condition another writer set (the scheduler's PodScheduled). */
function copyCondition(c: PodCondition): PodCondition {
  const out = {} as { -readonly [K in keyof PodCondition]: PodCondition[K] };
  out.lastProbeTime = c.lastProbeTime;
  out.lastTransitionTime = c.lastTransitionTime;
  if (c.message !== undefined) out.message = c.message;
  if (c.reason !== undefined) out.reason = c.reason;
  out.status = c.status;
  out.type = c.type;
  return out;
}

/** The status the kubelet reports for `pod` (keeping what the scheduler and API server set). */
export function podStatus(rt: PodRt, pod: Pod, hostIP: string): PodStatus {
  const unready = rt.containers.filter((c) => !c.ready).map((c) => c.spec.name);
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const phase = podPhase(rt);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const conditions: PodCondition[] = [
    // A finished pod's sandbox is torn down.
    condition('PodReadyToStartContainers', rt.sandboxAt !== undefined && !terminal, terminal ? (rt.finishedAt ?? 0) : (rt.sandboxAt ?? rt.initializedAt ?? 0)),
    condition('Initialized', true, rt.initializedAt ?? 0),
    completed(condition('Ready', rt.ready.value, rt.ready.at, unready), phase),
    completed(condition('ContainersReady', rt.containersReady.value, rt.containersReady.at, unready), phase),
  ];
  if (scheduled) conditions.push(copyCondition(scheduled));
  const status: PodStatus = {
    conditions,
    containerStatuses: rt.containers.map(containerStatus),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    phase,
  };
  if (rt.podIP) {
    status.podIP = rt.podIP;
    status.podIPs = [{ ip: rt.podIP }];
  }
  if (pod.status?.qosClass) status.qosClass = pod.status.qosClass;
  if (rt.initializedAt !== undefined) status.startTime = rfc3339(rt.initializedAt);
  return status;
}
