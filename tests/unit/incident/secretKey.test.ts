/**
 * taskflow-secret-key played through the session as a learner would: a password rotation replaced
 * Secret taskflow-db with a single key, password, and the api-service 2.5.0 release (Recreate) was
 * the first thing to start new pods afterwards. Everything here comes from the simulated cluster:
 * a kubelet that cannot build the env, a rollback whose template asks for the same key, a url
 * that must carry the password the rotation job set.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-12-04T09:00:00Z */
const ARRIVAL = Date.UTC(2026, 11, 4, 9, 0, 0);
const NEW_URL = 'postgres://taskflow:kestrel-7Qm2-rotated@taskflow-db.taskflow-demo.svc:5432/taskflow';
const OLD_URL = 'postgres://taskflow:demo-only@taskflow-db.taskflow-demo.svc:5432/taskflow';
const patchUrl = (url: string) => `kubectl patch secret taskflow-db -p '{"stringData":{"url":"${url}"}}'`;

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-secret-key'));
}

function started(severity: Severity = 'SEV2'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

interface Row {
  name: string;
  ready: string;
  status: string;
  restarts: number;
}

function pods(s: Session, prefix: string): Row[] {
  return s
    .exec(`kubectl get pods -n ${NS} --no-headers`)
    .stdout.split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => {
      const [name, ready, status, restarts] = l.split(/\s+/) as [string, string, string, string];
      return { name, ready, status, restarts: Number(restarts) };
    });
}

function endpoints(s: Session): string {
  return /^Endpoints:[ \t]*(.*)$/m.exec(s.exec(`kubectl describe service api-service -n ${NS}`).stdout)?.[1] ?? '';
}

function wait(s: Session, seconds: number): void {
  for (let left = seconds; left > 0; left -= 60) s.dispatch({ type: 'wait', seconds: Math.min(60, left) });
}

function resolveAfter(s: Session, seconds: number): { ok: boolean; reasons: string[] } {
  wait(s, seconds);
  s.dispatch({ type: 'declareResolved' });
  return s.state().resolveAttempts.at(-1)!;
}

/** The expected investigation path of the answer key. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  s.exec(`kubectl describe pod ${pods(s, 'api-service-')[0]!.name}`);
  s.exec('kubectl describe secret taskflow-db');
  s.exec('kubectl get secrets,jobs');
  s.exec('kubectl logs job/taskflow-db-rotate');
  s.exec('kubectl rollout history deployment/api-service');
  s.exec('kubectl rollout history deployment/api-service --revision=1');
  s.exec('kubectl describe service api-service');
}

describe('taskflow-secret-key', () => {
  it('on arrival: the new api-service pods cannot be created, the Service is empty, the worker still runs', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const api = pods(s, 'api-service-');
    expect(api).toHaveLength(2);
    expect(api.every((p) => p.ready === '0/1' && p.status === 'CreateContainerConfigError' && p.restarts === 0)).toBe(true);
    expect(endpoints(s)).toBe('');
    expect(pods(s, 'worker-')).toEqual([expect.objectContaining({ ready: '1/1', status: 'Running', restarts: 0 })]);

    const describe = s.exec(`kubectl describe pod ${api[0]!.name}`).stdout;
    expect(describe).toMatch(/ {4}State: {10}Waiting\n {6}Reason: {7}CreateContainerConfigError\n/);
    expect(describe).toMatch(/^ {2}Warning {2}Failed {5}\S+ \(x\d+ over \S+\)\s+kubelet\s+Error: couldn't find key url in Secret taskflow-demo\/taskflow-db$/m);
    expect(s.exec(`kubectl logs ${api[0]!.name}`)).toEqual({
      stdout: '',
      stderr: `Error from server (BadRequest): container "api-service" in pod "${api[0]!.name}" is waiting to start: CreateContainerConfigError\n`,
      exitCode: 1,
    });
    expect(s.exec('kubectl describe secret taskflow-db').stdout).toMatch(/Data\n====\npassword: {2}20 bytes\n$/);
    expect(s.exec('kubectl get secrets').stdout).toBe('NAME          TYPE     DATA   AGE\ntaskflow-db   Opaque   1      25m\n');
    expect(s.exec('kubectl get jobs').stdout).toMatch(/^taskflow-db-rotate\s+Complete\s+1\/1\s+\S+\s+25m$/m);
    // The worker started days ago, with the url it read then: the old password.
    const worker = pods(s, 'worker-')[0]!.name;
    expect(s.exec(`kubectl exec ${worker} -- printenv DATABASE_URL`).stdout).toBe(`${OLD_URL}\n`);
  });

  it('walkthrough: the expected path reveals every step, the url key with the new password restores the API, the postmortem passes', () => {
    const s = started();
    investigate(s);
    let st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['config-error', 'env-from-secret', 'missing-key', 'no-endpoints', 'recent-deploy', 'rotation-job', 'secret-password-only', 'secret-recreated', 'worker-running'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'rotation-job')?.evidence).toMatch(/replaced secret taskflow-demo\/taskflow-db \(format v2: key password\)/);

    // The board: facts need the evidence that shows them; the release's guilt is an assumption.
    expect(s.dispatch({ type: 'moveCard', cardId: 'release-bug', column: 'fact', evidenceClueId: 'recent-deploy' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'undo-fixes', column: 'fact', evidenceClueId: 'recent-deploy' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'password-only', column: 'fact', evidenceClueId: 'no-endpoints' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'password-only', column: 'fact', evidenceClueId: 'secret-password-only' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'rotation-replaced', column: 'fact', evidenceClueId: 'rotation-job' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'release-restarted', column: 'fact', evidenceClueId: 'env-from-secret' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'release-bug', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // The password is read from the Secret; the url is built from it; the patch is the decision.
    expect(s.exec(`kubectl get secret taskflow-db -o jsonpath='{.data.password}' | base64 -d`).stdout).toBe('kestrel-7Qm2-rotated');
    expect(s.exec(patchUrl(NEW_URL)).stdout).toBe('secret/taskflow-db patched\n');
    st = s.state();
    expect(st.decision?.choice).toBe('fix-forward');
    expect(st.phase).toBe('verify');
    // No restart needed: the kubelet's next retry builds the env and creates the container.
    wait(s, 30);
    const api = pods(s, 'api-service-');
    expect(api).toHaveLength(2);
    expect(api.every((p) => p.ready === '1/1' && p.status === 'Running' && p.restarts === 0)).toBe(true);
    expect(s.exec(`kubectl logs ${api[0]!.name}`).stdout).toMatch(/db: connected as taskflow, pool size 10\n[\s\S]*http: listening on :8080\n$/);
    expect(endpoints(s)).toMatch(/^\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080$/);
    expect(s.exec('kubectl describe secret taskflow-db').stdout).toMatch(/password: {2}20 bytes\nurl: {7}\d+ bytes\n$|url: {7}\d+ bytes\npassword: {2}20 bytes\n$/);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('wrong path: rollout undo creates 2.4.1 pods that wait for the same missing key', () => {
    const s = started();
    investigate(s);
    const before = pods(s, 'api-service-').map((p) => p.name);
    expect(s.exec('kubectl rollout undo deployment/api-service').stdout).toBe('deployment.apps/api-service rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    wait(s, 60);
    const after = pods(s, 'api-service-');
    expect(after).toHaveLength(2);
    expect(after.filter((p) => before.includes(p.name))).toEqual([]);
    expect(after.every((p) => p.status === 'CreateContainerConfigError')).toBe(true);
    const describe = s.exec(`kubectl describe pod ${after[0]!.name}`).stdout;
    expect(describe).toMatch(/^ {4}Image: {10}registry\.example\/taskflow\/api-service:2\.4\.1$/m);
    expect(describe).toContain("Error: couldn't find key url in Secret taskflow-demo/taskflow-db");
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/Service api-service has no ready endpoints/);
    // The key, with the new password, brings even the rolled-back pods up.
    s.exec(patchUrl(NEW_URL));
    expect(resolveAfter(s, 90)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.exec(`kubectl logs ${pods(s, 'api-service-')[0]!.name}`).stdout).toContain('taskflow-api 2.4.1 starting');
  });

  it("wrong path: the url copied from the worker's env has the old password; the pods start, then crash on login", () => {
    const s = started();
    investigate(s);
    const worker = pods(s, 'worker-')[0]!.name;
    const copied = s.exec(`kubectl exec ${worker} -- printenv DATABASE_URL`).stdout.trim();
    expect(copied).toBe(OLD_URL);
    s.exec(patchUrl(copied));
    expect(s.state().decision?.choice).toBe('fix-forward');
    wait(s, 90);
    const api = pods(s, 'api-service-');
    expect(api.every((p) => p.ready === '0/1' && /^(CrashLoopBackOff|Error)$/.test(p.status) && p.restarts >= 1)).toBe(true);
    expect(s.exec(`kubectl logs ${api[0]!.name} --previous`).stdout).toContain('ERROR db: password authentication failed for user "taskflow"');
    expect(s.exec(`kubectl describe pod ${api[0]!.name}`).stdout).toMatch(/Reason: {7}Error\n {6}Exit Code: {4}1\n/);
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/no ready endpoints/);
    // The right password fixes it; a restart saves waiting out the crash back-off.
    s.exec(patchUrl(NEW_URL));
    s.exec('kubectl rollout restart deployment/api-service');
    expect(resolveAfter(s, 90)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: deleting the worker pod "to test" takes the worker down with the same missing key', () => {
    const s = started();
    const old = pods(s, 'worker-')[0]!.name;
    s.exec(`kubectl delete pod ${old}`);
    wait(s, 60);
    const w = pods(s, 'worker-');
    expect(w).toEqual([expect.objectContaining({ ready: '0/1', status: 'CreateContainerConfigError' })]);
    expect(w[0]!.name).not.toBe(old);
  });

  it('deleting and creating the Secret with both keys works too', () => {
    const s = started();
    expect(s.exec('kubectl delete secret taskflow-db').stdout).toBe('secret "taskflow-db" deleted\n');
    expect(s.exec(`kubectl create secret generic taskflow-db --from-literal=password=kestrel-7Qm2-rotated --from-literal=url=${NEW_URL}`).stdout).toBe(
      'secret/taskflow-db created\n',
    );
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(resolveAfter(s, 90)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });
});
