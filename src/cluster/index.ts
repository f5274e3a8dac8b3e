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

/** Every object in the view, kind by kind (for dumps and the conformance stub server). */
export function listAll(view: ClusterView): AnyObject[] {
  const out: AnyObject[] = [];
  for (const kind of ALL_KINDS) out.push(...view.list(kind));
  return out;
}
