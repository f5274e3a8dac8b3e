/**
 * The deployment controller (pkg/controller/deployment): one ReplicaSet per pod template,
 * Recreate and RollingUpdate rollouts, revision bookkeeping, status and conditions.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { type Ctx, keyOf, splitKey } from '../context';
import { sameJson } from '../json';
import { podTemplateHash } from '../names';
import { objectRef } from '../objects/objectRef';
import {
  HASH_LABEL,
  NewRSAvailableReason,
  REVISION,
  TimedOutReason,
  activeReplicaSets,
  byCreation,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  findActiveOrLatest,
  getCondition,
  hasProgressDeadline,
  isRolling,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  proportionalSizes,
  removeCondition,
  replicas,
  revisionOf,
  rsReplicas,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicaSum,
  statusSum,
  withoutHash,
} from './deploymentUtil';

export class DeploymentController {
  /** The time a progress-deadline re-check is already scheduled for, per deployment. */
  private deadlineChecks = new Map<string, number>();

  constructor(
    private ctx: Ctx,
    private replicaSetsOf: (ownerUid: string) => ReplicaSet[],
    private podsOf: (ownerUid: string) => Pod[],
  ) {}

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const stored = this.ctx.store.get('Deployment', namespace, name);
    if (stored === undefined || stored.metadata?.deletionTimestamp !== undefined) return;
    let d = draftOf(stored);
    const rsList = this.replicaSetsOf(d.metadata?.uid ?? '').sort(byCreation);
    d = this.checkPausedConditions(d);
    // A paused deployment, or one just scaled (an active replica set was sized for another
    // replica count), is only scaled: the rollout waits for the next sync.
    if (d.spec?.paused || isScalingEvent(d, rsList)) {
      this.syncScale(d, rsList);
      return;
    }
    d = isRolling(d) ? this.rolloutRolling(d, rsList) : this.rolloutRecreate(d, rsList);
    this.scheduleDeadlineCheck(d);
  }

  private recorder() {
    return this.ctx.events.recorder('deployment-controller');
  }

  // ---- replica sets -------------------------------------------------------------------------

  private getAllReplicaSetsAndSyncRevision(
    d: Deployment,
    rsList: ReplicaSet[],
    create: boolean,
  ): { d: Deployment; newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    // The controller never writes spec.template, so the stored (frozen) one is the same template,
    // and its comparison key is cached across syncs.
    const stored = this.ctx.store.get('Deployment', d.metadata?.namespace, d.metadata?.name ?? '');
    const template = stored?.metadata?.uid === d.metadata?.uid ? stored?.spec?.template : d.spec?.template;
    const found = rsList.find((rs) => equalIgnoreHash(rs.spec?.template, template));
    const oldRSs = rsList.filter((rs) => rs !== found);
    const res = this.getNewReplicaSet(d, found, oldRSs, create);
    return { d: res.d, newRS: res.rs, oldRSs };
  }

  private getNewReplicaSet(
    d: Deployment,
    existing: ReplicaSet | undefined,
    oldRSs: ReplicaSet[],
    create: boolean,
  ): { d: Deployment; rs: ReplicaSet | undefined } {
    const now = this.ctx.now();
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing !== undefined) {
      const copy = withOwnAnnotations(existing);
      let rs: ReplicaSet = existing;
      if (setNewReplicaSetAnnotations(d, copy, newRevision, true)) {
        rs = this.ctx.store.update('ReplicaSet', copy.metadata?.namespace, copy.metadata?.name ?? '', (r) => {
          r.metadata!.annotations = copy.metadata!.annotations;
        })!;
      }
      let needsUpdate = setDeploymentRevision(d, rs.metadata?.annotations?.[REVISION] ?? '');
      const status: DeploymentStatus = d.status ?? (d.status = {});
      if (hasProgressDeadline(d) && getCondition(status, 'Progressing') === undefined) {
        setCondition(status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${rs.metadata?.name}"`, now));
        needsUpdate = true;
      }
      if (needsUpdate) d = this.writeDeployment(d);
      return { d, rs };
    }
    if (!create) return { d, rs: undefined };

    const template = withoutHash(d.spec?.template);
    const collisionCount = d.status?.collisionCount;
    let hash = podTemplateHash(template, collisionCount);
    let rsName = `${d.metadata?.name}-${hash}`;
    // A name taken by a replica set with another template is a hash collision: the real
    // controller bumps status.collisionCount and tries again.
    let collisions = collisionCount ?? 0;
    while (this.ctx.store.get('ReplicaSet', d.metadata?.namespace, rsName) !== undefined) {
      collisions++;
      hash = podTemplateHash(template, collisions);
      rsName = `${d.metadata?.name}-${hash}`;
      (d.status ??= {}).collisionCount = collisions;
    }
    const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
    const rsTemplate = { ...template, metadata: { ...template.metadata, labels } };
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        labels: { ...labels },
        name: rsName,
        namespace: d.metadata?.namespace,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            blockOwnerDeletion: true,
            controller: true,
            kind: 'Deployment',
            name: d.metadata?.name ?? '',
            uid: d.metadata?.uid ?? '',
          },
        ],
        uid: this.ctx.names.uuid(),
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { ...(d.spec?.selector?.matchLabels ?? {}), [HASH_LABEL]: hash } },
        template: rsTemplate,
      },
      status: { replicas: 0 },
    };
    if (d.spec?.minReadySeconds) newRS.spec!.minReadySeconds = d.spec.minReadySeconds;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    // Only now (annotations done) can the target size be computed against the other sets.
    const count = this.newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = count;
    newRS.metadata!.annotations = sortKeys(newRS.metadata!.annotations ?? {});
    const created = this.ctx.store.create('ReplicaSet', newRS, now);
    if (count > 0) {
      this.recorder().record(objectRef(d), 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rsName} from 0 to ${count}`, now);
    }
    setDeploymentRevision(d, String(newRevision));
    if (hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, now));
    }
    d = this.writeDeployment(d);
    return { d, rs: created };
  }

  /** NewRSNewReplicas: how big the new replica set may be right now (allRSs includes it). */
  private newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
    if (!isRolling(d)) return replicas(d);
    const current = specReplicaSum(allRSs);
    const maxTotal = replicas(d) + maxSurge(d);
    const size = rsReplicas(newRS);
    if (current >= maxTotal) return size;
    return size + Math.min(maxTotal - current, replicas(d) - size);
  }

  private scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
    const oldScale = rsReplicas(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    const copy = withOwnAnnotations(rs);
    const annotationsNeedUpdate = setReplicasAnnotations(copy, replicas(d), replicas(d) + maxSurge(d));
    if (!sizeNeedsUpdate && !annotationsNeedUpdate) return { scaled: false, rs };
    const now = this.ctx.now();
    const updated = this.ctx.store.update('ReplicaSet', rs.metadata?.namespace, rs.metadata?.name ?? '', (r) => {
      r.spec!.replicas = newScale;
      r.metadata!.annotations = sortKeys(copy.metadata!.annotations ?? {});
    })!;
    if (sizeNeedsUpdate) {
      const op = oldScale < newScale ? 'up' : 'down';
      this.recorder().record(objectRef(d), 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata?.name} from ${oldScale} to ${newScale}`, now);
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  // ---- strategies ---------------------------------------------------------------------------

  private rolloutRecreate(d0: Deployment, rsList: ReplicaSet[]): Deployment {
    let { d, newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d0, rsList, false);
    const all = (): ReplicaSet[] => (newRS ? [...oldRSs, newRS] : [...oldRSs]);
    let scaledDown = false;
    oldRSs = oldRSs.map((rs) => {
      if (rsReplicas(rs) === 0) return rs;
      const r = this.scaleReplicaSet(rs, 0, d);
      if (r.scaled) scaledDown = true;
      return r.rs;
    });
    if (scaledDown) return this.syncRolloutStatus(all(), newRS, d);
    if (this.oldPodsRunning(oldRSs)) return this.syncRolloutStatus(all(), newRS, d);
    if (newRS === undefined) {
      ({ d, newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, true));
    }
    if (newRS) newRS = this.scaleReplicaSet(newRS, replicas(d), d).rs;
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    return this.syncRolloutStatus(all(), newRS, d);
  }

  private oldPodsRunning(oldRSs: ReplicaSet[]): boolean {
    if (statusSum(oldRSs, 'replicas') > 0) return true;
    for (const rs of oldRSs) {
      for (const pod of this.podsOf(rs.metadata?.uid ?? '')) {
        const phase = pod.status?.phase;
        if (phase === 'Failed' || phase === 'Succeeded') continue;
        return true;
      }
    }
    return false;
  }

  private rolloutRolling(d0: Deployment, rsList: ReplicaSet[]): Deployment {
    const res = this.getAllReplicaSetsAndSyncRevision(d0, rsList, true);
    const d = res.d;
    let newRS = res.newRS;
    let oldRSs = res.oldRSs;
    const all = (): ReplicaSet[] => (newRS ? [...oldRSs, newRS] : [...oldRSs]);

    // reconcileNewReplicaSet
    if (newRS && rsReplicas(newRS) !== replicas(d)) {
      const target = rsReplicas(newRS) > replicas(d) ? replicas(d) : this.newRSNewReplicas(d, all(), newRS);
      const r = this.scaleReplicaSet(newRS, target, d);
      newRS = r.rs;
      if (r.scaled) return this.syncRolloutStatus(all(), newRS, d);
    }

    // reconcileOldReplicaSets
    const oldCount = specReplicaSum(oldRSs);
    if (oldCount > 0 && newRS) {
      const allCount = specReplicaSum(all());
      const minAvailable = replicas(d) - maxUnavailable(d);
      const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
      const maxScaledDown = allCount - minAvailable - newUnavailable;
      if (maxScaledDown > 0) {
        let total = 0;
        // cleanupUnhealthyReplicas: unavailable old pods go first.
        oldRSs = oldRSs.sort(byCreation).map((rs) => {
          if (total >= maxScaledDown) return rs;
          const n = rsReplicas(rs);
          const available = rs.status?.availableReplicas ?? 0;
          if (n === 0 || n === available) return rs;
          const down = Math.min(maxScaledDown - total, n - available);
          total += down;
          return this.scaleReplicaSet(rs, n - down, d).rs;
        });
        // scaleDownOldReplicaSetsForRollingUpdate: keep minAvailable available.
        const availableCount = statusSum(all(), 'availableReplicas');
        if (availableCount > minAvailable) {
          const totalDown = availableCount - minAvailable;
          let done = 0;
          oldRSs = oldRSs.sort(byCreation).map((rs) => {
            if (done >= totalDown) return rs;
            const n = rsReplicas(rs);
            if (n === 0) return rs;
            const down = Math.min(n, totalDown - done);
            done += down;
            return this.scaleReplicaSet(rs, n - down, d).rs;
          });
          total += done;
        }
        if (total > 0) return this.syncRolloutStatus(all(), newRS, d);
      }
    }
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    return this.syncRolloutStatus(all(), newRS, d);
  }

  private cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): void {
    const limit = d.spec?.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs
      .filter((rs) => rs.metadata?.deletionTimestamp === undefined)
      .sort((a, b) => (revisionOf(a) ?? 0) - (revisionOf(b) ?? 0));
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i]!;
      if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
      if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.ctx.store.delete('ReplicaSet', rs.metadata?.namespace, rs.metadata?.name ?? '');
    }
  }

  // ---- status -------------------------------------------------------------------------------

  private calculateStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): DeploymentStatus {
    const available = statusSum(allRSs, 'availableReplicas');
    const total = specReplicaSum(allRSs);
    const status: DeploymentStatus = {
      observedGeneration: d.metadata?.generation,
      replicas: statusSum(allRSs, 'replicas'),
      updatedReplicas: statusSum([newRS], 'replicas'),
      readyReplicas: statusSum(allRSs, 'readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
      collisionCount: d.status?.collisionCount,
      conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
    };
    const now = this.ctx.now();
    if (available >= replicas(d) - maxUnavailable(d)) {
      setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
    } else {
      setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
    }
    return status;
  }

  private syncRolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): Deployment {
    const now = this.ctx.now();
    const s = this.calculateStatus(allRSs, newRS, d);
    if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
    const current = getCondition(d.status, 'Progressing');
    const complete = s.replicas === s.updatedReplicas && current?.reason === NewRSAvailableReason;
    if (hasProgressDeadline(d) && !complete) {
      const rsName = newRS?.metadata?.name;
      if (deploymentComplete(d, s)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata?.name}" has successfully progressed.`;
        setCondition(s, newCondition('Progressing', 'True', NewRSAvailableReason, msg, now));
      } else if (deploymentProgressing(d, s)) {
        const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata?.name}" is progressing.`;
        const cond = newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, now);
        // Progress refreshes lastUpdateTime even when the reason stays the same.
        if (current) {
          if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
          removeCondition(s, 'Progressing');
        }
        setCondition(s, cond);
      } else if (deploymentTimedOut(d, s, now)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata?.name}" has timed out progressing.`;
        setCondition(s, newCondition('Progressing', 'False', TimedOutReason, msg, now));
      }
    }
    d.status = s;
    return this.writeDeployment(d);
  }

  /** Re-check a stuck rollout when its progress deadline passes (requeueStuckDeployment). */
  private scheduleDeadlineCheck(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (!cond || cond.reason === NewRSAvailableReason || cond.reason === TimedOutReason) return;
    if (deploymentComplete(d, d.status ?? {})) return;
    const at = Date.parse(cond.lastUpdateTime ?? '') + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 + 1000;
    const key = keyOf(d.metadata?.namespace, d.metadata?.name);
    if (this.deadlineChecks.get(key) === at || at <= this.ctx.now()) return;
    this.deadlineChecks.set(key, at);
    this.ctx.schedule(at, () => this.ctx.enqueue('deployment', key));
  }

  // ---- paused deployments -------------------------------------------------------------------

  /** checkPausedConditions: Progressing becomes Unknown/DeploymentPaused, then DeploymentResumed. */
  private checkPausedConditions(d: Deployment): Deployment {
    if (!hasProgressDeadline(d)) return d;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === TimedOutReason) return d;
    const pausedCondExists = cond?.reason === 'DeploymentPaused';
    let next: DeploymentCondition | undefined;
    const now = this.ctx.now();
    if (d.spec?.paused && !pausedCondExists) next = { ...newCondition('Progressing', 'True', 'DeploymentPaused', 'Deployment is paused', now), status: 'Unknown' };
    else if (!d.spec?.paused && pausedCondExists) next = { ...newCondition('Progressing', 'True', 'DeploymentResumed', 'Deployment is resumed', now), status: 'Unknown' };
    if (next === undefined) return d;
    setCondition((d.status ??= {}), next);
    return this.writeDeployment(d);
  }

  /**
   * sync() for a paused deployment or a scaling event: no new replica set and no rollout step, but
   * the new replica count reaches the replica sets (scale), a paused deployment's old ones are
   * cleaned up, and status is kept current.
   */
  private syncScale(d0: Deployment, rsList: ReplicaSet[]): void {
    const res = this.getAllReplicaSetsAndSyncRevision(d0, rsList, false);
    const d = res.d;
    const scaled = this.scale(d, res.newRS, res.oldRSs);
    const newRS = res.newRS === undefined ? undefined : (scaled.get(res.newRS) ?? res.newRS);
    const oldRSs = res.oldRSs.map((rs) => scaled.get(rs) ?? rs);
    if (d.spec?.paused) this.cleanupDeployment(oldRSs, d);
    d.status = this.calculateStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS, d);
    this.writeDeployment(d);
  }

  /**
   * scale (sync.go): a single active replica set (or, with none, the newest) takes the whole
   * count; a saturated new one leaves the old ones nothing; otherwise a rolling deployment shares
   * the change out among its active replica sets in proportion to their sizes. Returns the
   * replica sets as written, by the one they replace.
   */
  private scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Map<ReplicaSet, ReplicaSet> {
    const written = new Map<ReplicaSet, ReplicaSet>();
    const resize = (rs: ReplicaSet, size: number): void => {
      written.set(rs, this.scaleReplicaSet(rs, size, d).rs);
    };
    const olds = [...oldRSs];
    const only = findActiveOrLatest(newRS, olds);
    if (only !== undefined) {
      if (rsReplicas(only) !== replicas(d)) resize(only, replicas(d));
      return written;
    }
    if (isSaturated(d, newRS)) {
      for (const rs of activeReplicaSets(olds)) resize(rs, 0);
      return written;
    }
    if (!isRolling(d)) return written;
    for (const { rs, size } of proportionalSizes(d, activeReplicaSets([...olds, newRS]))) resize(rs, size);
    return written;
  }

  private writeDeployment(d: Deployment): Deployment {
    const status = cleanStatus(d.status ?? {});
    const annotations = d.metadata?.annotations;
    const namespace = d.metadata?.namespace;
    const name = d.metadata?.name ?? '';
    const current = this.ctx.store.get('Deployment', namespace, name);
    const sorted = annotations ? sortKeys(annotations) : undefined;
    // Most writes are status only (the status subresource): no copy of the whole object.
    const stored =
      current !== undefined && (sorted === undefined || sameJson(sorted, current.metadata?.annotations))
        ? this.ctx.store.replaceField('Deployment', namespace, name, 'status', status)
        : this.ctx.store.update('Deployment', namespace, name, (draft) => {
            if (sorted) draft.metadata!.annotations = sorted;
            draft.status = status;
          });
    return stored ? draftOf(stored) : d;
  }
}

/**
 * The controller's working copy of a stored (frozen) deployment: all it ever changes are the
 * annotations and status fields, so only those are copied (a deep copy per sync was most of the
 * cost of a crash loop whose pods turn ready and unready). The spec and everything else stay the
 * frozen originals: a write to them would throw.
 */
function draftOf(stored: Deployment): Deployment {
  const meta = stored.metadata;
  const annotations = meta?.annotations;
  const status = stored.status;
  return {
    ...stored,
    metadata: meta === undefined ? undefined : annotations === undefined ? { ...meta } : { ...meta, annotations: { ...annotations } },
    status: status === undefined ? undefined : { ...status },
  };
}

/** A replica set with its own annotations object (the only part the annotation helpers write). */
function withOwnAnnotations(rs: ReplicaSet): ReplicaSet {
  return { ...rs, metadata: { ...rs.metadata, annotations: { ...(rs.metadata?.annotations ?? {}) } } };
}

/**
 * isScalingEvent: an active replica set records (desired-replicas) another replica count than the
 * deployment now asks for.
 */
function isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
  for (const rs of activeReplicaSets(rsList)) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== replicas(d)) return true;
  }
  return false;
}

function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const ann = ((d.metadata ??= {}).annotations ??= {});
  if (ann[REVISION] === revision) return false;
  ann[REVISION] = revision;
  return true;
}

/** Zero counts are omitted by the API (omitempty), as is an empty condition list. */
function cleanStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  if (s.conditions && s.conditions.length > 0) out.conditions = s.conditions;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.replicas) out.replicas = s.replicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  return out;
}

export function sortKeys(obj: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]!;
  return out;
}

