import type { ClusterView } from '../../src/cluster/api';

/**
 * The same world read at another instant: printers take ages from view.now(), and kubectl
 * measures them against its own wall clock, so the expected output is rendered at kubectl's time.
 */
export function viewAt(c: ClusterView, now: number): ClusterView {
  return {
    now: () => now,
    list: (kind, ns) => c.list(kind, ns),
    get: (kind, ns, name) => c.get(kind, ns, name),
    logs: (ns, pod, container, previous, options) => c.logs(ns, pod, container, previous, options),
    facts: () => c.facts(),
  };
}
