/** A fresh taskflow world and a runner bound to it, for the command-line tests. */
import { createCluster } from '../../../../src/cluster/index';
import type { ClusterControl } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import type { ShellResult } from '../../../../src/kubectl/index';
import { ARRIVAL, NS, taskflowSpec } from '../../cluster/fixtures';

export { ARRIVAL, NS };

export interface Shell {
  cluster: ClusterControl;
  run(line: string, namespace?: string): ShellResult;
}

/** The taskflow world at arrival; the context namespace is `namespace` (default: 'default'). */
export function shell(namespace = 'default', history: string[] = []): Shell {
  const cluster = createCluster(taskflowSpec(), ARRIVAL);
  return { cluster, run: (line, ns = namespace) => runLine(line, { cluster, namespace: ns, history }) };
}
