/**
 * taskflow-false-alarm played through the session as a learner would: a critical page for one
 * worker restart, which was the worker renewing its 72-hour database lease by exiting cleanly.
 * Holding is the right call; the wrong calls play out in the simulated cluster (a rollback to a
 * version whose static password was revoked crash-loops; a restart stops the only worker), not
 * because the scenario says so.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-12-08T03:10:00Z */
const ARRIVAL = Date.UTC(2026, 11, 8, 3, 10, 0);

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-false-alarm'));
}

function started(severity: Severity = 'SEV4'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

interface Row {
  name: string;
  ready: string;
  status: string;
  restarts: string;
}

function pods(s: Session, prefix = ''): Row[] {
  return s
    .exec(`kubectl get pods -n ${NS} --no-headers`)
    .stdout.split('\n')
    .filter((l) => l !== '' && l.startsWith(prefix))
    .map((l) => {
      const [name, ready, status, restarts] = l.split(/\s+/) as [string, string, string, string];
      return { name, ready, status, restarts };
    });
}

function workerPod(s: Session): string {
  return pods(s, 'worker-').find((p) => !p.name.startsWith('worker-credentials-cutover-'))!.name;
}

function workerRows(s: Session): Row[] {
  return pods(s, 'worker-').filter((p) => !p.name.startsWith('worker-credentials-cutover-'));
}

/** The expected investigation path of the answer key. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  const worker = workerPod(s);
  s.exec(`kubectl describe pod ${worker}`);
  s.exec(`kubectl logs ${worker} --previous`);
  s.exec('kubectl rollout history deployment/worker');
  s.exec('kubectl describe service api-service');
  s.exec('kubectl get events --field-selector type=Warning');
  s.exec('kubectl logs job/worker-credentials-cutover');
}


describe('taskflow-false-alarm', () => {
  it('on arrival: everything is ready; the worker restarted once, minutes ago, with a clean exit', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const all = pods(s);
    const serving = all.filter((p) => !p.name.startsWith('worker-credentials-cutover-'));
    expect(serving).toHaveLength(5);
    expect(serving.every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    expect(all.find((p) => p.name.startsWith('worker-credentials-cutover-'))).toMatchObject({ ready: '0/1', status: 'Completed' });
    expect(workerRows(s)).toEqual([expect.objectContaining({ restarts: '1' })]);
    expect(s.exec(`kubectl get pods -n ${NS}`).stdout).toMatch(/^worker-\S+\s+1\/1\s+Running\s+1 \(7m\d*s ago\)\s+3d$/m);

    const described = s.exec(`kubectl describe pod ${workerPod(s)}`).stdout;
    expect(described).toMatch(/^ {4}Last State:\s+Terminated\n\s+Reason:\s+Completed\n\s+Exit Code:\s+0\n/m);
    expect(described).toMatch(/^\s+Restart Count:\s+1$/m);
    expect(described).not.toMatch(/Warning/);
    expect(s.exec('kubectl get events --field-selector type=Warning')).toMatchObject({ stdout: '', stderr: `No resources found in ${NS} namespace.\n` });

    const previous = s.exec(`kubectl logs ${workerPod(s)} --previous`).stdout.trimEnd().split('\n');
    expect(previous.at(-3)).toMatch(/INFO {2}credentials: lease ends in 60s; finishing the current job, then restarting for a new lease$/);
    expect(previous.at(-1)).toMatch(/INFO {2}shutting down cleanly; exit status 0$/);
    expect(s.exec(`kubectl logs ${workerPod(s)}`).stdout).toMatch(/INFO {2}jobs: polling every 30s\n$/);
    for (const svc of ['api-service', 'web-frontend']) {
      expect(s.exec(`kubectl describe service ${svc}`).stdout).toMatch(/^Endpoints:\s+\d+\.\d+\.\d+\.\d+:\d+,\d+\.\d+\.\d+\.\d+:\d+$/m);
    }
  });

  it('walkthrough: the expected path reveals every step, holding changes nothing, the system stays healthy, the postmortem passes', () => {
    const s = started('SEV2');
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['clean-exit', 'endpoints-ready', 'lease-release', 'no-warnings', 'password-revoked', 'planned-restart', 'worker-running'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'clean-exit')?.evidence).toMatch(/Reason:\s+Completed/);
    // Severity follows the evidence: lowered once the facts are in.
    expect(s.dispatch({ type: 'setSeverity', severity: 'SEV4' })).toEqual({ ok: true });
    expect(s.state().timeline.map((e) => e.text)).toContain('Severity changed from SEV2 to SEV4');

    // The board: facts need the evidence that shows them; the scary readings cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'worker-crashing', column: 'fact', evidenceClueId: 'worker-running' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'jobs-lost', column: 'fact', evidenceClueId: 'planned-restart' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'users-fine', column: 'fact', evidenceClueId: 'worker-running' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'users-fine', column: 'fact', evidenceClueId: 'endpoints-ready' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'clean-exit', column: 'fact', evidenceClueId: 'clean-exit' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'planned', column: 'fact', evidenceClueId: 'lease-release' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'worker-crashing', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // What the workloads are (ages aside): every column but AGE.
    const workloads = () =>
      s
        .exec('kubectl get deploy,rs -o wide --no-headers')
        .stdout.split('\n')
        .map((l) => l.split(/\s+/).filter((_, i) => i !== 4).join(' '));
    const before = workloads();
    const worker = workerPod(s);
    expect(s.dispatch({ type: 'decide', choice: 'hold' })).toEqual({ ok: true });
    expect(s.state().decision?.choice).toBe('hold');
    expect(s.state().phase).toBe('verify');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    // Nothing changed: the same pod, one restart, the same deployments and ReplicaSets.
    expect(workerPod(s)).toBe(worker);
    expect(workerRows(s)).toEqual([expect.objectContaining({ ready: '1/1', status: 'Running', restarts: '1' })]);
    expect(workloads()).toEqual(before);
    expect(s.state().timeline.some((e) => e.text.startsWith('Ran kubectl'))).toBe(false);
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('a postmortem that blames the worker and promises a rollback is marked down where it is wrong', () => {
    const s = started();
    s.dispatch({ type: 'decide', choice: 'hold' });
    resolveAfter(s, 60);
    expect(s.state().phase).toBe('postmortem');
    const draft = {
      ...scenario().answerKey.examplePostmortem,
      rootCause: 'The worker crashed overnight because release 1.4.1 is unstable under load and must go.',
      actionItems: 'Roll back release 1.4.1 first thing tomorrow and be more careful with releases.',
    };
    expect(s.dispatch({ type: 'submitPostmortem', draft })).toEqual({ ok: true });
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['rootCause', 'actionItems']);
  });

  it('wrong path: rolling back to 1.4.0 stops the healthy worker and starts one whose revoked password fails: an outage of its own', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl rollout undo deployment/worker').stdout).toBe('deployment.apps/worker rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    s.dispatch({ type: 'wait', seconds: 90 });
    const rows = workerRows(s);
    expect(rows).toEqual([expect.objectContaining({ ready: '0/1', status: expect.stringMatching(/^(CrashLoopBackOff|Error)$/) })]);
    expect(s.exec('kubectl get deployment worker -o wide --no-headers').stdout).toMatch(/^worker\s+0\/1\s.*worker:1\.4\.0\s/);
    const log = s.exec(`kubectl logs ${rows[0]!.name}`).stdout;
    expect(log).toContain('ERROR db: password authentication failed for user "taskflow_worker" (static password from DATABASE_URL)');
    expect(log).toMatch(/exiting with status 1\n$/);
    expect(s.exec(`kubectl describe pod ${rows[0]!.name}`).stdout).toMatch(/Warning\s+BackOff\s.*Back-off restarting failed container worker/);
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/worker has 0 of 1 replicas available/);
    // Undoing the undo (back to 1.4.1, now revision 4) is what ends the outage it caused.
    expect(s.exec('kubectl rollout undo deployment/worker').stdout).toBe('deployment.apps/worker rolled back\n');
    expect(s.exec('kubectl rollout history deployment/worker').stdout).toMatch(/^3\s+release 1\.4\.0\n4\s+release 1\.4\.1: short-lived/m);
    expect(resolveAfter(s, 90)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: a restart "to be safe" stops the only worker for a moment and fixes nothing', () => {
    const s = started();
    const before = workerPod(s);
    expect(s.exec('kubectl rollout restart deployment/worker').stdout).toBe('deployment.apps/worker restarted\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    // Recreate: the old pod goes first, so for a moment no worker runs at all.
    expect(s.exec('kubectl get deployment worker --no-headers').stdout).toMatch(/^worker\s+0\/1\s/);
    const early = resolveAfter(s, 5);
    expect(early.ok).toBe(false);
    expect(early.reasons.join(' ')).toMatch(/worker/);
    s.dispatch({ type: 'wait', seconds: 30 });
    const rows = workerRows(s);
    expect(rows).toEqual([expect.objectContaining({ ready: '1/1', status: 'Running', restarts: '0' })]);
    expect(rows[0]!.name).not.toBe(before);
    // The new pod leased a fresh login and will renew it the same way: the page will come again.
    expect(s.exec(`kubectl logs ${rows[0]!.name}`).stdout).toContain('credentials: leased a database login for role taskflow_worker, valid 72h');
    expect(resolveAfter(s, 60).ok).toBe(true);
  });
});
