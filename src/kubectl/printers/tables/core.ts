/** `kubectl get namespaces|nodes|secrets|configmaps|serviceaccounts`: the matching printers.go functions. */
import type { ConfigMap, Namespace, Node, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { since } from '../duration';
import type { TableDef } from './types';

export const namespaceTable: TableDef<Namespace> = {
  columns: [{ name: 'NAME', isName: true }, { name: 'STATUS' }, { name: 'AGE' }],
  row: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', since(ns.metadata?.creationTimestamp, now)],
};

function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodeTable: TableDef<Node> = {
  columns: [
    { name: 'NAME', isName: true },
    { name: 'STATUS' },
    { name: 'ROLES' },
    { name: 'AGE' },
    { name: 'VERSION' },
    { name: 'INTERNAL-IP', wide: true },
    { name: 'EXTERNAL-IP', wide: true },
    { name: 'OS-IMAGE', wide: true },
    { name: 'KERNEL-VERSION', wide: true },
    { name: 'CONTAINER-RUNTIME', wide: true },
  ],
  row(node, now) {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    const status: string[] = [];
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    else status.push('Unknown');
    if (node.spec?.unschedulable) status.push('SchedulingDisabled');
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      status.join(','),
      nodeRoles(node),
      since(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const secretTable: TableDef<Secret> = {
  columns: [{ name: 'NAME', isName: true }, { name: 'TYPE' }, { name: 'DATA' }, { name: 'AGE' }],
  row: (s, now) => [
    s.metadata?.name ?? '',
    s.type ?? '',
    String(Object.keys(s.data ?? {}).length),
    since(s.metadata?.creationTimestamp, now),
  ],
};

export const configMapTable: TableDef<ConfigMap> = {
  columns: [{ name: 'NAME', isName: true }, { name: 'DATA' }, { name: 'AGE' }],
  row: (cm, now) => [
    cm.metadata?.name ?? '',
    String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length),
    since(cm.metadata?.creationTimestamp, now),
  ],
};

export const serviceAccountTable: TableDef<ServiceAccount> = {
  columns: [{ name: 'NAME', isName: true }, { name: 'SECRETS' }, { name: 'AGE' }],
  row: (sa, now) => [sa.metadata?.name ?? '', String((sa.secrets ?? []).length), since(sa.metadata?.creationTimestamp, now)],
};
