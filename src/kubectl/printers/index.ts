/**
 * kubectl's printers: each turns objects the simulator holds into exactly the text kubectl 1.32
 * prints. This file is the contract the command line imports; the implementations live in one
 * module per printer (table.ts, yaml.ts, describePod.ts, ...).
 *
 * PLACEHOLDER SIGNATURES: the printers helper replaces the bodies (keep the names and signatures).
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { AnyObject, ClusterView, Kind, KindMap } from '../../cluster/api';

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
}

/** A v1 List of objects, as `kubectl get -o yaml|json` prints several objects. */
export interface ListObject {
  apiVersion: 'v1';
  kind: 'List';
  items: AnyObject[];
  metadata: { resourceVersion: string };
}

const todo = (what: string): never => {
  throw new Error(`printer not implemented yet: ${what}`);
};

/** kubectl's short human duration: 45s, 9m, 2m30s, 5h, 3d4h, 6d, 2y... */
export function humanDuration(ms: number): string {
  return todo(`humanDuration(${ms})`);
}
/** Wraps objects in a v1 List (kubectl prints a List for more than one object, or for a list query). */
export function toList(items: readonly AnyObject[]): ListObject {
  return { apiVersion: 'v1', kind: 'List', items: [...items], metadata: { resourceVersion: '' } };
}
/** `kubectl get KIND` table (the API server's printer columns), header included unless noHeaders. */
export function printTable<K extends Kind>(kind: K, objs: readonly KindMap[K][], opts: TableOptions): string {
  return todo(`printTable(${kind}, ${objs.length}, ${opts.now})`);
}
export function printYaml(value: AnyObject | ListObject): string {
  return todo(`printYaml(${value.kind})`);
}
export function printJson(value: AnyObject | ListObject): string {
  return todo(`printJson(${value.kind})`);
}
/** `-o name`: `pod/NAME`, `deployment.apps/NAME`, one line each. */
export function printName(obj: AnyObject): string {
  return todo(`printName(${obj.kind})`);
}
export function describePod(view: ClusterView, pod: Pod): string {
  return todo(`describePod(${view.now()}, ${pod.metadata?.name})`);
}
export function describeDeployment(view: ClusterView, d: Deployment): string {
  return todo(`describeDeployment(${d.metadata?.name})`);
}
export function describeReplicaSet(view: ClusterView, rs: ReplicaSet): string {
  return todo(`describeReplicaSet(${rs.metadata?.name})`);
}
export function describeService(view: ClusterView, svc: Service): string {
  return todo(`describeService(${svc.metadata?.name})`);
}
/** `kubectl events` (not `get events`): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
export function printEventsCommand(events: readonly Event[], opts: { now: number; withNamespace?: boolean }): string {
  return todo(`printEventsCommand(${events.length}, ${opts.now})`);
}
/** `kubectl rollout history deployment/NAME [--revision=N]`. */
export function printRolloutHistory(view: ClusterView, d: Deployment, revision?: number): string {
  return todo(`printRolloutHistory(${d.metadata?.name}, ${revision})`);
}
