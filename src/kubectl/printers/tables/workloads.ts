/** `kubectl get deployments|replicasets`: printDeployment and printReplicaSet. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { since } from '../duration';
import { formatSelector } from '../labels';
import type { TableDef } from './types';

function containerCells(t: PodTemplateSpec | undefined): [string, string] {
  const cs = t?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

export const deploymentTable: TableDef<Deployment> = {
  columns: [
    { name: 'NAME', isName: true },
    { name: 'READY' },
    { name: 'UP-TO-DATE' },
    { name: 'AVAILABLE' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  row(d, now) {
    const st = d.status ?? {};
    return [
      d.metadata?.name ?? '',
      `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0),
      since(d.metadata?.creationTimestamp, now),
      ...containerCells(d.spec?.template),
      formatSelector(d.spec?.selector),
    ];
  },
};

export const replicaSetTable: TableDef<ReplicaSet> = {
  columns: [
    { name: 'NAME', isName: true },
    { name: 'DESIRED' },
    { name: 'CURRENT' },
    { name: 'READY' },
    { name: 'AGE' },
    { name: 'CONTAINERS', wide: true },
    { name: 'IMAGES', wide: true },
    { name: 'SELECTOR', wide: true },
  ],
  row(rs, now) {
    const st = rs.status;
    return [
      rs.metadata?.name ?? '',
      String(rs.spec?.replicas ?? 0),
      String(st?.replicas ?? 0),
      String(st?.readyReplicas ?? 0),
      since(rs.metadata?.creationTimestamp, now),
      ...containerCells(rs.spec?.template),
      formatSelector(rs.spec?.selector),
    ];
  },
};
