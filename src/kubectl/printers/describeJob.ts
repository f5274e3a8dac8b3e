/** `kubectl describe job` (describeJob in kubectl's describe.go). */
import type { Job } from 'kubernetes-types/batch/v1';
import type { ClusterView } from '../../cluster/api';
import { annotationsMultiline, describeEvents, describePodTemplate, eventsFor, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { humanDuration, parseTime } from './duration';
import { formatSelector } from './labels';
import { rfc1123z } from './timeFormat';

export function renderDescribeJob(view: ClusterView, job: Job): string {
  const w = new PrefixWriter();
  const md = job.metadata ?? {};
  const spec = job.spec;
  const st = job.status ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatSelector(spec?.selector)}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  const owner = md.ownerReferences?.find((r) => r.controller === true);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (spec?.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec?.completions !== undefined ? String(spec.completions) : '<unset>'}\n`);
  if (spec?.completionMode !== undefined) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec?.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (spec?.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec?.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  const start = parseTime(st.startTime);
  const end = parseTime(st.completionTime);
  if (start !== undefined && end !== undefined) w.write(0, `Duration:\t${humanDuration(end - start)}\n`);
  if (spec?.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  if (st.ready === undefined) w.write(0, `Pods Statuses:\t${st.active ?? 0} Active / ${counts}\n`);
  else w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}\n`);
  describePodTemplate(w, spec?.template);
  describeEvents(w, eventsFor(view, job, true), view.now());
  return w.aligned();
}
