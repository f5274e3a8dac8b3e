/**
 * Probe failures as real kubectl 1.32 prints them: a small world whose containers fail their
 * probes in each way the prober reports (HTTP status, refused connections, timeouts, exec output
 * with a trailing newline, errored named ports, liveness and startup kills), served by the stub
 * server and compared byte for byte with our printers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl, ClusterView } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import type { ContainerSpec, Outcome, WorldSpec } from '../../src/cluster/spec';
import { describePod, printEventsCommand, printJson, printTable, printYaml, toList } from '../../src/kubectl/printers/index';
import { kubectlAvailable, kubectlFor, type KubectlEnv } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';
import { kubectlInstants } from './instants';
import { viewAt } from './viewAt';

const NS = 'taskflow-demo';

function app(name: string, image: string, probes: Partial<ContainerSpec>): WorldSpec['history'][number] {
  return {
    at: -600,
    action: 'createDeployment',
    deployment: {
      name,
      namespace: NS,
      replicas: 1,
      labels: { app: name },
      selector: { app: name },
      template: { labels: { app: name }, containers: [{ name, image, ports: [{ containerPort: 8080, name: 'http' }], ...probes }] },
    },
  };
}

function world(): WorldSpec {
  const images: [string, Outcome][] = [
    ['example/api:1', { logs: [], readyAfter: 2, probes: { http: { '/ready': 503, '/healthz': [{ after: 120, status: 500 }] } } }],
    ['example/slow:1', { logs: [], readyAfter: 90 }],
    [
      'example/cron:1',
      {
        logs: [],
        readyAfter: 1,
        onSigterm: { after: 60, code: 0 },
        probes: { exec: { 'cat /tmp/healthy': [{ after: 45, exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" }] }, hangAfter: 300 },
      },
    ],
    ['example/hung:1', { logs: [], readyAfter: 1, probes: { hangAfter: 30 } }],
  ];
  return {
    seed: 11,
    contextNamespace: NS,
    nodes: [{ name: 'worker-1', internalIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }],
    namespaces: [NS],
    services: [{ name: 'api', namespace: NS, selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }],
    history: [
      app('api', 'example/api:1', {
        readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10 },
      }),
      app('slow', 'example/slow:1', {
        livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 },
        startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 12 },
      }),
      app('cron', 'example/cron:1', {
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 },
        readinessProbe: { httpGet: { path: '/', port: 'metrics' } },
      }),
      app('hung', 'example/hung:1', {
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, timeoutSeconds: 2, failureThreshold: 5 },
        readinessProbe: { exec: { command: ['/bin/check'] }, periodSeconds: 15 },
      }),
    ],
    images: images.map(([image, outcome]) => ({ image, outcomes: [outcome] })),
  };
}

interface Case {
  args: string[];
  expect: (v: ClusterView) => string;
}

function cases(c: ClusterView): Case[] {
  const out: Case[] = [];
  for (const p of c.list('Pod', NS)) {
    const name = p.metadata!.name!;
    out.push({ args: ['describe', 'pod', name], expect: (v) => describePod(v, v.get('Pod', NS, name)!) });
    out.push({ args: ['get', 'pod', name, '-o', 'yaml'], expect: (v) => printYaml(v.get('Pod', NS, name)!) });
  }
  out.push(
    { args: ['get', 'pods'], expect: (v) => printTable('Pod', v.list('Pod', NS), { now: v.now() }) },
    { args: ['get', 'deployments'], expect: (v) => printTable('Deployment', v.list('Deployment', NS), { now: v.now() }) },
    { args: ['get', 'events'], expect: (v) => printTable('Event', v.list('Event', NS), { now: v.now() }) },
    { args: ['events'], expect: (v) => printEventsCommand(v.list('Event', NS), { now: v.now() }) },
    { args: ['get', 'endpointslices', '-o', 'json'], expect: (v) => printJson(toList(v.list('EndpointSlice', NS))) },
  );
  return out;
}

describe.skipIf(!kubectlAvailable)('probe failures print as real kubectl 1.32 prints them', () => {
  let server: StubServer;
  let cluster: ClusterControl;
  const failures: { cmd: string; actual: string; expected: string }[] = [];
  let total = 0;

  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000) * 1000;
    cluster = createCluster(world(), now);
    server = await startStubServer(cluster);
    const k: KubectlEnv = kubectlFor(server.url, NS);
    await k.run(['get', 'namespaces', '-o', 'name']);
    const all = cases(cluster);
    total = all.length;
    for (const kase of all) {
      const r = await k.run(kase.args);
      let expected = '';
      let ok = false;
      for (const t of kubectlInstants(cluster, r.startedAt, r.endedAt)) {
        if (ok) break;
        expected = kase.expect(viewAt(cluster, t));
        ok = expected === r.stdout && r.stderr === '';
      }
      if (!ok) failures.push({ cmd: `kubectl ${kase.args.join(' ')}`, actual: r.stdout + r.stderr, expected });
    }
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('shows Unhealthy and Killing events, READY, restarts and endpoint readiness identically', () => {
    const events = cluster.list('Event', NS);
    const messages = events.map((e) => e.message ?? '');
    // The world really has each kind of failure in it.
    expect(messages.some((m) => m === 'Readiness probe failed: HTTP probe failed with statuscode: 503')).toBe(true);
    expect(messages.some((m) => m.startsWith('Liveness probe failed: cat: can'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Startup probe failed: dial tcp '))).toBe(true);
    expect(messages.some((m) => m.includes('context deadline exceeded (Client.Timeout exceeded while awaiting headers)'))).toBe(true);
    expect(messages.some((m) => m === 'Readiness probe failed: command "/bin/check" timed out')).toBe(true);
    expect(messages.some((m) => m.startsWith('Readiness probe errored: strconv.Atoi'))).toBe(true);
    expect(messages.some((m) => / failed liveness probe, will be restarted$/.test(m))).toBe(true);
    console.info(`conformance (probes): ${total - failures.length}/${total} identical`);
    for (const f of failures) expect({ cmd: f.cmd, out: f.actual }).toEqual({ cmd: f.cmd, out: f.expected });
  });
});
