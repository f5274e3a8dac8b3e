/**
 * kubectl's printers: each turns objects the simulator holds into exactly the text kubectl 1.32
 * prints. This file is the contract the command line imports; the implementations live in one
 * module per printer (table.ts, yaml.ts, describePod.ts, ...).
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Endpoints, Namespace, Node, Pod, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { AnyObject, ClusterView, Kind, KindMap } from '../../cluster/api';
import { humanDuration as humanDurationImpl } from './duration';
import { renderDescribeConfigMap } from './describeConfigMap';
import { renderDescribeDeployment } from './describeDeployment';
import { renderDescribeJob } from './describeJob';
import { renderDescribeEndpoints } from './describeEndpoints';
import { renderDescribeNamespace } from './describeNamespace';
import { renderDescribeNode } from './describeNode';
import { renderDescribeSecret } from './describeSecret';
import { renderDescribePod } from './describePod';
import { renderDescribeReplicaSet } from './describeReplicaSet';
import { renderDescribeService } from './describeService';
import { renderDescribeServiceAccount } from './describeServiceAccount';
import { renderEventsCommand, sortEventsLikeKubectl } from './events';
import { toJson } from './json';
import { nameOf } from './name';
import { renderRolloutHistory } from './rolloutHistory';
import { renderTable } from './table';
import { toYaml } from './yaml';

export interface TableOptions {
  /** Sim time, for AGE and `5 (2m ago)`. */
  now: number;
  /** `-o wide` columns. */
  wide?: boolean;
  /** `-A`: a leading NAMESPACE column. */
  withNamespace?: boolean;
  /** Prefix names with `kind.group/` as kubectl does when several kinds are printed together. */
  showKind?: boolean;
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** `--show-labels`: a trailing LABELS column. */
  showLabels?: boolean;
}

/** A v1 List of objects, as `kubectl get -o yaml|json` prints several objects. */
export interface ListObject {
  apiVersion: 'v1';
  kind: 'List';
  items: AnyObject[];
  metadata: { resourceVersion: string };
}

/** kubectl's short human duration: 45s, 9m, 2m30s, 5h, 3d4h, 6d, 2y... */
export function humanDuration(ms: number): string {
  return humanDurationImpl(ms);
}
/** Wraps objects in a v1 List (kubectl prints a List for more than one object, or for a list query). */
export function toList(items: readonly AnyObject[]): ListObject {
  return { apiVersion: 'v1', kind: 'List', items: [...items], metadata: { resourceVersion: '' } };
}
/** `kubectl get KIND` table (the API server's printer columns), header included unless noHeaders. */
export function printTable<K extends Kind>(kind: K, objs: readonly KindMap[K][], opts: TableOptions): string {
  return renderTable(kind, objs, opts);
}
export function printYaml(value: AnyObject | ListObject): string {
  return toYaml(value);
}
export function printJson(value: AnyObject | ListObject): string {
  return toJson(value);
}
/** `-o name`: `pod/NAME`, `deployment.apps/NAME`, one line each. */
export function printName(obj: AnyObject): string {
  return nameOf(obj) + '\n';
}
export function describePod(view: ClusterView, pod: Pod): string {
  return renderDescribePod(view, pod);
}
export function describeDeployment(view: ClusterView, d: Deployment): string {
  return renderDescribeDeployment(view, d);
}
export function describeReplicaSet(view: ClusterView, rs: ReplicaSet): string {
  return renderDescribeReplicaSet(view, rs);
}
export function describeService(view: ClusterView, svc: Service): string {
  return renderDescribeService(view, svc);
}
export function describeJob(view: ClusterView, job: Job): string {
  return renderDescribeJob(view, job);
}
export function describeEndpoints(view: ClusterView, ep: Endpoints): string {
  return renderDescribeEndpoints(view, ep);
}
export function describeConfigMap(view: ClusterView, cm: ConfigMap): string {
  return renderDescribeConfigMap(view, cm);
}
/** Sizes in bytes, never the values. */
export function describeSecret(secret: Secret): string {
  return renderDescribeSecret(secret);
}
export function describeNamespace(ns: Namespace): string {
  return renderDescribeNamespace(ns);
}
export function describeServiceAccount(view: ClusterView, sa: ServiceAccount): string {
  return renderDescribeServiceAccount(view, sa);
}
/** Lease, conditions, capacity, the pods on the node with their requests and limits, events. */
export function describeNode(view: ClusterView, node: Node): string {
  return renderDescribeNode(view, node);
}
/**
 * `kubectl events -o yaml`: kubectl prints its typed v1 EventList (sorted as the table is), with an
 * empty list metadata.
 */
export function printEventsYaml(events: readonly Event[]): string {
  // Through the typed struct, fields without omitempty come out even when unset.
  const items = sortEventsLikeKubectl(events).map((e) => ({
    ...e,
    eventTime: e.eventTime ?? null,
    firstTimestamp: e.firstTimestamp ?? null,
    lastTimestamp: e.lastTimestamp ?? null,
    metadata: { ...e.metadata, creationTimestamp: e.metadata.creationTimestamp ?? null },
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
    source: e.source ?? {},
  }));
  const list = { apiVersion: 'v1', items, kind: 'EventList', metadata: {} };
  return toYaml(list as unknown as ListObject);
}
/** `kubectl events` (not `get events`): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
export function printEventsCommand(events: readonly Event[], opts: { now: number; withNamespace?: boolean }): string {
  return renderEventsCommand(events, opts);
}
/** `kubectl rollout history deployment/NAME [--revision=N]`. */
export function printRolloutHistory(view: ClusterView, d: Deployment, revision?: number): string {
  return renderRolloutHistory(view, d, revision);
}
