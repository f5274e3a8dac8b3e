/**
 * Builds src/kubectl/explain/openapi.json, the data `kubectl explain` reads: the schemas of the
 * kinds Firedrill models and everything they reference, in the OpenAPI v3 shape kube-apiserver
 * serves at /openapi/v3 (a described $ref becomes allOf [$ref]; Quantity and IntOrString are
 * oneOf without a type). Source: the Kubernetes 1.32 OpenAPI v2 spec (the kubernetes-client/python
 * v32.0.1 copy of release-1.32's swagger.json). That copy has no enum lists, so explain prints no
 * ENUM lines.
 *
 *   npx tsx scripts/gen-explain-schema.ts path/to/swagger.json
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Json = Record<string, unknown>;

/** resource, group, version, kind, whether namespaced: what explain can be asked about. */
const RESOURCES: [string, string, string, string, boolean][] = [
  ['pods', '', 'v1', 'Pod', true],
  ['services', '', 'v1', 'Service', true],
  ['endpoints', '', 'v1', 'Endpoints', true],
  ['configmaps', '', 'v1', 'ConfigMap', true],
  ['secrets', '', 'v1', 'Secret', true],
  ['events', '', 'v1', 'Event', true],
  ['nodes', '', 'v1', 'Node', false],
  ['namespaces', '', 'v1', 'Namespace', false],
  ['deployments', 'apps', 'v1', 'Deployment', true],
  ['replicasets', 'apps', 'v1', 'ReplicaSet', true],
  ['jobs', 'batch', 'v1', 'Job', true],
  ['endpointslices', 'discovery.k8s.io', 'v1', 'EndpointSlice', true],
];

const ONE_OF: Record<string, Json[]> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': [{ type: 'string' }, { type: 'number' }],
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': [{ type: 'integer' }, { type: 'string' }],
};

const swagger = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { definitions: Record<string, Json> };
const defs = swagger.definitions;
const v3Ref = (ref: string) => `#/components/schemas/${ref.split('/').pop()}`;

const wanted = new Set<string>();
function collect(name: string): void {
  if (wanted.has(name)) return;
  if (defs[name] === undefined) throw new Error(`no definition ${name}`);
  wanted.add(name);
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === '$ref' && typeof v === 'string') collect(v.split('/').pop()!);
        else walk(v);
      }
    }
  };
  walk(defs[name]);
}

/** A v2 schema in v3's form, keeping only what explain reads. */
function convert(s: Json, isProperty: boolean): Json {
  const out: Json = {};
  if (typeof s.$ref === 'string') {
    if (isProperty && s.description !== undefined) {
      out.allOf = [{ $ref: v3Ref(s.$ref) }];
      out.description = s.description;
      return out;
    }
    return { $ref: v3Ref(s.$ref) };
  }
  if (s.description !== undefined) out.description = s.description;
  if (s.type !== undefined) out.type = s.type;
  if (s.format !== undefined) out.format = s.format;
  if (Array.isArray(s.required)) out.required = s.required;
  if (s.items !== undefined) out.items = convert(s.items as Json, false);
  if (s.additionalProperties !== undefined) {
    const ap = s.additionalProperties;
    out.additionalProperties = typeof ap === 'boolean' ? ap : convert(ap as Json, false);
  }
  if (s.properties !== undefined) {
    const props: Json = {};
    for (const [k, v] of Object.entries(s.properties as Record<string, Json>)) props[k] = convert(v, true);
    out.properties = props;
  }
  if (s['x-kubernetes-group-version-kind'] !== undefined) out['x-kubernetes-group-version-kind'] = s['x-kubernetes-group-version-kind'];
  return out;
}

const byKind = new Map<string, string>();
for (const [name, d] of Object.entries(defs)) {
  for (const gvk of (d['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined) ?? []) {
    byKind.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
  }
}
const resources = RESOURCES.map(([resource, group, version, kind, namespaced]) => {
  const schema = byKind.get(`${group}/${version}/${kind}`);
  if (schema === undefined) throw new Error(`no schema for ${kind}`);
  collect(schema);
  return { resource, group, version, kind, namespaced, schema };
});

const schemas: Json = {};
for (const name of [...wanted].sort()) {
  const s = convert(defs[name]!, false);
  const oneOf = ONE_OF[name];
  if (oneOf !== undefined) {
    delete s.type;
    s.oneOf = oneOf;
  }
  schemas[name] = s;
}
const text = JSON.stringify({ source: 'Kubernetes release-1.32 OpenAPI (kubernetes-client/python v32.0.1 swagger.json)', resources, schemas });
writeFileSync(new URL('../src/kubectl/explain/openapi.json', import.meta.url), `${text}\n`);
console.log(`${wanted.size} schemas, ${text.length} bytes`);
