/**
 * /openapi/v3 for the stub server: the explain data (src/kubectl/explain/openapi.json) served the
 * way kube-apiserver serves it, so real kubectl's `explain` renders the same schemas we do.
 *
 * Each object path also has a PATCH operation, and it lists no `fieldValidation` query parameter:
 * that is how kubectl learns a server has no server-side field validation (cli-runtime's
 * queryParamVerifierV3; without a PATCH operation for the kind it falls back to /openapi/v2 to
 * ask the same). `--validate=strict` then validates on the client, against /openapi/v2
 * (openapiV2.ts). A real 1.32 server lists the parameter, and kubectl leaves validation to it.
 */
import type { ExplainDoc } from '../../src/kubectl/explain/schema';
import data from '../../src/kubectl/explain/openapi.json';

const doc = data as unknown as ExplainDoc;

function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/** The response body for `path` (without query), or undefined when it is not an OpenAPI path. */
export function openapiV3(path: string): unknown {
  const gvs = [...new Set(doc.resources.map((r) => gvPath(r.group, r.version)))];
  if (path === '/openapi/v3') {
    return { paths: Object.fromEntries(gvs.map((gv) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=firedrill` }])) };
  }
  const gv = gvs.find((g) => path === `/openapi/v3/${g}`);
  if (gv === undefined) return undefined;
  const paths: Record<string, unknown> = {};
  for (const r of doc.resources.filter((x) => gvPath(x.group, x.version) === gv)) {
    const p = `/${gv}/${r.namespaced ? 'namespaces/{namespace}/' : ''}${r.resource}`;
    const gvk = { group: r.group, kind: r.kind, version: r.version };
    paths[p] = { get: { 'x-kubernetes-group-version-kind': gvk } };
    const dryRun = { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } };
    paths[`${p}/{name}`] = { get: { 'x-kubernetes-group-version-kind': gvk }, patch: { parameters: [dryRun], 'x-kubernetes-group-version-kind': gvk } };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.2' }, paths, components: { schemas: doc.schemas } };
}
