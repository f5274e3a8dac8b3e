/** The ObjectReference an event's involvedObject holds (client-go's ref.GetReference). */
import type { ObjectReference } from 'kubernetes-types/core/v1';

interface Referable {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
}

export function objectRef(obj: Referable): ObjectReference {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata?.name,
    namespace: obj.metadata?.namespace,
    resourceVersion: obj.metadata?.resourceVersion,
    uid: obj.metadata?.uid,
  };
}
