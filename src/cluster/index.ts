/** The Kubernetes simulator's entry point. */
import type { AnyObject, ClusterControl, ClusterView } from './api';
import type { WorldSpec } from './spec';
import { ALL_KINDS, Cluster, type ClusterOptions } from './cluster';

export * from './api';
export type { ClusterOptions } from './cluster';
export type * from './spec';

/**
 * Build the world of `spec` as it is at `arrivalMs` (the learner's arrival, sim epoch ms):
 * the starting objects, then every history step replayed through the controllers.
 */
export function createCluster(spec: WorldSpec, arrivalMs: number, options?: ClusterOptions): ClusterControl {
  return new Cluster(spec, arrivalMs, options);
}

/**
 * createCluster, its catch-up to the arrival run `stepsPerSlice` timers at a time: the generator
 * yields between slices (the browser yields to the event loop there, so building the world is
 * no single long task) and returns the same world createCluster builds.
 */
export function* buildClusterInSlices(spec: WorldSpec, arrivalMs: number, options: ClusterOptions = {}, stepsPerSlice = 25): Generator<void, ClusterControl> {
  const cluster = new Cluster(spec, arrivalMs, { ...options, deferArrival: true });
  yield;
  while (!cluster.advanceSteps(arrivalMs, stepsPerSlice)) yield;
  return cluster;
}

/** Every object in the view, kind by kind (for dumps and the conformance stub server). */
export function listAll(view: ClusterView): AnyObject[] {
  const out: AnyObject[] = [];
  for (const kind of ALL_KINDS) out.push(...view.list(kind));
  return out;
}
