/**
 * Differential check of the simulator's shortcuts (lazy crash loops, whole back-off cycles in one
 * step, batched event writes): every scenario's world and the bench's synthetic worlds, run
 * restart by restart on the cluster's clock and looked at every minute (eagerCrashLoops), and
 * run the fast way looked at only at odd moments, must show the same thing at every one of those
 * moments: every object of every kind (as the JSON kubectl prints), every Event (counts, first and
 * last timestamps, messages), every container's current and previous logs, the world facts.
 * Only resourceVersions and Event uids (opaque, from shared counters) may differ.
 */
import { describe, expect, it } from 'vitest';
import { type ClusterControl, type WorldSpec, createCluster, listAll } from '../../../src/cluster/index';
import { loadScenarioFile, scenarioIds, scenarioPath } from '../../../src/incident/node';
import { syntheticWorld } from '../../../scripts/benchSim';
import { ARRIVAL } from './fixtures';

const MIN = 60_000;

/** Everything observable, minus the opaque counters. */
function observable(c: ClusterControl): unknown {
  const strip = (o: unknown): unknown => JSON.parse(JSON.stringify(o), (k, v: unknown) => (k === 'resourceVersion' ? undefined : v));
  const objects = listAll(c)
    .filter((o) => o.kind !== 'Event')
    .map(strip);
  const events = c
    .list('Event')
    .map((e) => {
      const { uid: _uid, ...meta } = e.metadata ?? {};
      void _uid;
      return JSON.stringify(strip({ ...e, metadata: meta }));
    })
    .sort();
  const logs: string[] = [];
  for (const p of c.list('Pod')) {
    for (const ctr of p.spec?.containers ?? []) {
      for (const previous of [false, true]) {
        const r = c.logs(p.metadata?.namespace ?? '', p.metadata?.name ?? '', ctr.name, previous);
        logs.push(`${p.metadata?.namespace}/${p.metadata?.name}/${ctr.name}/${previous ? 'previous' : 'current'}: ${r.ok ? r.text : `error: ${r.message}`}`);
      }
    }
  }
  return { now: c.now(), objects, events, logs, facts: [...c.facts()] };
}

/**
 * Look at both clusters at `looks` (ms after arrival, ascending): the eager one after every
 * minute of sim time (and at each look), the fast one only at the looks. Returns how many crash
 * loop restarts the fast one went through, so a test can tell that the loop really ran.
 */
function compareAt(spec: () => WorldSpec, looks: number[]): number {
  const eager = createCluster(spec(), ARRIVAL, { eagerCrashLoops: true });
  const fast = createCluster(spec(), ARRIVAL);
  expect(observable(fast)).toEqual(observable(eager));
  for (const look of looks) {
    const target = ARRIVAL + look;
    while (eager.now() < target) eager.advanceTo(Math.min(target, eager.now() + MIN));
    fast.advanceTo(target);
    const got = observable(fast);
    const want = observable(eager);
    // Name the moment in the failure: a mismatch at one look is easier to chase than at the end.
    expect({ look, state: got }).toEqual({ look, state: want });
  }
  return fast.list('Pod').reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, s) => m + s.restartCount, 0), 0);
}

/** Odd moments: mid back-off, just after an exit, whole hours, whole cycles and half cycles. */
const LOOKS = [1_000, 13_337, 2 * MIN, 7 * MIN + 500, 19 * MIN, 61 * MIN, 95 * MIN + 13_337, 3 * 60 * MIN, 5 * 60 * MIN + 1, 6 * 60 * MIN];

describe('fast and step-by-step simulation show the same world', () => {
  for (const id of scenarioIds()) {
    it(`scenario ${id}`, () => {
      compareAt(() => loadScenarioFile(scenarioPath(id)).world, LOOKS);
    });
  }

  it('synthetic world: pods that crash at start-up (the bench world, scaled down), looked at hourly for a day', () => {
    const spec = (): WorldSpec =>
      syntheticWorld({ namespaces: 2, perNamespace: 3, replicas: 4, nodes: 3, crashing: 3, crashingSince: 900, crashAtStart: true });
    const restarts = compareAt(spec, [...LOOKS.slice(0, 6), ...Array.from({ length: 24 }, (_, h) => (h + 2) * 60 * MIN)]);
    // Three deployments' new pods looped all day (a restart about every five minutes each).
    expect(restarts).toBeGreaterThan(6 * 250);
  });

  it('synthetic world: pods that serve 2 s before they crash (ready and unready with every restart)', () => {
    const spec = (): WorldSpec => syntheticWorld({ namespaces: 2, perNamespace: 2, replicas: 4, nodes: 2, crashing: 2, crashingSince: 900 });
    const restarts = compareAt(spec, LOOKS);
    expect(restarts).toBeGreaterThan(8 * 60);
  });
});

/**
 * What the bench and a learner's long waits do: time moved in whole hours, each hour looked at,
 * so lazy crash loops catch up by many whole back-off cycles at a time (the kubelet's
 * foldCycles) and Events written again and again in one catch-up reach the store once. The same
 * world moved 10 s at a time with every crash loop run restart by restart on the cluster's
 * clock must look the same at every hour: every object, every Event, every log.
 */
function hourStepsEqualSmallSteps(spec: () => WorldSpec, hours: number): number {
  const slow = createCluster(spec(), ARRIVAL, { eagerCrashLoops: true });
  const fast = createCluster(spec(), ARRIVAL);
  for (let h = 1; h <= hours; h++) {
    const target = ARRIVAL + h * 60 * MIN;
    while (slow.now() < target) slow.advanceTo(Math.min(target, slow.now() + 10_000));
    fast.advanceBy(60 * MIN);
    expect({ hour: h, state: observable(fast) }).toEqual({ hour: h, state: observable(slow) });
  }
  return fast.list('Pod').reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, s) => m + s.restartCount, 0), 0);
}

describe('hour steps (whole back-off cycles folded) show what 10 s steps show', () => {
  it('synthetic world: pods that crash at start-up', () => {
    const restarts = hourStepsEqualSmallSteps(
      () => syntheticWorld({ namespaces: 2, perNamespace: 2, replicas: 3, nodes: 2, crashing: 2, crashingSince: 900, crashAtStart: true }),
      8,
    );
    // Each deployment's one surge pod loops (the rollout waits for it to be ready) for eight
    // hours, mostly at the 5-minute cap: about 95 restarts each.
    expect(restarts).toBeGreaterThan(2 * 90);
  });

  it('synthetic world: pods that serve 2 s before they crash', () => {
    const restarts = hourStepsEqualSmallSteps(
      () => syntheticWorld({ namespaces: 1, perNamespace: 2, replicas: 3, nodes: 2, crashing: 1, crashingSince: 900 }),
      6,
    );
    expect(restarts).toBeGreaterThan(3 * 65);
  });

  for (const id of ['taskflow-crashloop', 'taskflow-oomkilled', 'taskflow-db-down']) {
    it(`scenario ${id}`, () => {
      const restarts = hourStepsEqualSmallSteps(() => loadScenarioFile(scenarioPath(id)).world, 6);
      expect(restarts).toBeGreaterThan(60);
    });
  }
});
