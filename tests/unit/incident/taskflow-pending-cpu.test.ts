/**
 * taskflow-pending-cpu played through the session as a learner would: the api-service 2.5.0
 * release requests 2 CPUs per pod on nodes with 2 CPUs allocatable and some already requested.
 * Every outcome here comes from the simulated scheduler and controllers (a pod that fits nowhere,
 * a rolling update that keeps the old pods, a Service that follows the ready pods), not from the
 * scenario's script.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-12-07T10:00:00Z */
const ARRIVAL = Date.UTC(2026, 11, 7, 10, 0, 0);
const FIT_ERROR =
  '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-pending-cpu'));
}

function started(severity: Severity = 'SEV4'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

interface Row {
  name: string;
  ready: string;
  status: string;
  node: string;
}

function pods(s: Session, prefix = 'api-service-'): Row[] {
  return s
    .exec('kubectl get pods -o wide --no-headers')
    .stdout.split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => {
      const [name, ready, status, , , , node] = l.split(/\s+/) as [string, string, string, string, string, string, string];
      return { name, ready, status, node };
    });
}

function endpoints(s: Session): string {
  return /^Endpoints:[ \t]*(.*)$/m.exec(s.exec('kubectl describe service api-service').stdout)?.[1] ?? '';
}

function patchCpu(cpu: string): string {
  const patch = { spec: { template: { spec: { containers: [{ name: 'api-service', resources: { requests: { cpu }, limits: { cpu } } }] } } } };
  return `kubectl patch deployment api-service -p '${JSON.stringify(patch)}'`;
}

/** The expected investigation path of the answer key. */
function investigate(s: Session): void {
  s.exec('kubectl get pods -o wide');
  const pending = pods(s).find((p) => p.status === 'Pending');
  expect(pending, 'a Pending api-service pod').toBeDefined();
  s.exec(`kubectl describe pod ${pending!.name}`);
  s.exec('kubectl describe deployment api-service');
  s.exec('kubectl describe nodes');
  s.exec('kubectl rollout history deployment/api-service --revision=1');
  s.exec('kubectl rollout history deployment/api-service');
  s.exec('kubectl describe service api-service');
}


describe('taskflow-pending-cpu', () => {
  it('on arrival: one new pod Pending with no node, three old pods serving, the rollout past its deadline', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const api = pods(s);
    expect(api.filter((p) => p.status === 'Pending')).toEqual([{ name: expect.any(String), ready: '0/1', status: 'Pending', node: '<none>' }]);
    expect(api.filter((p) => p.ready === '1/1' && p.status === 'Running').map((p) => p.node).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(endpoints(s)).toMatch(/^\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080$/);

    const pending = api.find((p) => p.status === 'Pending')!.name;
    const describe = s.exec(`kubectl describe pod ${pending}`).stdout;
    expect(describe).toMatch(/^Node:\s+<none>$/m);
    expect(describe).toMatch(/^ {2}PodScheduled {3}False $/m);
    expect(describe).toMatch(new RegExp(`^ {2}Warning {2}FailedScheduling {2}15m +default-scheduler {2}${FIT_ERROR.replace(/[.()]/g, '\\$&')}$`, 'm'));
    // A pod no node has taken has no container to read: nothing was pulled or started.
    expect(describe).not.toMatch(/Pulled|Started|Created/);

    const deployment = s.exec('kubectl describe deployment api-service').stdout;
    expect(deployment).toMatch(/^Replicas:\s+3 desired \| 1 updated \| 4 total \| 3 available \| 1 unavailable$/m);
    expect(deployment).toMatch(/^\s+Progressing\s+False\s+ProgressDeadlineExceeded$/m);
    expect(deployment).toMatch(/Requests:\n {6}cpu: {5}2\n/);
    expect(s.exec('kubectl rollout status deployment/api-service')).toMatchObject({
      stderr: 'error: deployment "api-service" exceeded its progress deadline\n',
      exitCode: 1,
    });

    // The nodes are far from busy: scheduling reads requests, not usage.
    const top = s.exec('kubectl top nodes').stdout;
    for (const line of top.split('\n').slice(1).filter(Boolean)) expect(Number(/\s(\d+)%\s/.exec(line)![1])).toBeLessThan(50);
    // The emptiest node has 1850m free: still short of 2 CPUs.
    const emptiest = s.exec('kubectl describe node worker-3').stdout;
    expect(emptiest).toMatch(/^Allocatable:\n {2}cpu: {16}2\n/m);
    expect(emptiest).toMatch(/^ {2}cpu {16}150m \(7%\) {3}700m \(35%\)$/m);
    expect(s.state().clues.map((c) => c.id)).toEqual(expect.arrayContaining(['pending-pod', 'failed-scheduling', 'old-pods-serving', 'endpoints-ready', 'rollout-stuck']));
    // What api-service really uses: a few dozen millicores, not 2 CPUs.
    expect(s.exec('kubectl top pods -l app=api-service').stdout).toMatch(/^api-service-\S+\s+\d{2}m\s/m);
    expect(s.state().clues.map((c) => c.id)).toContain('low-usage');
  });

  it('describe node alone does not count as seeing the 2-CPU request: a node says cpu 2 too', () => {
    const s = started();
    s.exec('kubectl describe nodes');
    s.exec('kubectl get node worker-1 -o yaml');
    const ids = s.state().clues.map((c) => c.id);
    expect(ids).toContain('node-allocated');
    expect(ids).not.toContain('request-2-cpu');
  });

  it('walkthrough: the expected path reveals every step, the rollback ends the rollout, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['endpoints-ready', 'failed-scheduling', 'node-allocated', 'old-pods-serving', 'old-request', 'pending-pod', 'release-change', 'request-2-cpu', 'rollout-stuck'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'failed-scheduling')?.evidence).toContain('0/3 nodes are available: 3 Insufficient cpu');

    // The board: facts need the evidence that shows them; red herrings cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'need-nodes', column: 'fact', evidenceClueId: 'failed-scheduling' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'nodes-overloaded', column: 'fact', evidenceClueId: 'node-allocated' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'request-too-big', column: 'fact', evidenceClueId: 'pending-pod' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'request-too-big', column: 'fact', evidenceClueId: 'node-allocated' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'release-raised', column: 'fact', evidenceClueId: 'old-request' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'still-serving', column: 'fact', evidenceClueId: 'endpoints-ready' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'need-nodes', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // Carrying out the rollback in the terminal is the decision.
    expect(s.exec('kubectl rollout undo deployment/api-service').stdout).toBe('deployment.apps/api-service rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    expect(s.state().phase).toBe('verify');
    // The Pending pod goes at once (no node had taken it); the serving pods were never touched.
    expect(pods(s).map((p) => p.status)).toEqual(['Running', 'Running', 'Running']);
    expect(endpoints(s).split(',')).toHaveLength(3);
    s.dispatch({ type: 'wait', seconds: 10 });
    expect(s.exec('kubectl rollout status deployment/api-service').stdout).toBe('deployment "api-service" successfully rolled out\n');
    expect(s.exec('kubectl describe deployment api-service').stdout).toMatch(/^\s+Progressing\s+True\s+NewReplicaSetAvailable$/m);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('fix-forward with the old request (100m) schedules all three 2.5.0 pods and completes the rollout', () => {
    const s = started();
    investigate(s);
    expect(s.exec(patchCpu('100m').replace(/"limits":\{"cpu":"100m"\}/, '"limits":{"cpu":"500m"}')).stdout).toBe('deployment.apps/api-service patched\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    const api = pods(s);
    expect(api).toHaveLength(3);
    expect(api.every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    expect(s.exec('kubectl get deployment api-service -o wide').stdout).toMatch(/api-service\s+3\/3\s+3\s+3\s+.*api-service:2\.5\.0\s/);
    expect(s.exec(`kubectl logs ${api[0]!.name}`).stdout).toMatch(/export: PDF renderer ready/);
  });

  it('fix-forward with kubectl set resources: the request alone back to 100m (the limit may stay 2) finishes the rollout', () => {
    const s = started();
    investigate(s);
    // Lowering only the limit is refused by the API server: nothing changes, nothing is decided.
    expect(s.exec('kubectl set resources deployment api-service --limits=cpu=500m').stderr).toBe(
      'error: failed to patch resources update to pod template Deployment.apps "api-service" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m\n',
    );
    expect(s.state().decision).toBeUndefined();
    expect(s.exec('kubectl set resources deployment/api-service -c api-service --requests=cpu=100m').stdout).toBe(
      'deployment.apps/api-service resource requirements updated\n',
    );
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(pods(s).every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    expect(s.exec('kubectl describe deployment api-service').stdout).toMatch(/Limits:\n {6}cpu: {5}2\n {6}memory: {2}512Mi\n {4}Requests:\n {6}cpu: {5}100m\n/);
  });

  it('wrong path: halving the request to 1 CPU starts one new pod and leaves the next one Pending', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl set resources deployment api-service --requests=cpu=1 --limits=cpu=1').stdout).toBe('deployment.apps/api-service resource requirements updated\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    const attempt = resolveAfter(s, 180);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/rollout has not finished/);
    const api = pods(s);
    // One 1-CPU pod fitted on the emptiest node; with it, no node has 1 CPU free for the second.
    expect(api.filter((p) => p.status === 'Running' && p.ready === '1/1')).toHaveLength(3);
    const pending = api.filter((p) => p.status === 'Pending');
    expect(pending).toHaveLength(1);
    expect(s.exec(`kubectl describe pod ${pending[0]!.name}`).stdout).toContain(FIT_ERROR);
    expect(s.exec('kubectl describe deployment api-service').stdout).toMatch(/^Replicas:\s+3 desired \| 2 updated \| 4 total \| 3 available \| 1 unavailable$/m);
    // Users never noticed: three pods stayed behind the Service.
    expect(endpoints(s).split(',')).toHaveLength(3);
    // The old request does fit, and the rollout then finishes.
    s.exec(patchCpu('100m'));
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: stopping the worker to "make room" frees 1 CPU where 2 are asked for; the pod stays Pending and thumbnails stop', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl scale deployment worker --replicas=0').stdout).toBe('deployment.apps/worker scaled\n');
    s.dispatch({ type: 'wait', seconds: 60 });
    expect(pods(s, 'worker-')).toEqual([]);
    const pending = pods(s).filter((p) => p.status === 'Pending');
    expect(pending).toHaveLength(1);
    // The scheduler tried again as soon as the worker pods left, and failed the same way.
    const events = s.exec(`kubectl describe pod ${pending[0]!.name}`).stdout.split('\n').filter((l) => l.includes('FailedScheduling'));
    expect(events.at(-1)).toContain(FIT_ERROR);
    expect(s.exec('kubectl describe node worker-1').stdout).toMatch(/^ {2}cpu {16}150m \(7%\)/m);
    expect(s.exec('kubectl rollout status deployment/api-service').stderr).toBe('error: deployment "api-service" exceeded its progress deadline\n');
    // Stopping the worker is not a decision about the release: there is nothing to resolve yet.
    expect(s.state().decision).toBeUndefined();
    expect(s.dispatch({ type: 'declareResolved' })).toMatchObject({ ok: false });
  });

  it('wrong path: more api-service replicas go to the old ReplicaSet; the new pod stays Pending and the rollout stuck', () => {
    const s = started();
    expect(s.exec('kubectl scale deployment api-service --replicas=5').stdout).toBe('deployment.apps/api-service scaled\n');
    s.dispatch({ type: 'wait', seconds: 60 });
    const api = pods(s);
    expect(api.filter((p) => p.status === 'Running')).toHaveLength(5);
    expect(api.filter((p) => p.status === 'Pending')).toHaveLength(1);
    expect(s.exec('kubectl get deployment api-service -o wide').stdout).toMatch(/api-service\s+5\/5\s+1\s+5\s+.*api-service:2\.5\.0\s/);
    // Two more ready pods count as progress for the deployment controller: the deadline starts
    // again, and ten minutes later the rollout has timed out once more, no closer to finishing.
    expect(s.exec('kubectl rollout status deployment/api-service').stdout).toMatch(/^Waiting for deployment "api-service" rollout to finish: 1 out of 5 new replicas have been updated\.\.\.$/m);
    s.dispatch({ type: 'wait', seconds: 600 });
    expect(s.exec('kubectl rollout status deployment/api-service').stderr).toBe('error: deployment "api-service" exceeded its progress deadline\n');
    expect(pods(s).filter((p) => p.status === 'Pending')).toHaveLength(1);
  });

  it('a postmortem that blames the cluster size and names no request is marked down where it is wrong', () => {
    const s = started();
    s.exec('kubectl rollout undo deployment/api-service');
    expect(resolveAfter(s, 120).ok).toBe(true);
    const draft = {
      ...scenario().answerKey.examplePostmortem,
      rootCause: 'The cluster had too few nodes for the new version, so it could not start.',
      actionItems: 'Buy two more nodes.',
    };
    expect(s.dispatch({ type: 'submitPostmortem', draft })).toEqual({ ok: true });
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['rootCause', 'actionItems']);
  });
});
