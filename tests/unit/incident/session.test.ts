import { describe, expect, it } from 'vitest';
import { createSession, restoreSession, type Session } from '../../../src/incident';
import { ARRIVAL, NS, scenario } from './fixtures';

function started(): Session {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  expect(s.dispatch({ type: 'setSeverity', severity: 'SEV2' })).toEqual({ ok: true });
  expect(s.dispatch({ type: 'startInvestigation' })).toEqual({ ok: true });
  return s;
}

function apiPod(s: Session): string {
  const names = s.exec(`kubectl get pods -n ${NS} -o name`).stdout.split('\n');
  const pod = names.find((n) => n.startsWith('pod/api-service-'));
  expect(pod, 'an api-service pod').toBeDefined();
  return pod!.slice('pod/'.length);
}

/** The expected investigation path of the answer key, typed as a learner would. */
function investigate(s: Session): void {
  s.exec('kubectl get pods');
  s.exec(`kubectl get pods -n ${NS}`);
  const pod = apiPod(s);
  s.exec(`kubectl describe pod ${pod} -n ${NS}`);
  s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
  s.exec(`kubectl rollout history deployment/api-service -n ${NS}`);
}

describe('a session', () => {
  it('starts in the brief, in the default namespace, at the arrival time', () => {
    const s = createSession(scenario(), { arrivalMs: ARRIVAL });
    expect(s.state().phase).toBe('brief');
    expect(s.namespace()).toBe('default');
    expect(s.cluster.now()).toBe(ARRIVAL);
    // The deploy and the alert are already on the timeline; the future is not.
    expect(s.state().timeline.map((t) => t.text)).toEqual([
      expect.stringContaining('api-service 2.4.0'),
      expect.stringContaining('Alert fired'),
      expect.stringContaining('paged'),
    ]);
  });

  it('refuses to start before a severity is set', () => {
    const s = createSession(scenario(), { arrivalMs: ARRIVAL });
    expect(s.dispatch({ type: 'startInvestigation' })).toMatchObject({ ok: false, message: expect.stringMatching(/severity/) });
  });

  it('the wrong namespace reveals nothing; the right one reveals the crash loop', () => {
    const s = started();
    expect(s.exec('kubectl get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(s.state().clues).toEqual([]);
    s.exec(`kubectl get pods -n ${NS}`);
    const ids = s.state().clues.map((c) => c.id);
    expect(ids).toContain('pods-crashlooping');
    expect(s.state().steps.find((x) => x.id === 'component')?.done).toBe(true);
    expect(s.state().timeline.some((t) => t.kind === 'finding' && /CrashLoopBackOff/.test(t.text))).toBe(true);
  });

  it('the expected path completes every investigation step and opens the board', () => {
    const s = started();
    investigate(s);
    const st = s.state();
    expect(st.steps.filter((x) => !x.done).map((x) => x.id)).toEqual([]);
    expect(st.phase).toBe('board');
    expect(st.clues.find((c) => c.id === 'missing-config')?.evidence).toMatch(/NOTIFICATIONS_QUEUE_URL is required/);
  });

  it('a fact must cite evidence that shows it; red herrings cannot become facts', () => {
    const s = started();
    investigate(s);
    expect(s.dispatch({ type: 'moveCard', cardId: 'crashloop', column: 'fact' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'crashloop', column: 'fact', evidenceClueId: 'missing-config' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/does not show/),
    });
    expect(s.dispatch({ type: 'moveCard', cardId: 'database-down', column: 'fact', evidenceClueId: 'missing-config' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'crashloop', column: 'fact', evidenceClueId: 'pods-crashlooping' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'addCard', text: 'Only api-service is affected', column: 'fact', evidenceClueId: 'nope' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'addCard', text: 'Only api-service is affected', column: 'fact', evidenceClueId: 'pods-crashlooping' })).toEqual({ ok: true });
    const board = s.state().board;
    expect(board.find((c) => c.id === 'crashloop')).toMatchObject({ column: 'fact', evidenceClueId: 'pods-crashlooping' });
    expect(board.at(-1)).toMatchObject({ origin: 'learner', column: 'fact' });
  });

  it('hints cost points, level by level, and run out', () => {
    const s = started();
    const set = scenario().hints[0]!;
    for (const _level of set.levels) expect(s.dispatch({ type: 'revealHint', hintId: set.id })).toEqual({ ok: true });
    const cost = set.levels.reduce((sum, l) => sum + l.cost, 0);
    expect(s.state().score).toBe(100 - cost);
    expect(s.dispatch({ type: 'revealHint', hintId: set.id })).toMatchObject({ ok: false });
    expect(s.state().hints).toEqual([{ id: set.id, revealed: set.levels.length }]);
  });

  it('rollback: resolving too early is refused with reasons, then accepted once the cluster has recovered', () => {
    const s = started();
    investigate(s);
    s.dispatch({ type: 'moveCard', cardId: 'crashloop', column: 'fact', evidenceClueId: 'pods-crashlooping' });
    expect(s.dispatch({ type: 'finishBoard' })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'decide', choice: 'rollback' })).toEqual({ ok: true });
    expect(s.state().phase).toBe('verify');

    expect(s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`).stdout).toBe('deployment.apps/api-service rolled back\n');
    s.dispatch({ type: 'declareResolved' });
    const refused = s.state().resolveAttempts.at(-1)!;
    expect(refused.ok).toBe(false);
    expect(refused.reasons.join(' ')).toMatch(/api-service/);
    expect(s.state().score).toBe(90);
    expect(s.state().phase).toBe('verify');

    for (let i = 0; i < 3; i++) s.dispatch({ type: 'wait', seconds: 60 });
    expect(s.exec(`kubectl get pods -n ${NS}`).stdout).toMatch(/api-service-\S+\s+1\/1\s+Running\s+0\s/);
    s.dispatch({ type: 'declareResolved' });
    expect(s.state().resolveAttempts.at(-1)).toMatchObject({ ok: true, reasons: [] });
    expect(s.state().phase).toBe('postmortem');
  });

  it('doing the rollback before deciding counts as the decision', () => {
    const s = started();
    s.exec(`kubectl -n ${NS} rollout undo deploy/api-service`);
    expect(s.state().decision?.choice).toBe('rollback');
    expect(s.state().phase).toBe('verify');
  });

  it('the postmortem is judged section by section, then the results open', () => {
    const s = started();
    s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`);
    s.dispatch({ type: 'wait', seconds: 300 });
    s.dispatch({ type: 'declareResolved' });
    expect(s.state().phase).toBe('postmortem');
    const example = scenario().answerKey.examplePostmortem;
    expect(s.dispatch({ type: 'submitPostmortem', draft: { ...example, actionItems: 'more tests' } })).toEqual({ ok: true });
    const st = s.state();
    expect(st.phase).toBe('results');
    expect(st.postmortem?.feedback.filter((f) => !f.ok).map((f) => f.section)).toEqual(['actionItems']);
  });

  it('save then restore gives the same game, world and terminal', () => {
    const s = started();
    investigate(s);
    s.dispatch({ type: 'moveCard', cardId: 'crashloop', column: 'fact', evidenceClueId: 'restarts' });
    s.dispatch({ type: 'addNote', text: 'paged the api team' });
    s.exec(`kubectl config set-context --current --namespace=${NS}`);
    s.dispatch({ type: 'wait', seconds: 45 });
    const save = structuredClone(s.save());

    const r = restoreSession(scenario(), save);
    expect(r.state()).toEqual(s.state());
    expect(r.namespace()).toBe(NS);
    expect(r.history()).toEqual(s.history());
    expect(r.cluster.now()).toBe(s.cluster.now());
    expect(r.exec('kubectl get pods -o wide')).toEqual(s.exec('kubectl get pods -o wide'));
    expect(r.save().transcript).toContain(`(${NS}) $ kubectl get pods -o wide`);
  });

  it('restoring a save for another scenario or a malformed one fails with a reason', () => {
    const save = started().save();
    expect(() => restoreSession(scenario(), { ...save, scenarioId: 'other' })).toThrow(/belongs to scenario "other"/);
    expect(() => restoreSession(scenario(), { ...save, inputs: 'x' } as never)).toThrow(/malformed/);
  });

  it('follows wall time while playing, never going backwards', () => {
    const s = started();
    s.tick(1_000_000);
    s.tick(1_030_000);
    expect(s.cluster.now()).toBe(ARRIVAL + 30_000);
    s.tick(1_010_000);
    expect(s.cluster.now()).toBe(ARRIVAL + 30_000);
  });

  it('bad actions are refused with a message, never thrown', () => {
    const s = started();
    expect(s.dispatch({ type: 'wait', seconds: 100000 })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'wait', seconds: -1 })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'moveCard', cardId: 'nope', column: 'fact' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'addCard', text: '   ', column: 'unsorted' })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'declareResolved' })).toMatchObject({ ok: false, message: expect.stringMatching(/Decide/) });
    expect(s.dispatch({ type: 'nonsense' } as never)).toMatchObject({ ok: false });
  });
});
