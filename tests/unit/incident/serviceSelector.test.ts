/**
 * taskflow-service-selector played through the session as a learner would: the web-frontend 1.9.2
 * release renames the pod label tier=web, which the web-frontend Service selects on. Everything
 * here comes from the simulated cluster (healthy pods that no selector picks, an empty Service,
 * requests refused, a patch that merges instead of replacing), not from the scenario's script.
 */
import { describe, expect, it } from 'vitest';
import { type Session, type Severity } from '../../../src/incident';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';
import { resolveAfter, startSession } from './fixtures';

const NS = 'taskflow-demo';
/** 2026-12-08T10:00:00Z */
const ARRIVAL = Date.UTC(2026, 11, 8, 10, 0, 0);
const SELECT_NEW_LABEL = `kubectl patch service web-frontend -p '{"spec":{"selector":{"tier":null,"app.kubernetes.io/component":"web"}}}'`;

function scenario(): Scenario {
  return loadScenarioFile(scenarioPath('taskflow-service-selector'));
}

function started(severity: Severity = 'SEV1'): Session {
  return startSession(scenario(), ARRIVAL, severity);
}

function webPods(s: Session): { name: string; ready: string; status: string; restarts: string; labels: string }[] {
  return s
    .exec(`kubectl get pods -n ${NS} --no-headers --show-labels`)
    .stdout.split('\n')
    .filter((l) => l.startsWith('web-frontend-'))
    .map((l) => {
      const [name, ready, status, restarts, , labels] = l.split(/\s+/) as [string, string, string, string, string, string];
      return { name, ready, status, restarts, labels };
    });
}

/** The ENDPOINTS column of `kubectl get endpoints web-frontend`. */
function endpoints(s: Session): string {
  return s.exec(`kubectl get endpoints web-frontend -n ${NS} --no-headers`).stdout.split(/\s+/)[1] ?? '';
}

/** What a client inside the cluster (and so the edge proxy) gets from the Service. */
function fetchHome(s: Session): { stdout: string; stderr: string } {
  return s.exec(`kubectl exec deploy/api-service -n ${NS} -- wget -qO- http://web-frontend/`);
}

/** The expected investigation path of the answer key. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  s.exec('kubectl get endpoints web-frontend');
  s.exec('kubectl describe service web-frontend');
  s.exec('kubectl get pods --show-labels');
  s.exec('kubectl rollout history deployment/web-frontend');
  s.exec('kubectl rollout history deployment/web-frontend --revision=1');
  s.exec('kubectl exec deploy/api-service -- wget -qO- http://web-frontend/');
}


describe('taskflow-service-selector', () => {
  it('on arrival: three healthy pods with the new label, a Service that selects the old one and has no endpoints', () => {
    const s = started();
    expect(s.namespace()).toBe(NS);
    const pods = webPods(s);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p).toMatchObject({ ready: '1/1', status: 'Running', restarts: '0' });
      expect(p.labels.split(',')).toContain('app.kubernetes.io/component=web');
      expect(p.labels).not.toMatch(/\btier=/);
    }
    expect(s.exec('kubectl rollout status deployment/web-frontend').stdout).toBe('deployment "web-frontend" successfully rolled out\n');
    const svc = s.exec('kubectl describe service web-frontend').stdout;
    expect(svc).toMatch(/^Selector:\s+app=web-frontend,tier=web$/m);
    expect(svc).toMatch(/^Endpoints:\s*$/m);
    expect(endpoints(s)).toBe('<none>');
    expect(s.exec('kubectl get pods -l app=web-frontend,tier=web')).toMatchObject({ stdout: '', stderr: 'No resources found in taskflow-demo namespace.\n' });
    // Nothing in Kubernetes is failing, so nothing warns.
    expect(s.exec('kubectl get events --field-selector type=Warning').stderr).toBe('No resources found in taskflow-demo namespace.\n');
    expect(s.state().clues.map((c) => c.id)).toContain('no-warnings');
    expect(fetchHome(s).stderr).toMatch(/^wget: can't connect to remote host \(\d+\.\d+\.\d+\.\d+\): Connection refused$/m);
  });

  it("the deployment's own template already shows the renamed label, but not what the Service selects", () => {
    const s = started();
    s.exec('kubectl describe deployment web-frontend');
    expect(s.state().clues.map((c) => c.id).sort()).toEqual(['pod-labels', 'pods-healthy', 'recent-deploy']);
  });

  it('walkthrough: the expected path reveals every step, the rollback refills the Service, the postmortem passes', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.map((c) => c.id).sort()).toEqual(
      ['callers-refused', 'no-endpoints', 'old-labels', 'pod-labels', 'pods-healthy', 'recent-deploy', 'service-selector'].sort(),
    );
    expect(st.clues.find((c) => c.id === 'service-selector')?.evidence).toMatch(/tier=web/);

    // The board: facts need the evidence that shows them; assumptions cannot be facts.
    expect(s.dispatch({ type: 'moveCard', cardId: 'pods-unready', column: 'fact', evidenceClueId: 'no-endpoints' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'service-edited', column: 'fact', evidenceClueId: 'service-selector' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'selector-mismatch', column: 'fact', evidenceClueId: 'pods-healthy' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'selector-mismatch', column: 'fact', evidenceClueId: 'pod-labels' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'release-renamed', column: 'fact', evidenceClueId: 'old-labels' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'service-empty', column: 'fact', evidenceClueId: 'no-endpoints' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'moveCard', cardId: 'proxy-broken', column: 'assumption' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });

    expect(s.exec('kubectl rollout undo deployment/web-frontend').stdout).toBe('deployment.apps/web-frontend rolled back\n');
    expect(s.state().decision?.choice).toBe('rollback');
    expect(s.state().phase).toBe('verify');
    s.dispatch({ type: 'wait', seconds: 30 });
    expect(s.exec('kubectl rollout status deployment/web-frontend').stdout).toBe('deployment "web-frontend" successfully rolled out\n');
    const pods = webPods(s);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.ready === '1/1' && p.labels.split(',').includes('tier=web'))).toBe(true);
    expect(endpoints(s)).toMatch(/^\d+\.\d+\.\d+\.\d+:3000,\d+\.\d+\.\d+\.\d+:3000,\d+\.\d+\.\d+\.\d+:3000$/);
    expect(fetchHome(s).stdout).toMatch(/^<!doctype html><title>TaskFlow<\/title><main id="app">web-frontend 1\.9\.1 on web-frontend-\S+<\/main>$/m);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    expect(s.state().phase).toBe('postmortem');

    expect(s.dispatch({ type: 'submitPostmortem', draft: scenario().answerKey.examplePostmortem })).toEqual({ ok: true });
    expect(s.state().phase).toBe('results');
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok)).toEqual([]);
  });

  it('fix-forward: a selector patch that drops tier picks up the 1.9.2 pods at once', () => {
    const s = started();
    investigate(s);
    expect(s.exec(SELECT_NEW_LABEL).stdout).toBe('service/web-frontend patched\n');
    expect(s.state().decision?.choice).toBe('fix-forward');
    s.dispatch({ type: 'wait', seconds: 1 });
    expect(s.exec('kubectl describe service web-frontend').stdout).toMatch(/^Selector:\s+app\.kubernetes\.io\/component=web,app=web-frontend$/m);
    expect(endpoints(s).split(',')).toHaveLength(3);
    expect(fetchHome(s).stdout).toContain('web-frontend 1.9.2 on web-frontend-');
    // The pods were never touched: the same three keep serving.
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('fix-forward on the web side: tier=web back on the template rolls out pods both selectors accept', () => {
    const s = started();
    investigate(s);
    expect(s.exec(`kubectl patch deployment web-frontend -p '{"spec":{"template":{"metadata":{"labels":{"tier":"web"}}}}}'`).stdout).toBe(
      'deployment.apps/web-frontend patched\n',
    );
    expect(s.state().decision?.choice).toBe('fix-forward');
    expect(resolveAfter(s, 120)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    const pods = webPods(s);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.labels.split(',').includes('tier=web') && p.labels.split(',').includes('app.kubernetes.io/component=web'))).toBe(true);
    expect(fetchHome(s).stdout).toContain('web-frontend 1.9.2 on web-frontend-');
  });

  it('wrong path: a patch that only adds the new label keeps tier=web, and the Service stays empty', () => {
    const s = started();
    investigate(s);
    s.exec(`kubectl patch svc web-frontend -p '{"spec":{"selector":{"app.kubernetes.io/component":"web"}}}'`);
    expect(s.state().decision?.choice).toBe('fix-forward');
    // A strategic merge patch merges the selector map: the old key is still required.
    expect(s.exec('kubectl get svc web-frontend -o wide').stdout).toMatch(/\sapp\.kubernetes\.io\/component=web,app=web-frontend,tier=web\n$/);
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/Service web-frontend has no ready endpoints/);
    expect(endpoints(s)).toBe('<none>');
    expect(fetchHome(s).stderr).toContain('Connection refused');
    // Removing the old key as well is what brings the site back.
    s.exec(`kubectl patch svc web-frontend -p '{"spec":{"selector":{"tier":null}}}'`);
    expect(resolveAfter(s, 60)).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
  });

  it('wrong path: restarting the pods changes nothing, the new ones carry the same labels', () => {
    const s = started();
    const before = webPods(s).map((p) => p.name);
    expect(s.exec('kubectl rollout restart deployment/web-frontend').stdout).toBe('deployment.apps/web-frontend restarted\n');
    s.dispatch({ type: 'wait', seconds: 60 });
    const pods = webPods(s);
    expect(pods).toHaveLength(3);
    expect(pods.filter((p) => before.includes(p.name))).toEqual([]);
    expect(pods.every((p) => p.ready === '1/1' && !/\btier=/.test(p.labels))).toBe(true);
    expect(endpoints(s)).toBe('<none>');
    expect(s.dispatch({ type: 'decide', choice: 'rollback' })).toEqual({ ok: true });
    const attempt = resolveAfter(s, 60);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons).toEqual(['Service web-frontend has no ready endpoints: requests still fail.']);
  });

  it('a postmortem that blames the proxy and names no selector is marked down where it is wrong', () => {
    const s = started();
    s.exec('kubectl rollout undo deployment/web-frontend');
    resolveAfter(s, 120);
    expect(s.state().phase).toBe('postmortem');
    const draft = {
      ...scenario().answerKey.examplePostmortem,
      rootCause: 'The edge proxy started returning 503 after the release and had to be worked around by a rollback.',
    };
    expect(s.dispatch({ type: 'submitPostmortem', draft })).toEqual({ ok: true });
    expect(s.state().postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['rootCause']);
  });
});
