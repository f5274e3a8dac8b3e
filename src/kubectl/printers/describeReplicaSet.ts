/** `kubectl describe replicaset` (describeReplicaSet in kubectl's describe.go). */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ClusterView } from '../../cluster/api';
import { annotationsMultiline, describeEvents, describePodTemplate, eventsFor, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { formatSelector } from './labels';

export function renderDescribeReplicaSet(view: ClusterView, rs: ReplicaSet): string {
  const w = new PrefixWriter();
  const md = rs.metadata ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatSelector(rs.spec?.selector)}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  const owner = md.ownerReferences?.find((r) => r.controller === true);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  // Pods found by the selector and controlled by this ReplicaSet, counted by phase.
  const want = rs.spec?.selector?.matchLabels ?? {};
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of view.list('Pod', md.namespace)) {
    if (!Object.entries(want).every(([k, v]) => p.metadata?.labels?.[k] === v)) continue;
    if (!p.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === md.uid)) continue;
    const phase = p.status?.phase as keyof typeof counts | undefined;
    if (phase && phase in counts) counts[phase]++;
  }
  w.write(0, 'Pods Status:\t');
  w.write(0, `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
  describePodTemplate(w, rs.spec?.template);
  if (rs.status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(w, eventsFor(view, rs, true), view.now());
  return w.aligned();
}
