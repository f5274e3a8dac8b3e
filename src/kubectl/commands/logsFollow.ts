/**
 * `kubectl logs -f`: after what the container has written so far, each new line as the container
 * writes it, until Ctrl-C or until the container stops (then kubectl returns, as the kubelet ends
 * the stream). A container that is not running has nothing to follow: kubectl prints its log and
 * returns at once.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterControl } from '../../cluster/api';
import type { Follower, FollowUpdate } from '../api';
import { FOLLOW_POLL_MS, PollGrid } from '../follow';

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

interface Stream {
  namespace: string;
  pod: string;
  container: string;
  /** The container instance being followed. */
  containerID: string;
  /** Characters of its log already printed. */
  printed: number;
  ended: boolean;
}

/** How followed lines look: `--timestamps` from the kubelet, `--prefix` from kubectl. */
export interface FollowFormat {
  timestamps?: boolean;
  prefix?: boolean;
}

/** The container `kubectl logs` reads when none is named (as logs.ts picks it). */
export function defaultContainer(pod: Pod): string {
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  if (annotated !== undefined && all.some((c) => c.name === annotated)) return annotated;
  return pod.spec?.containers?.[0]?.name ?? '';
}

function runningID(pod: Pod | undefined, container: string): string | undefined {
  const s = [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])].find((x) => x.name === container);
  return s?.state?.running !== undefined ? s.containerID : undefined;
}

class LogFollower implements Follower {
  private readonly grid: PollGrid;
  private stopped = false;

  constructor(
    private readonly cluster: ClusterControl,
    private readonly streams: Stream[],
    private readonly format: FollowFormat = {},
  ) {
    this.grid = new PollGrid(cluster.now(), FOLLOW_POLL_MS);
  }

  nextAt(): number {
    return this.grid.nextAt();
  }

  poll(): FollowUpdate {
    this.grid.passed(this.cluster.now());
    if (this.stopped) return { stdout: '', stderr: '' };
    let stdout = '';
    for (const s of this.streams) {
      if (s.ended) continue;
      const pod = this.cluster.get('Pod', s.namespace, s.pod);
      const running = runningID(pod, s.container);
      if (pod === undefined) {
        s.ended = true;
        continue;
      }
      // Restarted since: the run we followed is now the previous one.
      const previous = running !== undefined && running !== s.containerID;
      const r = this.cluster.logs(s.namespace, s.pod, s.container, previous, this.format.timestamps === true ? { timestamps: true } : undefined);
      if (r.ok && r.text.length > s.printed) {
        const fresh = r.text.slice(s.printed);
        stdout += this.format.prefix === true ? fresh.replace(/^(?=.)/gm, `[pod/${s.pod}/${s.container}] `) : fresh;
        s.printed = r.text.length;
      }
      if (running !== s.containerID) s.ended = true;
    }
    const done = this.streams.every((s) => s.ended);
    return { stdout, stderr: '', ...(done ? { done: true, exitCode: 0 } : {}) };
  }

  stop(): void {
    this.stopped = true;
  }
}

/**
 * A follower for the logs already printed of `container` in each pod, or undefined when none of
 * them is running (nothing to follow).
 */
export function followLogs(
  cluster: ClusterControl,
  targets: readonly { pod: Pod; container: string | undefined }[],
  format: FollowFormat = {},
): Follower | undefined {
  const streams: Stream[] = [];
  for (const t of targets) {
    const namespace = t.pod.metadata?.namespace ?? '';
    const name = t.pod.metadata?.name ?? '';
    const container = t.container === undefined || t.container === '' ? defaultContainer(t.pod) : t.container;
    const id = runningID(t.pod, container);
    if (id === undefined) continue;
    const r = cluster.logs(namespace, name, container, false, format.timestamps === true ? { timestamps: true } : undefined);
    streams.push({ namespace, pod: name, container, containerID: id, printed: r.ok ? r.text.length : 0, ended: false });
  }
  return streams.length === 0 ? undefined : new LogFollower(cluster, streams, format);
}
