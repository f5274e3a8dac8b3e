/** Small readers used by the cluster tests. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterControl, WorldSpec } from '../../../src/cluster/index';
import { NS } from './fixtures';

export function podsOf(c: ClusterControl, app: string): Pod[] {
  return c.list('Pod', NS).filter((p) => p.metadata?.labels?.app === app) as Pod[];
}

export function restarts(p: Pod | undefined): number {
  return p?.status?.containerStatuses?.[0]?.restartCount ?? -1;
}

/** A world with one single-replica deployment `app` whose only image behaves as given. */
export function singleAppSpec(image: string, outcomes: WorldSpec['images'][number]['outcomes'], extra: Partial<WorldSpec> = {}): WorldSpec {
  return {
    seed: 7,
    contextNamespace: NS,
    nodes: [{ name: 'worker-1', internalIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }],
    namespaces: [NS],
    history: [
      {
        at: 0,
        action: 'createDeployment',
        deployment: {
          name: 'app',
          namespace: NS,
          replicas: 1,
          labels: { app: 'app' },
          selector: { app: 'app' },
          template: { labels: { app: 'app' }, containers: [{ name: 'app', image }] },
        },
      },
    ],
    images: [{ image, outcomes }],
    ...extra,
  };
}
