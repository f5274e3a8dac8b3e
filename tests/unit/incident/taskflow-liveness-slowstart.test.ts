/**
 * taskflow-liveness-slowstart played through the session as a learner would: api-service 2.6.0
 * warms a search index for about 40 s before it listens, and the liveness probe it inherited
 * (10 s delay, every 5 s, 3 failures) kills it after about 20 s. Every outcome here comes from the
 * simulated kubelet's prober and the controllers (kills, back-off, a rolling update that keeps the
 * old pods, a startup probe that holds liveness back), not from the scenario's script.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { loadYamlParser } from '../../../src/kubectl/manifest/yamlParser';
import { resolveAfter, startSession } from './fixtures';

// kubectl apply -f reads YAML with a parser the page loads lazily.
beforeAll(loadYamlParser);

const NS = 'taskflow-demo';
/** 2026-12-08T10:00:00Z */
const ARRIVAL = Date.UTC(2026, 11, 8, 10, 0, 0);
const FIX = 'deploy/api-service.startup-probe.yaml';

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-liveness-slowstart'));
}

function started(severity: Severity = 'SEV4'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

interface Row {
  name: string;
  ready: string;
  status: string;
  restarts: number;
}

function apiPods(s: Session): Row[] {
  return s
    .exec('kubectl get pods --no-headers')
    .stdout.split('\n')
    .filter((l) => l.startsWith('api-service-'))
    .map((l) => {
      const [name, ready, status, restarts] = l.split(/\s+/) as [string, string, string, string];
      return { name, ready, status, restarts: Number(restarts) };
    });
}

function restarting(s: Session): Row {
  const pod = apiPods(s).find((p) => p.ready === '0/1');
  expect(pod, 'a restarting api-service pod').toBeDefined();
  return pod!;
}

function endpoints(s: Session): string {
  return /^Endpoints:[ \t]*(.*)$/m.exec(s.exec('kubectl describe service api-service').stdout)?.[1] ?? '';
}

function patchLiveness(fields: Record<string, number>): string {
  const patch = { spec: { template: { spec: { containers: [{ name: 'api-service', livenessProbe: fields }] } } } };
  return `kubectl patch deployment api-service -p '${JSON.stringify(patch)}'`;
}

/** The expected investigation path of the answer key. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  const pod = restarting(s).name;
  s.exec(`kubectl describe pod ${pod}`);
  s.exec(`kubectl logs ${pod} --previous`);
  s.exec('kubectl describe service api-service');
  s.exec('kubectl rollout history deployment/api-service');
  s.exec(`cat ${FIX}`);
}


describe('taskflow-liveness-slowstart', () => {
  it('on arrival: the new pod is killed by its liveness probe mid-warm-up, over and over; the old pods serve', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const pods = apiPods(s);
    expect(pods.filter((p) => p.ready === '1/1' && p.status === 'Running' && p.restarts === 0)).toHaveLength(3);
    const pod = restarting(s);
    expect(pod.status).toMatch(/^(CrashLoopBackOff|Running)$/);
    expect(pod.restarts).toBeGreaterThanOrEqual(4);
    expect(endpoints(s)).toMatch(/^(\d+\.\d+\.\d+\.\d+:8080,){2}\d+\.\d+\.\d+\.\d+:8080/);

    const describe = s.exec(`kubectl describe pod ${pod.name}`).stdout;
    expect(describe).toMatch(/Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}143\n/);
    expect(describe).not.toContain('OOMKilled');
    expect(describe).toMatch(/^ {4}Liveness: {3}http-get http:\/\/:http\/healthz delay=10s timeout=1s period=5s #success=1 #failure=3$/m);
    expect(describe).not.toMatch(/^ {4}Startup:/m);
    expect(describe).toMatch(/ {2}Normal {3}Killing {4}.*kubelet +Container api-service failed liveness probe, will be restarted$/m);
    expect(describe).toMatch(/kubelet +Liveness probe failed: Get "http:\/\/10\.244\.\d+\.\d+:8080\/healthz": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/m);

    // Each run is stopped about 20 s in, halfway through the warm-up, without an error of its own.
    const last = s.exec(`kubectl logs ${pod.name} --previous`).stdout.trim().split('\n');
    expect(last.at(-1)).toMatch(/search: index warm-up (25|50)% \(/);
    expect(last.join('\n')).not.toMatch(/ERROR|FATAL|listening/);
    const ran = /Started: +(.*)\n +Finished: +(.*)\n/.exec(describe)!;
    const seconds = (Date.parse(ran[2]!) - Date.parse(ran[1]!)) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(20);
    expect(seconds).toBeLessThan(30);
    expect(s.state().clues.map((c) => c.id)).toEqual(
      expect.arrayContaining(['restarting-pod', 'old-pods-serving', 'endpoints-ready', 'exit-143', 'liveness-failed', 'killed-by-kubelet', 'probe-settings', 'warmup-logs']),
    );
  });

  it('the old pods log the slow search 2.6.0 was released to fix, minutes before arrival', () => {
    const s = started();
    const old = apiPods(s).find((p) => p.ready === '1/1')!.name;
    const logs = s.exec(`kubectl logs ${old} --since=15m`).stdout;
    expect(logs).toMatch(/WARN {2}search: query for team 1029 took 12\.1s/);
    expect(s.state().clues.map((c) => c.id)).toContain('slow-search');
  });

  it('walkthrough: the expected path reveals every step, the startupProbe from #412 finishes the rollout, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id)).toEqual(
      expect.arrayContaining(['restarting-pod', 'liveness-failed', 'killed-by-kubelet', 'exit-143', 'warmup-logs', 'probe-settings', 'old-pods-serving', 'endpoints-ready', 'release-change', 'fix-prepared']),
    );

    // The board: facts need the evidence that shows them; red herrings cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'out-of-memory', column: 'fact', evidenceClueId: 'exit-143' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'app-crashes', column: 'fact', evidenceClueId: 'restarting-pod' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'killed-by-liveness', column: 'fact', evidenceClueId: 'warmup-logs' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'killed-by-liveness', column: 'fact', evidenceClueId: 'killed-by-kubelet' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'slow-start', column: 'fact', evidenceClueId: 'warmup-logs' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'probe-too-short', column: 'fact', evidenceClueId: 'probe-settings' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'still-serving', column: 'fact', evidenceClueId: 'endpoints-ready' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'out-of-memory', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // Applying the prepared file is the decision.
    expect(s.exec(`kubectl apply -f ${FIX}`).stdout).toBe('deployment.apps/api-service configured\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(s.state().phase).toBe('verify');
    // One new pod at a time: each warms up for about 40 s, and liveness waits for it.
    s.dispatch({ type: 'wait', seconds: 30 });
    const first = apiPods(s).find((p) => p.restarts === 0 && p.ready === '0/1')!;
    expect(s.exec(`kubectl describe pod ${first.name}`).stdout).toMatch(/^ {4}Startup: {4}http-get http:\/\/:http\/healthz delay=0s timeout=1s period=5s #success=1 #failure=30$/m);
    expect(endpoints(s).split(',')).toHaveLength(3);
    s.dispatch({ type: 'wait', seconds: 180 });
    expect(s.exec('kubectl rollout status deployment/api-service').stdout).toBe('deployment "api-service" successfully rolled out\n');
    const pods = apiPods(s);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.ready === '1/1' && p.status === 'Running' && p.restarts === 0)).toBe(true);
    const logs = s.exec(`kubectl logs ${pods[0]!.name}`).stdout;
    expect(logs).toMatch(/search: index ready in 38\.6s/);
    expect(logs).toMatch(/http: listening on :8080/);
    expect(s.exec('kubectl rollout history deployment/api-service').stdout).toMatch(/^3\s+release 2\.6\.0 with a startupProbe/m);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('wrong path: raising the liveness failureThreshold to 5 still kills 2.6.0 before it listens', () => {
    const s = started();
    investigate(s);
    expect(s.exec(patchLiveness({ failureThreshold: 5 })).stdout).toBe('deployment.apps/api-service patched\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    const attempt = resolveAfter(s, 240);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/rollout has not finished/);
    const pod = restarting(s);
    expect(pod.restarts).toBeGreaterThanOrEqual(2);
    const describe = s.exec(`kubectl describe pod ${pod.name}`).stdout;
    expect(describe).toContain('#failure=5');
    expect(describe).toContain('Container api-service failed liveness probe, will be restarted');
    // Five misses give it about 30 s: the warm-up gets further, and is still cut short.
    expect(s.exec(`kubectl logs ${pod.name} --previous`).stdout.trim().split('\n').at(-1)).toMatch(/index warm-up (50|75)% \(/);
    expect(endpoints(s).split(',')).toHaveLength(3);
    // The startupProbe does what the threshold could not.
    s.exec(`kubectl apply -f ${FIX}`);
    expect(resolveAfter(s, 300)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: deleting the restarting pod gets a fresh one that the probe kills the same way', () => {
    const s = started();
    const pod = restarting(s).name;
    expect(s.exec(`kubectl delete pod ${pod}`).stdout).toBe(`pod "${pod}" deleted\n`);
    s.dispatch({ type: 'wait', seconds: 90 });
    const fresh = restarting(s);
    expect(fresh.name).not.toBe(pod);
    expect(fresh.restarts).toBeGreaterThanOrEqual(1);
    expect(s.exec(`kubectl describe pod ${fresh.name}`).stdout).toContain('Container api-service failed liveness probe, will be restarted');
  });

  it('rollback ends the restarts but brings back the slow search 2.6.0 fixed', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl rollout undo deployment/api-service').stdout).toBe('deployment.apps/api-service rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.exec('kubectl get deployment api-service -o wide').stdout).toMatch(/api-service\s+3\/3\s+3\s+3\s+.*api-service:2\.5\.3\s/);
    s.dispatch({ type: 'wait', seconds: 240 });
    const pod = apiPods(s)[0]!.name;
    expect(s.exec(`kubectl logs ${pod}`).stdout).toMatch(/WARN {2}search: query for team \d+ took \d+\.\ds \(full scan/);
    expect(s.state().decision?.choice).not.toBe(scenario().decision.recommended);
  });

  it('a postmortem that blames memory and names no probe is marked down where it is wrong', () => {
    const s = started();
    s.exec(`kubectl apply -f ${FIX}`);
    expect(resolveAfter(s, 300).ok).toBe(true);
    const draft = {
      ...scenario().answerKey.examplePostmortem,
      rootCause: 'The new version used too much memory building its cache and crashed.',
      actionItems: 'Give api-service more memory.',
    };
    expect(s.dispatch({ type: 'submitPostmortem', draft })).toEqual({ ok: true });
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['rootCause', 'actionItems']);
  });
});
