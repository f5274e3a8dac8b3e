/**
 * `kubectl describe namespace` (describeNamespace). The simulated API server serves resource
 * quotas and limit ranges but no namespace has any, so both sections say so.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import { annotationsMultiline, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { rfc1123z } from './timeFormat';

export function renderDescribeNamespace(ns: Namespace): string {
  const w = new PrefixWriter();
  const md = ns.metadata ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
  }
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.aligned();
}
