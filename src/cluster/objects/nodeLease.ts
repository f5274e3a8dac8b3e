/**
 * The kubelet's node Lease (kube-node-lease/NODE): renewed every 10 s (a quarter of its 40 s
 * duration) from the moment the node registered. The simulator does not store leases; this
 * derives the one a healthy kubelet would hold at a given sim time.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { microTime } from '../format';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const RENEW_MS = 10_000;

export interface NodeLease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; ownerReferences: { apiVersion: string; kind: string; name: string; uid: string }[] };
  spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string };
}

export function nodeLease(node: Node, now: number): NodeLease {
  const name = node.metadata?.name ?? '';
  const created = Date.parse(node.metadata?.creationTimestamp ?? '');
  const start = Number.isNaN(created) ? now : created;
  const renewed = now < start ? start : start + Math.floor((now - start) / RENEW_MS) * RENEW_MS;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata?.uid ?? '' }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime(renewed) },
  };
}
