/**
 * The resource types the simulated API server knows: what `kubectl get TYPE` accepts (plural,
 * singular, short names, `TYPE.GROUP`), and how each is named in kubectl's messages.
 * Some types exist on every real cluster but have no objects in our worlds (statefulsets, jobs…):
 * listing them says "No resources found", as a real cluster without any would.
 */
import type { Kind } from '../cluster/api';

export interface ResourceType {
  /** Plural lower-case name, as in URLs and errors (`pods`). */
  resource: string;
  singular: string;
  shortNames: readonly string[];
  kind: string;
  /** API group; '' is the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** The simulator's kind, when the world holds objects of this type. */
  modelled?: Kind;
}

function t(
  resource: string,
  kind: string,
  group: string,
  namespaced: boolean,
  shortNames: string[] = [],
  modelled?: Kind,
): ResourceType {
  return { resource, singular: kind.toLowerCase(), shortNames, kind, group, version: 'v1', namespaced, modelled };
}

/** In the order `kubectl api-resources` lists them (core group first, then by group). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  t('configmaps', 'ConfigMap', '', true, ['cm'], 'ConfigMap'),
  t('endpoints', 'Endpoints', '', true, ['ep'], 'Endpoints'),
  t('events', 'Event', '', true, ['ev'], 'Event'),
  t('namespaces', 'Namespace', '', false, ['ns'], 'Namespace'),
  t('nodes', 'Node', '', false, ['no'], 'Node'),
  t('persistentvolumeclaims', 'PersistentVolumeClaim', '', true, ['pvc']),
  t('persistentvolumes', 'PersistentVolume', '', false, ['pv']),
  t('pods', 'Pod', '', true, ['po'], 'Pod'),
  t('replicationcontrollers', 'ReplicationController', '', true, ['rc']),
  t('secrets', 'Secret', '', true, [], 'Secret'),
  t('serviceaccounts', 'ServiceAccount', '', true, ['sa'], 'ServiceAccount'),
  t('services', 'Service', '', true, ['svc'], 'Service'),
  t('daemonsets', 'DaemonSet', 'apps', true, ['ds']),
  t('deployments', 'Deployment', 'apps', true, ['deploy'], 'Deployment'),
  t('replicasets', 'ReplicaSet', 'apps', true, ['rs'], 'ReplicaSet'),
  t('statefulsets', 'StatefulSet', 'apps', true, ['sts']),
  t('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling', true, ['hpa']),
  t('cronjobs', 'CronJob', 'batch', true, ['cj']),
  t('jobs', 'Job', 'batch', true, [], 'Job'),
  t('endpointslices', 'EndpointSlice', 'discovery.k8s.io', true, [], 'EndpointSlice'),
  t('ingresses', 'Ingress', 'networking.k8s.io', true, ['ing']),
  t('networkpolicies', 'NetworkPolicy', 'networking.k8s.io', true, ['netpol']),
  t('poddisruptionbudgets', 'PodDisruptionBudget', 'policy', true, ['pdb']),
];

/**
 * Resolves what was typed (`po`, `Pods`, `deployment.apps`, `deployments.v1.apps`) as the
 * API server's discovery would. Undefined means "the server doesn't have a resource type".
 */
export function resolveResource(typed: string): ResourceType | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot >= 0 ? lower.slice(0, dot) : lower;
  const qualifier = dot >= 0 ? lower.slice(dot + 1) : undefined;
  for (const rt of RESOURCE_TYPES) {
    const names = [rt.resource, rt.singular, ...rt.shortNames];
    if (!names.includes(name)) continue;
    if (qualifier === undefined) return rt;
    let q = qualifier;
    if (q === rt.version) return rt.group === '' ? rt : undefined;
    if (q.startsWith(`${rt.version}.`)) q = q.slice(rt.version.length + 1);
    if (q === rt.group) return rt;
  }
  return undefined;
}

/** `pods`, `deployments.apps`: how API errors name a type. */
export function qualifiedResource(rt: ResourceType): string {
  return rt.group === '' ? rt.resource : `${rt.resource}.${rt.group}`;
}

/** `pod`, `deployment.apps`: how `-o name` and `rolled back` lines name an object's type. */
export function qualifiedSingular(rt: ResourceType): string {
  return rt.group === '' ? rt.singular : `${rt.singular}.${rt.group}`;
}

export function typeForKind(kind: Kind): ResourceType {
  const rt = RESOURCE_TYPES.find((r) => r.modelled === kind);
  if (rt === undefined) throw new Error(`no resource type for kind ${kind}`);
  return rt;
}
