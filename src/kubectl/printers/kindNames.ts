/** How kubectl names each kind: `kind.group` (lower case) for `-o name` and `showKind` tables. */
import type { Kind } from '../../cluster/api';

const GROUP: Record<Kind, string> = {
  Namespace: '',
  Node: '',
  Pod: '',
  Service: '',
  EndpointSlice: 'discovery.k8s.io',
  Endpoints: '',
  Event: '',
  Secret: '',
  ServiceAccount: '',
  ConfigMap: '',
  Deployment: 'apps',
  ReplicaSet: 'apps',
  Job: 'batch',
};

/** `deployment.apps`, `pod`, `endpointslice.discovery.k8s.io`. */
export function kindWithGroup(kind: Kind): string {
  const g = GROUP[kind];
  return g ? `${kind.toLowerCase()}.${g}` : kind.toLowerCase();
}
