/**
 * `kubectl describe secret` (describeSecret): sizes in bytes, never the values (except a service
 * account token's). kubectl walks the data map in Go's random map order; Firedrill prints the
 * keys sorted, one of the orders kubectl may print.
 */
import type { Secret } from 'kubernetes-types/core/v1';
import { annotationsMultiline, labelsMultiline } from './describe/common';
import { PrefixWriter } from './describe/writer';
import { byteCompare } from './labels';
import { unbase64 } from '../../cluster/objects/infra';

/** The number of bytes a base64 string decodes to. */
export function base64Length(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function renderDescribeSecret(secret: Secret): string {
  const w = new PrefixWriter();
  const md = secret.metadata ?? {};
  w.write(0, `Name:\t${md.name ?? ''}\n`);
  w.write(0, `Namespace:\t${md.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', md.labels);
  annotationsMultiline(w, 'Annotations', md.annotations);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  const data = secret.data ?? {};
  for (const k of Object.keys(data).sort(byteCompare)) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${unbase64(data[k]!)}\n`);
    else w.write(0, `${k}:\t${base64Length(data[k]!)} bytes\n`);
  }
  return w.aligned();
}
