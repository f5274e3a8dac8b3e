import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { ARRIVAL, NS, taskflowSpec } from './fixtures';
import { podsOf } from './helpers';
import type { WorldSpec } from '../../../src/cluster/index';

describe('pod logs', () => {
  it('during crash back-off shows the last crashed run, with and without --previous', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const pod = podsOf(c, 'api-service')[0]!;
    const last = pod.status!.containerStatuses![0]!.lastState!.terminated!;
    const plain = c.logs(NS, pod.metadata!.name!, undefined, false);
    const previous = c.logs(NS, pod.metadata!.name!, 'api-service', true);
    expect(plain).toEqual(previous);
    if (!plain.ok) throw new Error('expected logs');
    const lines = plain.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z FATAL config: NOTIFICATIONS_QUEUE_URL is required$/);
    // The lines carry the sim time of that run (startedAt is truncated to the second).
    const started = Date.parse(last.startedAt!);
    expect(Date.parse(lines[0]!.slice(0, 24)) - started).toBeLessThan(2000);
    expect(Date.parse(lines[1]!.slice(0, 24))).toBeLessThanOrEqual(Date.parse(last.finishedAt!) + 999);
  });

  it('while running shows this run so far, and --previous the one before', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const name = podsOf(c, 'api-service')[0]!.metadata!.name!;
    // Step until the container is running again after a back-off.
    for (let i = 0; i < 400; i++) {
      c.advanceBy(1000);
      if (podsOf(c, 'api-service').find((p) => p.metadata!.name === name)?.status?.containerStatuses?.[0]?.state?.running) break;
    }
    const status = podsOf(c, 'api-service').find((p) => p.metadata!.name === name)!.status!.containerStatuses![0]!;
    expect(status.state?.running).toBeDefined();
    const now = c.logs(NS, name, 'api-service', false);
    const prev = c.logs(NS, name, 'api-service', true);
    expect(now.ok && now.text.split('\n').length).toBeLessThanOrEqual(3);
    expect(prev.ok && prev.text).toMatch(/FATAL config/);
    expect(now).not.toEqual(prev);
  });

  it('answers with the API server and kubelet errors kubectl prints', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const web = podsOf(c, 'web-frontend')[0]!.metadata!.name!;
    expect(c.logs(NS, 'nope', undefined, false)).toEqual({ ok: false, status: 404, reason: 'NotFound', message: 'pods "nope" not found' });
    expect(c.logs(NS, web, undefined, true)).toEqual({
      ok: false,
      status: 400,
      reason: 'BadRequest',
      message: `previous terminated container "web-frontend" in pod "${web}" not found`,
    });
    expect(c.logs(NS, web, 'sidecar', false)).toEqual({ ok: false, status: 400, reason: 'BadRequest', message: `container sidecar is not valid for pod ${web}` });
    const text = c.logs(NS, web, undefined, false);
    expect(text.ok && text.text).toBe(`${text.ok && text.text.slice(0, 24)} INFO web-frontend starting on ${web}\n${text.ok && text.text.split('\n')[1]!.slice(0, 24)} INFO ready\n`);
  });

  it('names the containers when a multi-container pod is asked without one, and reports ContainerCreating', () => {
    const spec: WorldSpec = {
      seed: 1,
      contextNamespace: NS,
      nodes: [{ name: 'worker-1', internalIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }],
      namespaces: [NS],
      history: [
        {
          at: 0,
          action: 'createDeployment',
          deployment: {
            name: 'duo',
            namespace: NS,
            replicas: 1,
            labels: { app: 'duo' },
            selector: { app: 'duo' },
            template: { labels: { app: 'duo' }, containers: [{ name: 'app', image: 'example/app:1' }, { name: 'proxy', image: 'example/proxy:1' }] },
          },
        },
      ],
      // Images with no behaviour do not exist in the registry (their pulls fail).
      images: [
        { image: 'example/app:1', outcomes: [{ logs: [] }] },
        { image: 'example/proxy:1', outcomes: [{ logs: [] }] },
      ],
    };
    const c = createCluster(spec, ARRIVAL);
    c.advanceBy(10);
    const name = podsOf(c, 'duo')[0]!.metadata!.name!;
    expect(c.logs(NS, name, undefined, false)).toEqual({
      ok: false,
      status: 400,
      reason: 'BadRequest',
      message: `a container name must be specified for pod ${name}, choose one of: [app proxy]`,
    });
    c.advanceBy(500);
    expect(c.logs(NS, name, 'proxy', false)).toEqual({
      ok: false,
      status: 400,
      reason: 'BadRequest',
      message: `container "proxy" in pod "${name}" is waiting to start: ContainerCreating`,
    });
    c.advanceBy(30_000);
    expect(c.logs(NS, name, 'proxy', false)).toEqual({ ok: true, text: '' });
    expect(podsOf(c, 'duo')[0]!.status!.containerStatuses!.map((s) => s.ready)).toEqual([true, true]);
  });
});
