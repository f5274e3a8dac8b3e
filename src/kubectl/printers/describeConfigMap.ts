/**
 * `kubectl describe configmap` (ConfigMapDescriber). kubectl walks the data map in Go's random
 * map order; Firedrill prints the keys sorted, one of the orders kubectl may print.
 */
import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../cluster/api';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { byteCompare } from './labels';
import { base64Length } from './describeSecret';

export function renderDescribeConfigMap(view: ClusterView, cm: ConfigMap): string {
  const w = new PrefixWriter();
  const md = cm.metadata ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  w.write(0, '\nData\n====\n');
  const data = cm.data ?? {};
  for (const k of Object.keys(data).sort(byteCompare)) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const bin = cm.binaryData ?? {};
  for (const k of Object.keys(bin).sort(byteCompare)) w.write(0, `${k}: ${base64Length(bin[k]!)} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, eventsFor(view, cm, true), view.now());
  return w.aligned();
}
