/**
 * Crash loops that nobody watches play out lazily (kubelet.ts). Whatever a learner can see must
 * not depend on that: the same world advanced restart by restart on the cluster's clock
 * (eagerCrashLoops) and lazily, looked at often or rarely, shows the same pods, logs, events,
 * owners and endpoints. Only resourceVersions and Event uids (opaque, from shared counters) may
 * differ.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { type ClusterControl, type Kind, createCluster } from '../../../src/cluster/index';
import type { WorldSpec } from '../../../src/cluster/spec';
import { API_NEW, API_OLD, ARRIVAL, NS, taskflowSpec } from './fixtures';
import { podsOf, restarts, singleAppSpec } from './helpers';

const MIN = 60_000;

/** Everything observable, minus the opaque counters. */
function observable(c: ClusterControl): unknown {
  const strip = (o: unknown): unknown =>
    JSON.parse(JSON.stringify(o), (k, v: unknown) => (k === 'resourceVersion' ? undefined : v));
  const out: Record<string, unknown> = {};
  const kinds: Kind[] = ['Pod', 'ReplicaSet', 'Deployment', 'EndpointSlice', 'Endpoints', 'Service', 'ConfigMap', 'Secret'];
  for (const kind of kinds) out[kind] = strip(c.list(kind));
  out.events = c
    .list('Event')
    .map((e) => {
      const { uid: _uid, ...meta } = e.metadata ?? {};
      void _uid;
      return strip({ ...e, metadata: meta });
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const logs: Record<string, string> = {};
  for (const p of c.list('Pod')) {
    for (const ctr of p.spec?.containers ?? []) {
      const key = `${p.metadata?.namespace}/${p.metadata?.name}/${ctr.name}`;
      for (const previous of [false, true]) {
        const r = c.logs(p.metadata?.namespace ?? '', p.metadata?.name ?? '', ctr.name, previous);
        logs[`${key}/${previous ? 'previous' : 'current'}`] = r.ok ? r.text : `error: ${r.message}`;
      }
    }
  }
  out.logs = logs;
  out.facts = [...c.facts()];
  return out;
}

type Step = number | ((c: ClusterControl) => void);

/** Run the same steps on an eager cluster looked at every minute and on a lazy one. */
function both(spec: () => WorldSpec, steps: Step[], lazyStepMs = Infinity): { eager: ClusterControl; lazy: ClusterControl } {
  const eager = createCluster(spec(), ARRIVAL, { eagerCrashLoops: true });
  const lazy = createCluster(spec(), ARRIVAL);
  for (const step of steps) {
    if (typeof step === 'number') {
      for (let left = step; left > 0; left -= MIN) eager.advanceBy(Math.min(MIN, left));
      for (let left = step; left > 0; left -= lazyStepMs) lazy.advanceBy(Math.min(lazyStepMs, left));
    } else {
      step(eager);
      step(lazy);
    }
  }
  return { eager, lazy };
}

describe('lazy crash loops', () => {
  it('show the same world after hours of restarts, looked at once or every minute', () => {
    const { eager, lazy } = both(taskflowSpec, [180 * MIN]);
    const api = podsOf(lazy, 'api-service');
    // The loop really ran: restarts every five minutes or so, with their events.
    expect(Math.min(...api.map(restarts))).toBeGreaterThan(30);
    expect(observable(lazy)).toEqual(observable(eager));
  });

  it('show the same world after a day looked at every hour (whole cycles and half cycles at each look)', () => {
    const { eager, lazy } = both(taskflowSpec, [24 * 60 * MIN], 60 * MIN);
    expect(Math.min(...podsOf(lazy, 'api-service').map(restarts))).toBeGreaterThan(250);
    expect(observable(lazy)).toEqual(observable(eager));
  });

  it('show the same world when looked at at odd moments in between', () => {
    const { eager, lazy } = both(taskflowSpec, [2 * MIN, 7 * MIN, 61 * MIN, 95 * MIN], 13_337);
    expect(observable(lazy)).toEqual(observable(eager));
  });

  it('end the same way when the fix rolls out in the middle of the loop', () => {
    const fix = (c: ClusterControl): void => {
      const d = c.get('Deployment', NS, 'api-service') as Deployment;
      const next = JSON.parse(JSON.stringify(d)) as Deployment;
      next.spec!.template.spec!.containers[0]!.env!.push({ name: 'NOTIFICATIONS_QUEUE_URL', value: 'amqp://queue.internal:5672' });
      const r = c.replace('Deployment', next);
      expect(r.ok).toBe(true);
    };
    const { eager, lazy } = both(taskflowSpec, [47 * MIN, fix, 30 * MIN]);
    const api = podsOf(lazy, 'api-service');
    expect(api.length).toBe(2);
    expect(api.every((p) => p.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True')).toBe(true);
    expect(observable(lazy)).toEqual(observable(eager));
  });

  it('end the same way when a crash-looping pod is deleted', () => {
    const del = (c: ClusterControl): void => {
      const victim = podsOf(c, 'api-service')[0]!;
      expect(c.delete('Pod', NS, victim.metadata!.name!).ok).toBe(true);
    };
    const { eager, lazy } = both(taskflowSpec, [33 * MIN, del, 20 * MIN]);
    expect(observable(lazy)).toEqual(observable(eager));
  });

  it("end the same way when a crash-looping pod's image is changed in place", () => {
    const setImage = (c: ClusterControl): void => {
      const victim = JSON.parse(JSON.stringify(podsOf(c, 'api-service')[0]!)) as Pod;
      victim.spec!.containers[0]!.image = API_OLD;
      expect(c.replace('Pod', victim).ok).toBe(true);
    };
    const { eager, lazy } = both(taskflowSpec, [33 * MIN, setImage, 20 * MIN]);
    // The pod woke from its lazy loop and runs the old image, ready; its sibling still loops.
    const [fixed, other] = podsOf(lazy, 'api-service');
    expect(fixed!.status?.containerStatuses?.[0]?.image).toBe(API_OLD);
    expect(fixed!.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    expect(other!.status?.containerStatuses?.[0]?.image).toBe(API_NEW);
    expect(observable(lazy)).toEqual(observable(eager));
  });

  it('pick up a ConfigMap created mid-loop at the next restart, as the container reads it when it starts', () => {
    const image = 'registry.example/demo/app:1.0.0';
    const spec = (): WorldSpec => {
      const s = singleAppSpec(image, [
        {
          when: { envMissing: ['QUEUE_URL'] },
          logs: [{ after: 0.5, text: '{{time}} FATAL QUEUE_URL is required' }],
          exit: { after: 1, code: 1 },
          readyAfter: 2,
        },
        { logs: [{ after: 0.5, text: '{{time}} INFO publishing to {{env.QUEUE_URL}}' }], readyAfter: 2 },
      ]);
      const step = s.history[0]!;
      if (step.action === 'createDeployment') step.deployment.template.containers[0]!.envFrom = [{ configMapRef: { name: 'app-config', optional: true } }];
      return s;
    };
    const addConfig = (c: ClusterControl): void => {
      const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: NS }, data: { QUEUE_URL: 'amqp://q:5672' } };
      expect(c.create('ConfigMap', cm).ok).toBe(true);
    };
    const { eager, lazy } = both(spec, [40 * MIN, addConfig, 15 * MIN]);
    const pod = lazy.list('Pod', NS)[0] as Pod;
    // The same pod recovered on its own (no rollout): restarted before, running and ready now.
    expect(restarts(pod)).toBeGreaterThan(5);
    expect(pod.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    expect(pod.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    const log = lazy.logs(NS, pod.metadata!.name!, 'app', false);
    expect(log.ok && log.text).toContain('publishing to amqp://q:5672');
    expect(observable(lazy)).toEqual(observable(eager));
  });
});
