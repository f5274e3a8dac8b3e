/**
 * taskflow-readiness played through the session as a learner would: api-service 2.5.0 ships on a
 * deployment template whose readiness probe asks for /ready, a path the app answers with 404.
 * Everything here comes from the simulated cluster (probes that fail, pods left out of the
 * Service, callers refused, pods that turn ready once the probe matches), not from the script.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-12-07T10:00:00Z */
const ARRIVAL = Date.UTC(2026, 11, 7, 10, 0, 0);
const PROBE_PATH = '/spec/template/spec/containers/0/readinessProbe/httpGet/path';

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-readiness'));
}

function started(severity: Severity = 'SEV2'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

function apiPods(s: Session): { name: string; ready: string; status: string; restarts: string }[] {
  return s
    .exec(`kubectl get pods -n ${NS} --no-headers`)
    .stdout.split('\n')
    .filter((l) => l.startsWith('api-service-'))
    .map((l) => {
      const [name, ready, status, restarts] = l.split(/\s+/) as [string, string, string, string];
      return { name, ready, status, restarts };
    });
}

function endpoints(s: Session): string {
  return /^Endpoints:[ \t]*(.*)$/m.exec(s.exec(`kubectl describe service api-service -n ${NS}`).stdout)?.[1] ?? '';
}

/** What web-frontend gets when it calls the API, as `kubectl exec` shows it. */
function callApi(s: Session): { stdout: string; stderr: string } {
  return s.exec(`kubectl exec deploy/web-frontend -n ${NS} -- wget -qO- http://api-service/api/tasks`);
}

/** The expected investigation path of the answer key. */
function investigate(s: Session): string {
  s.exec('kubectl get pods');
  const pod = apiPods(s)[0]!.name;
  s.exec(`kubectl describe pod ${pod}`);
  s.exec('kubectl describe service api-service');
  s.exec(`kubectl logs ${pod}`);
  s.exec('kubectl rollout history deployment/api-service');
  s.exec('kubectl rollout history deployment/api-service --revision=1');
  s.exec('kubectl exec deploy/web-frontend -- wget -qO- http://api-service/api/tasks');
  return pod;
}


describe('taskflow-readiness', () => {
  it('on arrival: api-service pods Running 0/1 with no restarts, probes get 404, the Service is empty', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const pods = apiPods(s);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.ready === '0/1' && p.status === 'Running' && p.restarts === '0')).toBe(true);
    const describe = s.exec(`kubectl describe pod ${pods[0]!.name}`).stdout;
    expect(describe).toMatch(/^\s+Readiness:\s+http-get http:\/\/:http\/ready delay=0s timeout=1s period=10s #success=1 #failure=3$/m);
    expect(describe).toMatch(/^\s+Warning\s+Unhealthy\s+\S+ \(x\d+ over \d+m\d*s?\)\s+kubelet\s+Readiness probe failed: HTTP probe failed with statuscode: 404$/m);
    expect(describe).toMatch(/^\s+Restart Count:\s+0$/m);
    expect(endpoints(s)).toBe('');
    expect(s.exec(`kubectl describe endpoints api-service`).stdout).toMatch(/^\s+NotReadyAddresses:\s+\d+\.\d+\.\d+\.\d+,\d+\.\d+\.\d+\.\d+$/m);
    // What web-frontend, and so every user, gets: nothing answers behind the Service.
    expect(callApi(s).stderr).toMatch(/^wget: can't connect to remote host \(\d+\.\d+\.\d+\.\d+\): Connection refused$/m);
    // The app itself is fine: it answers /healthz on its pod IP, and /ready with 404.
    const ip = /^IP:\s+(\S+)$/m.exec(describe)![1]!;
    expect(s.exec(`kubectl exec deploy/web-frontend -- wget -qO- http://${ip}:8080/healthz`).stdout).toBe('ok\n');
    expect(s.exec(`kubectl exec deploy/web-frontend -- wget -qO- http://${ip}:8080/ready`).stderr).toContain('wget: server returned error: HTTP/1.1 404 Not Found');
    // Asked from inside its own pod, as the kubelet asks it, the app gives the same answers.
    expect(s.exec(`kubectl exec ${pods[0]!.name} -- wget -qO- localhost:8080/healthz`).stdout).toBe('ok\n');
    expect(s.exec(`kubectl exec ${pods[0]!.name} -- wget -qO- localhost:8080/ready`).stderr).toBe(
      'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
    );
  });

  it('asking the app on localhost is evidence too: /ready answers 404, /healthz answers ok', () => {
    const s = started();
    const pod = apiPods(s)[0]!.name;
    s.exec(`kubectl exec ${pod} -- wget -qO- http://localhost:8080/ready`);
    expect(s.state().clues.map((c) => c.id)).toContain('probe-404');
    expect(s.state().clues.map((c) => c.id)).not.toContain('serves-healthz');
    s.exec(`kubectl exec ${pod} -- wget -qO- http://localhost:8080/healthz`);
    expect(s.state().clues.map((c) => c.id)).toContain('serves-healthz');
  });

  it('walkthrough: the expected path reveals every step, the rollback brings endpoints back, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['callers-refused', 'db-connected', 'no-endpoints', 'old-probe-path', 'probe-404', 'probe-path', 'recent-deploy', 'running-not-ready', 'serves-healthz'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'probe-404')?.evidence).toMatch(/statuscode: 404/);

    // The board: facts need the evidence that shows them; red herrings cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'database-down', column: 'fact', evidenceClueId: 'db-connected' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'app-crashing', column: 'fact', evidenceClueId: 'running-not-ready' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'no-traffic', column: 'fact', evidenceClueId: 'probe-404' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'no-traffic', column: 'fact', evidenceClueId: 'no-endpoints' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'probe-wrong-path', column: 'fact', evidenceClueId: 'probe-path' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'template-changed-probe', column: 'fact', evidenceClueId: 'old-probe-path' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'database-down', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // Carrying out the rollback in the terminal is the decision.
    expect(s.exec('kubectl rollout undo deployment/api-service').stdout).toBe('deployment.apps/api-service rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    expect(s.state().phase).toBe('verify');
    s.dispatch({ type: 'wait', seconds: 30 });
    expect(s.exec('kubectl rollout status deployment/api-service').stdout).toBe('deployment "api-service" successfully rolled out\n');
    const pods = apiPods(s);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    expect(s.exec('kubectl get endpoints api-service --no-headers').stdout).toMatch(/^api-service\s+\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080\s/);
    expect(callApi(s).stdout).toMatch(/^\{"tasks":\[\],"served_by":"api-service-\S+"\}$/m);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('fix-forward with the path the app serves keeps 2.5.0 and fills the Service', () => {
    const s = started();
    investigate(s);
    expect(
      s.exec(`kubectl patch deployment api-service --type=json -p '[{"op":"replace","path":"${PROBE_PATH}","value":"/healthz"}]'`).stdout,
    ).toBe('deployment.apps/api-service patched\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.exec('kubectl get deployment api-service -o wide').stdout).toMatch(/api-service\s+2\/2\s+2\s+2\s+.*api-service:2\.5\.0\s/);
    expect(callApi(s).stdout).toMatch(/"labels":\[\]/);
  });

  it('wrong path: fix-forward with a guessed path keeps every pod unready and recovery refused', () => {
    const s = started();
    investigate(s);
    s.exec(`kubectl patch deployment api-service -p '{"spec":{"template":{"spec":{"containers":[{"name":"api-service","readinessProbe":{"httpGet":{"path":"/health"}}}]}}}}'`);
    expect(s.state().decision?.choice).toBe('fix-forward');
    const attempt = resolveAfter(s, 120);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/Service api-service has no ready endpoints/);
    const pods = apiPods(s);
    expect(pods.every((p) => p.ready === '0/1' && p.status === 'Running')).toBe(true);
    expect(s.exec(`kubectl describe pod ${pods[0]!.name}`).stdout).toMatch(/^\s+Readiness:\s+http-get http:\/\/:http\/health delay=/m);
    expect(callApi(s).stderr).toContain('Connection refused');
    // Checking the path against the app's log and correcting it still recovers.
    s.exec(`kubectl patch deployment api-service --type=json -p '[{"op":"replace","path":"${PROBE_PATH}","value":"/healthz"}]'`);
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: restarting changes nothing, the new pods get the same probe and the same 404', () => {
    const s = started();
    const before = apiPods(s).map((p) => p.name);
    expect(s.exec('kubectl rollout restart deployment/api-service').stdout).toBe('deployment.apps/api-service restarted\n');
    s.dispatch({ type: 'wait', seconds: 60 });
    const pods = apiPods(s);
    expect(pods.filter((p) => before.includes(p.name))).toEqual([]);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.ready === '0/1' && p.status === 'Running')).toBe(true);
    expect(s.exec(`kubectl describe pod ${pods[0]!.name}`).stdout).toContain('Readiness probe failed: HTTP probe failed with statuscode: 404');
    expect(endpoints(s)).toBe('');
    // Deleting the pods by hand does no better: the ReplicaSet makes the same pods again.
    s.exec(`kubectl delete pod ${pods.map((p) => p.name).join(' ')}`);
    s.dispatch({ type: 'wait', seconds: 60 });
    expect(apiPods(s).every((p) => p.ready === '0/1')).toBe(true);
    expect(s.state().decision).toBeUndefined();
    expect(s.dispatch({ type: 'decide', choice: 'rollback' })).toEqual({ ok: true });
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/0 of 2 replicas available|pods are not ready/);
    // A plain undo now returns to revision 2's template: the restart made it "previous" with the /ready probe.
    expect(s.exec('kubectl rollout undo deployment/api-service').stdout).toBe('deployment.apps/api-service rolled back\n');
    s.dispatch({ type: 'wait', seconds: 60 });
    expect(apiPods(s).every((p) => p.ready === '0/1')).toBe(true);
    expect(s.exec('kubectl rollout history deployment/api-service').stdout).toMatch(/^\d+\s+release 2\.4\.2$/m);
    const rev = /^(\d+)\s+release 2\.4\.2$/m.exec(s.exec('kubectl rollout history deployment/api-service').stdout)![1]!;
    s.exec(`kubectl rollout undo deployment/api-service --to-revision=${rev}`);
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('a postmortem that blames the database and names no probe is marked down where it is wrong', () => {
    const s = started();
    s.exec('kubectl rollout undo deployment/api-service');
    resolveAfter(s, 120);
    expect(s.state().phase).toBe('postmortem');
    const draft = {
      ...scenario().answerKey.examplePostmortem,
      rootCause: 'The database was slow after the release, so api-service could not keep up with the load.',
    };
    expect(s.dispatch({ type: 'submitPostmortem', draft })).toEqual({ ok: true });
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['rootCause']);
  });
});
