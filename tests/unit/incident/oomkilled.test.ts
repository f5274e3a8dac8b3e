/**
 * taskflow-oomkilled played through the session as a learner would: BATCH_SIZE in ConfigMap
 * worker-config went from 200 to 5000 and a rollout restart made the workers read it; each run
 * grows past its 256Mi limit and is OOMKilled. Everything here comes from the simulated cluster:
 * memory that follows the batch the container read at start, a rollout undo that restores a
 * template (and nothing else), a ConfigMap edit that only new containers see.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-12-03T10:00:00Z */
const ARRIVAL = Date.UTC(2026, 11, 3, 10, 0, 0);
const RESTORE = `kubectl patch configmap worker-config -p '{"data":{"BATCH_SIZE":"200"}}'`;

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-oomkilled'));
}

function started(severity: Severity = 'SEV3'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

interface Row {
  name: string;
  ready: string;
  status: string;
  restarts: number;
}

function pods(s: Session, prefix = 'worker-'): Row[] {
  return s
    .exec(`kubectl get pods -n ${NS} --no-headers`)
    .stdout.split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => {
      const [name, ready, status, restarts] = l.split(/\s+/) as [string, string, string, string];
      return { name, ready, status, restarts: Number(restarts) };
    });
}

/** Worker rows of `kubectl top pods`: name and MiB. */
function topWorkers(s: Session): { name: string; mib: number }[] {
  return s
    .exec('kubectl top pods')
    .stdout.split('\n')
    .filter((l) => l.startsWith('worker-'))
    .map((l) => {
      const [name, , mem] = l.split(/\s+/) as [string, string, string];
      return { name, mib: Number(mem.replace('Mi', '')) };
    });
}

function wait(s: Session, seconds: number): void {
  for (let left = seconds; left > 0; left -= 60) s.dispatch({ type: 'wait', seconds: Math.min(60, left) });
}

function resolveAfter(s: Session, seconds: number): { ok: boolean; reasons: string[] } {
  wait(s, seconds);
  s.dispatch({ type: 'declareResolved' });
  return s.state().resolveAttempts.at(-1)!;
}

/** The expected investigation path of the answer key (with the wait a learner spends reading). */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  const worker = pods(s)[0]!.name;
  s.exec(`kubectl describe pod ${worker}`);
  // Between restarts a worker has no metrics; a learner tries again a little later.
  wait(s, 120);
  s.exec('kubectl top pods');
  s.exec(`kubectl logs ${worker} --previous`);
  s.exec('kubectl describe configmap worker-config');
  s.exec('kubectl rollout history deployment/worker --revision=2');
}

describe('taskflow-oomkilled', () => {
  it('on arrival: the workers crash-loop after OOM kills while the rest of TaskFlow is healthy', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const workers = pods(s);
    expect(workers).toHaveLength(2);
    for (const w of workers) {
      expect(w.status).toMatch(/^(CrashLoopBackOff|OOMKilled|Running)$/);
      expect(w.restarts).toBeGreaterThanOrEqual(3);
    }
    expect([...pods(s, 'api-service-'), ...pods(s, 'web-frontend-')].every((p) => p.ready === '1/1' && p.status === 'Running' && p.restarts === 0)).toBe(true);

    const describe = s.exec(`kubectl describe pod ${workers[0]!.name}`).stdout;
    expect(describe).toMatch(/ {4}Last State: {5}Terminated\n {6}Reason: {7}OOMKilled\n {6}Exit Code: {4}137\n/);
    expect(describe).toMatch(/^ {4}Limits:\n {6}cpu: {5}250m\n {6}memory: {2}256Mi$/m);
    expect(describe).toContain("BATCH_SIZE:             <set to the key 'BATCH_SIZE' of config map 'worker-config'>  Optional: false");
    expect(s.exec(`kubectl logs ${workers[0]!.name} --previous`).stdout).toMatch(/reminders: 41870 due; claiming a batch of 5000\n[\s\S]*rendering 5000 emails\n$/);
    // The template of revision 2 is revision 1's plus a restart time; both name the same image.
    const history = s.exec('kubectl rollout history deployment/worker').stdout;
    expect(history).toBe('deployment.apps/worker \nREVISION  CHANGE-CAUSE\n1         release 1.4.0\n2         release 1.4.0\n\n');
    expect(s.exec('kubectl rollout history deployment/worker --revision=2').stdout).toContain('kubectl.kubernetes.io/restartedAt: 2026-12-03T09:39:00Z');
    expect(s.exec('kubectl rollout history deployment/worker --revision=1').stdout).not.toContain('restartedAt');
    expect(s.exec('kubectl get configmap worker-config -o jsonpath={.data.BATCH_SIZE}').stdout).toBe('5000');
  });

  it('kubectl top shows a running worker climbing towards its 256Mi limit, then the kill', () => {
    const s = started();
    let seen: { name: string; mib: number } | undefined;
    for (let i = 0; i < 20 && seen === undefined; i++) {
      seen = topWorkers(s).find((w) => w.mib >= 200);
      if (seen === undefined) s.dispatch({ type: 'wait', seconds: 15 });
    }
    expect(seen, 'a worker close to its limit within five minutes').toBeDefined();
    expect(seen!.mib).toBeLessThanOrEqual(256);
    const finished = () => s.exec(`kubectl get pod ${seen!.name} -o jsonpath={.status.containerStatuses[0].lastState.terminated.finishedAt}`).stdout;
    const before = finished();
    wait(s, 120);
    expect(pods(s).find((p) => p.name === seen!.name)).toMatchObject({ ready: '0/1', status: expect.stringMatching(/^(OOMKilled|CrashLoopBackOff)$/) });
    expect(finished()).not.toBe(before);
    expect(s.exec(`kubectl get pod ${seen!.name} -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}`).stdout).toBe('OOMKilled');
  });

  it('walkthrough: the expected path reveals every step, the ConfigMap fix holds, the postmortem passes', () => {
    const s = started();
    investigate(s);
    s.exec('kubectl get pods');
    let st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['app-healthy', 'batch-from-configmap', 'batch-logs', 'configmap-5000', 'memory-near-limit', 'oom-killed', 'restart-revision', 'worker-restarting'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'memory-near-limit')?.evidence).toMatch(/^worker-\S+\s+\d+m\s+\d{3}Mi/);

    // The board: facts need the evidence that shows them; assumptions cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'undo-reverts', column: 'fact', evidenceClueId: 'restart-revision' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'worker-leak', column: 'fact', evidenceClueId: 'memory-near-limit' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'config-source', column: 'fact', evidenceClueId: 'oom-killed' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'config-source', column: 'fact', evidenceClueId: 'configmap-5000' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'oom', column: 'fact', evidenceClueId: 'oom-killed' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'undo-reverts', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // Restoring the value in the ConfigMap is the decision; the restart makes the pods read it.
    expect(s.exec(RESTORE).stdout).toBe('configmap/worker-config patched\n');
    st = s.state();
    expect(st.decision?.choice).toBe('fix-forward');
    expect(st.phase).toBe('verify');
    expect(s.exec('kubectl rollout restart deployment/worker').stdout).toBe('deployment.apps/worker restarted\n');
    wait(s, 30);
    expect(s.exec('kubectl rollout status deployment/worker').stdout).toBe('deployment "worker" successfully rolled out\n');
    // Too early to call: the OOM kill used to come after nearly four minutes.
    s.dispatch({ type: 'declareResolved' });
    expect(s.state().resolveAttempts.at(-1)!.reasons.join(' ')).toMatch(/watch it for 300s/);

    wait(s, 300);
    const workers = pods(s);
    expect(workers).toHaveLength(2);
    expect(workers.every((p) => p.ready === '1/1' && p.status === 'Running' && p.restarts === 0)).toBe(true);
    expect(s.exec(`kubectl logs ${workers[0]!.name}`).stdout).toContain('reminders: batch size 200, polling every 30s');
    const top = topWorkers(s);
    expect(top).toHaveLength(2);
    expect(top.every((w) => w.mib < 100)).toBe(true);
    s.dispatch({ type: 'declareResolved' });
    expect(s.state().resolveAttempts.at(-1)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('wrong path: rollout undo makes new pods, which read 5000 from the ConfigMap and are OOMKilled again', () => {
    const s = started();
    investigate(s);
    const old = pods(s).map((p) => p.name);
    expect(s.exec('kubectl rollout undo deployment/worker').stdout).toBe('deployment.apps/worker rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    wait(s, 60);
    // A rollout happened: new pods, restart counts back at 0, the template without restartedAt...
    const fresh = pods(s);
    expect(fresh).toHaveLength(2);
    expect(fresh.filter((p) => old.includes(p.name))).toEqual([]);
    expect(fresh.every((p) => p.restarts === 0 && p.ready === '1/1')).toBe(true);
    expect(s.exec('kubectl rollout history deployment/worker').stdout).toMatch(/^3\s+release 1\.4\.0$/m);
    // ...but the ConfigMap is what it was, and the new containers read it when they started.
    expect(s.exec(`kubectl logs ${fresh[0]!.name}`).stdout).toContain('claiming a batch of 5000');
    const attempt = resolveAfter(s, 240);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/restarted \d+s ago/);
    const after = pods(s);
    expect(after.every((p) => p.restarts >= 1)).toBe(true);
    expect(s.exec(`kubectl describe pod ${after[0]!.name}`).stdout).toMatch(/Reason: {7}OOMKilled\n {6}Exit Code: {4}137/);
    // Restoring the value still recovers.
    s.exec(RESTORE);
    s.exec('kubectl rollout restart deployment/worker');
    expect(resolveAfter(s, 330)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: holding changes nothing; the workers keep dying and the resolve is refused', () => {
    const s = started();
    investigate(s);
    expect(s.dispatch({ type: 'moveCard', cardId: 'oom', column: 'fact', evidenceClueId: 'oom-killed' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'decide', choice: 'hold' })).toEqual({ ok: true });
    const before = pods(s).map((p) => p.restarts);
    const attempt = resolveAfter(s, 600);
    expect(attempt.ok).toBe(false);
    const after = pods(s).map((p) => p.restarts);
    expect(after.every((r, i) => r > before[i]!)).toBe(true);
  });

  it('the ConfigMap edit alone takes effect at each pod\'s next restart: env is read when a container starts', () => {
    const s = started();
    s.exec(RESTORE);
    const names = pods(s).map((p) => p.name);
    // The back-off (at most five minutes) runs out, the container starts again, and reads 200.
    wait(s, 360);
    const rows = pods(s);
    expect(rows.map((p) => p.name)).toEqual(names);
    expect(rows.every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    for (const p of rows) expect(s.exec(`kubectl logs ${p.name}`).stdout).toContain('batch size 200');
    const counts = rows.map((p) => p.restarts);
    wait(s, 600);
    expect(pods(s).map((p) => p.restarts)).toEqual(counts);
  });

  it('the ConfigMap on its own shows the value, not that the worker reads it; the pod spec shows that', () => {
    const s = started();
    s.exec('kubectl get configmap worker-config -o yaml');
    expect(s.state().clues.map((c) => c.id)).toEqual(['configmap-5000']);
    s.exec(`kubectl get pod ${pods(s)[0]!.name} -o yaml`);
    expect(s.state().clues.map((c) => c.id)).toContain('batch-from-configmap');
  });

  it('overriding BATCH_SIZE in the template with set env also recovers (and counts as fixing forward)', () => {
    const s = started();
    expect(s.exec('kubectl set env deployment/worker BATCH_SIZE=200').stdout).toBe('deployment.apps/worker env updated\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(resolveAfter(s, 330)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    // The ConfigMap still says 5000: the trap is left for the next restart that drops the override.
    expect(s.exec('kubectl get configmap worker-config -o jsonpath={.data.BATCH_SIZE}').stdout).toBe('5000');
  });

  it('raising the memory limit far enough also holds (and shows why 5000 was never going to fit 256Mi)', () => {
    const s = started();
    const out = s.exec(
      `kubectl patch deployment worker -p '{"spec":{"template":{"spec":{"containers":[{"name":"worker","resources":{"limits":{"memory":"1Gi"}}}]}}}}'`,
    );
    expect(out.stdout).toBe('deployment.apps/worker patched\n');
    wait(s, 420);
    const rows = pods(s);
    expect(rows.every((p) => p.ready === '1/1' && p.restarts === 0)).toBe(true);
    expect(topWorkers(s).every((w) => w.mib > 800)).toBe(true);
  });
});
