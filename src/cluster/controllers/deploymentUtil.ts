/**
 * Helpers of pkg/controller/deployment/util: annotations, revisions, surge and unavailability
 * arithmetic, and the conditions the controller sets.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { cloneJson } from '../json';
import { canonicalJson } from '../names';
import { rfc3339 } from '../format';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const MAX_REV_HISTORY_CHARS = 2000;

/** Annotations the controller never copies between deployment and replica sets. */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED,
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  ROLLBACK_TO,
]);

export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';

export function replicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}

export function revisionOf(rs: ReplicaSet): number | undefined {
  const v = rs.metadata?.annotations?.[REVISION];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

export function maxRevision(rss: ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) max = Math.max(max, revisionOf(rs) ?? 0);
  return max;
}

/** Templates equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/** Stored objects are frozen, so a template's comparison key can be computed once. */
const templateKeys = new WeakMap<PodTemplateSpec, string>();

function templateKey(t: PodTemplateSpec | undefined): string {
  if (t === undefined) return canonicalJson({});
  const cached = templateKeys.get(t);
  if (cached !== undefined) return cached;
  const key = canonicalJson(withoutHash(t));
  if (Object.isFrozen(t)) templateKeys.set(t, key);
  return key;
}

export function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = cloneJson(t ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
  }
  return copy;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const value = v ?? dflt;
  if (typeof value === 'number') return value;
  if (value.endsWith('%')) {
    const pct = Number(value.slice(0, -1));
    const raw = (pct * total) / 100;
    return roundUp ? Math.ceil(raw) : Math.floor(raw);
  }
  return Number(value);
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down, and both zero means one unavailable. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  const desired = replicas(d);
  const surge = scaledValue(ru?.maxSurge, desired, true, '25%');
  let unavailable = scaledValue(ru?.maxUnavailable, desired, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function isRolling(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

export function maxSurge(d: Deployment): number {
  if (!isRolling(d)) return 0;
  return fenceposts(d).surge;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRolling(d) || replicas(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas(d));
}

export function specReplicaSum(rss: (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsReplicas(rs);
  return n;
}

export function statusSum(rss: (ReplicaSet | undefined)[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.[field] ?? 0;
  return n;
}

export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ac = a.metadata?.creationTimestamp ?? '';
  const bc = b.metadata?.creationTimestamp ?? '';
  if (ac !== bc) return ac < bc ? -1 : 1;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

/** SetReplicasAnnotations: reports whether anything changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata!.annotations ??= {});
  let changed = false;
  if (ann[DESIRED_REPLICAS] !== String(desired)) {
    ann[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (ann[MAX_REPLICAS] !== String(max)) {
    ann[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the deployment's annotations, raises the revision and,
 * when an existing replica set comes back (a rollback), remembers its old numbers in
 * revision-history.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const ann = (rs.metadata!.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  const oldRevision = ann[REVISION];
  let oldInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^\d+$/.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  if (oldInt < newRevision) {
    ann[REVISION] = String(newRevision);
    changed = true;
  }
  if (oldRevision !== undefined && oldInt < newRevision) {
    const history = ann[REVISION_HISTORY];
    if (history === undefined || history === '') {
      ann[REVISION_HISTORY] = oldRevision;
    } else {
      const parts = history.split(',');
      let total = history.length + oldRevision.length + 1;
      while (parts.length > 0 && total > MAX_REV_HISTORY_CHARS) {
        total -= parts[0]!.length + 1;
        parts.shift();
      }
      parts.push(oldRevision);
      ann[REVISION_HISTORY] = parts.join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicas(d), replicas(d) + maxSurge(d))) changed = true;
  return changed;
}

export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: number): DeploymentCondition {
  const ts = rfc3339(now);
  return { lastTransitionTime: ts, lastUpdateTime: ts, message, reason, status, type };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: same status and reason is no change; same status keeps the transition time. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = replicas(d);
  return (
    (s.updatedReplicas ?? 0) === r &&
    (s.replicas ?? 0) === r &&
    (s.availableReplicas ?? 0) === r &&
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(s, 'Progressing');
  if (!cond) return false;
  if (cond.reason === NewRSAvailableReason) return false;
  if (cond.reason === TimedOutReason) return true;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  return from + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 < now;
}

// ---- scaling a deployment whose rollout is under way (sync.go: scale) ----------------------------

/** getIntFromAnnotation: strconv.Atoi of the annotation, or undefined when absent or not a number. */
function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS);
}

/** FilterActiveReplicaSets: the replica sets that want pods. */
export function activeReplicaSets(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && rsReplicas(rs) > 0);
}

/**
 * FindActiveOrLatest: the only active replica set, or the newest one when none is active; undefined
 * when several are active (then the change is shared out proportionally). Like the Go code, it
 * leaves `oldRSs` sorted newest first.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  oldRSs.sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...oldRSs, newRS]);
  if (active.length === 0) return newRS ?? oldRSs[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** IsSaturated: the new replica set runs the deployment's full count, all of it available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = desiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const want = replicas(d);
  return rsReplicas(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** ReplicaSetsBySizeNewer: larger first; among equals the newer first (who grows first). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(a) === rsReplicas(b) ? byCreation(b, a) : rsReplicas(b) - rsReplicas(a);
}

/** ReplicaSetsBySizeOlder: larger first; among equals the older first (who shrinks first). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(a) === rsReplicas(b) ? byCreation(a, b) : rsReplicas(b) - rsReplicas(a);
}

/** k8s.io/utils/integer.RoundToInt32: halves round away from zero. */
function roundToInt(x: number): number {
  return x < 0 ? Math.ceil(x - 0.5) : Math.floor(x + 0.5);
}

/**
 * getReplicaSetFraction: how many replicas `rs` gains (or loses) if it keeps its share of the
 * deployment's room (replicas + maxSurge) as it was before the scale, which the max-replicas
 * annotation remembers.
 */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicas(d) === 0) return -rsReplicas(rs);
  const room = replicas(d) + maxSurge(d);
  let roomBefore = intAnnotation(rs, MAX_REPLICAS);
  // Without the annotation the Go code falls back to the deployment's current size; the min/max
  // in getProportion keeps the result within bounds.
  if (roomBefore === undefined || roomBefore === 0) roomBefore = d.status?.replicas ?? 0;
  // Go would divide by zero here (no annotation and no pods): nothing to share out then.
  if (roomBefore === 0) return 0;
  return roundToInt((rsReplicas(rs) * room) / roomBefore) - rsReplicas(rs);
}

/** GetProportion: `rs`'s part of `toAdd` (negative: to remove), given `added` already handed out. */
export function getProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * The new size of each active replica set when a rolling deployment with several of them is
 * scaled (the proportional branch of sync.go's scale), in the order the controller writes them:
 * the change is shared out by each set's fraction, and what rounding leaves over goes to the first
 * (largest) one.
 */
export function proportionalSizes(d: Deployment, active: ReplicaSet[]): { rs: ReplicaSet; size: number }[] {
  const allowedSize = replicas(d) > 0 ? replicas(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - specReplicaSum(active);
  const ordered = [...active];
  if (toAdd > 0) ordered.sort(bySizeNewer);
  else if (toAdd < 0) ordered.sort(bySizeOlder);
  let added = 0;
  const out = ordered.map((rs) => {
    if (toAdd === 0) return { rs, size: rsReplicas(rs) };
    const p = getProportion(rs, d, toAdd, added);
    added += p;
    return { rs, size: rsReplicas(rs) + p };
  });
  if (toAdd !== 0 && out.length > 0) out[0]!.size = Math.max(0, out[0]!.size + toAdd - added);
  return out;
}
