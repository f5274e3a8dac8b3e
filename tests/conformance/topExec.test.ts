/**
 * `kubectl top` and the parts of `kubectl exec` that happen before a stream opens, against real
 * kubectl 1.32: the stub server also serves metrics.k8s.io/v1beta1 from the simulator's metrics
 * model (as metrics-server would), and our command line must print what kubectl prints from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { runLine } from '../../src/kubectl/index';
import { taskflowSpec, NS, WORKER } from '../unit/cluster/fixtures';
import { type KubectlEnv, kubectlAvailable, kubectlFor } from './kubectl';
import { type ExtraApi, startStubServer, type StubServer } from './stubServer';

const GROUP = 'metrics.k8s.io';

function status(code: number, reason: string, message: string, details: Record<string, string>) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}

/** metrics-server's API over the cluster's metrics snapshot. */
function metricsApi(c: ClusterControl): ExtraApi {
  const podItem = (m: ReturnType<ClusterControl['metrics']>['pods'][number]) => {
    const pod = c.get('Pod', m.namespace, m.name);
    return {
      metadata: { name: m.name, namespace: m.namespace, creationTimestamp: pod?.metadata?.creationTimestamp, labels: pod?.metadata?.labels },
      timestamp: new Date(m.timestamp).toISOString().replace(/\.\d+Z$/, 'Z'),
      window: '15s',
      containers: m.containers.map((x) => ({ name: x.name, usage: { cpu: `${x.cpu}m`, memory: String(x.memory) } })),
    };
  };
  const matches = (labels: Record<string, string> | undefined, selector: string | null) =>
    (selector ?? '')
      .split(',')
      .filter((t) => t !== '')
      .every((t) => {
        const [k, v] = t.split('=');
        return labels?.[k!] === v;
      });
  return {
    group: GROUP,
    version: 'v1beta1',
    route(path, query) {
      const snap = c.metrics();
      let m = /^\/namespaces\/([^/]+)\/pods(?:\/([^/]+))?$/.exec(path) ?? /^\/pods$/.exec(path);
      if (m) {
        const [, ns, name] = m;
        if (name !== undefined) {
          const found = snap.pods.find((p) => p.namespace === ns && p.name === name);
          if (found) return { code: 200, body: { kind: 'PodMetrics', apiVersion: `${GROUP}/v1beta1`, ...podItem(found) } };
          if (c.get('Pod', ns, name) === undefined) return { code: 404, body: status(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }) };
          return { code: 404, body: status(404, 'NotFound', `podmetrics.metrics.k8s.io "${ns}/${name}" not found`, { name: `${ns}/${name}`, group: GROUP, kind: 'pods' }) };
        }
        const items = snap.pods
          .filter((p) => ns === undefined || p.namespace === ns)
          .filter((p) => matches(c.get('Pod', p.namespace, p.name)?.metadata?.labels, query.get('labelSelector')))
          .map(podItem);
        return { code: 200, body: { kind: 'PodMetricsList', apiVersion: `${GROUP}/v1beta1`, metadata: {}, items } };
      }
      m = /^\/nodes(?:\/([^/]+))?$/.exec(path);
      if (m) {
        const nodeItem = (n: (typeof snap.nodes)[number]) => ({
          metadata: { name: n.name, labels: c.get('Node', undefined, n.name)?.metadata?.labels },
          timestamp: new Date(n.timestamp).toISOString().replace(/\.\d+Z$/, 'Z'),
          window: '15s',
          usage: { cpu: `${n.cpu}m`, memory: String(n.memory) },
        });
        if (m[1] !== undefined) {
          const n = snap.nodes.find((x) => x.name === m![1]);
          if (!n) return { code: 404, body: status(404, 'NotFound', `nodemetrics.metrics.k8s.io "${m[1]}" not found`, { name: m[1], group: GROUP, kind: 'nodes' }) };
          return { code: 200, body: { kind: 'NodeMetrics', apiVersion: `${GROUP}/v1beta1`, ...nodeItem(n) } };
        }
        const items = snap.nodes.filter((n) => matches(c.get('Node', undefined, n.name)?.metadata?.labels, query.get('labelSelector'))).map(nodeItem);
        return { code: 200, body: { kind: 'NodeMetricsList', apiVersion: `${GROUP}/v1beta1`, metadata: {}, items } };
      }
      if (path === '') {
        return {
          code: 200,
          body: {
            kind: 'APIResourceList',
            apiVersion: 'v1',
            groupVersion: `${GROUP}/v1beta1`,
            resources: [
              { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
              { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
            ],
          },
        };
      }
      return undefined;
    },
  };
}

describe.skipIf(!kubectlAvailable)('kubectl top and exec match real kubectl 1.32', () => {
  let server: StubServer;
  let cluster: ClusterControl;
  let k: KubectlEnv;

  beforeAll(async () => {
    const spec = taskflowSpec();
    spec.images = spec.images.map((b) => (b.image === WORKER ? { image: WORKER, outcomes: [{ logs: [], memory: { mib: 300, growMibPerMinute: 1 }, cpuMillicores: 40 }] } : b));
    cluster = createCluster(spec, Math.floor(Date.now() / 1000) * 1000);
    server = await startStubServer(cluster, metricsApi(cluster));
    k = kubectlFor(server.url, NS);
  }, 30_000);

  afterAll(async () => {
    await server?.close();
  });

  it('prints the same for every case', async () => {
    const pods = cluster.list('Pod', NS).map((p) => p.metadata!.name!);
    const web = pods.find((p) => p.startsWith('web-frontend-'))!;
    const api = pods.find((p) => p.startsWith('api-service-'))!;
    const cases: string[][] = [
      ['top', 'pods'],
      ['top', 'pod', '-A'],
      ['top', 'po', '--containers'],
      ['top', 'pods', '-A', '--containers', '--sum'],
      ['top', 'pods', '--sum', '--no-headers'],
      ['top', 'pods', '--containers', '--sum', '--no-headers'],
      ['top', 'pod', '--sort-by=memory'],
      ['top', 'pod', '--sort-by', 'cpu', '--no-headers'],
      ['top', 'pod', '-l', 'app=web-frontend'],
      ['top', 'pod', web],
      ['top', 'pod', web, '--containers'],
      ['top', 'pod', api],
      ['top', 'pod', 'nope'],
      ['top', 'pod', '-n', 'default'],
      ['top', 'pod', '--sort-by=name'],
      ['top', 'pod', 'a', 'b'],
      ['top', 'pod', 'x', '-l', 'app=worker'],
      ['top', 'nodes'],
      ['top', 'node', 'worker-2'],
      ['top', 'no', '--show-capacity', '--sort-by=memory'],
      ['top', 'node', '--no-headers', '--sort-by=cpu'],
      ['top', 'node', 'worker-9'],
      ['top', 'pod', '--help'],
      ['top', 'node', '--help'],
      ['exec', '--help'],
      ['exec'],
      ['exec', web],
      ['exec', web, 'env'],
      ['exec', 'nope', '--', 'env'],
      ['exec', 'deploy/nope', '--', 'env'],
    ];
    const failures: unknown[] = [];
    for (const args of cases) {
      const real = await k.run(args);
      const ours = runLine(`kubectl ${args.join(' ')}`, { cluster, namespace: NS, history: [] });
      if (real.stdout !== ours.stdout || real.stderr !== ours.stderr || real.code !== ours.exitCode) {
        failures.push({ cmd: `kubectl ${args.join(' ')}`, real: { stdout: real.stdout, stderr: real.stderr, code: real.code }, ours });
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
