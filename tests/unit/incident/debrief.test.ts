/**
 * The debrief adds up what the learner did: a careful responder scores high, a careless one is
 * told exactly where the points went. Played through the crash-loop scenario.
 */
import { describe, expect, it } from 'vitest';
import { createSession, type Session } from '../../../src/incident';
import { ARRIVAL, NS, scenario } from './fixtures';

function play(severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4', careful: boolean): Session {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  s.dispatch({ type: 'setSeverity', severity });
  s.dispatch({ type: 'startInvestigation' });
  if (careful) {
    s.dispatch({ type: 'postUpdate', text: 'API: most requests fail for all users. Investigating a release from 10 min ago; next update at 16:10 UTC.' });
    s.exec(`kubectl get pods -n ${NS}`);
    const pod = /api-service-\S+/.exec(s.exec(`kubectl get pods -n ${NS} -o name`).stdout)![0];
    s.exec(`kubectl describe pod ${pod} -n ${NS}`);
    s.exec(`kubectl logs ${pod} -n ${NS} --previous`);
    s.exec(`kubectl rollout history deployment/api-service -n ${NS}`);
    s.exec(`kubectl rollout history deployment/api-service -n ${NS} --revision=1`);
    s.exec(`kubectl describe service api-service -n ${NS}`);
    s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`);
  } else {
    s.dispatch({ type: 'revealHint', hintId: 'component' });
    s.dispatch({ type: 'revealHint', hintId: 'component' });
    s.exec(`kubectl set env deployment/api-service -n ${NS} NOTIFICATIONS_QUEUE_URL=amqp://guess`);
    s.dispatch({ type: 'declareResolved' });
  }
  for (let i = 0; i < 3; i++) s.dispatch({ type: 'wait', seconds: 60 });
  s.dispatch({ type: 'declareResolved' });
  expect(s.state().phase).toBe('postmortem');
  const example = scenario().answerKey.examplePostmortem;
  s.dispatch({ type: 'submitPostmortem', draft: careful ? example : { ...example, rootCause: 'Something broke.', actionItems: 'Be careful.' } });
  return s;
}

function points(s: Session): Record<string, number> {
  return Object.fromEntries(s.state().debrief!.lines.map((l) => [l.id, l.points]));
}

describe('the debrief', () => {
  it('gives a careful responder full marks in every part, and the score is its total', () => {
    const s = play('SEV2', true);
    const d = s.state().debrief!;
    expect(points(s)).toEqual({ severity: 10, evidence: 20, decision: 20, verification: 15, communication: 10, postmortem: 25, hints: 0, time: 0 });
    expect(d.total).toBe(100);
    expect(s.state().score).toBe(100);
    expect(d.lines.find((l) => l.id === 'time')?.detail).toBe(`${d.mitigateMinutes} sim min from the page to your decision; ${d.resolveMinutes} min to confirmed recovery.`);
    expect(d.resolveMinutes).toBeGreaterThanOrEqual(d.mitigateMinutes!);
  });

  it('says where a careless responder lost points: severity, evidence, decision, an early call, silence, the postmortem, hints', () => {
    const s = play('SEV4', false);
    const d = s.state().debrief!;
    const p = points(s);
    expect(p.severity).toBe(0);
    expect(d.lines.find((l) => l.id === 'severity')?.detail).toMatch(/^You set SEV4; expected SEV2 \(you rated it less severe\)\./);
    expect(p.evidence).toBeLessThan(10);
    expect(p.decision).toBe(8);
    expect(d.lines.find((l) => l.id === 'decision')?.detail).toMatch(/the better call here was: Roll back to revision 1/);
    expect(p.verification).toBe(10);
    expect(p.communication).toBe(0);
    expect(p.postmortem).toBeLessThan(25);
    expect(p.hints).toBe(-5);
    expect(d.total).toBe(Object.values(p).reduce((a, b) => a + b, 0));
    expect(s.state().score).toBe(d.total);
  });
});
