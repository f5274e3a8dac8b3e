import type { ClusterControl, ClusterView } from '../../src/cluster/api';

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

/** The same world read at another instant, as a control whose writes throw (commands under test only read). */
export function controlAt(c: ClusterControl, now: number): ClusterControl {
  const readOnly = (): never => {
    throw new Error('conformance commands must not change the world');
  };
  return {
    ...viewAt(c, now),
    exec: (req) => c.exec(req),
    metrics: () => c.metrics(),
    advanceTo: readOnly,
    advanceBy: readOnly,
    rolloutUndo: readOnly,
    create: readOnly,
    replace: readOnly,
    delete: readOnly,
  };
}
