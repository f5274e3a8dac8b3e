/**
 * The API server's side of a write, kept apart from the wiring in cluster.ts: the resource names
 * errors are phrased with, the defaults the API applies on create, validation with the field
 * errors kube-apiserver returns, and the fields a PUT cannot change. Every message is the text
 * kubectl prints for the server's answer (cmdutil.CheckErr / StandardErrorMessage).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { Container, EnvVar, PodSpec, PodTemplateSpec, Probe, Service } from 'kubernetes-types/core/v1';
import type { AnyObject, Kind } from './api';
import { defaultPullPolicy } from './objects/podTemplate';
import { quantityValue } from './objects/quantity';

/** The plural and API group kubectl names a kind by in "Error from server" lines. */
const RESOURCES: Record<Kind, { plural: string; group: string }> = {
  Namespace: { plural: 'namespaces', group: '' },
  Node: { plural: 'nodes', group: '' },
  Pod: { plural: 'pods', group: '' },
  Service: { plural: 'services', group: '' },
  EndpointSlice: { plural: 'endpointslices', group: 'discovery.k8s.io' },
  Event: { plural: 'events', group: '' },
  Secret: { plural: 'secrets', group: '' },
  ConfigMap: { plural: 'configmaps', group: '' },
  Deployment: { plural: 'deployments', group: 'apps' },
  ReplicaSet: { plural: 'replicasets', group: 'apps' },
  Job: { plural: 'jobs', group: 'batch' },
  Endpoints: { plural: 'endpoints', group: '' },
  ServiceAccount: { plural: 'serviceaccounts', group: '' },
};

/** `deployments.apps`, `pods`: the qualified resource in API error messages. */
export function qualifiedResourceOf(kind: Kind): string {
  const r = RESOURCES[kind];
  return r.group === '' ? r.plural : `${r.plural}.${r.group}`;
}

export function notFoundError(kind: Kind, name: string): string {
  return `Error from server (NotFound): ${qualifiedResourceOf(kind)} "${name}" not found`;
}

export function alreadyExistsError(kind: Kind, name: string): string {
  return `Error from server (AlreadyExists): ${qualifiedResourceOf(kind)} "${name}" already exists`;
}

export function conflictError(kind: Kind, name: string): string {
  return `Error from server (Conflict): Operation cannot be fulfilled on ${qualifiedResourceOf(kind)} "${name}": the object has been modified; please apply your changes to the latest version and try again`;
}

/** One field.Error, already rendered as `path: body` (statusCausesToAggrError). */
export type FieldError = string;

/**
 * kubectl's rendering of a 422 Invalid: one cause on the line, several as a `* ` list
 * (cmdutil.MultilineError keeps the trailing space after the colon).
 */
export function invalidError(kind: Kind, name: string, causes: readonly FieldError[]): string {
  const head = `The ${kind} "${name}" is invalid: `;
  if (causes.length === 1) return head + causes[0];
  return `${head}\n${causes.map((c) => `* ${c}`).join('\n')}`;
}

/** field.Invalid's body: Go's %v for numbers and booleans, %q for strings, %#v otherwise. */
export function invalidValue(path: string, value: unknown, detail: string): FieldError {
  return `${path}: Invalid value: ${goValue(value)}${detail === '' ? '' : `: ${detail}`}`;
}

export function requiredValue(path: string, detail = ''): FieldError {
  return `${path}: Required value${detail === '' ? '' : `: ${detail}`}`;
}

function goValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
    }
  }
  return JSON.stringify(value);
}

// ---- names ------------------------------------------------------------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function validateName(kind: Kind, name: string): FieldError[] {
  if (name === '') return [requiredValue('metadata.name', 'name or generateName is required')];
  if (kind === 'Namespace') {
    const errs: FieldError[] = [];
    if (!DNS1123_LABEL.test(name)) errs.push(invalidValue('metadata.name', name, LABEL_MSG));
    if (name.length > 63) errs.push(invalidValue('metadata.name', name, 'must be no more than 63 characters'));
    return errs;
  }
  if (kind === 'Service') {
    const errs: FieldError[] = [];
    if (!DNS1035_LABEL.test(name)) errs.push(invalidValue('metadata.name', name, DNS1035_MSG));
    if (name.length > 63) errs.push(invalidValue('metadata.name', name, 'must be no more than 63 characters'));
    return errs;
  }
  const errs: FieldError[] = [];
  if (name.length > 253) errs.push(invalidValue('metadata.name', name, 'must be no more than 253 characters'));
  if (!DNS1123_SUBDOMAIN.test(name)) errs.push(invalidValue('metadata.name', name, SUBDOMAIN_MSG));
  return errs;
}

// ---- validation -------------------------------------------------------------------------------

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function validateContainers(path: string, spec: PodSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const containers = spec?.containers ?? [];
  if (containers.length === 0) errs.push(requiredValue(`${path}.containers`));
  containers.forEach((c: Container, i) => {
    const p = `${path}.containers[${i}]`;
    if (!c.name) errs.push(requiredValue(`${p}.name`));
    if (!c.image || c.image.trim() === '') errs.push(requiredValue(`${p}.image`));
    (c.env ?? []).forEach((e: EnvVar, j) => {
      if (!e.name) errs.push(requiredValue(`${p}.env[${j}].name`));
      else if (!ENV_NAME.test(e.name)) errs.push(invalidValue(`${p}.env[${j}].name`, e.name, ENV_NAME_MSG));
    });
    errs.push(...validateRequestsWithinLimits(`${p}.resources`, c.resources));
  });
  return errs;
}

/** ValidateResourceRequirements: a request above its limit is refused (resources in name order). */
function validateRequestsWithinLimits(path: string, resources: Container['resources']): FieldError[] {
  const requests = (resources?.requests ?? {}) as Record<string, string>;
  const limits = (resources?.limits ?? {}) as Record<string, string>;
  const errs: FieldError[] = [];
  for (const name of Object.keys(requests).sort()) {
    const limit = limits[name];
    if (limit === undefined || !(quantityValue(requests[name]) > quantityValue(limit))) continue;
    errs.push(invalidValue(`${path}.requests`, requests[name], `must be less than or equal to ${name} limit of ${limit}`));
  }
  return errs;
}

function validateDataKeys(obj: { data?: Record<string, string>; binaryData?: Record<string, string> }): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(obj.data ?? {})) if (!CONFIG_KEY.test(k)) errs.push(invalidValue(`data[${k}]`, k, CONFIG_KEY_MSG));
  return errs;
}

/**
 * The field errors the API server would return for `obj` (create when `old` is undefined,
 * update otherwise); empty when valid.
 */
export function validateObject(kind: Kind, obj: AnyObject, old?: AnyObject): FieldError[] {
  const errs: FieldError[] = old === undefined ? validateName(kind, obj.metadata?.name ?? '') : [];
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    const spec = (obj as Deployment | ReplicaSet).spec;
    const replicas = spec?.replicas;
    if (replicas !== undefined && replicas < 0) errs.push(invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0'));
    const selector = spec?.selector?.matchLabels;
    if (spec?.selector === undefined) errs.push(requiredValue('spec.selector'));
    else if (selector === undefined || Object.keys(selector).length === 0) {
      if ((spec.selector.matchExpressions ?? []).length === 0) errs.push(invalidValue('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
    }
    const labels = spec?.template?.metadata?.labels ?? {};
    if (selector !== undefined && Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
      errs.push(invalidValue('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    }
    errs.push(...validateContainers('spec.template.spec', spec?.template?.spec));
    if (old !== undefined) {
      const before = (old as Deployment).spec?.selector;
      if (JSON.stringify(before) !== JSON.stringify(spec?.selector)) {
        errs.push(`spec.selector: Invalid value: ${goSelector(spec?.selector)}: field is immutable`);
      }
    }
  } else if (kind === 'Job') {
    const spec = (obj as Job).spec;
    if (spec?.backoffLimit !== undefined && spec.backoffLimit < 0) errs.push(invalidValue('spec.backoffLimit', spec.backoffLimit, 'must be greater than or equal to 0'));
    errs.push(...validateContainers('spec.template.spec', spec?.template?.spec));
    // Pod defaulting turns an unset restartPolicy into Always, which a Job cannot use.
    const policy = spec?.template?.spec?.restartPolicy;
    if (policy === undefined || policy === 'Always' || policy === '') errs.push(requiredValue('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
    else if (policy !== 'OnFailure' && policy !== 'Never') errs.push(`spec.template.spec.restartPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "OnFailure", "Never"`);
  } else if (kind === 'Pod') {
    errs.push(...validateContainers('spec', (obj as { spec?: PodSpec }).spec));
  } else if (kind === 'Secret' || kind === 'ConfigMap') {
    errs.push(...validateDataKeys(obj as { data?: Record<string, string> }));
  }
  return errs;
}

/** %#v of a metav1.LabelSelector, as field.Invalid prints an immutable selector. */
function goSelector(sel: { matchLabels?: Record<string, string> } | undefined): string {
  if (sel === undefined) return 'null';
  const ml = sel.matchLabels === undefined ? 'map[string]string(nil)' : goValue(sel.matchLabels);
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

// ---- defaults ---------------------------------------------------------------------------------

function defaultProbe(p: Probe | undefined): void {
  if (p === undefined) return;
  const w = p as { -readonly [K in keyof Probe]: Probe[K] };
  if (w.httpGet !== undefined) w.httpGet = { ...w.httpGet, scheme: w.httpGet.scheme ?? 'HTTP', path: w.httpGet.path ?? '/' };
  w.timeoutSeconds ??= 1;
  w.periodSeconds ??= 10;
  w.successThreshold ??= 1;
  w.failureThreshold ??= 3;
}

/** SetDefaults_PodSpec and SetDefaults_Container, in place. */
export function defaultPodSpec(spec: PodSpec): void {
  const w = spec as { -readonly [K in keyof PodSpec]: PodSpec[K] };
  w.dnsPolicy ??= 'ClusterFirst';
  w.restartPolicy ??= 'Always';
  w.schedulerName ??= 'default-scheduler';
  w.securityContext ??= {};
  w.terminationGracePeriodSeconds ??= 30;
  for (const c of spec.containers ?? []) {
    const cw = c as { -readonly [K in keyof Container]: Container[K] };
    cw.imagePullPolicy ??= defaultPullPolicy(c.image ?? '');
    cw.terminationMessagePath ??= '/dev/termination-log';
    cw.terminationMessagePolicy ??= 'File';
    cw.resources ??= {};
    if (cw.resources.limits !== undefined && cw.resources.requests === undefined) cw.resources = { ...cw.resources, requests: { ...cw.resources.limits } };
    if (cw.ports !== undefined) cw.ports = cw.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
    for (const e of cw.env ?? []) {
      const fr = e.valueFrom?.fieldRef as { apiVersion?: string } | undefined;
      if (fr !== undefined) fr.apiVersion ??= 'v1';
    }
    defaultProbe(c.livenessProbe);
    defaultProbe(c.readinessProbe);
    defaultProbe(c.startupProbe);
  }
}

function defaultTemplate(t: PodTemplateSpec | undefined): void {
  if (t?.spec !== undefined) defaultPodSpec(t.spec);
}

/** The API's defaulting on create (and on update, for the fields a PUT may leave out). */
export function applyDefaults(kind: Kind, obj: AnyObject): void {
  if (kind === 'Deployment') {
    const d = obj as Deployment;
    const spec = d.spec as { -readonly [K in keyof NonNullable<Deployment['spec']>]: NonNullable<Deployment['spec']>[K] } | undefined;
    if (spec === undefined) return;
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    if (spec.strategy === undefined || spec.strategy.type === undefined || spec.strategy.type === 'RollingUpdate') {
      const ru = spec.strategy?.rollingUpdate ?? {};
      spec.strategy = { rollingUpdate: { maxSurge: ru.maxSurge ?? '25%', maxUnavailable: ru.maxUnavailable ?? '25%' }, type: 'RollingUpdate' };
    }
    defaultTemplate(spec.template);
  } else if (kind === 'ReplicaSet') {
    const spec = (obj as ReplicaSet).spec as { replicas?: number; template?: PodTemplateSpec } | undefined;
    if (spec === undefined) return;
    spec.replicas ??= 1;
    defaultTemplate(spec.template);
  } else if (kind === 'Job') {
    const spec = (obj as Job).spec as { -readonly [K in keyof JobSpec]: JobSpec[K] } | undefined;
    if (spec === undefined) return;
    // SetDefaults_Job (the restartPolicy is checked before pod defaults would make it Always).
    const policy = spec.template?.spec?.restartPolicy;
    if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
    spec.parallelism ??= 1;
    spec.backoffLimit ??= 6;
    spec.completionMode ??= 'NonIndexed';
    spec.suspend ??= false;
    spec.podReplacementPolicy ??= 'TerminatingOrFailed';
    defaultTemplate(spec.template);
    if (spec.template?.spec !== undefined) (spec.template.spec as { restartPolicy?: string }).restartPolicy = policy;
    // The template's zero creationTimestamp, which the API serialises as null.
    if (spec.template !== undefined) {
      const meta = ((spec.template as { metadata?: Record<string, unknown> }).metadata ??= {});
      if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
    }
  } else if (kind === 'Pod') {
    const spec = (obj as { spec?: PodSpec }).spec;
    if (spec !== undefined) defaultPodSpec(spec);
  } else if (kind === 'Secret') {
    const s = obj as { type?: string };
    s.type ??= 'Opaque';
  } else if (kind === 'Service') {
    const spec = (obj as Service).spec as { -readonly [K in keyof NonNullable<Service['spec']>]: NonNullable<Service['spec']>[K] } | undefined;
    if (spec === undefined) return;
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    if (spec.ports !== undefined) spec.ports = spec.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port }));
  }
}

/** Kinds whose status a PUT to the main resource cannot change (they have a status subresource). */
export const STATUS_SUBRESOURCE: ReadonlySet<Kind> = new Set<Kind>(['Deployment', 'ReplicaSet', 'Pod', 'Service', 'Node', 'Namespace']);

/**
 * Pod updates may change only images, activeDeadlineSeconds and tolerations (additions); the
 * rest of the spec is immutable. Returns the forbidden-update error when `next` changes more.
 */
export function podUpdateForbidden(before: PodSpec | undefined, next: PodSpec | undefined): FieldError | undefined {
  const strip = (s: PodSpec | undefined): unknown => ({
    ...s,
    containers: (s?.containers ?? []).map((c) => ({ ...c, image: '' })),
    activeDeadlineSeconds: undefined,
    tolerations: undefined,
  });
  if (JSON.stringify(strip(before)) === JSON.stringify(strip(next))) return undefined;
  return 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
}
