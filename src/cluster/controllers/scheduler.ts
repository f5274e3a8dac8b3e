/**
 * The default scheduler, reduced to what a learner can observe: each pending pod is bound to a
 * node whose allocatable CPU and memory still hold its requests (NodeResourcesFit), spreading
 * pods of the same owner first (as default topology spreading does) and then preferring the
 * least-loaded node, ties broken by node order. Binding records `Scheduled`.
 *
 * A pod that fits nowhere stays Pending with PodScheduled=False/Unschedulable and a
 * `FailedScheduling` warning carrying the scheduler's FitError text. It is tried again when room
 * may have appeared (a pod on a node went away or finished, a node was added) and otherwise every
 * five minutes (the unschedulable queue's leftover flush). Each attempt reports FailedScheduling;
 * the events.k8s.io recorder folds repeats about the same pod version into a series.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { type Ctx, keyOf, splitKey } from '../context';
import { rfc3339 } from '../format';
import { controllerUid, isTerminal } from '../objects/podStatus';
import { objectRef } from '../objects/objectRef';
import { cpuMillis, podRequests, quantityValue } from '../objects/quantity';

/** The scheduler's identity as events.k8s.io reports it (its host is the control plane). */
export const SCHEDULER_INSTANCE = 'default-scheduler-control-plane';
/** podMaxInUnschedulablePodsDuration, checked by a flush every 30 s. */
const UNSCHEDULABLE_MAX_MS = 300_000;
const FLUSH_PERIOD_MS = 30_000;

export class Scheduler {
  /** Pending pods that fit nowhere at their last attempt -> the FailedScheduling message written. */
  private unschedulable = new Map<string, { message: string; at: number }>();
  /** Unschedulable pods moved back to the active queue. */
  private retryDue = new Set<string>();

  constructor(private ctx: Ctx) {}

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = this.ctx.store.get('Pod', namespace, name);
    if (pod === undefined || pod.spec?.nodeName || pod.metadata?.deletionTimestamp !== undefined) {
      this.unschedulable.delete(key);
      this.retryDue.delete(key);
      return;
    }
    // An unschedulable pod waits in its queue (its own status write does not wake it).
    if (this.unschedulable.has(key) && !this.retryDue.has(key)) return;
    this.retryDue.delete(key);
    const nodes = this.ctx.store.list('Node');
    if (nodes.length === 0) return;
    const now = this.ctx.now();
    const census = this.census(controllerUid(pod));
    const usage = census.usage;
    const req = podRequests(pod);
    const failures = new Map<string, number>();
    const feasible: Node[] = [];
    for (const node of nodes) {
      const reasons = insufficient(node, usage.get(node.metadata?.name ?? ''), req);
      if (reasons.length === 0) feasible.push(node);
      for (const r of reasons) failures.set(r, (failures.get(r) ?? 0) + 1);
    }
    if (feasible.length === 0) {
      this.markUnschedulable(pod, key, fitError(nodes.length, failures), now);
      return;
    }
    this.unschedulable.delete(key);
    const node = this.pickNode(feasible, census);
    const bound = this.ctx.store.update('Pod', namespace, name, (p) => {
      p.spec!.nodeName = node;
      // Pod conditions always carry lastProbeTime: null; the API serialises it, so do we.
      p.status = {
        ...p.status,
        conditions: [{ lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339(now), status: 'True', type: 'PodScheduled' }],
      };
    });
    if (bound === undefined) return;
    this.ctx.events.recordNew(
      objectRef(bound),
      'default-scheduler',
      SCHEDULER_INSTANCE,
      'Binding',
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${node}`,
      now,
    );
  }

  /** A pod left a node or finished, or a node appeared: unschedulable pods are tried again. */
  roomMayHaveAppeared(): void {
    for (const key of [...this.unschedulable.keys()].sort()) {
      this.retryDue.add(key);
      this.ctx.enqueue('scheduler', key);
    }
  }

  private markUnschedulable(pod: Pod, key: string, message: string, now: number): void {
    const [namespace, name] = splitKey(key);
    const changed = this.unschedulable.get(key)?.message !== message;
    const entry = { message, at: now };
    this.unschedulable.set(key, entry);
    if (changed) {
      const updated = this.ctx.store.update('Pod', namespace, name, (p) => {
        const old = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
        const since = old?.status === 'False' ? old.lastTransitionTime : rfc3339(now);
        p.status = {
          ...p.status,
          conditions: [
            { lastProbeTime: null as unknown as string, lastTransitionTime: since, message, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' },
          ],
        };
      });
      void updated;
    }
    // Every failed attempt is reported; the recorder folds repeats into a series.
    this.ctx.events.recordNew(objectRef(pod), 'default-scheduler', SCHEDULER_INSTANCE, 'Scheduling', 'FailedScheduling', message, now, 'Warning');
    // The leftover flush moves it back to the active queue once it has waited five minutes.
    const due = now + UNSCHEDULABLE_MAX_MS;
    const at = Math.ceil(due / FLUSH_PERIOD_MS) * FLUSH_PERIOD_MS;
    const uid = pod.metadata?.uid;
    this.ctx.schedule(at, () => {
      const p = this.ctx.store.get('Pod', namespace, name);
      // Only the latest failure's timer counts: a retry in between re-queued the pod afresh.
      if (p?.metadata?.uid !== uid || this.unschedulable.get(key) !== entry) return;
      this.retryDue.add(key);
      this.ctx.enqueue('scheduler', keyOf(namespace, name));
    });
  }

  /**
   * One pass over the bound pods: the requests each node holds, how many pods it runs and how
   * many of them share `owner`.
   */
  private census(owner: string | undefined): Census {
    const usage = new Map<string, { cpu: number; memory: number }>();
    const total = new Map<string, number>();
    const same = new Map<string, number>();
    for (const p of this.ctx.store.list('Pod')) {
      const n = p.spec?.nodeName;
      if (!n || isTerminal(p)) continue;
      const r = podRequests(p);
      const u = usage.get(n);
      if (u === undefined) usage.set(n, { cpu: r.cpu, memory: r.memory });
      else {
        u.cpu += r.cpu;
        u.memory += r.memory;
      }
      total.set(n, (total.get(n) ?? 0) + 1);
      if (owner !== undefined && controllerUid(p) === owner) same.set(n, (same.get(n) ?? 0) + 1);
    }
    return { usage, total, same };
  }

  private pickNode(nodes: readonly Node[], census: Census): string | undefined {
    let best: string | undefined;
    let bestScore: [number, number] = [Infinity, Infinity];
    for (const node of nodes) {
      const n = node.metadata?.name ?? '';
      const score: [number, number] = [census.same.get(n) ?? 0, census.total.get(n) ?? 0];
      if (score[0] < bestScore[0] || (score[0] === bestScore[0] && score[1] < bestScore[1])) {
        best = n;
        bestScore = score;
      }
    }
    return best;
  }
}

interface Census {
  usage: Map<string, { cpu: number; memory: number }>;
  total: Map<string, number>;
  same: Map<string, number>;
}

/** NodeResourcesFit's reasons for one node (requests of zero never fail). */
function insufficient(node: Node, used: { cpu: number; memory: number } | undefined, req: { cpu: number; memory: number }): string[] {
  const alloc = node.status?.allocatable ?? {};
  const out: string[] = [];
  const u = used ?? { cpu: 0, memory: 0 };
  if (req.cpu > 0 && u.cpu + req.cpu > cpuMillis(alloc.cpu)) out.push('Insufficient cpu');
  if (req.memory > 0 && u.memory + req.memory > quantityValue(alloc.memory)) out.push('Insufficient memory');
  return out;
}

/**
 * FitError.Error(): the sorted histogram of filter reasons, then what preemption found (every
 * pod here has the same priority, so there is never a victim to evict).
 */
export function fitError(nodes: number, failures: ReadonlyMap<string, number>): string {
  const reasons = [...failures].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${nodes} nodes are available: ${reasons.join(', ')}. preemption: 0/${nodes} nodes are available: ${nodes} No preemption victims found for incoming pod.`;
}
