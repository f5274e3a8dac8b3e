/**
 * What the API server does first with an object written by `apply`, `patch` or `edit`: decode it
 * into the typed struct. Only the fields of the kinds Firedrill models are checked; the wording
 * is kube-apiserver's (encoding/json and strict field validation).
 */
import { type Json, type JsonObject, isObject } from './json';

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
  for (const x of Object.values(v)) expectString(x, struct, path);
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

/** A struct-typed field holds an object (or null); a slice field an array (or null). */
function expectObject(v: Json | undefined, struct: string, path: string, goType: string): void {
  if (v === undefined || v === null || isObject(v)) return;
  wrongType(v, struct, path, goType);
}

function expectArray(v: Json | undefined, struct: string, path: string, goType: string, item: string): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) wrongType(v, struct, path, goType);
  for (const x of v) if (x !== null && !isObject(x)) wrongType(x, struct, path, item);
}

function podSpecShape(spec: Json | undefined, struct: string, path: string): void {
  expectObject(spec, struct, path, 'v1.PodSpec');
  if (!isObject(spec)) return;
  for (const f of ['containers', 'initContainers'] as const) {
    expectArray(spec[f], 'PodSpec', `${path}.${f}`, '[]v1.Container', 'v1.Container');
    const list = spec[f];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isObject(c)) continue;
      expectArray(c.env, 'Container', `${path}.${f}.env`, '[]v1.EnvVar', 'v1.EnvVar');
      expectArray(c.envFrom, 'Container', `${path}.${f}.envFrom`, '[]v1.EnvFromSource', 'v1.EnvFromSource');
      expectArray(c.ports, 'Container', `${path}.${f}.ports`, '[]v1.ContainerPort', 'v1.ContainerPort');
      expectArray(c.volumeMounts, 'Container', `${path}.${f}.volumeMounts`, '[]v1.VolumeMount', 'v1.VolumeMount');
      expectObject(c.resources, 'Container', `${path}.${f}.resources`, 'v1.ResourceRequirements');
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) expectObject(c[probe], 'Container', `${path}.${f}.${probe}`, 'v1.Probe');
    }
  }
  expectArray(spec.volumes, 'PodSpec', `${path}.volumes`, '[]v1.Volume', 'v1.Volume');
}

/** The JSON shapes the typed structs require (objects for structs, arrays for slices). */
function shape(kind: string, o: JsonObject): void {
  expectObject(o.metadata, kind, 'metadata', 'v1.ObjectMeta');
  if (isObject(o.metadata)) {
    expectObject(o.metadata.labels, 'ObjectMeta', 'metadata.labels', 'map[string]string');
    expectObject(o.metadata.annotations, 'ObjectMeta', 'metadata.annotations', 'map[string]string');
  }
  if (kind === 'ConfigMap' || kind === 'Secret') {
    expectObject(o.data, kind, 'data', kind === 'Secret' ? 'map[string][]uint8' : 'map[string]string');
    if (kind === 'Secret') expectObject(o.stringData, kind, 'stringData', 'map[string]string');
    return;
  }
  const specType = kind === 'Deployment' ? 'v1.DeploymentSpec' : kind === 'ReplicaSet' ? 'v1.ReplicaSetSpec' : `v1.${kind}Spec`;
  expectObject(o.spec, kind, 'spec', specType);
  expectObject(o.status, kind, 'status', `v1.${kind}Status`);
  const spec = o.spec;
  if (!isObject(spec)) return;
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    const struct = `${kind}Spec`;
    expectObject(spec.selector, struct, 'spec.selector', 'v1.LabelSelector');
    if (isObject(spec.selector)) expectObject(spec.selector.matchLabels, 'LabelSelector', 'spec.selector.matchLabels', 'map[string]string');
    expectObject(spec.strategy, struct, 'spec.strategy', 'v1.DeploymentStrategy');
    expectObject(spec.template, struct, 'spec.template', 'v1.PodTemplateSpec');
    if (isObject(spec.template)) {
      expectObject(spec.template.metadata, 'PodTemplateSpec', 'spec.template.metadata', 'v1.ObjectMeta');
      if (isObject(spec.template.metadata)) expectObject(spec.template.metadata.labels, 'ObjectMeta', 'spec.template.metadata.labels', 'map[string]string');
      podSpecShape(spec.template.spec, 'PodTemplateSpec', 'spec.template.spec');
    }
  }
  if (kind === 'Pod') podSpecShape(spec, 'Pod', 'spec');
  if (kind === 'Service') {
    expectObject(spec.selector, 'ServiceSpec', 'spec.selector', 'map[string]string');
    expectArray(spec.ports, 'ServiceSpec', 'spec.ports', '[]v1.ServicePort', 'v1.ServicePort');
  }
}

/** Decoding into the typed struct: the errors the API server answers 400 with. */
function decode(kind: string, o: JsonObject): void {
  shape(kind, o);
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

/**
 * The API server's decoding of a written object into its typed struct: a wrong JSON type or an
 * unknown field (kubectl asks for strict field validation) is a 400 BadRequest, before validation
 * and defaulting (those are the cluster's write API's). Returns the error text after
 * `Error from server (BadRequest): `, or undefined when the object decodes.
 */
export function decodeError(kind: string, o: JsonObject): string | undefined {
  try {
    decode(kind, o);
    return undefined;
  } catch (e) {
    if (e instanceof DecodeError) return `${kind} in version "v1" cannot be handled as a ${kind}: ${e.message}`;
    throw e;
  }
}
