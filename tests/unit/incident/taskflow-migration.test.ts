/**
 * taskflow-migration played through the session as a learner would: api-service 2.5.0 ran
 * migration 0042 (schema 41 -> 42, no way back) and then crash-loops on a flag the release notes
 * said to remove. Every outcome comes from the simulated cluster: the migration Job's run sets the
 * schema fact, 2.5.0 starts once its environment no longer has the flag, and 2.4.3 refuses the
 * new schema on its own when a rollback brings it back.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

/** 2026-11-26T21:30:00Z */
const ARRIVAL = Date.UTC(2026, 10, 26, 21, 30, 0);

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-migration'));
}

function started(severity: Severity = 'SEV1'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

interface Row {
  name: string;
  ready: string;
  status: string;
  restarts: string;
}

function pods(s: Session, prefix: string): Row[] {
  return s
    .exec('kubectl get pods --no-headers')
    .stdout.split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => {
      const [name, ready, status, restarts] = l.split(/\s+/) as [string, string, string, string];
      return { name, ready, status, restarts };
    });
}

const apiPods = (s: Session) => pods(s, 'api-service-');

function endpoints(s: Session): string {
  return /^Endpoints:[ \t]*(.*)$/m.exec(s.exec('kubectl describe service api-service').stdout)?.[1] ?? '';
}


/** The answer key's investigation, up to the decision. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  const pod = apiPods(s)[0]!.name;
  s.exec(`kubectl describe pod ${pod}`);
  s.exec(`kubectl logs ${pod} --previous`);
  s.exec('kubectl rollout history deployment/api-service --revision=2');
  s.exec('kubectl get jobs');
  s.exec('kubectl logs job/api-migrate-2-5-0');
  s.exec('cat release-notes-2.5.0.md');
}

describe('taskflow-migration', () => {
  it('on arrival: 2.5.0 crash-loops on its flag after connecting to a migrated database, and the API has no endpoints', () => {
    const s = started();
    expect(s.namespace()).toBe('taskflow-demo');
    const api = apiPods(s);
    expect(api).toHaveLength(2);
    for (const p of api) {
      expect(p.ready).toBe('0/1');
      expect(p.status).toMatch(/^(CrashLoopBackOff|Error)$/);
      expect(Number(p.restarts)).toBeGreaterThanOrEqual(4);
    }
    // The migration's pod finished on purpose; the rest of the product is untouched.
    expect(pods(s, 'api-migrate-2-5-0-')).toEqual([expect.objectContaining({ ready: '0/1', status: 'Completed', restarts: '0' })]);
    expect(pods(s, 'worker-')).toEqual([expect.objectContaining({ ready: '1/1', status: 'Running' })]);
    expect(s.exec('kubectl get jobs').stdout).toMatch(/^api-migrate-2-5-0\s+Complete\s+1\/1\s/m);
    expect(endpoints(s)).toBe('');
    expect(s.exec('kubectl get endpoints api-service').stdout).toMatch(/^api-service\s+\d+d\n$/m);
    expect(s.state().clues.map((c) => c.id)).toContain('no-endpoints');

    const describe = s.exec(`kubectl describe pod ${api[0]!.name}`).stdout;
    expect(describe).toMatch(/^\s+Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1$/m);
    expect(describe).toMatch(/^\s+FEATURE_LEGACY_COMMENTS:\s+true$/m);
    const log = s.exec(`kubectl logs ${api[0]!.name} --previous`).stdout;
    expect(log).toContain('INFO  db: schema version 42 (supported: 42)');
    expect(log).toContain('ERROR config: FEATURE_LEGACY_COMMENTS=true, but 2.5.0 serves comments from task_events');
    expect(log.trim().split('\n').at(-1)).toMatch(/FATAL startup aborted: unset FEATURE_LEGACY_COMMENTS/);
    expect(s.exec('kubectl logs job/api-migrate-2-5-0').stdout).toMatch(/schema version is now 42; builds before 2\.5\.0 refuse to start against it\n$/);
    expect(s.exec('ls').stdout).toContain('release-notes-2.5.0.md');
  });

  it('walkthrough: the expected path reveals every step, the fix-forward brings 2.5.0 up, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      [
        'exit-code',
        'flag-in-template',
        'flag-refused',
        'migration-ran',
        'no-down-step',
        'pods-crashlooping',
        'recent-deploy',
        'release-step-skipped',
        'schema-42',
      ].sort(),
    );
    expect(st.clues.find((c) => c.id === 'schema-42')?.evidence).toMatch(/schema version is now 42/);

    // The board: facts need the evidence that shows them; the tempting assumptions cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'rollback-works', column: 'fact', evidenceClueId: 'recent-deploy' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'migration-failed', column: 'fact', evidenceClueId: 'migration-ran' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'old-cannot-run', column: 'fact', evidenceClueId: 'pods-crashlooping' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'old-cannot-run', column: 'fact', evidenceClueId: 'schema-42' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'flag-blocks-start', column: 'fact', evidenceClueId: 'flag-refused' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'rollback-works', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    // Carrying out the fix in the terminal is the decision.
    expect(s.exec('kubectl set env deployment/api-service FEATURE_LEGACY_COMMENTS-').stdout).toBe('deployment.apps/api-service env updated\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(s.state().phase).toBe('verify');
    s.dispatch({ type: 'wait', seconds: 30 });
    expect(s.exec('kubectl rollout status deployment/api-service').stdout).toBe('deployment "api-service" successfully rolled out\n');
    const api = apiPods(s);
    expect(api).toHaveLength(2);
    expect(api.every((p) => p.ready === '1/1' && p.status === 'Running' && p.restarts === '0')).toBe(true);
    expect(s.exec(`kubectl logs ${api[0]!.name}`).stdout).toMatch(/schema version 42 \(supported: 42\)\n.*activity: task feed enabled\n.*http: listening on :8080\n$/);
    expect(endpoints(s)).toMatch(/^\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080$/);
    // Still 2.5.0: the fix kept the release, as revision 3.
    expect(s.exec('kubectl rollout history deployment/api-service').stdout).toMatch(/^3\s+release 2\.5\.0/m);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('a premature resolve right after the fix is refused with the reasons the cluster gives', () => {
    const s = started();
    s.exec('kubectl set env deployment/api-service FEATURE_LEGACY_COMMENTS-');
    s.dispatch({ type: 'declareResolved' });
    const attempt = s.state().resolveAttempts.at(-1)!;
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/api-service has 0 of 2 replicas available/);
    expect(attempt.reasons.join(' ')).toMatch(/Service api-service has no ready endpoints/);
    expect(s.state().phase).toBe('verify');
  });

  it('wrong path: rolling back brings 2.4.3, which refuses schema 42 and crash-loops; going forward again recovers', () => {
    const s = started();
    investigate(s);
    expect(s.exec('kubectl rollout undo deployment/api-service').stdout).toBe('deployment.apps/api-service rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    s.dispatch({ type: 'wait', seconds: 120 });

    // The rollback itself went through: the pods run the old image, and the old image refuses the database.
    expect(s.exec('kubectl get deployment api-service -o wide').stdout).toMatch(/api-service\s+0\/2\s+2\s+0\s.*api-service:2\.4\.3\s/);
    const api = apiPods(s);
    expect(api).toHaveLength(2);
    expect(api.every((p) => p.ready === '0/1' && /^(CrashLoopBackOff|Error)$/.test(p.status))).toBe(true);
    expect(s.exec(`kubectl logs ${api[0]!.name} --previous`).stdout).toContain(
      'FATAL db: schema version 42 is newer than this build supports (41); refusing to start',
    );
    expect(s.exec(`kubectl describe pod ${api[0]!.name}`).stdout).toMatch(/^\s+Exit Code:\s+1$/m);
    expect(endpoints(s)).toBe('');
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/Service api-service has no ready endpoints/);

    // Undoing the undo brings 2.5.0 back, still with the flag: only removing it ends the outage.
    expect(s.exec('kubectl rollout undo deployment/api-service --to-revision=2').stdout).toBe('deployment.apps/api-service rolled back\n');
    s.dispatch({ type: 'wait', seconds: 60 });
    expect(s.exec(`kubectl logs ${apiPods(s)[0]!.name}`).stdout).toContain('FEATURE_LEGACY_COMMENTS=true, but 2.5.0');
    s.exec('kubectl set env deployment/api-service FEATURE_LEGACY_COMMENTS-');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('setting the flag to false is the same fix; any other value still stops 2.5.0', () => {
    const s = started();
    s.exec('kubectl set env deployment/api-service FEATURE_LEGACY_COMMENTS=yes');
    expect(s.state().decision?.choice).toBe('fix-forward');
    const attempt = resolveAfter(s, 120);
    expect(attempt.ok).toBe(false);
    expect(s.exec(`kubectl logs ${apiPods(s)[0]!.name}`).stdout).toContain('FEATURE_LEGACY_COMMENTS=yes, but 2.5.0');
    s.exec('kubectl set env deployment/api-service FEATURE_LEGACY_COMMENTS=false');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });
});
