/**
 * What the API server does with an object written by `apply`, `patch` or `edit` before storing
 * it: decode it into the typed struct (type errors and strict unknown-field errors are 400
 * BadRequest), validate it (422 Invalid with field causes) and apply defaults. Only the fields of
 * the kinds Firedrill models are checked; the wording is kube-apiserver's.
 */
import { type Json, type JsonObject, isObject } from './json';

export interface Cause {
  field: string;
  message: string;
}

export type ServerVerdict =
  | { ok: true; object: JsonObject }
  /** 400: `message` follows `Error from server (BadRequest): `. */
  | { ok: false; status: 400; message: string }
  /** 422: kubectl prints `The KIND "NAME" is invalid: ` and the causes. */
  | { ok: false; status: 422; kind: string; name: string; causes: Cause[] };

/** Struct fields we know, for strict decoding (`unknown field`). Undefined: not checked. */
const KNOWN: Record<string, readonly string[]> = {
  root: ['apiVersion', 'kind', 'metadata', 'spec', 'status', 'data', 'stringData', 'binaryData', 'type', 'immutable'],
  DeploymentSpec: ['minReadySeconds', 'paused', 'progressDeadlineSeconds', 'replicas', 'revisionHistoryLimit', 'selector', 'strategy', 'template'],
  PodTemplateSpec: ['metadata', 'spec'],
  Container: [
    'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy',
    'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath',
    'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
  ],
  EnvVar: ['name', 'value', 'valueFrom'],
  ResourceRequirements: ['limits', 'requests', 'claims'],
};

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

class DecodeError extends Error {}

function jsonType(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** encoding/json's message for a value of the wrong JSON type. */
function wrongType(v: Json, struct: string, path: string, goType: string): never {
  throw new DecodeError(`json: cannot unmarshal ${jsonType(v)} into Go struct field ${struct}.${path} of type ${goType}`);
}

function expectInt(v: Json | undefined, struct: string, path: string): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'number') wrongType(v, struct, path, 'int32');
  if (!Number.isInteger(v)) throw new DecodeError(`json: cannot unmarshal number ${v} into Go struct field ${struct}.${path} of type int32`);
}

function expectString(v: Json | undefined, struct: string, path: string): void {
  if (v === undefined || v === null || typeof v === 'string') return;
  wrongType(v, struct, path, 'string');
}

function unknownFields(o: JsonObject, type: string, path: string): void {
  const known = KNOWN[type];
  if (known === undefined) return;
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) throw new DecodeError(`strict decoding error: unknown field "${path === '' ? k : `${path}.${k}`}"`);
  }
}

function stringMap(v: Json | undefined, struct: string, path: string): void {
  if (!isObject(v)) return;
  for (const x of Object.values(v)) expectString(x, struct, path, );
}

function checkContainers(list: Json | undefined, base: string, jsonBase: string): void {
  if (!Array.isArray(list)) return;
  list.forEach((c, i) => {
    if (!isObject(c)) return;
    unknownFields(c, 'Container', `${base}[${i}]`);
    expectString(c.name, 'Container', `${jsonBase}.name`);
    expectString(c.image, 'Container', `${jsonBase}.image`);
    if (Array.isArray(c.env)) {
      c.env.forEach((e, j) => {
        if (!isObject(e)) return;
        unknownFields(e, 'EnvVar', `${base}[${i}].env[${j}]`);
        expectString(e.name, 'EnvVar', `${jsonBase}.env.name`);
        expectString(e.value, 'EnvVar', `${jsonBase}.env.value`);
      });
    }
    if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) expectInt(p.containerPort, 'ContainerPort', `${jsonBase}.ports.containerPort`);
    if (isObject(c.resources)) {
      unknownFields(c.resources, 'ResourceRequirements', `${base}[${i}].resources`);
      for (const group of ['limits', 'requests'] as const) {
        const g = c.resources[group];
        if (!isObject(g)) continue;
        for (const q of Object.values(g)) {
          if (typeof q === 'number') continue;
          if (typeof q !== 'string' || !QUANTITY.test(q)) throw new DecodeError(QUANTITY_ERROR);
        }
      }
    }
  });
}

/** Decoding into the typed struct: the errors the API server answers 400 with. */
function decode(kind: string, o: JsonObject): void {
  unknownFields(o, 'root', '');
  const meta = o.metadata;
  if (isObject(meta)) {
    stringMap(meta.labels, 'ObjectMeta', 'metadata.labels');
    stringMap(meta.annotations, 'ObjectMeta', 'metadata.annotations');
  }
  if (kind === 'ConfigMap') stringMap(o.data, 'ConfigMap', 'data');
  const spec = o.spec;
  if ((kind === 'Deployment' || kind === 'ReplicaSet') && isObject(spec)) {
    const struct = `${kind}Spec`;
    if (kind === 'Deployment') unknownFields(spec, 'DeploymentSpec', 'spec');
    expectInt(spec.replicas, struct, 'spec.replicas');
    const t = spec.template;
    if (isObject(t)) {
      unknownFields(t, 'PodTemplateSpec', 'spec.template');
      if (isObject(t.metadata)) stringMap(t.metadata.labels, 'ObjectMeta', 'spec.template.metadata.labels');
      if (isObject(t.spec)) checkContainers(t.spec.containers, 'spec.template.spec.containers', 'spec.template.spec.containers');
    }
  }
  if (kind === 'Pod' && isObject(spec)) checkContainers(spec.containers, 'spec.containers', 'spec.containers');
}

/** Go's %#v of a map[string]string, as validation messages quote label maps. */
function goStringMap(m: JsonObject | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m![k])}`).join(', ')}}`;
}

function goLabelSelector(sel: JsonObject | undefined): string {
  const ml = isObject(sel?.matchLabels) ? goStringMap(sel.matchLabels) : 'map[string]string(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

function invalidValue(v: Json): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function validateContainers(list: Json | undefined, base: string, causes: Cause[]): void {
  if (!Array.isArray(list) || list.length === 0) {
    causes.push({ field: base, message: 'Required value' });
    return;
  }
  const names = new Set<string>();
  list.forEach((c, i) => {
    if (!isObject(c)) return;
    const at = `${base}[${i}]`;
    if (typeof c.name !== 'string' || c.name === '') causes.push({ field: `${at}.name`, message: 'Required value' });
    else if (names.has(c.name)) causes.push({ field: `${at}.name`, message: `Duplicate value: ${JSON.stringify(c.name)}` });
    else names.add(c.name);
    if (typeof c.image !== 'string' || c.image.trim() === '') causes.push({ field: `${at}.image`, message: 'Required value' });
    if (Array.isArray(c.env)) {
      c.env.forEach((e, j) => {
        if (isObject(e) && (typeof e.name !== 'string' || e.name === '')) causes.push({ field: `${at}.env[${j}].name`, message: 'Required value' });
      });
    }
  });
}

function labelsMatch(selector: JsonObject | undefined, labels: JsonObject | undefined): boolean {
  const ml = isObject(selector?.matchLabels) ? selector.matchLabels : {};
  return Object.entries(ml).every(([k, v]) => labels?.[k] === v);
}

/** Field validation (422 causes) for a write of `o`, given the stored `old` for updates. */
function validate(kind: string, o: JsonObject, old: JsonObject | undefined): Cause[] {
  const causes: Cause[] = [];
  const meta = isObject(o.metadata) ? o.metadata : {};
  if (typeof meta.name !== 'string' || meta.name === '') causes.push({ field: 'metadata.name', message: 'Required value: name or generateName is required' });
  const spec = isObject(o.spec) ? o.spec : undefined;
  if ((kind === 'Deployment' || kind === 'ReplicaSet') && spec !== undefined) {
    if (typeof spec.replicas === 'number' && spec.replicas < 0) {
      causes.push({ field: 'spec.replicas', message: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` });
    }
    const selector = isObject(spec.selector) ? spec.selector : undefined;
    const template = isObject(spec.template) ? spec.template : {};
    const tmeta = isObject(template.metadata) ? template.metadata : {};
    const labels = isObject(tmeta.labels) ? tmeta.labels : undefined;
    if (selector === undefined) causes.push({ field: 'spec.selector', message: 'Required value' });
    else if (!labelsMatch(selector, labels)) {
      causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\`` });
    }
    const tspec = isObject(template.spec) ? template.spec : {};
    validateContainers(tspec.containers, 'spec.template.spec.containers', causes);
    const oldSel = isObject(old?.spec) && isObject(old.spec.selector) ? old.spec.selector : undefined;
    if (old !== undefined && selector !== undefined && JSON.stringify(oldSel) !== JSON.stringify(selector)) {
      causes.push({ field: 'spec.selector', message: `Invalid value: ${goLabelSelector(selector)}: field is immutable` });
    }
    if (kind === 'Deployment' && isObject(spec.strategy) && spec.strategy.type !== undefined && !['Recreate', 'RollingUpdate'].includes(String(spec.strategy.type))) {
      causes.push({ field: 'spec.strategy.type', message: `Unsupported value: ${invalidValue(spec.strategy.type)}: supported values: "Recreate", "RollingUpdate"` });
    }
  }
  return causes;
}

/** kube-apiserver's defaulting for a pod template (SetDefaults_PodSpec, _Container). */
export function defaultPodSpec(spec: JsonObject): JsonObject {
  const out: JsonObject = { ...spec };
  out.dnsPolicy ??= 'ClusterFirst';
  out.restartPolicy ??= 'Always';
  out.schedulerName ??= 'default-scheduler';
  out.securityContext ??= {};
  out.terminationGracePeriodSeconds ??= 30;
  if (Array.isArray(out.containers)) {
    out.containers = out.containers.map((c) => {
      if (!isObject(c)) return c;
      const d: JsonObject = { ...c };
      if (typeof d.image === 'string') d.imagePullPolicy ??= pullPolicy(d.image);
      d.resources ??= {};
      d.terminationMessagePath ??= '/dev/termination-log';
      d.terminationMessagePolicy ??= 'File';
      if (Array.isArray(d.ports)) d.ports = d.ports.map((p) => (isObject(p) ? { ...p, protocol: p.protocol ?? 'TCP' } : p));
      if (isObject(d.resources) && isObject(d.resources.limits) && d.resources.requests === undefined) d.resources = { ...d.resources, requests: { ...d.resources.limits } };
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const p = d[probe];
        if (!isObject(p)) continue;
        const q: JsonObject = { ...p };
        if (isObject(q.httpGet)) q.httpGet = { ...q.httpGet, path: q.httpGet.path ?? '/', scheme: q.httpGet.scheme ?? 'HTTP' };
        q.timeoutSeconds ??= 1;
        q.periodSeconds ??= 10;
        q.successThreshold ??= 1;
        q.failureThreshold ??= 3;
        d[probe] = q;
      }
      return d;
    });
  }
  return out;
}

function pullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const colon = image.indexOf(':', image.lastIndexOf('/') + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaulted(kind: string, o: JsonObject): JsonObject {
  if (kind !== 'Deployment' && kind !== 'ReplicaSet') return o;
  if (!isObject(o.spec)) return o;
  const spec: JsonObject = { ...o.spec };
  spec.replicas ??= 1;
  if (kind === 'Deployment') {
    spec.progressDeadlineSeconds ??= 600;
    spec.revisionHistoryLimit ??= 10;
    const strategy = isObject(spec.strategy) ? { ...spec.strategy } : {};
    strategy.type ??= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = isObject(strategy.rollingUpdate) ? { ...strategy.rollingUpdate } : {};
      ru.maxSurge ??= '25%';
      ru.maxUnavailable ??= '25%';
      strategy.rollingUpdate = ru;
    }
    spec.strategy = strategy;
  }
  if (isObject(spec.template)) {
    const t: JsonObject = { ...spec.template };
    if (isObject(t.spec)) t.spec = defaultPodSpec(t.spec);
    spec.template = t;
  }
  return { ...o, spec };
}

/**
 * The server's verdict on writing `o` (a create when `old` is undefined, else an update).
 * On success, the object as it would be stored (defaults applied).
 */
export function admit(kind: string, o: JsonObject, old: JsonObject | undefined): ServerVerdict {
  try {
    decode(kind, o);
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, status: 400, message: `${kind} in version "v1" cannot be handled as a ${kind}: ${e.message}` };
    throw e;
  }
  const causes = validate(kind, o, old);
  const meta = isObject(o.metadata) ? o.metadata : {};
  if (causes.length > 0) return { ok: false, status: 422, kind, name: typeof meta.name === 'string' ? meta.name : '', causes };
  return { ok: true, object: defaulted(kind, o) };
}

/** How kubectl prints a 422 (cmdutil.checkErr with MultilineError). */
export function invalidMessage(kind: string, name: string, causes: readonly Cause[]): string {
  const prefix = `The ${kind} ${JSON.stringify(name)} is invalid: `;
  const lines = [...new Set(causes.map((c) => `${c.field}: ${c.message}`))];
  if (lines.length === 1) return `${prefix}${lines[0]}`;
  return `${prefix}\n${lines.map((l) => `* ${l}`).join('\n')}`;
}
