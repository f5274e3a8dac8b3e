import { describe, expect, it } from 'vitest';
import { namespaceFlag, seenPods, seenPodsInTranscript, suggestions } from '../../../src/ui/terminal/suggestions';

const PODS = `NAME                           READY   STATUS             RESTARTS        AGE
web-frontend-ffcfdc74c-288rm   1/1     Running            0               5d23h
api-service-54555d4746-9j5jb   0/1     CrashLoopBackOff   6 (3m19s ago)   8m57s
worker-9fb84ddff-k9kg8         1/1     Running            0               5d23h
`;

const ALL = `NAMESPACE       NAME                           READY   STATUS    RESTARTS   AGE
kube-system     coredns-5d78c9869d-abcde       1/1     Running   0          9d
shop            db-0                           0/1     Pending   0          2m
`;

describe('command suggestions', () => {
  it('reads the namespace a kubectl line names, in each spelling', () => {
    expect(namespaceFlag('kubectl get pods -n taskflow-demo')).toBe('taskflow-demo');
    expect(namespaceFlag('kubectl get pods -ntaskflow-demo')).toBe('taskflow-demo');
    expect(namespaceFlag('kubectl get pods --namespace=shop -o wide')).toBe('shop');
    expect(namespaceFlag('kubectl --namespace shop get pods')).toBe('shop');
    expect(namespaceFlag('kubectl get pods')).toBeUndefined();
  });

  it('picks the first pod that is not ready from get pods, with its namespace and deployment', () => {
    expect(seenPods('kubectl get pods -n taskflow-demo', PODS, 'default')).toEqual({
      pod: 'api-service-54555d4746-9j5jb',
      namespace: 'taskflow-demo',
      deployment: 'api-service',
    });
    // The prompt's own namespace needs no flag.
    expect(seenPods('kubectl get po', PODS, 'taskflow-demo')).toEqual({ pod: 'api-service-54555d4746-9j5jb', deployment: 'api-service' });
  });

  it('takes the namespace from the NAMESPACE column of -A, and no deployment from a StatefulSet pod', () => {
    expect(seenPods('kubectl get pods -A', ALL, 'default')).toEqual({ pod: 'db-0', namespace: 'shop' });
  });

  it('ignores other commands and listings without pods', () => {
    expect(seenPods('kubectl get deploy -n taskflow-demo', PODS, 'default')).toBeUndefined();
    expect(seenPods('kubectl get pods', '', 'default')).toBeUndefined();
    expect(seenPods('kubectl get pods', 'NAME   READY   STATUS\n', 'default')).toBeUndefined();
  });

  it('finds the last get pods in a restored transcript, not output of a later command', () => {
    const transcript = `(default) $ kubectl get pods\nNo resources found in default namespace.\n(default) $ kubectl get pods -n taskflow-demo\n${PODS}(default) $ kubectl get events -n taskflow-demo\nLAST SEEN   TYPE\n`;
    expect(seenPodsInTranscript(transcript, 'default')?.pod).toBe('api-service-54555d4746-9j5jb');
    expect(seenPodsInTranscript('(default) $ echo hi\nhi\n', 'default')).toBeUndefined();
  });

  it('fills in what was seen, and otherwise leaves the cursor where the name goes', () => {
    const seen = suggestions({ pod: 'api-service-54555d4746-9j5jb', namespace: 'taskflow-demo', deployment: 'api-service' });
    expect(seen.map((s) => s.line)).toEqual([
      'kubectl get pods -n taskflow-demo',
      'kubectl describe pod api-service-54555d4746-9j5jb -n taskflow-demo',
      'kubectl logs api-service-54555d4746-9j5jb -n taskflow-demo --previous',
      'kubectl get events -n taskflow-demo',
      'kubectl rollout history deployment/api-service -n taskflow-demo',
      'kubectl rollout undo deployment/api-service -n taskflow-demo',
    ]);
    for (const s of seen) expect(s.cursor).toBe(s.line.length);

    const blank = suggestions(undefined);
    expect(blank.map((s) => s.line)).toEqual([
      'kubectl get pods',
      'kubectl describe pod ',
      'kubectl logs  --previous',
      'kubectl get events',
      'kubectl rollout history deployment/',
      'kubectl rollout undo deployment/',
    ]);
    const logs = blank[2]!;
    expect(logs.line.slice(0, logs.cursor)).toBe('kubectl logs ');
  });
});
