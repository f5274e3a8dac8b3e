/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps the number of active pods equal
 * to spec.replicas, creating pods from the template or deleting the least valuable ones, and
 * reports status counts.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { type Ctx, splitKey } from '../context';
import { rfc3339 } from '../format';
import { admittedPodSpec, qosClass } from '../objects/podTemplate';
import { isPodActive, isPodReady, labelsMatch, maxRestarts } from '../objects/podStatus';
import { objectRef } from '../objects/objectRef';

/**
 * Pods are deleted with their 30 s grace period; the kubelet finishes the job. A pod no node has
 * taken goes at once, as the API server's CheckGracefulDelete decides: no kubelet has anything to stop.
 */
export function requestPodDeletion(ctx: Ctx, pod: Pod): void {
  if (!pod.spec?.nodeName) {
    ctx.store.delete('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '');
    return;
  }
  const now = ctx.now();
  const grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
  ctx.store.update('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', (p) => {
    if (p.metadata!.deletionTimestamp !== undefined) return;
    p.metadata!.deletionTimestamp = rfc3339(now + grace * 1000);
    p.metadata!.deletionGracePeriodSeconds = grace;
  });
}

export class ReplicaSetController {
  constructor(
    private ctx: Ctx,
    private podsOf: (ownerUid: string) => Pod[],
  ) {}

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const rs = this.ctx.store.get('ReplicaSet', namespace, name);
    if (rs === undefined || rs.metadata?.deletionTimestamp !== undefined) return;
    const uid = rs.metadata?.uid ?? '';
    const pods = this.podsOf(uid);
    const active = pods.filter(isPodActive);
    const desired = rs.spec?.replicas ?? 1;
    const diff = active.length - desired;
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) this.createPod(rs);
    } else if (diff > 0) {
      for (const pod of this.podsToDelete(active, pods, diff)) {
        requestPodDeletion(this.ctx, pod);
        this.recorder().record(objectRef(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`, this.ctx.now());
      }
    }
    this.updateStatus(rs);
  }

  private recorder() {
    return this.ctx.events.recorder('replicaset-controller');
  }

  private createPod(rs: ReplicaSet): void {
    const { store, names } = this.ctx;
    const namespace = rs.metadata?.namespace ?? 'default';
    const generateName = `${rs.metadata?.name}-`;
    let name = generateName + names.suffix(5);
    while (store.get('Pod', namespace, name) !== undefined) name = generateName + names.suffix(5);
    const template = rs.spec?.template ?? {};
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        generateName,
        labels: { ...(template.metadata?.labels ?? {}) },
        name,
        namespace,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            blockOwnerDeletion: true,
            controller: true,
            kind: 'ReplicaSet',
            name: rs.metadata?.name ?? '',
            uid: rs.metadata?.uid ?? '',
          },
        ],
        uid: names.uuid(),
      },
      spec: admittedPodSpec(template, `kube-api-access-${names.suffix(5)}`),
      status: { phase: 'Pending' },
    };
    pod.status!.qosClass = qosClass(pod);
    store.create('Pod', pod, this.ctx.now());
    this.recorder().record(objectRef(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, this.ctx.now());
  }

  /**
   * getPodsToDelete: unscheduled before scheduled, pending before running, not ready before
   * ready, pods doubled up on a node first, then more restarts, then the newest.
   */
  private podsToDelete(active: Pod[], all: Pod[], count: number): Pod[] {
    const perNode = new Map<string, number>();
    for (const p of all) {
      if (!isPodActive(p)) continue;
      const n = p.spec?.nodeName ?? '';
      perNode.set(n, (perNode.get(n) ?? 0) + 1);
    }
    const phaseRank = (p: Pod): number => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2);
    const ranked = [...active].sort((a, b) => {
      const an = a.spec?.nodeName ? 1 : 0;
      const bn = b.spec?.nodeName ? 1 : 0;
      if (an !== bn) return an - bn;
      if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
      const ar = isPodReady(a) ? 1 : 0;
      const br = isPodReady(b) ? 1 : 0;
      if (ar !== br) return ar - br;
      const ak = perNode.get(a.spec?.nodeName ?? '') ?? 0;
      const bk = perNode.get(b.spec?.nodeName ?? '') ?? 0;
      if (ak !== bk) return bk - ak;
      const rs = maxRestarts(b) - maxRestarts(a);
      if (rs !== 0) return rs;
      const ac = a.metadata?.creationTimestamp ?? '';
      const bc = b.metadata?.creationTimestamp ?? '';
      if (ac !== bc) return ac < bc ? 1 : -1;
      return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
    });
    return ranked.slice(0, count);
  }

  private updateStatus(rs: ReplicaSet): void {
    const pods = this.podsOf(rs.metadata?.uid ?? '').filter(isPodActive);
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const ready = pods.filter(isPodReady).length;
    const namespace = rs.metadata?.namespace;
    const name = rs.metadata?.name ?? '';
    const current = this.ctx.store.get('ReplicaSet', namespace, name);
    if (current === undefined) return;
    const status: NonNullable<ReplicaSet['status']> = { replicas: pods.length };
    const fully = pods.filter((p) => labelsMatch(templateLabels, p.metadata?.labels) || Object.keys(templateLabels).length === 0).length;
    if (ready > 0) status.availableReplicas = ready;
    if (fully > 0) status.fullyLabeledReplicas = fully;
    if (current.metadata?.generation !== undefined) status.observedGeneration = current.metadata.generation;
    if (ready > 0) status.readyReplicas = ready;
    // A status write (the status subresource): the rest of the object is left as it is.
    this.ctx.store.replaceField('ReplicaSet', namespace, name, 'status', status);
  }
}

