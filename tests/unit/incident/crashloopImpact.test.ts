/**
 * The crash loop's impact clue: the Service has endpoints, none of them ready. kubectl shows that
 * as an empty Endpoints line (describe) or an empty column (get endpoints), and the clue must be
 * found from either, and not once the rolled-back pods serve.
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/incident';
import { ARRIVAL, NS, scenario } from './fixtures';

function started() {
  const s = createSession(scenario(), { arrivalMs: ARRIVAL });
  s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
  s.dispatch({ type: 'startInvestigation' });
  return s;
}

describe('taskflow-crashloop: no ready endpoints', () => {
  it.each([`kubectl describe service api-service -n ${NS}`, `kubectl get endpoints -n ${NS}`, `k describe svc -n ${NS}`])('is found with %s', (line) => {
    const s = started();
    s.exec(line);
    expect(s.state().clues.map((c) => c.id)).toContain('no-endpoints');
  });

  it('is not found once the rollback serves', () => {
    const s = started();
    s.exec(`kubectl rollout undo deployment/api-service -n ${NS}`);
    for (let i = 0; i < 3; i++) s.dispatch({ type: 'wait', seconds: 60 });
    s.exec(`kubectl describe service api-service -n ${NS}`);
    s.exec(`kubectl get endpoints -n ${NS}`);
    expect(s.state().clues.map((c) => c.id)).not.toContain('no-endpoints');
  });
});
