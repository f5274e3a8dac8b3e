import { describe, expect, it } from 'vitest';
import { matchClue, normaliseCommand } from '../../../src/incident/clues';
import { scenario } from './fixtures';

const clue = (id: string) => scenario().clues.find((c) => c.id === id)!;
const out = (stdout: string, stderr = '') => ({ stdout, stderr, exitCode: 0 });

const PODS = `NAME                           READY   STATUS             RESTARTS       AGE
api-service-7c9f8b6d54-2xkqp   0/1     CrashLoopBackOff   6 (2m31s ago)   9m
web-frontend-5d8c7f9b6-q7wzm   1/1     Running            0              6d
`;

describe('clue detection', () => {
  it('reads `k` as kubectl and ignores extra spaces', () => {
    expect(normaliseCommand('  k   get  po ')).toBe('kubectl get po');
  });

  it('reveals the crash loop from get pods, with the matching row as evidence', () => {
    expect(matchClue(clue('pods-crashlooping'), 'kubectl get pods -n taskflow-demo', out(PODS))).toBe(
      'api-service-7c9f8b6d54-2xkqp   0/1     CrashLoopBackOff   6 (2m31s ago)   9m',
    );
  });

  it('does not reveal what the output did not show', () => {
    expect(matchClue(clue('pods-crashlooping'), 'kubectl get pods', out('', 'No resources found in default namespace.\n'))).toBeUndefined();
    expect(matchClue(clue('missing-config'), 'kubectl get pods -n taskflow-demo', out(PODS))).toBeUndefined();
  });

  it('needs the right kind of command: the same words echoed are not evidence', () => {
    const logLine = '2026-11-24T15:39:00.000Z ERROR config: NOTIFICATIONS_QUEUE_URL is required (reminders ...)';
    expect(matchClue(clue('missing-config'), 'kubectl logs api-service-x -n taskflow-demo', out(logLine))).toBe(logLine);
    expect(matchClue(clue('missing-config'), `echo ${logLine}`, out(logLine))).toBeUndefined();
  });
});
