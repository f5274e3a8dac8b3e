/**
 * Incident command around the terminal: stakeholder updates asked for at the right moments and
 * checked for their four parts, the commander's checklist ticking itself, the reasons behind a
 * decision, and the hand-over. All in the pure game layer, on the crash-loop scenario.
 */
import { describe, expect, it } from 'vitest';
import { createSession, type Session } from '../../../src/incident';
import { checkUpdate, UPDATE_INTERVAL_MINUTES } from '../../../src/incident/updates';
import { ARRIVAL, NS, scenario } from './fixtures';

const GOOD_UPDATE =
  'TaskFlow API: most requests fail for all users since 09:21. We identified a bad release and are rolling back now. Next update at 09:50 UTC.';

function started(): Session {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
  s.dispatch({ type: 'startInvestigation' });
  return s;
}

function checklist(s: Session): Record<string, boolean> {
  return Object.fromEntries(s.state().checklist.map((c) => [c.id, c.done]));
}

describe('stakeholder updates', () => {
  it('checks each update for impact, status, next step and the time of the next update', () => {
    expect(checkUpdate(GOOD_UPDATE).filter((c) => !c.ok)).toEqual([]);
    const vague = checkUpdate('Something is going on with the cluster, people are on it.');
    expect(vague.filter((c) => !c.ok).map((c) => c.part)).toEqual(['impact', 'status', 'next', 'nextUpdate']);
    expect(vague.find((c) => c.part === 'nextUpdate')?.feedback).toMatch(/next update at .* or "in 30 minutes"/);
    expect(checkUpdate('No user impact: the alert was noisy and we are monitoring. We will post another update in 30 min.').every((c) => c.ok)).toBe(true);
    expect(checkUpdate('Resolved: API errors stopped after the rollback at 09:40. No further updates; the postmortem follows tomorrow.').every((c) => c.ok)).toBe(true);
  });

  it('is asked for after the page is taken, at mitigation, at resolution, and when silence runs long', () => {
    const s = createSession(scenario(), { arrivalMs: ARRIVAL });
    s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
    expect(s.state().updateDue).toBeUndefined();
    expect(s.dispatch({ type: 'postUpdate', text: GOOD_UPDATE })).toMatchObject({ ok: false });
    s.dispatch({ type: 'startInvestigation' });
    expect(s.state().updateDue?.moment).toBe('severity');
    expect(s.dispatch({ type: 'postUpdate', text: 'short' })).toEqual({ ok: false, message: expect.stringMatching(/at least 40 characters/) });
    expect(s.dispatch({ type: 'postUpdate', text: GOOD_UPDATE })).toEqual({ ok: true });
    expect(s.state().updates).toEqual([expect.objectContaining({ moment: 'severity', text: GOOD_UPDATE })]);
    expect(s.state().updateDue).toBeUndefined();
    expect(s.state().timeline.at(-1)).toMatchObject({ kind: 'comms', text: expect.stringMatching(/^Stakeholder update: TaskFlow API/) });

    for (let m = 0; m < UPDATE_INTERVAL_MINUTES; m += 10) s.dispatch({ type: 'wait', seconds: 600 });
    expect(s.state().updateDue?.moment).toBe('overdue');
    s.dispatch({ type: 'postUpdate', text: 'Still investigating the API errors that affect all users; next update in 20 minutes.' });
    expect(s.state().updateDue).toBeUndefined();

    s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`);
    expect(s.state().updateDue?.moment).toBe('mitigation');
    s.dispatch({ type: 'postUpdate', text: 'We rolled back the API release; users should see errors stop. Verifying now, next update at 10:30.' });
    for (let i = 0; i < 3; i++) s.dispatch({ type: 'wait', seconds: 60 });
    s.dispatch({ type: 'declareResolved' });
    expect(s.state().phase).toBe('postmortem');
    expect(s.state().updateDue?.moment).toBe('resolution');
  });
});

describe('the incident commander checklist', () => {
  it('ticks itself as the learner works, and says what is still open', () => {
    const s = createSession(scenario(), { arrivalMs: ARRIVAL });
    expect(s.state().checklist.map((c) => c.id)).toEqual([
      'acknowledge',
      'impact',
      'severity',
      'communicate',
      'investigate',
      'mitigate',
      'verify',
      'handover',
      'postmortem',
    ]);
    expect(Object.values(checklist(s)).every((d) => !d)).toBe(true);
    s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
    s.dispatch({ type: 'startInvestigation' });
    expect(checklist(s)).toMatchObject({ acknowledge: true, severity: true, impact: false, investigate: false });
    expect(s.state().checklist.find((c) => c.id === 'investigate')?.detail).toMatch(/^Still open: find the failing component/);

    // A failed command shows nothing about users; looking at the Service does.
    s.exec(`kubectl describe service api-servce -n ${NS}`);
    expect(checklist(s).impact).toBe(false);
    s.exec(`kubectl describe service api-service -n ${NS}`);
    expect(checklist(s).impact).toBe(true);

    s.dispatch({ type: 'postUpdate', text: GOOD_UPDATE });
    expect(checklist(s).communicate).toBe(true);
    s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`);
    expect(checklist(s)).toMatchObject({ mitigate: true, verify: false });
    expect(s.dispatch({ type: 'handOver', text: 'Rolled back.' })).toMatchObject({ ok: false });
    expect(
      s.dispatch({ type: 'handOver', text: 'API rolled back to 2.3.1 and stable; 2.4.0 needs NOTIFICATIONS_QUEUE_URL before it ships again (api team).' }),
    ).toEqual({ ok: true });
    expect(checklist(s).handover).toBe(true);
  });
});

describe('the reasons behind a decision', () => {
  it('are recorded with the decision, or given after a call carried out in the terminal', () => {
    const s = started();
    expect(s.dispatch({ type: 'giveReasons', reasons: ['reversibility'] })).toMatchObject({ ok: false });
    s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`);
    expect(s.dispatch({ type: 'giveReasons', reasons: ['gut-feeling' as never] })).toMatchObject({ ok: false });
    expect(s.dispatch({ type: 'giveReasons', reasons: ['time-to-fix', 'reversibility', 'time-to-fix'] })).toEqual({ ok: true });
    expect(s.state().decision).toMatchObject({ choice: 'rollback', reasons: ['reversibility', 'time-to-fix'] });

    const t = started();
    expect(t.dispatch({ type: 'decide', choice: 'rollback', reasons: ['confidence', 'blast-radius'] })).toEqual({ ok: true });
    expect(t.state().decision?.reasons).toEqual(['blast-radius', 'confidence']);
    expect(t.state().timeline.at(-1)?.text).toBe('Decision: roll back (because of blast radius, confidence)');
  });

  it('survive a save and restore', async () => {
    const { restoreSession } = await import('../../../src/incident');
    const s = started();
    s.dispatch({ type: 'postUpdate', text: GOOD_UPDATE });
    s.dispatch({ type: 'decide', choice: 'rollback', reasons: ['reversibility'] });
    const r = restoreSession(scenario(), s.save());
    expect(r.state().updates).toEqual(s.state().updates);
    expect(r.state().decision).toEqual(s.state().decision);
  });
});
