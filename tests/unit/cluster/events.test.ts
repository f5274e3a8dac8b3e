import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { createCluster } from '../../../src/cluster/index';
import { EventQueue } from '../../../src/cluster/clock';
import { EventHub } from '../../../src/cluster/events';
import { Prng } from '../../../src/cluster/names';
import { Store } from '../../../src/cluster/store';
import { ARRIVAL, NS, taskflowSpec } from './fixtures';
import { podsOf } from './helpers';

function hub() {
  const store = new Store();
  const queue = new EventQueue();
  const h = new EventHub({ store, uids: new Prng(1), schedule: (at, fn) => queue.schedule(at, fn) });
  const ref = { apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: NS, uid: 'u-1' };
  return { store, queue, h, ref };
}

const T = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('event recorder', () => {
  it('turns repeats into one Event with count, first and last timestamps', () => {
    const { store, h, ref } = hub();
    const r = h.recorder('kubelet', 'worker-1');
    r.record(ref, 'Warning', 'BackOff', 'Back-off restarting failed container web', T);
    r.record(ref, 'Warning', 'BackOff', 'Back-off restarting failed container web', T + 12_000);
    r.record(ref, 'Warning', 'BackOff', 'Back-off restarting failed container web', T + 25_000);
    const events = store.list('Event', NS);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.count).toBe(3);
    expect(e.firstTimestamp).toBe('2026-01-01T12:00:00Z');
    expect(e.lastTimestamp).toBe('2026-01-01T12:00:25Z');
    expect(e.metadata?.name).toMatch(/^web-1\.[0-9a-f]{15,16}$/);
    expect(e.source).toEqual({ component: 'kubelet', host: 'worker-1' });
    expect(e.reportingComponent).toBe('kubelet');
    expect(e.reportingInstance).toBe('worker-1');
  });

  it('keeps different messages apart and combines the tenth distinct one', () => {
    const { store, h, ref } = hub();
    const r = h.recorder('kubelet', 'worker-1');
    for (let i = 0; i < 10; i++) r.record(ref, 'Normal', 'Pulled', `image ${i}`, T + i * 1000);
    const events = store.list('Event', NS);
    expect(events).toHaveLength(10);
    expect(events.filter((e) => e.message!.startsWith('(combined from similar events): '))).toHaveLength(1);
  });

  it('stops writing after a burst of 25 but keeps counting, and writes again when a token returns', () => {
    const { store, h, ref } = hub();
    const r = h.recorder('kubelet', 'worker-1');
    for (let i = 0; i < 40; i++) r.record(ref, 'Warning', 'BackOff', 'm', T + i * 1000);
    expect(store.list('Event', NS)[0]!.count).toBe(25);
    r.record(ref, 'Warning', 'BackOff', 'm', T + 400_000);
    const e = store.list('Event', NS)[0]!;
    expect(e.count).toBe(41);
    expect(e.lastTimestamp).toBe('2026-01-01T12:06:40Z');
  });

  it('lets the API server delete an Event an hour after its last write', () => {
    const { store, h, ref } = hub();
    const r = h.recorder('deployment-controller');
    r.record(ref, 'Normal', 'ScalingReplicaSet', 'Scaled up', T);
    r.record(ref, 'Normal', 'ScalingReplicaSet', 'Scaled down', T + 600_000);
    h.expire(T + 3_599_999);
    expect(store.list('Event', NS).map((e) => e.message)).toEqual(['Scaled up', 'Scaled down']);
    h.expire(T + 3_600_000);
    expect(store.list('Event', NS).map((e) => e.message)).toEqual(['Scaled down']);
    h.expire(T + 4_200_000);
    expect(store.list('Event', NS)).toHaveLength(0);
  });

  it('starts a new Event when a repeat comes after the old one expired, even before it was swept', () => {
    const { store, h, ref } = hub();
    const r = h.recorder('kubelet', 'worker-1');
    r.record(ref, 'Warning', 'BackOff', 'm', T);
    r.record(ref, 'Warning', 'BackOff', 'm', T + 1000);
    const first = store.list('Event', NS)[0]!;
    // Written lazily (a crash loop played out after the fact): the old Event's hour was over.
    r.record(ref, 'Warning', 'BackOff', 'm', T + 3_700_000);
    const events = store.list('Event', NS);
    expect(events).toHaveLength(1);
    expect(events[0]!.count).toBe(3);
    expect(events[0]!.metadata?.uid).not.toBe(first.metadata?.uid);
    expect(events[0]!.lastTimestamp).toBe('2026-01-01T13:01:40Z');
  });
});

describe('events of the scenario world', () => {
  const c = createCluster(taskflowSpec(), ARRIVAL);
  const events = c.list('Event', NS) as Event[];

  it('has no events older than an hour', () => {
    const oldest = Math.min(...events.map((e) => Date.parse(e.lastTimestamp ?? e.eventTime ?? '')));
    expect(ARRIVAL - oldest).toBeLessThan(3_600_000);
    expect(events.some((e) => e.involvedObject.name?.startsWith('web-frontend'))).toBe(false);
  });

  it('aggregates the crash loop on each pod: Started many times, BackOff as a Warning', () => {
    const pod = podsOf(c, 'api-service')[0]!;
    const mine = events.filter((e) => e.involvedObject.uid === pod.metadata?.uid);
    const started = mine.find((e) => e.reason === 'Started')!;
    expect(started.message).toBe('Started container api-service');
    expect(started.count).toBe(pod.status!.containerStatuses![0]!.restartCount + 1);
    expect(started.involvedObject.fieldPath).toBe('spec.containers{api-service}');
    expect(mine.find((e) => e.reason === 'Created')!.message).toBe('Created container: api-service');
    const backoff = mine.find((e) => e.reason === 'BackOff')!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.count).toBeGreaterThan(10);
    expect(backoff.message).toBe(`Back-off restarting failed container api-service in pod ${pod.metadata!.name}_${NS}(${pod.metadata!.uid})`);
    expect(Date.parse(backoff.firstTimestamp!)).toBeLessThan(Date.parse(backoff.lastTimestamp!));
    const scheduled = mine.find((e) => e.reason === 'Scheduled')!;
    expect(scheduled.message).toBe(`Successfully assigned ${NS}/${pod.metadata!.name} to ${pod.spec!.nodeName}`);
    expect(scheduled.reportingComponent).toBe('default-scheduler');
    // The first start pulled the image; later ones found it present.
    expect(mine.find((e) => e.reason === 'Pulling')!.message).toBe('Pulling image "registry.example/taskflow/api-service:2.4.0"');
    expect(mine.some((e) => /^Successfully pulled image ".+" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/.test(e.message ?? ''))).toBe(true);
    expect(mine.some((e) => e.message === 'Container image "registry.example/taskflow/api-service:2.4.0" already present on machine')).toBe(true);
  });

  it('records the deploy as the deployment controller does', () => {
    const scaling = events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    const [oldRs, newRs] = ['1', '2'].map((rev) =>
      c.list('ReplicaSet', NS).find((rs) => rs.metadata?.labels?.app === 'api-service' && rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === rev)!.metadata!.name,
    );
    expect(scaling).toEqual([`Scaled down replica set ${oldRs} from 2 to 0`, `Scaled up replica set ${newRs} from 0 to 2`]);
  });

  it('keeps counting BackOff as time goes on', () => {
    const c2 = createCluster(taskflowSpec(), ARRIVAL);
    const pod = podsOf(c2, 'api-service')[0]!;
    const count = () => c2.list('Event', NS).find((e) => e.involvedObject.uid === pod.metadata?.uid && e.reason === 'BackOff')!.count!;
    const before = count();
    c2.advanceBy(20 * 60_000);
    expect(count()).toBeGreaterThan(before);
  });
});
