/**
 * taskflow-crashloop's wrong paths, played by the simulator: a fix-forward with the setting's name
 * misspelt is still a crash loop, and a restart only makes new pods that crash the same way. The
 * game never says so itself: the pods do, and "resolved" is refused with the cluster's reasons.
 */
import { describe, expect, it } from 'vitest';
import { createSession, type Session } from '../../../src/incident';
import { ARRIVAL, NS, resolveAfter, scenario } from './fixtures';

function started(): Session {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
  s.dispatch({ type: 'startInvestigation' });
  return s;
}

function apiPods(s: Session): string[] {
  return s
    .exec(`kubectl get pods -n ${NS} --no-headers`)
    .stdout.split('\n')
    .filter((l) => l.startsWith('api-service-'));
}


describe('taskflow-crashloop wrong paths', () => {
  it('a fix-forward with the setting misspelt keeps crashing: the new pods log the same error and resolve is refused', () => {
    const s = started();
    // Chosen in the panel: the misspelt line does not match the fix-forward's own command.
    expect(s.dispatch({ type: 'decide', choice: 'fix-forward' })).toEqual({ ok: true });
    expect(s.exec(`kubectl set env deployment/api-service -n ${NS} NOTIFICATION_QUEUE_URL=amqp://queue.taskflow-demo:5672`).exitCode).toBe(0);
    const attempt = resolveAfter(s, 180);
    expect(attempt.ok).toBe(false);
    expect(attempt.reasons.join(' ')).toMatch(/not ready|available|restarted/);
    const pods = apiPods(s);
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.some((l) => /\s0\/1\s+(CrashLoopBackOff|Error)\s/.test(l))).toBe(true);
    const pod = pods.find((l) => /\s0\/1\s/.test(l))!.split(/\s+/)[0]!;
    expect(s.exec(`kubectl logs ${pod} -n ${NS} --previous`).stdout).toContain('NOTIFICATIONS_QUEUE_URL is required');
  });

  it('the right name fixes it forward, so the consequence above is the typo and not a script', () => {
    const s = started();
    s.exec(`kubectl set env deployment/api-service -n ${NS} NOTIFICATIONS_QUEUE_URL=amqp://queue.taskflow-demo:5672`);
    expect(resolveAfter(s, 180)).toEqual(expect.objectContaining({ ok: true }));
  });

  it('a rollout restart makes new 2.4.0 pods that crash the same way', () => {
    const s = started();
    expect(s.dispatch({ type: 'decide', choice: 'fix-forward' })).toEqual({ ok: true });
    expect(s.exec(`kubectl rollout restart deployment/api-service -n ${NS}`).stdout).toBe('deployment.apps/api-service restarted\n');
    expect(resolveAfter(s, 180).ok).toBe(false);
    expect(s.exec(`kubectl get deployment api-service -n ${NS} -o wide`).stdout).toMatch(/api-service:2\.4\.0/);
    expect(apiPods(s).every((l) => /\s0\/1\s/.test(l))).toBe(true);
  });
});
