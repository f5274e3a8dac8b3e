import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { createCluster, type ClusterControl } from '../../../src/cluster/index';
import type { ContainerSpec, Outcome, WorldSpec } from '../../../src/cluster/spec';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';
import { podsOf, singleAppSpec } from './helpers';

/** One replica of `app` (port 8080, behind Service `app`) with the probes given, created at t = 0. */
function world(outcomes: Outcome[], probes: Partial<ContainerSpec>, extra: Partial<WorldSpec> = {}): WorldSpec {
  const s = singleAppSpec('example/app:1', outcomes, {
    services: [{ name: 'app', namespace: NS, selector: { app: 'app' }, ports: [{ port: 80, targetPort: 8080 }] }],
    ...extra,
  });
  const step = s.history[0]!;
  if (step.action === 'createDeployment') {
    Object.assign(step.deployment.template.containers[0]!, { ports: [{ containerPort: 8080, name: 'http' }], ...probes });
  }
  return s;
}

function kubectl(c: ClusterControl, line: string): string {
  return runLine(line, { cluster: c, namespace: NS, history: [] }).stdout;
}

function pod(c: ClusterControl): Pod {
  return podsOf(c, 'app')[0]!;
}

function status(c: ClusterControl): ContainerStatus {
  return pod(c).status!.containerStatuses![0]!;
}

function events(c: ClusterControl, reason: string): { message: string; count: number }[] {
  return c
    .list('Event', NS)
    .filter((e) => e.reason === reason && e.involvedObject.kind === 'Pod')
    .map((e) => ({ message: e.message ?? '', count: e.count ?? 0 }));
}

function slice(c: ClusterControl, service: string) {
  return c.list('EndpointSlice', NS).find((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service)!;
}

const at = (s: number): number => ARRIVAL + s * 1000;

describe('readiness probe', () => {
  it('keeps a pod answering 503 out of the Service: READY 0/1, Ready False, endpoint not ready, deployment unavailable', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 5, probes: { http: { '/ready': 503 } } }], {
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(120));
    const p = pod(c);
    expect(kubectl(c, 'kubectl get pods')).toMatch(new RegExp(`^${p.metadata!.name}\\s+0/1\\s+Running\\s+0\\s+2m$`, 'm'));
    expect(p.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(p.status!.conditions!.find((x) => x.type === 'ContainersReady')?.status).toBe('False');
    expect(status(c)).toMatchObject({ ready: false, started: true, restartCount: 0 });
    expect(slice(c, 'app').endpoints).toHaveLength(1);
    expect(slice(c, 'app').endpoints![0]!.conditions).toEqual({ ready: false, serving: false, terminating: false });
    expect(kubectl(c, 'kubectl get deploy app')).toMatch(/^app\s+0\/1\s+1\s+0\s+2m$/m);
    const ip = p.status!.podIP!;
    const unhealthy = events(c, 'Unhealthy');
    // Before the process listens: refused; then a 503 every 5 s, counted on one Event.
    expect(unhealthy[0]!.message).toBe(
      `Readiness probe failed: Get "http://${ip}:8080/ready": dial tcp ${ip}:8080: connect: connection refused`,
    );
    expect(unhealthy[1]!.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(unhealthy[1]!.count).toBeGreaterThanOrEqual(21);
    expect(unhealthy[1]!.count).toBeLessThanOrEqual(23);
    const describe = kubectl(c, `kubectl describe pod ${p.metadata!.name}`);
    const line = describe.split('\n').find((l) => l.includes('statuscode: 503'));
    expect(line).toMatch(/^ {2}Warning {2}Unhealthy {2}\d+s \(x2\d over 1\d\ds\) +kubelet +Readiness probe failed: HTTP probe failed with statuscode: 503$/);
  });

  it('turns ready once the handler answers 200, and the endpoint and the deployment follow', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 2, probes: { http: { '/ready': [{ until: 60, status: 503 }] } } }], {
        readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10, failureThreshold: 3 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(59));
    expect(status(c).ready).toBe(false);
    c.advanceTo(at(75));
    expect(status(c).ready).toBe(true);
    const ready = pod(c).status!.conditions!.find((x) => x.type === 'Ready')!;
    expect(ready.status).toBe('True');
    // The first tick at or after 60 s into the run (ticks every 10 s from the pod's admission).
    const started = Date.parse(status(c).state!.running!.startedAt!);
    const flipped = Date.parse(ready.lastTransitionTime!);
    expect(flipped - started).toBeGreaterThanOrEqual(59_000);
    expect(flipped - started).toBeLessThan(71_000);
    c.advanceTo(at(80));
    expect(slice(c, 'app').endpoints![0]!.conditions!.ready).toBe(true);
    expect(c.get('Deployment', NS, 'app')!.status!.availableReplicas).toBe(1);
    expect(kubectl(c, 'kubectl get pods')).toMatch(/\s1\/1\s+Running\s+0\s/);
  });

  it('follows the world: /ready answers 503 while its database has no ready endpoint, 200 once it has', () => {
    const s = world(
      [{ logs: [], readyAfter: 1, probes: { http: { '/ready': [{ when: { servicesUnreachable: ['db'] }, status: 503 }] } } }],
      { readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 } },
    );
    s.services!.push({ name: 'db', namespace: NS, selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] });
    s.images.push({ image: 'example/db:1', outcomes: [{ logs: [], readyAfter: 90 }] });
    s.history.push({
      at: 0,
      action: 'createDeployment',
      deployment: {
        name: 'db',
        namespace: NS,
        replicas: 1,
        labels: { app: 'db' },
        selector: { app: 'db' },
        template: { labels: { app: 'db' }, containers: [{ name: 'db', image: 'example/db:1', ports: [{ containerPort: 5432 }] }] },
      },
    });
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(at(85));
    expect(status(c).ready).toBe(false);
    expect(events(c, 'Unhealthy').map((e) => e.message)).toContain('Readiness probe failed: HTTP probe failed with statuscode: 503');
    c.advanceTo(at(110));
    expect(slice(c, 'db').endpoints![0]!.conditions!.ready).toBe(true);
    expect(status(c).ready).toBe(true);
    expect(slice(c, 'app').endpoints![0]!.conditions!.ready).toBe(true);
    const count = events(c, 'Unhealthy').find((e) => e.message.endsWith('503'))!.count;
    c.advanceTo(at(600));
    // No more failures once the database is there.
    expect(events(c, 'Unhealthy').find((e) => e.message.endsWith('503'))!.count).toBe(count);
  });
});

describe('readiness probe and world facts', () => {
  it('a pod waiting for a schema version turns ready when a run sets it, and the same inputs give the same world', () => {
    const build = () => {
      const s = world(
        [{ logs: [], readyAfter: 1, probes: { http: { '/ready': [{ when: { facts: { dbSchema: '3' } }, status: 503 }] } } }],
        { readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 } },
        { facts: { dbSchema: '3' } },
      );
      s.images.push({ image: 'example/migrate:1', outcomes: [{ logs: [], exit: { after: 40, code: 0 }, setsFacts: { dbSchema: '4' } }] });
      s.history.push({
        at: 0,
        action: 'createDeployment',
        deployment: {
          name: 'migrate',
          namespace: NS,
          replicas: 1,
          labels: { app: 'migrate' },
          selector: { app: 'migrate' },
          template: { labels: { app: 'migrate' }, containers: [{ name: 'migrate', image: 'example/migrate:1' }] },
        },
      });
      return createCluster(s, ARRIVAL);
    };
    const c = build();
    c.advanceTo(at(40));
    expect(c.facts().get('dbSchema')).toBe('3');
    expect(status(c).ready).toBe(false);
    c.advanceTo(at(60));
    expect(c.facts().get('dbSchema')).toBe('4');
    expect(status(c).ready).toBe(true);
    const again = build();
    again.advanceTo(at(60));
    expect(JSON.stringify(again.list('Event', NS))).toBe(JSON.stringify(c.list('Event', NS)));
    expect(JSON.stringify(again.list('Pod', NS))).toBe(JSON.stringify(c.list('Pod', NS)));
  });
});

describe('liveness probe', () => {
  it('kills and restarts a container whose /healthz starts failing, with the kubelet events and exit code', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 1, probes: { http: { '/healthz': [{ after: 30, status: 500 }] } } }], {
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 3 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(55));
    expect(status(c).restartCount).toBe(0);
    expect(events(c, 'Unhealthy')).toEqual([{ message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', count: 2 }]);
    c.advanceTo(at(75));
    const s = status(c);
    expect(s.restartCount).toBe(1);
    expect(s.lastState!.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    // Failures at 30-40 s, 40-50 s, 50-60 s into the run: killed at the third.
    const ran = Date.parse(s.lastState!.terminated!.finishedAt!) - Date.parse(s.lastState!.terminated!.startedAt!);
    expect(ran).toBeGreaterThanOrEqual(49_000);
    expect(ran).toBeLessThanOrEqual(62_000);
    expect(events(c, 'Killing')).toEqual([{ message: 'Container app failed liveness probe, will be restarted', count: 1 }]);
    expect(events(c, 'Unhealthy')).toEqual([{ message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', count: 3 }]);
    // The new instance is probed afresh: it too fails after 30 s, and the next restart waits for the back-off.
    c.advanceTo(at(600));
    const later = status(c);
    expect(later.restartCount).toBeGreaterThanOrEqual(5);
    expect(later.restartCount).toBeLessThanOrEqual(8);
    // One kill per restart, plus one whose restart still waits out the back-off.
    expect(events(c, 'Killing')[0]!.count).toBe(later.restartCount + (later.state?.waiting ? 1 : 0));
    const describe = kubectl(c, `kubectl describe pod ${pod(c).metadata!.name}`);
    expect(describe).toContain('kubelet            Container app failed liveness probe, will be restarted');
    expect(describe).toMatch(/Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}143/);
  });

  it('takes the exit code the process gives: one that ignores SIGTERM is SIGKILLed after the grace period (137)', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 1, onSigterm: { after: 600, code: 0 }, probes: { exec: { 'cat /tmp/healthy': [{ after: 20, exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" }] } } }], {
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(80));
    expect(events(c, 'Unhealthy')[0]).toEqual({
      message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
      count: 3,
    });
    const s = status(c);
    expect(s.restartCount).toBe(1);
    expect(s.lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    const t = s.lastState!.terminated!;
    // Killed ~30 s (the grace period) after the third failure at about 30 s into the run.
    const ran = Date.parse(t.finishedAt!) - Date.parse(t.startedAt!);
    expect(ran).toBeGreaterThanOrEqual(55_000);
    expect(ran).toBeLessThanOrEqual(67_000);
  });

  it('reports a hung process: HTTP probes time out, TCP still connects, exec probes time out', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 1, probes: { hangAfter: 20 } }], {
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, timeoutSeconds: 2 },
        readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(65));
    const ip = pod(c).status!.podIP!;
    const unhealthy = events(c, 'Unhealthy');
    expect(unhealthy.filter((e) => e.message.startsWith('Liveness'))).toEqual([
      {
        message: `Liveness probe failed: Get "http://${ip}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        count: 3,
      },
    ]);
    // The readiness probe right after each start finds nothing listening yet; while hung, TCP still connects.
    expect(unhealthy.filter((e) => e.message.startsWith('Readiness'))).toEqual([
      { message: `Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`, count: 2 },
    ]);
    expect(status(c).restartCount).toBe(1);

    const e = createCluster(
      world([{ logs: [], readyAfter: 1, probes: { hangAfter: 20 } }], {
        readinessProbe: { exec: { command: ['/bin/check', '--ready'] }, periodSeconds: 10 },
      }),
      ARRIVAL,
    );
    e.advanceTo(at(15));
    expect(status(e).ready).toBe(true);
    e.advanceTo(at(65));
    expect(status(e).ready).toBe(false);
    expect(events(e, 'Unhealthy')[0]!.message).toBe('Readiness probe failed: command "/bin/check --ready" timed out');
  });
});

describe('startup probe', () => {
  const slowStarter: Outcome[] = [{ logs: [], readyAfter: 75 }];
  const liveness = { tcpSocket: { port: 8080 }, periodSeconds: 10, failureThreshold: 3 };

  it('without one, liveness kills a slow starter before it listens', () => {
    const c = createCluster(world(slowStarter, { livenessProbe: liveness }), ARRIVAL);
    c.advanceTo(at(200));
    const ip = pod(c).status!.podIP!;
    expect(events(c, 'Unhealthy')[0]!.message).toBe(`Liveness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
    expect(status(c).restartCount).toBeGreaterThanOrEqual(2);
  });

  it('holds liveness and readiness back until it succeeds, with started false meanwhile', () => {
    const c = createCluster(
      world(slowStarter, {
        livenessProbe: liveness,
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
        startupProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10, failureThreshold: 30 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(60));
    expect(status(c)).toMatchObject({ started: false, ready: false, restartCount: 0 });
    const ip = pod(c).status!.podIP!;
    expect(events(c, 'Unhealthy')).toEqual([
      {
        message: `Startup probe failed: Get "http://${ip}:8080/ready": dial tcp ${ip}:8080: connect: connection refused`,
        count: expect.any(Number),
      },
    ]);
    c.advanceTo(at(100));
    expect(status(c)).toMatchObject({ started: true, ready: true, restartCount: 0 });
    c.advanceTo(at(3600));
    expect(status(c).restartCount).toBe(0);
    expect(events(c, 'Unhealthy').every((e) => e.message.startsWith('Startup probe failed'))).toBe(true);
  });

  it('once it succeeds, readiness turns the pod ready on its own: the Service and the ReplicaSet follow without anyone looking at the pod', () => {
    const c = createCluster(
      world(slowStarter, {
        livenessProbe: liveness,
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
        startupProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5, failureThreshold: 30 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(120));
    // Read only what controllers wrote: the pod's own status is written lazily when someone looks.
    expect(slice(c, 'app').endpoints![0]!.conditions!.ready).toBe(true);
    expect(c.list('ReplicaSet', NS)[0]!.status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
    expect(c.get('Deployment', NS, 'app')!.status!.availableReplicas).toBe(1);
  });

  it('restarts the container when it fails past its threshold', () => {
    const c = createCluster(
      world(slowStarter, { startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 6 } }),
      ARRIVAL,
    );
    c.advanceTo(at(45));
    expect(events(c, 'Killing')).toEqual([{ message: 'Container app failed startup probe, will be restarted', count: 1 }]);
    expect(status(c).restartCount).toBe(1);
    expect(status(c).started).toBe(false);
  });

  it('with no readiness probe, the container is ready once started', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 12 }], { startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 10 } }),
      ARRIVAL,
    );
    c.advanceTo(at(10));
    expect(status(c)).toMatchObject({ started: false, ready: false });
    c.advanceTo(at(30));
    expect(status(c)).toMatchObject({ started: true, ready: true });
  });
});

describe('probe errors', () => {
  it('a port name the container does not declare errors every attempt and leaves the result as it was', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 1 }], { readinessProbe: { httpGet: { path: '/', port: 'metrics' }, periodSeconds: 10 } }),
      ARRIVAL,
    );
    c.advanceTo(at(60));
    expect(events(c, 'Unhealthy')[0]!.message).toBe('Readiness probe errored: strconv.Atoi: parsing "metrics": invalid syntax');
    expect(status(c).ready).toBe(false);
  });
});

describe('probe cost', () => {
  it('a day of probing 20 pods (half of them failing readiness) stays cheap', () => {
    const s = world(
      [{ logs: [], readyAfter: 3, probes: { http: { '/ready': [{ when: { envSet: ['BROKEN'] }, status: 503 }] } } }],
      {
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 },
      },
    );
    const step = s.history[0]!;
    if (step.action === 'createDeployment') step.deployment.replicas = 10;
    const broken = structuredClone(step);
    if (broken.action === 'createDeployment') {
      broken.deployment.name = 'broken';
      broken.deployment.labels = broken.deployment.selector = broken.deployment.template.labels = { app: 'broken' };
      broken.deployment.template.containers[0]!.env = [{ name: 'BROKEN', value: '1' }];
    }
    s.history.push(broken);
    s.nodes = [0, 1, 2, 3].map((i) => ({ name: `worker-${i}`, internalIP: `10.0.0.${i + 10}`, podCIDR: `10.244.${i}.0/24` }));
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(at(300));
    const t0 = performance.now();
    c.advanceTo(at(300 + 86_400));
    const took = performance.now() - t0;
    expect(podsOf(c, 'app').every((p) => p.status?.containerStatuses?.[0]?.ready)).toBe(true);
    expect(podsOf(c, 'broken').every((p) => p.status?.containerStatuses?.[0]?.ready === false)).toBe(true);
    // 10 pods x 8640 failed attempts, recorded mostly as counts (the spam filter lets one write
    // through per 5 minutes): far less than an event record per attempt would cost.
    expect(took).toBeLessThan(2000);
    // Each broken pod's one Unhealthy Event counts a failure every 10 s of the day, as of its last write.
    const counts = c.list('Event', NS).filter((e) => e.reason === 'Unhealthy').map((e) => e.count ?? 0);
    expect(counts).toHaveLength(10);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(8640 - 30);
  });
});

describe('one set of HTTP answers', () => {
  it('a readiness probe gets what a client gets from the outcome\'s http routes, when probes say nothing of HTTP', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 2, http: [{ path: '/ready', status: 503, body: 'warming up\n' }, { path: '/', body: 'hello\n' }] }], {
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(60));
    expect(status(c).ready).toBe(false);
    expect(events(c, 'Unhealthy').map((e) => e.message)).toContain('Readiness probe failed: HTTP probe failed with statuscode: 503');
    // A client asking the pod itself gets the same answers.
    const ip = pod(c).status!.podIP!;
    const name = pod(c).metadata!.name!;
    expect(kubectl(c, `kubectl exec ${name} -- wget -qO- http://${ip}:8080/`)).toBe('hello\n');
    const r = runLine(`kubectl exec ${name} -- wget -qO- http://${ip}:8080/ready`, { cluster: c, namespace: NS, history: [] });
    expect(r.stderr).toContain('503');
  });

  it('probes.http still decides for probes when it is given', () => {
    const c = createCluster(
      world([{ logs: [], readyAfter: 2, http: [{ path: '/ready', status: 503 }], probes: { http: { '/ready': 200 } } }], {
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
      }),
      ARRIVAL,
    );
    c.advanceTo(at(60));
    expect(status(c).ready).toBe(true);
  });
});
