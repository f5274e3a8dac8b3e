/** `kubectl describe endpoints` (describeEndpoints in kubectl's describe.go). */
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../cluster/api';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';

export function renderDescribeEndpoints(view: ClusterView, ep: Endpoints): string {
  const w = new PrefixWriter();
  const md = ep.metadata ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  w.write(0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if ((ss.ports ?? []).length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ss.ports ?? []) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, eventsFor(view, ep, true), view.now());
  return w.aligned();
}
