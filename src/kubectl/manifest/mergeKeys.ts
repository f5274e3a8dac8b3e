/**
 * How strategic merge patch treats each list of the kinds Firedrill models: the
 * `patchStrategy`/`patchMergeKey` tags of the Kubernetes API types (k8s.io/api), walked by field
 * path. Lists without a tag are atomic (a patch replaces them whole); maps merge key by key.
 */

/** A struct type: its fields that lead to other structs or to tagged lists. */
interface TypeInfo {
  /** field -> struct type of the value (or of the list's items). */
  fields?: Record<string, string>;
  /** field -> merge key of a list merged by key (`containers` by `name`). */
  mergeKeys?: Record<string, string>;
  /** Lists of primitives merged as sets (`finalizers`). */
  primitiveMerge?: readonly string[];
}

const TYPES: Record<string, TypeInfo> = {
  ObjectMeta: { fields: { ownerReferences: 'OwnerReference' }, mergeKeys: { ownerReferences: 'uid' }, primitiveMerge: ['finalizers'] },
  OwnerReference: {},
  Deployment: { fields: { metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'DeploymentStatus' } },
  DeploymentSpec: { fields: { template: 'PodTemplateSpec', selector: 'LabelSelector' } },
  DeploymentStatus: { mergeKeys: { conditions: 'type' } },
  ReplicaSet: { fields: { metadata: 'ObjectMeta', spec: 'ReplicaSetSpec', status: 'ReplicaSetStatus' } },
  ReplicaSetSpec: { fields: { template: 'PodTemplateSpec', selector: 'LabelSelector' } },
  ReplicaSetStatus: { mergeKeys: { conditions: 'type' } },
  LabelSelector: {},
  PodTemplateSpec: { fields: { metadata: 'ObjectMeta', spec: 'PodSpec' } },
  Pod: { fields: { metadata: 'ObjectMeta', spec: 'PodSpec', status: 'PodStatus' } },
  PodSpec: {
    fields: {
      containers: 'Container',
      initContainers: 'Container',
      ephemeralContainers: 'Container',
      volumes: 'Volume',
    },
    mergeKeys: {
      containers: 'name',
      initContainers: 'name',
      ephemeralContainers: 'name',
      volumes: 'name',
      imagePullSecrets: 'name',
      hostAliases: 'ip',
      topologySpreadConstraints: 'topologyKey',
      resourceClaims: 'name',
      schedulingGates: 'name',
    },
  },
  PodStatus: { mergeKeys: { conditions: 'type', podIPs: 'ip', hostIPs: 'ip' } },
  Container: {
    mergeKeys: { ports: 'containerPort', env: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath' },
  },
  Volume: {},
  Service: { fields: { metadata: 'ObjectMeta', spec: 'ServiceSpec' } },
  ServiceSpec: { mergeKeys: { ports: 'port' } },
  Namespace: { fields: { metadata: 'ObjectMeta' } },
  Node: { fields: { metadata: 'ObjectMeta', status: 'NodeStatus' } },
  NodeStatus: { mergeKeys: { conditions: 'type', addresses: 'type' } },
  Secret: { fields: { metadata: 'ObjectMeta' } },
  ConfigMap: { fields: { metadata: 'ObjectMeta' } },
  Event: { fields: { metadata: 'ObjectMeta' } },
  EndpointSlice: { fields: { metadata: 'ObjectMeta' } },
};

/** What a field of a struct is, for merging. */
export interface FieldInfo {
  /** The struct type of the value (or of list items), when we model it. */
  type?: string;
  /** The list merges by this key. */
  mergeKey?: string;
  /** The list is a set of primitives merged as a union. */
  primitiveMerge?: boolean;
}

export function fieldInfo(type: string | undefined, field: string): FieldInfo {
  if (type === undefined) return {};
  const t = TYPES[type];
  if (t === undefined) return {};
  const info: FieldInfo = {};
  const sub = t.fields?.[field];
  if (sub !== undefined) info.type = sub;
  const key = t.mergeKeys?.[field];
  if (key !== undefined) info.mergeKey = key;
  if (t.primitiveMerge?.includes(field)) info.primitiveMerge = true;
  return info;
}

/** The root type name for a kind, or undefined for kinds without strategic merge info. */
export function rootType(kind: string): string | undefined {
  return TYPES[kind] !== undefined ? kind : undefined;
}
