/** Small readers of pod state shared by controllers (pkg/api/v1/pod helpers). */
import type { Pod } from 'kubernetes-types/core/v1';

export function isPodReady(pod: Pod): boolean {
  // A plain loop: owners and the endpoints controller ask this of every pod on every sync.
  const conditions = pod.status?.conditions;
  if (conditions === undefined) return false;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    if (c.type === 'Ready' && c.status === 'True') return true;
  }
  return false;
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** controller.IsPodActive: counted towards a ReplicaSet's replicas. */
export function isPodActive(pod: Pod): boolean {
  return !isTerminating(pod) && !isTerminal(pod);
}

export function controllerUid(obj: { metadata?: { ownerReferences?: { controller?: boolean; uid: string }[] } }): string | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
}

export function maxRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount);
  return max;
}

export function labelsMatch(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  return keys.every((k) => labels?.[k] === selector[k]);
}
