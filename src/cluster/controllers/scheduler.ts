/**
 * The default scheduler, reduced to what a learner can observe: each pending pod is bound to a
 * node, spreading pods of the same owner first (as default topology spreading does) and then
 * preferring the least-loaded node, ties broken by node order. Binding records `Scheduled`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { type Ctx, splitKey } from '../context';
import { rfc3339 } from '../format';
import { controllerUid, isTerminal } from '../objects/podStatus';
import { objectRef } from '../objects/objectRef';

/** The scheduler's identity as events.k8s.io reports it (its host is the control plane). */
export const SCHEDULER_INSTANCE = 'default-scheduler-control-plane';

export class Scheduler {
  constructor(private ctx: Ctx) {}

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = this.ctx.store.get('Pod', namespace, name);
    if (pod === undefined || pod.spec?.nodeName || pod.metadata?.deletionTimestamp !== undefined) return;
    const node = this.pickNode(pod);
    if (node === undefined) return;
    const now = this.ctx.now();
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

  private pickNode(pod: Pod): string | undefined {
    const nodes = this.ctx.store.list('Node');
    if (nodes.length === 0) return undefined;
    const owner = controllerUid(pod);
    const total = new Map<string, number>();
    const same = new Map<string, number>();
    for (const p of this.ctx.store.list('Pod')) {
      const n = p.spec?.nodeName;
      if (!n || isTerminal(p)) continue;
      total.set(n, (total.get(n) ?? 0) + 1);
      if (owner !== undefined && controllerUid(p) === owner) same.set(n, (same.get(n) ?? 0) + 1);
    }
    let best: string | undefined;
    let bestScore: [number, number] = [Infinity, Infinity];
    for (const node of nodes) {
      const n = node.metadata?.name ?? '';
      const score: [number, number] = [same.get(n) ?? 0, total.get(n) ?? 0];
      if (score[0] < bestScore[0] || (score[0] === bestScore[0] && score[1] < bestScore[1])) {
        best = n;
        bestScore = score;
      }
    }
    return best;
  }
}
