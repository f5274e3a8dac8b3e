/**
 * The pod spec a `set` or `rollout` command changes: a Deployment's or ReplicaSet's template, or a
 * Pod's own spec (polymorphichelpers.UpdatePodSpecForObject).
 */
import type { AnyObject, Kind } from '../../cluster/api';
import type { PodSpec } from 'kubernetes-types/core/v1';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function podSpecOf(kind: Kind | undefined, obj: AnyObject): Writable<PodSpec> | undefined {
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    return (obj as { spec?: { template?: { spec?: PodSpec } } }).spec?.template?.spec as Writable<PodSpec> | undefined;
  }
  if (kind === 'Pod') return (obj as { spec?: PodSpec }).spec as Writable<PodSpec> | undefined;
  return undefined;
}
