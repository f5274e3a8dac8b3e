/** `kubectl describe serviceaccount` (describeServiceAccount in kubectl's describe.go). */
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../cluster/api';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';

const EMPTY_HEADER = '                   ';

export function renderDescribeServiceAccount(view: ClusterView, sa: ServiceAccount): string {
  const w = new PrefixWriter();
  const md = sa.metadata ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  const secrets = view.list('Secret', md.namespace);
  const existing = new Set(secrets.map((s) => s.metadata?.name));
  const tokens = secrets.filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata?.annotations?.['kubernetes.io/service-account.name'] === md.name &&
      s.metadata?.annotations?.['kubernetes.io/service-account.uid'] === md.uid,
  );
  // kubectl prints the three lists under their headers in sorted order.
  const lists: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens.map((s) => s.metadata?.name ?? '')],
  ];
  for (const [header, names] of lists) {
    if (names.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const name of names) {
      w.write(0, `${prefix}\t${name}${existing.has(name) ? '' : ' (not found)'}\n`);
      prefix = EMPTY_HEADER;
    }
  }
  describeEvents(w, eventsFor(view, sa, true), view.now());
  return w.aligned();
}
