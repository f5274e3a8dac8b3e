/**
 * Builds src/kubectl/explain/openapi.json, the data `kubectl explain` reads: the schemas of the
 * kinds Firedrill models and everything they reference, in the OpenAPI v3 shape kube-apiserver
 * serves at /openapi/v3 (a described $ref becomes allOf [$ref]; Quantity and IntOrString are
 * oneOf without a type). Sources:
 * - the Kubernetes 1.32 OpenAPI v2 spec, kubernetes-client/python v32.0.1's
 *   kubernetes/swagger.json.unprocessed (release-1.32's swagger.json): types, descriptions;
 * - the Go types of k8s.io/api v0.32.2 (the kubernetes/api repository at that tag): the v2 spec
 *   carries no enums, while kube-apiserver's /openapi/v3 does. Its generator (kube-openapi
 *   pkg/generators/enum.go) gives a field whose Go type is a `// +enum` string type an `enum` of
 *   that type's constants' values, sorted, and, on non-slice fields, appends to the description
 *   "\n\nPossible enum values:" and one line per value: " - `\"VALUE\"` COMMENT", COMMENT being
 *   the constant's doc comment without its leading name, white space collapsed. This script
 *   derives the same from the Go source (enums of slice fields go to `items`, no text).
 *
 *   git -C kubernetes-api archive v0.32.2 core/v1 apps/v1 batch/v1 discovery/v1 | tar x -C api
 *   npx tsx scripts/gen-explain-schema.ts path/to/swagger.json.unprocessed path/to/api
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

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

/** Definition-name prefix of each k8s.io/api package whose Go source is read, and its folder. */
const GO_PACKAGES: Record<string, string> = {
  'io.k8s.api.core.v1': 'core/v1',
  'io.k8s.api.apps.v1': 'apps/v1',
  'io.k8s.api.batch.v1': 'batch/v1',
  'io.k8s.api.discovery.v1': 'discovery/v1',
};

interface GoEnum {
  values: { name: string; value: string; comment: string }[];
}

/** Enum types ("core/v1.RestartPolicy") and struct fields ("core/v1.PodSpec" -> json name -> Go type). */
function readGoPackages(root: string): { enums: Map<string, GoEnum>; structs: Map<string, Map<string, string>> } {
  const enums = new Map<string, GoEnum>();
  const structs = new Map<string, Map<string, string>>();
  const consts: { type: string; name: string; value: string; comment: string }[] = [];
  for (const dir of Object.values(GO_PACKAGES)) {
    for (const file of readdirSync(`${root}/${dir}`).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort()) {
      const lines = readFileSync(`${root}/${dir}/${file}`, 'utf8').split('\n');
      const imports = new Map<string, string>();
      for (const l of lines) {
        const m = /^\s*(?:(\w+)\s+)?"k8s\.io\/api\/([\w.]+\/\w+)"\s*$/.exec(l);
        if (m !== null) imports.set(m[1] ?? m[2]!.split('/').pop()!, m[2]!.replace('.k8s.io', ''));
      }
      const qualify = (t: string): string => {
        const dot = t.indexOf('.');
        if (dot < 0) return `${dir}.${t}`;
        return `${imports.get(t.slice(0, dot)) ?? t.slice(0, dot)}.${t.slice(dot + 1)}`;
      };
      // go/ast's doc comment: the `//` lines right above, as CommentGroup.Text() gives them.
      const docLines = (i: number): string[] => {
        const out: string[] = [];
        for (let j = i - 1; j >= 0 && /^\s*\/\//.test(lines[j]!); j--) {
          const text = lines[j]!.trim().slice(2);
          if (/^(?:[a-z0-9]+:[a-z0-9]|line |extern |export )/.test(text)) continue; // directives
          out.unshift(text.startsWith(' ') ? text.slice(1) : text);
        }
        return out;
      };
      let inConst = false;
      let struct: Map<string, string> | undefined;
      lines.forEach((l, i) => {
        let m: RegExpExecArray | null;
        if (struct !== undefined) {
          if (l === '}') struct = undefined;
          else if ((m = /^\t(\w+)\s+([*[\]\w.]+)\s+`json:"(\w+)/.exec(l)) !== null) struct.set(m[3]!, m[2]!);
          else if ((m = /^\t([\w.]+)\s+`json:",inline"/.exec(l)) !== null) struct.set(`,inline ${m[1]}`, m[1]!);
          return;
        }
        if ((m = /^type (\w+) struct \{$/.exec(l)) !== null) {
          struct = new Map();
          structs.set(`${dir}.${m[1]}`, struct);
        } else if ((m = /^type (\w+) string\b/.exec(l)) !== null) {
          if (docLines(i).some((d) => /^\s*\+enum\b/.test(d))) enums.set(`${dir}.${m[1]}`, { values: [] });
        } else if (l === 'const (') inConst = true;
        else if (inConst && l === ')') inConst = false;
        else if ((m = /^(?:const\s+|\t)(\w+)\s+([\w.]+)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(l)) !== null && (inConst || l.startsWith('const'))) {
          consts.push({ type: qualify(m[2]!), name: m[1]!, value: JSON.parse(`"${m[3]}"`) as string, comment: docLines(i).join(' ') });
        }
      });
      for (const s of structs.values()) for (const [k, t] of s) if (!t.includes('/')) s.set(k, t.replace(/^([*[\]]*)(.*)$/, (_, p: string, n: string) => p + qualify(n)));
    }
  }
  // enum.go's addIfNotPresent: one entry a value, the one with the longer comment (then the smaller).
  // (Constants set from another constant, `A = B`, are not read: their comments are empty here.)
  for (const c of consts) {
    const e = enums.get(c.type);
    if (e === undefined) continue;
    const i = e.values.findIndex((v) => v.value === c.value);
    if (i < 0) e.values.push(c);
    else if (e.values[i]!.comment.length < c.comment.length || (e.values[i]!.comment.length === c.comment.length && e.values[i]!.comment > c.comment)) e.values[i] = c;
  }
  return { enums, structs };
}

const go = readGoPackages(process.argv[3]!);

/** enum.go's enumValue.Description(). */
function enumLine(v: { name: string; value: string; comment: string }): string {
  let comment = v.comment.trim();
  if (comment.startsWith(v.name)) comment = comment.slice(v.name.length);
  comment = comment.trim().replace(/\s+/g, ' ');
  return ` - \`${JSON.stringify(v.value)}\` ${comment}`.trimEnd();
}

/** The enum (and description text) kube-openapi gives the fields of definition `name`. */
function addEnums(name: string, out: Json): void {
  const dot = name.lastIndexOf('.');
  const dir = GO_PACKAGES[name.slice(0, dot)];
  const fields = new Map<string, string>();
  const gather = (key: string): void => {
    for (const [k, t] of go.structs.get(key) ?? []) {
      if (k.startsWith(',inline ')) gather(t); // an embedded struct's fields are the outer one's
      else fields.set(k, t);
    }
  };
  if (dir !== undefined) gather(`${dir}.${name.slice(dot + 1)}`);
  if (out.properties === undefined) return;
  for (const [field, p] of Object.entries(out.properties as Record<string, Json>)) {
    const goType = fields.get(field)?.replace(/^\*/, '');
    if (goType === undefined) continue;
    const slice = goType.startsWith('[]');
    const e = go.enums.get(slice ? goType.slice(2).replace(/^\*/, '') : goType);
    if (e === undefined || e.values.length === 0) continue;
    // ValueStrings and DescriptionLines sort the Go-quoted values and the finished lines.
    const byQuoted = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const values = e.values.map((v) => JSON.stringify(v.value)).sort(byQuoted).map((q) => JSON.parse(q) as string);
    if (slice) {
      (p.items as Json).enum = values;
      continue;
    }
    const text = `Possible enum values:\n${e.values.map(enumLine).sort(byQuoted).join('\n')}`;
    p.description = typeof p.description === 'string' && p.description !== '' ? `${p.description}\n\n${text}` : text;
    p.enum = values;
  }
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
  addEnums(name, s);
  const oneOf = ONE_OF[name];
  if (oneOf !== undefined) {
    delete s.type;
    s.oneOf = oneOf;
  }
  schemas[name] = s;
}
const text = JSON.stringify({ source: 'Kubernetes release-1.32 OpenAPI (kubernetes-client/python v32.0.1 swagger.json; enums from k8s.io/api v0.32.2)', resources, schemas });
writeFileSync(new URL('../src/kubectl/explain/openapi.json', import.meta.url), `${text}\n`);
console.log(`${wanted.size} schemas, ${text.length} bytes`);
