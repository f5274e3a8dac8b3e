/**
 * taskflow-rollback-revision played through the session as a learner would: worker 1.5.0
 * (revision 3) crashed, its hotfix 1.5.1 (revision 4) is OOMKilled, and revision 2 runs the 1.4.0
 * that worked. Every outcome comes from the simulated cluster: a plain undo really brings back
 * 1.5.0, which passes its rollout and then crashes on its own; --to-revision=2 really recovers.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

/** 2026-11-27T16:20:00Z */
const ARRIVAL = Date.UTC(2026, 10, 27, 16, 20, 0);

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-rollback-revision'));
}

function started(severity: Severity = 'SEV3'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

interface Row {
  name: string;
  ready: string;
  status: string;
  restarts: string;
}

function workers(s: Session): Row[] {
  return s
    .exec('kubectl get pods --no-headers')
    .stdout.split('\n')
    .filter((l) => l.startsWith('worker-'))
    .map((l) => {
      const [name, ready, status, restarts] = l.split(/\s+/) as [string, string, string, string];
      return { name, ready, status, restarts };
    });
}

function image(s: Session): string {
  return /worker:(\S+)/.exec(s.exec('kubectl get deployment worker -o wide').stdout)?.[1] ?? '';
}


/** The answer key's investigation, up to the decision. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  const pod = workers(s)[0]!.name;
  s.exec(`kubectl describe pod ${pod}`);
  s.exec(`kubectl logs ${pod} --previous`);
  s.exec('kubectl rollout history deployment/worker');
  s.exec('kubectl rollout history deployment/worker --revision=3');
  s.exec('kubectl rollout history deployment/worker --revision=2');
}

describe('taskflow-rollback-revision', () => {
  it('on arrival: both 1.5.1 workers are OOMKilled over and over; four revisions, the last two from today', () => {
    const s = started();
    expect(s.namespace()).toBe('taskflow-demo');
    const pods = workers(s);
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.ready).toBe('0/1');
      expect(p.status).toMatch(/^(CrashLoopBackOff|OOMKilled)$/);
      expect(Number(p.restarts)).toBeGreaterThanOrEqual(5);
    }
    expect(image(s)).toBe('1.5.1');
    const describe = s.exec(`kubectl describe pod ${pods[0]!.name}`).stdout;
    expect(describe).toMatch(/^\s+Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137$/m);
    expect(describe).toMatch(/^\s+Limits:\n(?:.*\n)?\s+memory:\s+128Mi$/m);
    expect(s.exec(`kubectl logs ${pods[0]!.name} --previous`).stdout.trim().split('\n').at(-1)).toMatch(
      /INFO {2}digest: loading full task history for 212 users into memory$/,
    );
    expect(s.exec('kubectl rollout history deployment/worker').stdout).toBe(
      [
        'deployment.apps/worker ',
        'REVISION  CHANGE-CAUSE',
        '1         release 1.3.2',
        '2         release 1.4.0: reminder retries',
        '3         release 1.5.0: daily digest emails',
        '4         hotfix 1.5.1: skip unassigned tasks in digests (1.5.0 crashed on them)',
        '',
        '',
      ].join('\n'),
    );
    // The rest of TaskFlow is untouched.
    expect(s.exec('kubectl get deployments --no-headers').stdout).toMatch(/^api-service\s+2\/2\s.*\nweb-frontend\s+2\/2\s.*\nworker\s+0\/2\s/m);
  });

  it('walkthrough: the expected path reveals every step, undo --to-revision=2 recovers, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['digest-memory', 'exit-137', 'hotfix-latest', 'oom-killed', 'pods-crashlooping', 'rev2-is-140', 'rev3-is-150'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'rev2-is-140')?.evidence).toMatch(/Image:\s+registry\.example\/taskflow\/worker:1\.4\.0/);

    // The board: facts need the evidence that shows them; the runbook's belief cannot be a fact.
    expect(s.dispatch({ type: 'moveCard', cardId: 'undo-is-last-good', column: 'fact', evidenceClueId: 'hotfix-latest' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'node-memory', column: 'fact', evidenceClueId: 'oom-killed' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'undo-lands-on-150', column: 'fact', evidenceClueId: 'rev2-is-140' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'undo-lands-on-150', column: 'fact', evidenceClueId: 'rev3-is-150' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'v150-crashes', column: 'fact', evidenceClueId: 'hotfix-latest' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'oom', column: 'fact', evidenceClueId: 'exit-137' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'undo-is-last-good', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    expect(s.exec('kubectl rollout undo deployment/worker --to-revision=2').stdout).toBe('deployment.apps/worker rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    expect(s.state().phase).toBe('verify');
    s.dispatch({ type: 'wait', seconds: 30 });
    expect(s.exec('kubectl rollout status deployment/worker').stdout).toBe('deployment "worker" successfully rolled out\n');
    expect(image(s)).toBe('1.4.0');
    // Revision 2 moved to the top of the history as revision 5.
    expect(s.exec('kubectl rollout history deployment/worker').stdout).toMatch(/^3\s+release 1\.5\.0.*\n4\s+hotfix 1\.5\.1.*\n5\s+release 1\.4\.0/m);

    // Minutes later the workers are still up, and the logs show reminders going out.
    s.dispatch({ type: 'wait', seconds: 180 });
    const pods = workers(s);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.ready === '1/1' && p.status === 'Running' && p.restarts === '0')).toBe(true);
    expect(s.exec(`kubectl logs ${pods[0]!.name}`).stdout).toMatch(/worker 1\.4\.0 starting\n(?:.*\n)*.*reminders: processing due and overdue reminders\n/);
    expect(s.state().clues.map((c) => c.id)).toContain('reminders-flowing');
    expect(resolveAfter(s, 1)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('wrong path: a plain undo brings back 1.5.0, which rolls out "successfully" and then crashes on its own', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl rollout undo deployment/worker').stdout).toBe('deployment.apps/worker rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    s.dispatch({ type: 'wait', seconds: 15 });
    // The trap: the rollout finishes because 1.5.0 is ready for twenty seconds.
    expect(s.exec('kubectl rollout status deployment/worker').stdout).toBe('deployment "worker" successfully rolled out\n');
    expect(image(s)).toBe('1.5.0');
    expect(workers(s).every((p) => p.ready === '1/1' && p.restarts === '0')).toBe(true);

    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/restarted \d+s ago; it must stay up for 120s/);
    const pods = workers(s);
    expect(pods.every((p) => Number(p.restarts) >= 1)).toBe(true);
    const pod = pods[0]!.name;
    expect(s.exec(`kubectl describe pod ${pod}`).stdout).toMatch(/^\s+Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+2$/m);
    expect(s.exec(`kubectl logs ${pod} --previous`).stdout).toMatch(/FATAL digest: nil assignee in renderTask; exiting with status 2\n$/);
    expect(s.state().clues.map((c) => c.id)).toContain('assignee-crash');

    // A second plain undo would go back to 1.5.1; the history shows where 1.4.0 is.
    expect(s.exec('kubectl rollout history deployment/worker').stdout).toMatch(/^2\s+release 1\.4\.0.*\n4\s+hotfix 1\.5\.1.*\n5\s+release 1\.5\.0/m);
    expect(s.exec('kubectl rollout undo deployment/worker --to-revision=2').stdout).toBe('deployment.apps/worker rolled back\n');
    expect(resolveAfter(s, 180)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(image(s)).toBe('1.4.0');
  });

  it('wrong path: doubling the memory limit only moves the OOM kill later', () => {
    const s = started();
    investigate(s);
    const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"worker","resources":{"limits":{"memory":"256Mi"}}}]}}}}';
    expect(s.exec(`kubectl patch deployment worker -p '${patch}'`).stdout).toBe('deployment.apps/worker patched\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    const attempt = resolveAfter(s, 180);
    expect(attempt.ok).toBe(false);
    const pod = workers(s).find((p) => p.restarts !== '0');
    expect(pod, 'a restarted 1.5.1 worker').toBeDefined();
    expect(s.exec(`kubectl describe pod ${pod!.name}`).stdout).toMatch(/^\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137$/m);
    expect(s.exec(`kubectl describe pod ${pod!.name}`).stdout).toMatch(/^\s+memory:\s+256Mi$/m);
  });

  it('a postmortem that blames the node and skips the revision is marked down where it is wrong', () => {
    const s = started();
    s.exec('kubectl rollout undo deployment/worker --to-revision=2');
    expect(resolveAfter(s, 180).ok).toBe(true);
    const draft = {
      ...scenario().answerKey.examplePostmortem,
      rootCause: 'The node ran short and Kubernetes kept killing the worker pods for no clear reason.',
      resolution: 'We undid the deployment and it was fine after that, as far as we could tell.',
    };
    expect(s.dispatch({ type: 'submitPostmortem', draft })).toEqual({ ok: true });
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['rootCause', 'resolution']);
  });
});
