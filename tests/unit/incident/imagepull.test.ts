/**
 * taskflow-imagepull played through the session as a learner would: the web-frontend 1.9.0
 * release asks for a tag that was never pushed (1.90). Every outcome here comes from the simulated
 * cluster (pulls that fail, a rolling update that keeps the old pods, a Service that follows the
 * ready pods), not from the scenario's script.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-11-25T10:00:00Z */
const ARRIVAL = Date.UTC(2026, 10, 25, 10, 0, 0);
const GOOD = 'registry.example/taskflow/web-frontend:1.9.0';

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-imagepull'));
}

function started(severity: Severity = 'SEV4'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

function webPods(s: Session): { name: string; ready: string; status: string }[] {
  return s
    .exec(`kubectl get pods -n ${NS} --no-headers`)
    .stdout.split('\n')
    .filter((l) => l.startsWith('web-frontend-'))
    .map((l) => {
      const [name, ready, status] = l.split(/\s+/) as [string, string, string];
      return { name, ready, status };
    });
}

function endpoints(s: Session): string {
  return /^Endpoints:[ \t]*(.*)$/m.exec(s.exec(`kubectl describe service web-frontend -n ${NS}`).stdout)?.[1] ?? '';
}

/** The expected investigation path of the answer key. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  const failing = webPods(s).find((p) => p.ready === '0/1');
  expect(failing, 'a web-frontend pod that is not ready').toBeDefined();
  s.exec(`kubectl describe pod ${failing!.name}`);
  s.exec('kubectl describe service web-frontend');
  s.exec('kubectl rollout history deployment/web-frontend');
  s.exec('kubectl get deployment web-frontend -o wide');
  s.exec('kubectl describe deployment web-frontend');
}


describe('taskflow-imagepull', () => {
  it('on arrival: two new pods fail to pull, two old pods serve, and the Service has their endpoints', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const pods = webPods(s);
    expect(pods.filter((p) => p.ready === '0/1').map((p) => p.status)).toEqual([
      expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/),
      expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/),
    ]);
    expect(pods.filter((p) => p.ready === '1/1' && p.status === 'Running')).toHaveLength(2);
    expect(endpoints(s)).toMatch(/^\d+\.\d+\.\d+\.\d+:3000,\d+\.\d+\.\d+\.\d+:3000$/);
    const failing = pods.find((p) => p.ready === '0/1')!;
    expect(s.exec(`kubectl describe pod ${failing.name}`).stdout).toContain(
      'Failed to pull image "registry.example/taskflow/web-frontend:1.90": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example/taskflow/web-frontend:1.90": failed to resolve reference "registry.example/taskflow/web-frontend:1.90": registry.example/taskflow/web-frontend:1.90: not found',
    );
    // Before the deadline the rollout is only waiting; three minutes later it has timed out.
    expect(s.exec('kubectl describe deployment web-frontend').stdout).toMatch(/^\s+Progressing\s+True\s+ReplicaSetUpdated$/m);
    s.dispatch({ type: 'wait', seconds: 200 });
    expect(s.exec('kubectl describe deployment web-frontend').stdout).toMatch(/^\s+Progressing\s+False\s+ProgressDeadlineExceeded$/m);
    expect(s.state().clues.map((c) => c.id)).toContain('rollout-stuck');
  });

  it('walkthrough: the expected path reveals every step, the rollback ends the rollout, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['endpoints-ready', 'old-pods-serving', 'pull-errors', 'release-meant', 'tag-not-found', 'typo-tag'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'tag-not-found')?.evidence).toMatch(/web-frontend:1\.90: not found/);

    // The board: facts need the evidence that shows them; red herrings cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'registry-down', column: 'fact', evidenceClueId: 'tag-not-found' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'site-down', column: 'fact', evidenceClueId: 'pull-errors' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'still-serving', column: 'fact', evidenceClueId: 'pull-errors' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'still-serving', column: 'fact', evidenceClueId: 'endpoints-ready' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'tag-typo', column: 'fact', evidenceClueId: 'typo-tag' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'registry-down', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // Carrying out the rollback in the terminal is the decision.
    expect(s.exec('kubectl rollout undo deployment/web-frontend').stdout).toBe('deployment.apps/web-frontend rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    expect(s.state().phase).toBe('verify');
    // The serving pods were never touched: the Service kept its endpoints throughout.
    expect(endpoints(s)).not.toBe('');
    s.dispatch({ type: 'wait', seconds: 30 });
    expect(s.exec('kubectl rollout status deployment/web-frontend').stdout).toBe('deployment "web-frontend" successfully rolled out\n');
    const pods = webPods(s);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.ready === '1/1' && p.status === 'Running')).toBe(true);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('a postmortem that calls it an outage and names no tag is marked down where it is wrong', () => {
    const s = started();
    s.exec(`kubectl rollout undo deployment/web-frontend`);
    resolveAfter(s, 120);
    expect(s.state().phase).toBe('postmortem');
    const draft = {
      ...scenario().answerKey.examplePostmortem,
      impact: 'Users got errors on every page for the whole 15 minutes.',
      rootCause: 'The web-frontend pods were broken after something went wrong in the cluster.',
    };
    expect(s.dispatch({ type: 'submitPostmortem', draft })).toEqual({ ok: true });
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['impact', 'rootCause']);
  });

  it('fix-forward with the right tag completes the rollout on 1.9.0', () => {
    const s = started();
    investigate(s);
    expect(s.exec(`kubectl set image deployment/web-frontend web-frontend=${GOOD}`).stdout).toBe('deployment.apps/web-frontend image updated\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true }));
    expect(s.exec('kubectl get deployment web-frontend -o wide').stdout).toMatch(/web-frontend\s+3\/3\s+3\s+3\s+.*web-frontend:1\.9\.0\s/);
    const pod = webPods(s)[0]!.name;
    expect(s.exec(`kubectl logs ${pod}`).stdout).toMatch(/web-frontend 1\.9\.0 serving on :3000/);
  });

  it('wrong path: fix-forward with another wrong tag leaves the rollout stuck and recovery refused', () => {
    const s = started();
    investigate(s);
    s.exec('kubectl set image deployment/web-frontend web-frontend=registry.example/taskflow/web-frontend:1.9');
    expect(s.state().decision?.choice).toBe('fix-forward');
    const attempt = resolveAfter(s, 180);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/rollout has not finished/);
    const failing = webPods(s).filter((p) => p.ready === '0/1');
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((p) => /^(ErrImagePull|ImagePullBackOff)$/.test(p.status))).toBe(true);
    expect(s.exec(`kubectl describe pod ${failing[0]!.name}`).stdout).toContain('registry.example/taskflow/web-frontend:1.9: not found');
    // The old pods still serve: a stuck release, not an outage.
    expect(endpoints(s)).not.toBe('');
    // Correcting the tag afterwards still recovers.
    s.exec(`kubectl set image deployment/web-frontend web-frontend=${GOOD}`);
    expect(resolveAfter(s, 120).ok).toBe(true);
  });

  it('wrong path: deleting the old ReplicaSet to "make room" takes the site down', () => {
    const s = started();
    investigate(s);
    const old = s
      .exec('kubectl get rs --no-headers')
      .stdout.split('\n')
      .find((l) => /^web-frontend-\S+\s+2\s+2\s+2\s/.test(l))
      ?.split(/\s+/)[0];
    expect(old, 'the old ReplicaSet with two ready pods').toBeDefined();
    expect(s.exec(`kubectl delete rs ${old!}`).stdout).toBe(`replicaset.apps "${old!}" deleted\n`);
    s.dispatch({ type: 'wait', seconds: 60 });
    // The deployment scales the broken ReplicaSet up in its place: nothing is left to serve.
    const pods = webPods(s);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.ready === '0/1')).toBe(true);
    expect(endpoints(s)).toBe('');
    // The rollback went with the ReplicaSet: revision 1 no longer exists to return to.
    expect(s.exec('kubectl rollout undo deployment/web-frontend')).toMatchObject({
      stdout: '',
      stderr: 'error: no rollout history found for deployment "web-frontend"\n',
    });
    expect(s.state().decision).toBeUndefined();
    expect(s.dispatch({ type: 'decide', choice: 'rollback' })).toEqual({ ok: true });
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/Service web-frontend has no ready endpoints/);
    // Only the corrected tag brings the site back now.
    s.exec(`kubectl set image deployment/web-frontend web-frontend=${GOOD}`);
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: a rollout restart pulls the same missing tag, and a plain undo after it returns to 1.90', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl rollout restart deployment/web-frontend').stdout).toBe('deployment.apps/web-frontend restarted\n');
    s.dispatch({ type: 'wait', seconds: 60 });
    const failing = webPods(s).filter((p) => p.ready === '0/1');
    expect(failing).toHaveLength(2);
    expect(s.exec(`kubectl describe pod ${failing[0]!.name}`).stdout).toContain('registry.example/taskflow/web-frontend:1.90: not found');
    // undo goes back one revision: the restart made the broken template "previous".
    expect(s.exec('kubectl rollout undo deployment/web-frontend').stdout).toBe('deployment.apps/web-frontend rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    const attempt = resolveAfter(s, 120);
    expect(attempt.ok).toBe(false);
    expect(s.exec('kubectl get deployment web-frontend -o wide').stdout).toMatch(/web-frontend\s+2\/3\s.*web-frontend:1\.90\s/);
    // Reading the history and naming the revision is what ends it.
    expect(s.exec('kubectl rollout history deployment/web-frontend').stdout).toMatch(/^1\s+release 1\.8\.2$/m);
    expect(s.exec('kubectl rollout undo deployment/web-frontend --to-revision=1').stdout).toBe('deployment.apps/web-frontend rolled back\n');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: deleting the old pods does not help the rollout; the ReplicaSet puts them back', () => {
    const s = started();
    const old = webPods(s).filter((p) => p.ready === '1/1').map((p) => p.name);
    expect(old).toHaveLength(2);
    s.exec(`kubectl delete pod ${old.join(' ')}`);
    s.dispatch({ type: 'wait', seconds: 60 });
    const pods = webPods(s);
    expect(pods.filter((p) => old.includes(p.name))).toEqual([]);
    expect(pods.filter((p) => p.ready === '1/1')).toHaveLength(2);
    expect(pods.filter((p) => p.ready === '0/1')).toHaveLength(2);
    expect(s.exec('kubectl rollout status deployment/web-frontend').stdout).toMatch(/^Waiting for deployment "web-frontend" rollout to finish/);
  });
});
