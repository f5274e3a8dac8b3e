import { describe, expect, it } from 'vitest';
import { createCluster, type WorldSpec } from '../../../src/cluster/index';
import type { ContainerSpec, DeploymentSpec, Outcome } from '../../../src/cluster/spec';
import { ARRIVAL, NS } from './fixtures';
import { podsOf, restarts, singleAppSpec } from './helpers';

const APP = 'example/app:1.0';

/** singleAppSpec with the app container edited. */
function appSpec(outcomes: Outcome[], container: Partial<ContainerSpec>, extra: Partial<WorldSpec> = {}): WorldSpec {
  const s = singleAppSpec(APP, outcomes, extra);
  const step = s.history[0]!;
  if (step.action === 'createDeployment') Object.assign(step.deployment.template.containers[0]!, container);
  return s;
}

function deployment(name: string, image: string, at: number): WorldSpec['history'][number] {
  const d: DeploymentSpec = {
    name,
    namespace: NS,
    replicas: 1,
    labels: { app: name },
    selector: { app: name },
    template: { labels: { app: name }, containers: [{ name, image }] },
  };
  return { at, action: 'createDeployment', deployment: d };
}

const crash = (text: string): Outcome => ({ logs: [{ after: 0.5, text }], exit: { after: 1, code: 1 } });
const serve: Outcome = { logs: [{ after: 0.5, text: 'serving' }], readyAfter: 1 };

function state(c: ReturnType<typeof createCluster>, app = 'app') {
  return podsOf(c, app)[0]!.status!.containerStatuses![0]!;
}

describe('behaviour conditions', () => {
  it('picks the outcome by the memory limit the container gets', () => {
    const outcomes: Outcome[] = [{ ...serve, when: { memoryLimitAtLeast: '512Mi' } }, crash('heap too small')];
    const small = createCluster(appSpec(outcomes, { resources: { limits: { memory: '256Mi' } } }), ARRIVAL);
    small.advanceTo(ARRIVAL + 60_000);
    expect(state(small).ready).toBe(false);
    expect(restarts(podsOf(small, 'app')[0])).toBeGreaterThan(0);
    const name = podsOf(small, 'app')[0]!.metadata!.name!;
    expect(small.logs(NS, name, undefined, true)).toMatchObject({ ok: true, text: 'heap too small\n' });

    const big = createCluster(appSpec(outcomes, { resources: { limits: { memory: '1Gi' } } }), ARRIVAL);
    big.advanceTo(ARRIVAL + 60_000);
    expect(state(big).ready).toBe(true);
    expect(restarts(podsOf(big, 'app')[0])).toBe(0);

    // No limit at all counts as unlimited.
    const unlimited = createCluster(appSpec(outcomes, {}), ARRIVAL);
    unlimited.advanceTo(ARRIVAL + 60_000);
    expect(state(unlimited).ready).toBe(true);
  });

  it('memoryLimitBelow holds only for a limit under the quantity', () => {
    const outcomes: Outcome[] = [{ ...crash('OOM soon'), when: { memoryLimitBelow: '128Mi' } }, serve];
    const tiny = createCluster(appSpec(outcomes, { resources: { limits: { memory: '64Mi' } } }), ARRIVAL);
    tiny.advanceTo(ARRIVAL + 30_000);
    expect(state(tiny).ready).toBe(false);
    const exact = createCluster(appSpec(outcomes, { resources: { limits: { memory: '128Mi' } } }), ARRIVAL);
    exact.advanceTo(ARRIVAL + 30_000);
    expect(state(exact).ready).toBe(true);
  });

  it('envExists holds for a variable set to the empty string; envSet does not', () => {
    const outcomes: Outcome[] = [{ ...serve, when: { envExists: ['FEATURE_FLAGS'] } }, crash('FEATURE_FLAGS undefined')];
    const empty = createCluster(appSpec(outcomes, { env: [{ name: 'FEATURE_FLAGS', value: '' }] }), ARRIVAL);
    empty.advanceTo(ARRIVAL + 30_000);
    expect(state(empty).ready).toBe(true);
    const absent = createCluster(appSpec(outcomes, {}), ARRIVAL);
    absent.advanceTo(ARRIVAL + 30_000);
    expect(state(absent).ready).toBe(false);
  });

  it('a container that needs a Service crash-loops until that Service has a ready endpoint, then recovers on its own', () => {
    const DB = 'example/db:1.0';
    const outcomes: Outcome[] = [{ ...serve, when: { servicesReachable: ['db'] } }, crash('dial tcp db:5432: connection refused')];
    const s = appSpec(outcomes, {}, {
      services: [{ name: 'db', namespace: NS, selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] }],
    });
    s.history.push(deployment('db', DB, 0));
    // The database takes 40 s to become ready.
    s.images.push({ image: DB, outcomes: [{ logs: [], readyAfter: 40 }] });
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(ARRIVAL + 30_000);
    expect(state(c).ready).toBe(false);
    expect(restarts(podsOf(c, 'app')[0])).toBeGreaterThan(0);
    c.advanceTo(ARRIVAL + 10 * 60_000);
    expect(state(c, 'db').ready).toBe(true);
    expect(state(c).ready).toBe(true);
    expect(state(c).state?.running).toBeDefined();
  });

  it('a Service without ready endpoints is unreachable even when it exists', () => {
    const outcomes: Outcome[] = [{ ...serve, when: { servicesUnreachable: ['cache'] } }, crash('unexpected cache')];
    const s = appSpec(outcomes, {}, {
      services: [{ name: 'cache', namespace: NS, selector: { app: 'cache' }, ports: [{ port: 6379, targetPort: 6379 }] }],
    });
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(ARRIVAL + 30_000);
    expect(state(c).ready).toBe(true);
  });
});

describe('world facts', () => {
  const API = 'example/api:2.0';
  const MIGRATE = 'example/migrate:4';
  const apiOutcomes: Outcome[] = [
    { ...serve, when: { facts: { dbSchema: '4' } } },
    crash('FATAL database schema 3, need 4'),
  ];

  it('start from the spec and are visible to the game', () => {
    const c = createCluster(appSpec(apiOutcomes, { image: API }, { facts: { dbSchema: '3' } }), ARRIVAL);
    expect(c.facts().get('dbSchema')).toBe('3');
  });

  it('a migration that completes bumps the fact and the crashing app recovers on a later restart', () => {
    const s = appSpec([], { image: API }, { facts: { dbSchema: '3' } });
    s.images = [
      { image: API, outcomes: apiOutcomes },
      { image: MIGRATE, outcomes: [{ logs: [{ after: 1, text: 'migrated to 4' }], exit: { after: 20, code: 0 }, setsFacts: { dbSchema: '4' } }] },
    ];
    s.history.push(deployment('migrate', MIGRATE, 5));
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(ARRIVAL + 15_000);
    expect(c.facts().get('dbSchema')).toBe('3');
    expect(state(c).ready).toBe(false);
    c.advanceTo(ARRIVAL + 10 * 60_000);
    expect(c.facts().get('dbSchema')).toBe('4');
    expect(state(c).ready).toBe(true);
    expect(restarts(podsOf(c, 'app')[0])).toBeGreaterThan(0);
  });

  it('a run that fails does not set its facts', () => {
    const s = appSpec([{ logs: [], exit: { after: 2, code: 1 }, setsFacts: { dbSchema: '4' } }], {}, { facts: { dbSchema: '3' } });
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(ARRIVAL + 120_000);
    expect(restarts(podsOf(c, 'app')[0])).toBeGreaterThan(1);
    expect(c.facts().get('dbSchema')).toBe('3');
  });

  it('rolling back to an image that needs the old schema fails on its own after an irreversible migration', () => {
    const OLD = 'example/api:1.0';
    const s = appSpec([], { image: MIGRATE }, { facts: { dbSchema: '3' } });
    s.images = [
      { image: MIGRATE, outcomes: [{ logs: [], exit: { after: 5, code: 0 }, setsFacts: { dbSchema: '4' } }] },
      { image: OLD, outcomes: [{ ...serve, when: { facts: { dbSchema: '3' } } }, crash('FATAL unknown schema 4')] },
    ];
    s.history.push(deployment('old-api', OLD, 60));
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(ARRIVAL + 5 * 60_000);
    expect(c.facts().get('dbSchema')).toBe('4');
    expect(state(c, 'old-api').ready).toBe(false);
    expect(restarts(podsOf(c, 'old-api')[0])).toBeGreaterThan(0);
  });
});
