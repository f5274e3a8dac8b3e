/**
 * /openapi/v3 for the stub server: the explain data (src/kubectl/explain/openapi.json) served the
 * way kube-apiserver serves it, so real kubectl's `explain` renders the same schemas we do.
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
    paths[p] = { get: { 'x-kubernetes-group-version-kind': { group: r.group, kind: r.kind, version: r.version } } };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.2' }, paths, components: { schemas: doc.schemas } };
}
