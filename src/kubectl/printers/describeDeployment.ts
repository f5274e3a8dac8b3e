/** `kubectl describe deployment` (describeDeployment in kubectl's describe.go). */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ClusterView } from '../../cluster/api';
import { annotationsMultiline, describeEvents, describePodTemplate, eventsFor, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { deploymentReplicaSets } from './deploymentReplicaSets';
import { formatSelector } from './labels';
import { rfc1123z } from './timeFormat';

function rsList(list: readonly ReplicaSet[]): string {
  const s = list.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s === '' ? '<none>' : s;
}

export function renderDescribeDeployment(view: ClusterView, d: Deployment): string {
  const w = new PrefixWriter();
  const md = d.metadata ?? {};
  const st = d.status ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(md.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  w.write(0, `Selector:\t${formatSelector(d.spec?.selector)}\n`);
  w.write(0, `Replicas:\t${d.spec?.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? '')} max unavailable, ${String(ru.maxSurge ?? '')} max surge\n`);
  describePodTemplate(w, d.spec?.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { old, newRS } = deploymentReplicaSets(view, d);
  if (old.length > 0 || newRS) {
    w.write(0, `OldReplicaSets:\t${rsList(old)}\n`);
    w.write(0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, eventsFor(view, d, true), view.now());
  return w.aligned();
}
