/**
 * kubectl's deployment util: which ReplicaSets belong to a deployment (selector + controller
 * uid), the new one (template equal ignoring pod-template-hash, oldest first) and the old ones.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../cluster/api';
import { goSort } from './goSort';

const HASH_LABEL = 'pod-template-hash';

function matchesSelector(labels: Readonly<Record<string, string>> | undefined, d: Deployment): boolean {
  const want = d.spec?.selector?.matchLabels ?? {};
  return Object.entries(want).every(([k, v]) => labels?.[k] === v);
}

/** apimachinery's semantic DeepEqual, loosely: empty and absent slices/maps are equal. */
function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    return [...keys].every((k) => semanticEqual(ao[k], bo[k]));
  }
  return a === b;
}

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as PodTemplateSpec;
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}

export interface DeploymentReplicaSets {
  /** Every old ReplicaSet, oldest first. */
  old: ReplicaSet[];
  newRS: ReplicaSet | undefined;
}

export function deploymentReplicaSets(view: ClusterView, d: Deployment): DeploymentReplicaSets {
  const uid = d.metadata?.uid;
  const owned = view
    .list('ReplicaSet', d.metadata?.namespace)
    .filter((rs) => matchesSelector(rs.metadata?.labels, d))
    .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === uid));
  const sorted = goSort(owned, (a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? '');
    const tb = Date.parse(b.metadata?.creationTimestamp ?? '');
    if (ta === tb) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '');
    return ta < tb;
  });
  const want = withoutHash(d.spec?.template);
  const newRS = sorted.find((rs) => semanticEqual(withoutHash(rs.spec?.template), want));
  return { newRS, old: sorted.filter((rs) => rs !== newRS) };
}
