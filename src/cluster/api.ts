/**
 * The contract between the simulator and everything above it (kubectl, the game, the stub API
 * server in the conformance tests). Objects are real Kubernetes API shapes so that
 * `kubectl get -o yaml` is a serialisation and the same objects can be served to real kubectl.
 */
import type {
  ConfigMap,
  Event,
  Namespace,
  Node,
  Pod,
  Secret,
  Service,
} from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';

export interface KindMap {
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Service: Service;
  EndpointSlice: EndpointSlice;
  Event: Event;
  Secret: Secret;
  ConfigMap: ConfigMap;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
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
}
