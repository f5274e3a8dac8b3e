/**
 * taskflow-db-down played through the session as a learner would: a maintenance job scaled the
 * database to 0 and failed before scaling it back; api-service (deployed an hour earlier) and the
 * worker crash-loop on refused connections. Every outcome here comes from the simulated cluster
 * (a Service without endpoints, containers that read it at start-up, the kubelet's back-off), not
 * from the scenario's script.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-12-07T21:40:00Z */
const ARRIVAL = Date.UTC(2026, 11, 7, 21, 40, 0);

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-db-down'));
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

function endpoints(s: Session, service: string): string {
  return /^Endpoints:[ \t]*(.*)$/m.exec(s.exec(`kubectl describe service ${service} -n ${NS}`).stdout)?.[1] ?? '';
}

function dbServiceIP(s: Session): string {
  return s.exec(`kubectl get service taskflow-db -n ${NS} -o jsonpath={.spec.clusterIP}`).stdout;
}

/** The expected investigation path of the answer key, pod names filled in from what get pods shows. */
function investigate(s: Session): string {
  s.exec('kubectl get pods');
  const api = pods(s, 'api-service-')[0]!.name;
  s.exec(`kubectl logs ${api} --previous`);
  s.exec('kubectl rollout history deployment/api-service');
  s.exec(`kubectl describe pod ${api}`);
  s.exec('kubectl get svc,deploy');
  s.exec('kubectl describe deployment taskflow-db');
  s.exec('kubectl logs job/taskflow-db-resize');
  return api;
}


describe('taskflow-db-down', () => {
  it('on arrival: api-service and worker crash-loop on a refused database address that belongs to a Service with no pods', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const api = pods(s, 'api-service-');
    expect(api).toHaveLength(2);
    expect(api.every((p) => p.ready === '0/1' && /^(CrashLoopBackOff|Error)$/.test(p.status) && p.restarts >= 5)).toBe(true);
    expect(pods(s, 'worker-')).toEqual([expect.objectContaining({ ready: '0/1', status: expect.stringMatching(/^(CrashLoopBackOff|Error)$/) })]);
    expect(pods(s, 'web-frontend-').every((p) => p.ready === '1/1' && p.restarts === 0)).toBe(true);
    expect(pods(s, 'taskflow-db-')).toEqual([expect.objectContaining({ name: expect.stringMatching(/^taskflow-db-resize-/), status: 'Error' })]);

    // The address in the log is the taskflow-db Service's, and nothing stands behind it.
    const ip = dbServiceIP(s);
    expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
    const log = s.exec(`kubectl logs ${api[0]!.name} --previous`).stdout;
    expect(log).toContain(`WARN  db: dial tcp ${ip}:5432: connect: connection refused (attempt 1 of 3, next in 1s)`);
    expect(log).toMatch(/FATAL startup aborted: the database is unreachable; exiting with status 1\n$/);
    expect(s.exec(`kubectl logs deploy/worker`).stdout).toContain(`ERROR db: dial tcp ${ip}:5432: connect: connection refused`);
    expect(s.exec('kubectl get deployment taskflow-db --no-headers').stdout).toMatch(/^taskflow-db\s+0\/0\s+0\s+0\s+6d$/m);
    expect(endpoints(s, 'taskflow-db')).toBe('');
    expect(endpoints(s, 'api-service')).toBe('');

    // The pods are an hour old (the deploy); their liveness checks only began failing 18 minutes ago.
    const described = s.exec(`kubectl describe pod ${api[0]!.name}`).stdout;
    expect(described).toMatch(/^\s+Exit Code:\s+1$/m);
    expect(described).toMatch(/Warning\s+Unhealthy\s+1[78]m \(x3 over 1[78]m\)\s+kubelet\s+Liveness probe failed: HTTP probe failed with statuscode: 503$/m);
    expect(described).toMatch(/Normal\s+Scheduled\s+(59|60)m\s/);
    expect(s.exec('kubectl describe deployment taskflow-db').stdout).toMatch(
      /Normal\s+ScalingReplicaSet\s+18m\s+deployment-controller\s+Scaled down replica set taskflow-db-\S+ from 1 to 0$/m,
    );
    expect(s.exec('kubectl get jobs --no-headers').stdout).toMatch(/^taskflow-db-resize\s+Failed\s+0\/1\s/);
  });

  it('walkthrough: the expected path reveals every step, scaling the database back brings the API back, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['api-crashloop', 'connection-refused', 'db-scaled-down', 'healthy-after-deploy', 'maintenance-job', 'recent-deploy', 'worker-crashloop'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'maintenance-job')?.evidence).toMatch(/deployment\/taskflow-db is left at 0 replicas/);
    expect(st.clues.find((c) => c.id === 'connection-refused')?.evidence).toContain(`dial tcp ${dbServiceIP(s)}:5432`);

    // The board: facts need the evidence that shows them; the suspect deploy cannot be a fact.
    expect(s.dispatch({ type: 'moveCard', cardId: 'deploy-caused-it', column: 'fact', evidenceClueId: 'recent-deploy' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'rollback-fixes-it', column: 'fact', evidenceClueId: 'recent-deploy' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'db-stopped', column: 'fact', evidenceClueId: 'recent-deploy' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'db-stopped', column: 'fact', evidenceClueId: 'db-scaled-down' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'db-refused', column: 'fact', evidenceClueId: 'connection-refused' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'not-only-api', column: 'fact', evidenceClueId: 'worker-crashloop' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'users-affected', column: 'fact', evidenceClueId: 'api-no-endpoints' })).toMatchObject({ ok: false });
    // Endpoints: neither the database's Service nor the API's has a ready address.
    expect(s.exec('kubectl get endpoints').stdout).toMatch(/^taskflow-db\s+<none>\s+6d$/m);
    expect(s.state().clues.map((c) => c.id)).toEqual(expect.arrayContaining(['api-no-endpoints', 'db-no-endpoints']));
    expect(s.dispatch({ type: 'moveCard', cardId: 'users-affected', column: 'fact', evidenceClueId: 'api-no-endpoints' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'deploy-caused-it', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // Carrying out the fix in the terminal is the decision.
    expect(s.exec('kubectl scale deployment/taskflow-db --replicas=1').stdout).toBe('deployment.apps/taskflow-db scaled\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(s.state().phase).toBe('verify');
    s.dispatch({ type: 'wait', seconds: 10 });
    expect(pods(s, 'taskflow-db-').filter((p) => !p.name.startsWith('taskflow-db-resize-'))).toEqual([
      expect.objectContaining({ ready: '1/1', status: 'Running', restarts: 0 }),
    ]);
    expect(endpoints(s, 'taskflow-db')).toMatch(/^10\.244\.\d+\.\d+:5432$/);
    // The database is back, the API not yet: its containers wait out the kubelet's back-off.
    expect(pods(s, 'api-service-').every((p) => p.ready === '0/1')).toBe(true);
    const early = resolveAfter(s, 1);
    expect(early.ok).toBe(false);
    expect(early.reasons.join(' ')).toMatch(/Service api-service has no ready endpoints/);

    s.dispatch({ type: 'wait', seconds: 300 });
    const api = pods(s, 'api-service-');
    expect(api.every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    expect(pods(s, 'worker-').every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    expect(s.exec(`kubectl logs ${api[0]!.name}`).stdout).toMatch(/INFO {2}db: connected, pool size 10\n/);
    expect(endpoints(s, 'api-service')).toMatch(/^10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080$/);
    // Still on 2.3.2: the release was never the problem.
    expect(s.exec('kubectl get deployment api-service -o wide --no-headers').stdout).toMatch(/^api-service\s+2\/2\s.*api-service:2\.3\.2\s/);
    const restarts = api.map((p) => p.restarts);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(pods(s, 'api-service-').map((p) => p.restarts)).toEqual(restarts);
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('wrong path: rolling back to 2.3.1 gives pods that crash on the same refused connection, and recovery is refused', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl rollout undo deployment/api-service').stdout).toBe('deployment.apps/api-service rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    s.dispatch({ type: 'wait', seconds: 120 });
    const api = pods(s, 'api-service-');
    expect(api.length).toBeGreaterThan(0);
    expect(api.every((p) => p.ready === '0/1' && /^(CrashLoopBackOff|Error)$/.test(p.status))).toBe(true);
    expect(s.exec('kubectl get deployment api-service -o wide --no-headers').stdout).toMatch(/api-service:2\.3\.1\s/);
    const log = s.exec(`kubectl logs ${api[0]!.name}`).stdout;
    expect(log).toContain('INFO  taskflow-api 2.3.1 starting on');
    expect(log).toContain(`db: dial tcp ${dbServiceIP(s)}:5432: connect: connection refused (attempt 3 of 3)`);
    expect(s.exec('kubectl rollout status deployment/api-service').stdout).toMatch(/^Waiting for deployment "api-service" rollout to finish: 0 of 2 updated replicas are available\.\.\.\n$/);
    const attempt = resolveAfter(s, 120);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/api-service has 0 of 2 replicas available/);
    // The database is still what is missing: restoring it recovers even the rolled-back version.
    s.exec('kubectl scale deployment taskflow-db --replicas=1');
    expect(resolveAfter(s, 420)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(pods(s, 'worker-').every((p) => p.ready === '1/1')).toBe(true);
  });

  it('wrong path: restarting api-service only makes new pods that crash the same way', () => {
    const s = started();
    expect(s.exec('kubectl rollout restart deployment/api-service').stdout).toBe('deployment.apps/api-service restarted\n');
    expect(s.state().decision).toBeUndefined();
    s.dispatch({ type: 'wait', seconds: 90 });
    const api = pods(s, 'api-service-');
    expect(api.every((p) => p.ready === '0/1')).toBe(true);
    expect(s.exec(`kubectl logs ${api[0]!.name}`).stdout).toContain('FATAL startup aborted: the database is unreachable');
  });

  it('hold: waiting for the data team changes nothing, and the API stays down', () => {
    const s = started();
    investigate(s);
    expect(s.dispatch({ type: 'decide', choice: 'hold' })).toEqual({ ok: true });
    const attempt = resolveAfter(s, 600);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/Service api-service has no ready endpoints/);
    expect(pods(s, 'api-service-').every((p) => p.ready === '0/1')).toBe(true);
  });
});
