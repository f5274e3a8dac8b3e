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
   * What each node holds, kept up to date from every pod change (see account()): the requests of
   * its bound, unfinished pods, how many it runs, and how many per owner. A binding reads it in
   * O(nodes) instead of scanning every pod.
   */
  private held = new Map<string, { node: string; cpu: number; memory: number; owner: string | undefined }>();
  private usage = new Map<string, { cpu: number; memory: number }>();
  private total = new Map<string, number>();
  /** owner uid -> node -> pods of that owner on the node. */
  private byOwner = new Map<string, Map<string, number>>();

  /** Every pod change passes here (the cluster's router calls it), bound or not. */
  account(key: string, pod: Pod | undefined): void {
    const old = this.held.get(key);
    const node = pod?.spec?.nodeName;
    const active = pod !== undefined && !!node && !isTerminal(pod);
    const owner = active ? controllerUid(pod) : undefined;
    // A bound pod's requests cannot change (resources are immutable in 1.32): same node, same owner, nothing to do.
    if (old !== undefined && active && old.node === node && old.owner === owner) return;
    if (old !== undefined) {
      this.held.delete(key);
      const u = this.usage.get(old.node)!;
      u.cpu -= old.cpu;
      u.memory -= old.memory;
      this.total.set(old.node, (this.total.get(old.node) ?? 1) - 1);
      if (old.owner !== undefined) {
        const m = this.byOwner.get(old.owner)!;
        const n = (m.get(old.node) ?? 1) - 1;
        if (n > 0) m.set(old.node, n);
        else {
          m.delete(old.node);
          if (m.size === 0) this.byOwner.delete(old.owner);
        }
      }
    }
    if (!active) return;
    const r = podRequests(pod);
    this.held.set(key, { node: node!, cpu: r.cpu, memory: r.memory, owner });
    const u = this.usage.get(node!);
    if (u === undefined) this.usage.set(node!, { cpu: r.cpu, memory: r.memory });
    else {
      u.cpu += r.cpu;
      u.memory += r.memory;
    }
    this.total.set(node!, (this.total.get(node!) ?? 0) + 1);
    if (owner !== undefined) {
      let m = this.byOwner.get(owner);
      if (m === undefined) {
        m = new Map();
        this.byOwner.set(owner, m);
      }
      m.set(node!, (m.get(node!) ?? 0) + 1);
    }
  }

  private census(owner: string | undefined): Census {
    return { usage: this.usage, total: this.total, same: (owner !== undefined ? this.byOwner.get(owner) : undefined) ?? new Map<string, number>() };
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
