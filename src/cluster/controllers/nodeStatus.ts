/**
 * The kubelet's node status report (pkg/kubelet/kubelet_node_status.go, tryUpdateNodeStatus): with
 * the node lease carrying liveness, a kubelet that sees no change still patches its Node's status
 * once nodeStatusReportFrequency (5 min) has passed since its last report, stamping every
 * condition's lastHeartbeatTime with the time of that report (and giving the Node a new
 * resourceVersion). After a real change, or at kubelet start, the next report waits a one-time
 * random delayAfterNodeStatusChange in [-2.5 min, +2.5 min] on top of the 5 min, so the nodes of a
 * cluster do not all report at once; from then on it keeps the plain 5 min cadence.
 *
 * The simulator does not tick per node: report times follow from the last report by arithmetic,
 * and the reporter writes only when the clock has moved past one (a single write per node, with
 * the latest report time, however far the clock moved). Which reports fall due depends only on sim
 * time, never on how the clock was advanced, so the world's content is the same either way.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { Ctx } from '../context';
import { rfc3339 } from '../format';
import { fnv32a } from '../names';

/** nodeStatusReportFrequency's default. */
export const NODE_STATUS_REPORT_MS = 300_000;
/** The kubelet's status sync loop (nodeStatusUpdateFrequency): reports happen on its ticks. */
const SYNC_MS = 10_000;

/** The node's last reported heartbeat: the newest lastHeartbeatTime of its conditions. */
export function lastHeartbeat(node: Node): number | undefined {
  let last: number | undefined;
  for (const c of node.status?.conditions ?? []) {
    const t = Date.parse(c.lastHeartbeatTime ?? '');
    if (!Number.isNaN(t) && (last === undefined || t > last)) last = t;
  }
  return last;
}

/**
 * The one-time delay after a change (or kubelet start) at `changedAt`, in whole sync ticks within
 * [-2.5 min, +2.5 min]: stable per node and moment, so the same world reports at the same times.
 */
export function delayAfterChange(uid: string, changedAt: number): number {
  const ticks = (NODE_STATUS_REPORT_MS / 2) / SYNC_MS;
  return ((fnv32a(`node-status:${uid}:${changedAt}`) % (2 * ticks + 1)) - ticks) * SYNC_MS;
}

/** The first periodic report after a change (or kubelet start) at `changedAt`. */
export function firstReportAfter(uid: string, changedAt: number): number {
  return changedAt + NODE_STATUS_REPORT_MS + delayAfterChange(uid, changedAt);
}

/** The latest report at or before `now` on the cadence that starts at `first`, if any. */
export function reportAt(first: number, now: number): number | undefined {
  if (now < first) return undefined;
  return first + Math.floor((now - first) / NODE_STATUS_REPORT_MS) * NODE_STATUS_REPORT_MS;
}

interface Cadence {
  /** The stored Node this cadence was worked out from (stored objects are frozen snapshots). */
  seen: Node;
  /** The heartbeat this reporter last wrote (or found at the start of the cadence). */
  written: number;
  /** When the next periodic report is due. */
  next: number;
}

/** Periodic status reports of the simulated kubelets: the nodes of the world's spec. */
export class NodeStatusReporter {
  private cadence = new Map<string, Cadence>();
  /** The earliest report due on any node: below it, `reportUntil` costs one comparison. */
  private due = -Infinity;

  /** The nodes of the world's spec: each has a (simulated) kubelet behind it. */
  private readonly kubelets: ReadonlySet<string>;

  constructor(private readonly ctx: Ctx) {
    this.kubelets = new Set(ctx.spec.nodes.map((n) => n.name));
  }

  /** Write, for every node with a report due by `now`, the latest such report. */
  reportUntil(now: number): void {
    if (now < this.due) return;
    let due = Infinity;
    for (const node of this.ctx.store.list('Node')) {
      const name = node.metadata?.name ?? '';
      // A Node created through the API has no kubelet behind it: nothing reports for it.
      if (!this.kubelets.has(name)) continue;
      let c = this.cadence.get(name);
      if (c === undefined || c.seen !== node) {
        // Written since we last looked: by us (the cadence goes on), or by someone else (the
        // kubelet started, or its status changed, at that heartbeat: a new cadence from there).
        const last = lastHeartbeat(node);
        if (last === undefined) continue;
        if (c === undefined || c.written !== last) c = { seen: node, written: last, next: firstReportAfter(node.metadata?.uid ?? '', last) };
        c.seen = node;
        this.cadence.set(name, c);
      }
      const at = reportAt(c.next, now);
      if (at !== undefined) {
        const stored = this.write(c.seen, at);
        if (stored !== undefined) c.seen = stored;
        c.written = at;
        c.next = at + NODE_STATUS_REPORT_MS;
      }
      due = Math.min(due, c.next);
    }
    this.due = due;
  }

  /** A status write that copies only the conditions (the rest of the frozen status is shared). */
  private write(node: Node, at: number): Node | undefined {
    const ts = rfc3339(at);
    const status = node.status ?? {};
    const conditions = (status.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: ts }));
    return this.ctx.store.replaceField('Node', undefined, node.metadata?.name ?? '', 'status', { ...status, conditions });
  }
}
