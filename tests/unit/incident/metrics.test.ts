/**
 * The metrics panel's series follow what the simulated cluster does: a crash-looping API has no
 * endpoints (errors 100 %) until a rollback brings it back, an OOM-killed worker's memory climbs to
 * its limit and falls at each kill, a false alarm leaves users untouched. Alerts fire at the
 * timeline's times and resolve once the world has been healthy for 5 minutes.
 */
import { describe, expect, it } from 'vitest';
import { type ClusterControl, createCluster, listAll } from '../../../src/cluster';
import { createSession, restoreSession, type Session } from '../../../src/incident';
import { metricsView, RESOLVE_AFTER_MS, type MetricsView, WINDOW_MS } from '../../../src/incident/metrics';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';

const ARRIVAL = Date.UTC(2026, 11, 3, 10, 0, 0);

function started(id: string): Session {
  const s = createSession(loadScenarioFile(scenarioPath(id)), { arrivalMs: ARRIVAL });
  expect(s.dispatch({ type: 'setSeverity', severity: 'SEV3' })).toEqual({ ok: true });
  expect(s.dispatch({ type: 'startInvestigation' })).toEqual({ ok: true });
  return s;
}

function view(s: Session, workload?: string): MetricsView {
  return metricsView(s.cluster.telemetry?.() ?? [], s.state().timeline, s.cluster.now(), workload);
}

function series(v: MetricsView, chart: string, label: string): (number | null)[] {
  const c = v.charts.find((x) => x.id === chart);
  const found = c?.series.find((x) => x.label === label);
  if (found === undefined) throw new Error(`no ${label} in ${chart}: ${c?.series.map((x) => x.label).join(', ')}`);
  return found.values;
}

function wait(s: Session, minutes: number): void {
  for (let i = 0; i < minutes; i++) expect(s.dispatch({ type: 'wait', seconds: 60 })).toEqual({ ok: true });
}

describe('metrics from the simulated cluster', () => {
  it('taskflow-crashloop: errors at 100 % while api-service has no ready endpoint, back to 0 after rollout undo; the alert resolves 5 minutes later', () => {
    const s = started('taskflow-crashloop');
    let v = view(s);
    expect(v.charts[0]!.times.length).toBe(WINDOW_MS / 15_000);
    const errors = series(v, 'errors', 'api-service');
    // Healthy half an hour ago, failing now.
    expect(errors[0]).toBe(0);
    expect(errors.at(-1)).toBe(100);
    expect(series(v, 'latency', 'api-service').at(-1)).toBeNull();
    expect(series(v, 'errors', 'web-frontend').every((e) => e === 0)).toBe(true);
    expect(Math.max(...series(v, 'restarts', 'api-service').map(Number))).toBeGreaterThan(0);
    const alert = v.alerts.find((a) => a.name === 'TaskflowApiHighErrorRate');
    const entry = s.state().timeline.find((e) => e.text.startsWith('Alert fired: TaskflowApiHighErrorRate'));
    expect(alert?.firedAt).toBe(entry?.at);
    expect(alert?.resolvedAt).toBeUndefined();
    expect(s.state().timeline.some((e) => e.text.startsWith('Alert resolved'))).toBe(false);

    s.exec('kubectl rollout undo deployment/api-service -n taskflow-demo');
    const undoneAt = s.cluster.now();
    wait(s, 3);
    v = view(s);
    expect(series(v, 'errors', 'api-service').at(-1)).toBe(0);
    expect(series(v, 'latency', 'api-service').at(-1)).toBeGreaterThan(100);
    expect(v.alerts[0]?.resolvedAt).toBeUndefined();
    wait(s, 5);
    v = view(s);
    const resolved = v.alerts[0]?.resolvedAt;
    expect(resolved).toBeDefined();
    expect(resolved! - undoneAt).toBeGreaterThanOrEqual(RESOLVE_AFTER_MS);
    expect(resolved! - undoneAt).toBeLessThan(RESOLVE_AFTER_MS + 2 * 60_000);
  });

  it('taskflow-oomkilled: worker memory climbs to the 256 MiB limit and drops at each kill; the app stays error-free', () => {
    const s = started('taskflow-oomkilled');
    const v = view(s);
    expect(v.memoryWorkload).toBe('taskflow-demo/worker');
    const memory = v.charts.find((c) => c.id === 'memory')!;
    expect(memory.threshold?.value).toBe(256);
    // Each new worker run starts low, climbs towards 256 and is killed: count the falls.
    let falls = 0;
    for (const pod of memory.series) {
      const seen = pod.values.filter((x): x is number => x !== null);
      for (let i = 1; i < seen.length; i++) if (seen[i - 1]! > 200 && seen[i]! < 160) falls++;
      expect(Math.max(...seen)).toBeLessThan(256);
    }
    expect(falls).toBeGreaterThanOrEqual(3);
    expect(Math.max(...memory.series.flatMap((p) => p.values.map(Number)))).toBeGreaterThan(230);
    expect(Math.max(...series(v, 'restarts', 'worker').map(Number))).toBeGreaterThanOrEqual(2);
    expect(series(v, 'errors', 'api-service').every((e) => e === 0)).toBe(true);
    // Another workload's pods on request: flat and far below their limit.
    const api = view(s, 'taskflow-demo/api-service').charts.find((c) => c.id === 'memory')!;
    expect(api.title).toBe('Memory per pod: api-service');
    expect(Math.max(...api.series.flatMap((p) => p.values.map(Number)))).toBeLessThan(64);
  });

  it('memory per pod is what kubectl top reads at the same scrape', () => {
    const s = started('taskflow-oomkilled');
    const latest = s.cluster.telemetry?.().at(-1);
    const top = s.exec('kubectl top pods -n taskflow-demo --no-headers').stdout.trim().split('\n');
    expect(top.length).toBeGreaterThan(3);
    for (const line of top) {
      const [pod, , mem] = line.split(/\s+/);
      const sampled = latest?.memory.find((m) => m.pod === pod);
      expect(sampled, pod).toBeDefined();
      expect(Math.abs(sampled!.mib - Number(mem!.replace('Mi', '')))).toBeLessThanOrEqual(1);
    }
  });

  it('taskflow-oomkilled: after restoring BATCH_SIZE and restarting, memory stays flat and the alert resolves', () => {
    const s = started('taskflow-oomkilled');
    s.exec(`kubectl patch configmap worker-config -n taskflow-demo -p '{"data":{"BATCH_SIZE":"200"}}'`);
    s.exec('kubectl rollout restart deployment/worker -n taskflow-demo');
    wait(s, 10);
    const v = view(s);
    const memory = v.charts.find((c) => c.id === 'memory')!;
    const lastFive = memory.series.flatMap((p) => p.values.slice(-20).filter((x): x is number => x !== null));
    expect(lastFive.length).toBeGreaterThan(0);
    expect(Math.max(...lastFive)).toBeLessThan(90);
    expect(series(v, 'restarts', 'worker').at(-1)).toBe(0);
    expect(v.alerts[0]?.resolvedAt).toBeDefined();
  });

  it('taskflow-false-alarm: nobody sees an error, and the one-restart alert resolves by itself', () => {
    const s = started('taskflow-false-alarm');
    wait(s, 6);
    const v = view(s);
    for (const c of v.charts.find((x) => x.id === 'errors')!.series) expect(c.values.every((e) => e === 0)).toBe(true);
    expect(Math.max(...series(v, 'restarts', 'worker').map(Number))).toBe(1);
    const alert = v.alerts[0]!;
    expect(alert.name).toBe('TaskflowPodRestarted');
    expect(alert.resolvedAt).toBeGreaterThan(alert.firedAt);
    // The timeline says so too, at the same time.
    const entry = s.state().timeline.find((e) => e.text === 'Alert resolved: TaskflowPodRestarted');
    expect(entry).toMatchObject({ at: alert.resolvedAt, kind: 'system' });
  });

  it('taskflow-service-selector: the web-frontend Service has no endpoints, so every request to it fails', () => {
    const v = view(started('taskflow-service-selector'));
    expect(series(v, 'errors', 'web-frontend').at(-1)).toBe(100);
    expect(series(v, 'errors', 'api-service').at(-1)).toBe(0);
  });

  it('is deterministic: the same scenario and inputs give the same samples and charts', () => {
    const run = () => {
      const s = started('taskflow-oomkilled');
      s.exec('kubectl get pods');
      wait(s, 2);
      return { samples: JSON.stringify(s.cluster.telemetry?.()), view: JSON.stringify(view(s)) };
    };
    const a = run();
    const b = run();
    expect(a.samples.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
  });

  it('a restored game draws the same charts as the one played live, second by second', () => {
    const scenario = loadScenarioFile(scenarioPath('taskflow-oomkilled'));
    const live = createSession(scenario, { arrivalMs: ARRIVAL });
    live.dispatch({ type: 'setSeverity', severity: 'SEV3' });
    live.dispatch({ type: 'startInvestigation' });
    live.tick(1_000_000);
    for (let wall = 1_000_000; wall <= 1_000_000 + 4 * 60_000; wall += 1000) {
      live.tick(wall);
      if (wall === 1_000_000 + 90_000) live.exec('kubectl get pods');
    }
    const restored = restoreSession(scenario, live.save());
    expect(restored.cluster.now()).toBe(live.cluster.now());
    expect(JSON.stringify(restored.cluster.telemetry?.())).toBe(JSON.stringify(live.cluster.telemetry?.()));
  });

  it.each(['taskflow-crashloop', 'taskflow-oomkilled'])('sampling only watches (%s): the world with telemetry is the world without', (id) => {
    // Like a learner looking often (lazyCrashLoop.test.ts): only the opaque counters may differ.
    const observable = (c: ClusterControl) =>
      listAll(c)
        .map((o) => JSON.stringify(o, (k, v: unknown) => (k === 'resourceVersion' || (k === 'uid' && o.kind === 'Event') ? undefined : v)))
        .sort();
    const spec = loadScenarioFile(scenarioPath(id)).world;
    const on = createCluster(spec, ARRIVAL, { telemetry: true });
    const off = createCluster(spec, ARRIVAL);
    expect(on.telemetry?.().length).toBeGreaterThan(200);
    expect(off.telemetry?.().length ?? 0).toBe(0);
    expect(observable(on)).toEqual(observable(off));
    for (const c of [on, off]) {
      c.advanceBy(7 * 60_000 + 123);
      c.rolloutUndo('taskflow-demo', id === 'taskflow-crashloop' ? 'api-service' : 'worker');
      c.advanceBy(5 * 60_000);
    }
    expect(observable(on)).toEqual(observable(off));
  });
});
