/**
 * The contract between the simulator and everything above it (kubectl, the game, the stub API
 * server in the conformance tests). Objects are real Kubernetes API shapes so that
 * `kubectl get -o yaml` is a serialisation and the same objects can be served to real kubectl.
 */
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { MetricsSnapshot } from './metrics';
import type { TelemetrySample } from './telemetry';

export type { ContainerMetrics, MetricsSnapshot, NodeMetrics, PodMetrics } from './metrics';
export type { DeploymentSample, PodMemorySample, ServiceSample, TelemetrySample } from './telemetry';

export interface KindMap {
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Service: Service;
  EndpointSlice: EndpointSlice;
  Endpoints: Endpoints;
  Event: Event;
  Secret: Secret;
  ServiceAccount: ServiceAccount;
  ConfigMap: ConfigMap;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  Job: Job;
}
export type Kind = keyof KindMap;
export type AnyObject = KindMap[Kind];

/** Kinds that live outside namespaces. */
export const CLUSTER_SCOPED: ReadonlySet<Kind> = new Set<Kind>(['Namespace', 'Node']);

export type LogResult =
  | { ok: true; text: string }
  /** `status` is the HTTP status real kube-apiserver answers (400 BadRequest, 404 NotFound). */
  | { ok: false; status: 400 | 404; reason: 'BadRequest' | 'NotFound'; message: string };

/**
 * Options of a create or replace (the API's CreateOptions / UpdateOptions). `dryRun`: the server
 * validates, defaults and answers with the object it would store, but stores nothing
 * (`--dry-run=server`).
 */
export interface WriteOptions {
  dryRun?: boolean;
}

/** Options of a delete (the API's DeleteOptions). */
export interface DeleteOptions {
  /**
   * Seconds the object may take to terminate. Pods: undefined means the pod's own
   * terminationGracePeriodSeconds (30 by default); 0 removes the pod from the API at once (what
   * `--force --grace-period=0` sends), while its containers are still stopped by the kubelet.
   * Other kinds are removed at once whatever is given.
   */
  gracePeriodSeconds?: number;
  /**
   * What happens to dependents (objects whose ownerReferences name the deleted one): Background
   * (kubectl's default) removes the owner now and lets the garbage collector delete dependents a
   * moment later; Orphan strips the ownerReferences and keeps them; Foreground is treated like
   * Background.
   */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  dryRun?: boolean;
}

/**
 * The kubelet's side of PodLogOptions (kubectl logs --since/--since-time/--timestamps/--tail/
 * --limit-bytes), applied as the kubelet's ReadLogs applies them: tail first, then the since
 * filter, then timestamps, then the byte limit.
 */
export interface LogOptions {
  /** Keep lines written at or after this sim instant (ms): `sinceTime`, or now - `sinceSeconds`. */
  sinceMs?: number;
  /** Prefix each line with the time it was written, RFC3339 with 9 fraction digits, and a space. */
  timestamps?: boolean;
  /** The last N lines only (-1 or undefined: all). */
  tailLines?: number;
  /** At most this many bytes of output. */
  limitBytes?: number;
}

export type MutationResult<T = void> =
  | { ok: true; value: T }
  /** `message` is the text real kubectl prints, without a trailing newline. */
  | { ok: false; message: string };

/** `kubectl exec`: a command run in a running container. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: readonly string[];
  /** `-t`: the process gets a terminal (TERM is set). */
  tty: boolean;
}

export type ExecResult =
  | { ok: true; stdout: string; stderr: string; exitCode: number }
  /** What kubectl prints (the whole line, `error: ...`) when the command cannot start. */
  | { ok: false; message: string };

/** Read access: all that printers and the game need. Never mutates. */
export interface ClusterView {
  /** The simulated clock, in milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Objects of a kind, sorted by namespace then name (the API server's order). `namespace`
   * undefined means every namespace. Returned objects are deep-frozen snapshots: never mutate.
   */
  list<K extends Kind>(kind: K, namespace?: string): readonly KindMap[K][];
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined;
  /** What the kubelet's log endpoint returns for `container` in `pod` (previous: `--previous`). */
  logs(namespace: string, pod: string, container: string | undefined, previous: boolean, opts?: LogOptions): LogResult;
  /**
   * World facts outside the cluster (WorldSpec.facts, e.g. `dbSchema`) as they stand now: runs
   * that complete may have changed them. The game reads them to verify recovery.
   */
  facts(): ReadonlyMap<string, string>;
  /** What was sampled for the metrics panel (telemetry.ts), oldest first; absent or empty when off. */
  telemetry?(): readonly TelemetrySample[];
}

/** The write side the command line and the game use. Every change runs through controllers. */
export interface ClusterControl extends ClusterView {
  /** Run every timed event due up to `ms` (sim time never goes backwards). */
  advanceTo(ms: number): void;
  advanceBy(ms: number): void;
  /**
   * `kubectl rollout undo deployment/NAME [--to-revision=N]`: copies the template of revision N
   * (default: the previous one) into the deployment; controllers roll it out. `skipped` means
   * the template already matched (kubectl prints "skipped rollback (current template already
   * matches revision N)" with N as given on the command line) and nothing changed.
   */
  rolloutUndo(
    namespace: string,
    name: string,
    toRevision?: number,
  ): MutationResult<{ revision: number; skipped?: true }>;

  // ---- the generic write API (POST / PUT / DELETE). Errors carry the exact text kubectl prints
  // for the API's answer, e.g. `Error from server (NotFound): deployments.apps "x" not found`,
  // `Error from server (AlreadyExists): secrets "x" already exists`,
  // `The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
  // Every write goes through the store, so controllers react before the call returns (the clock
  // does not move). Returned objects are deep-frozen snapshots.

  /**
   * POST: store a new object. The caller gives apiVersion, kind, metadata.name (or
   * metadata.generateName) and, for namespaced kinds, metadata.namespace. The server sets uid,
   * resourceVersion, creationTimestamp and generation, applies the API's defaults (Deployment
   * strategy and template, Pod admission, Secret type) and validates. Errors: namespace missing
   * (`Error from server (NotFound): namespaces "x" not found`), AlreadyExists, Invalid.
   */
  create<K extends Kind>(kind: K, obj: KindMap[K], opts?: WriteOptions): MutationResult<KindMap[K]>;

  /**
   * PUT: replace the whole object named by obj.metadata (namespace, name). Keeps what the
   * server owns: uid, creationTimestamp, deletionTimestamp, generation (bumped when spec
   * changes), and status for kinds with a status subresource. If obj.metadata.resourceVersion is
   * set and stale: `Error from server (Conflict): Operation cannot be fulfilled on
   * deployments.apps "x": the object has been modified; please apply your changes to the latest
   * version and try again`. Unset resourceVersion means "last write wins" (what kubectl's
   * patch-based commands amount to). Read-modify-write: get, cloneJson, change, replace.
   */
  replace<K extends Kind>(kind: K, obj: KindMap[K], opts?: WriteOptions): MutationResult<KindMap[K]>;

  /**
   * DELETE. Pods bound to a node terminate gracefully: deletionTimestamp (now + grace) and
   * deletionGracePeriodSeconds are set, the pod shows `Terminating`, its ReplicaSet creates a
   * replacement at once, the kubelet stops the containers (`Killing` events) and removes the pod.
   * Everything else goes at once; dependents are garbage-collected (see DeleteOptions). The value
   * is the object as the API answered: with deletionTimestamp when terminating gracefully,
   * else the object as it was.
   */
  delete<K extends Kind>(kind: K, namespace: string | undefined, name: string, opts?: DeleteOptions): MutationResult<KindMap[K]>;
  /** `kubectl exec`: runs `command` in the container as the simulator's small userland does. */
  exec(req: ExecRequest): ExecResult;
  /** What metrics-server serves now (`kubectl top`): the latest 15 s scrape of pods and nodes. */
  metrics(): MetricsSnapshot;
}
