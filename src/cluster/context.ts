/**
 * What every controller gets: the store, the clock and its queue, the seeded streams, the event
 * recorders, and a way to ask another controller to look at an object again (the simulator's
 * stand-in for informers and work queues).
 */
import type { EventHub } from './events';
import type { Prng } from './names';
import type { Store } from './store';
import type { WorldSpec } from './spec';

export type ControllerName = 'deployment' | 'replicaset' | 'scheduler' | 'kubelet' | 'endpoints' | 'job';

export interface Ctx {
  readonly spec: WorldSpec;
  readonly store: Store;
  readonly events: EventHub;
  /** uids, pod and slice name suffixes, cluster IPs. */
  readonly names: Prng;
  /** Container ids, timings and jitter. */
  readonly runtime: Prng;
  now(): number;
  /** Run `fn` at sim time `at` (never earlier than now). */
  schedule(at: number, fn: () => void): void;
  /** Ask a controller to reconcile `key` ("namespace/name") soon, at the current time. */
  enqueue(controller: ControllerName, key: string): void;
}

export function keyOf(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
