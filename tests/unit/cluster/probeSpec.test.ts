import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';
import { podsOf, singleAppSpec } from './helpers';

describe('probes in the pod template', () => {
  it('are stored with the API defaults and shown by describe pod as kubectl does', () => {
    const s = singleAppSpec('example/api:1', [{ logs: [], readyAfter: 1 }]);
    const step = s.history[0]!;
    if (step.action === 'createDeployment') {
      Object.assign(step.deployment.template.containers[0]!, {
        ports: [{ containerPort: 8080, name: 'http' }],
        readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
        livenessProbe: { httpGet: { port: 8080 }, initialDelaySeconds: 10 },
        startupProbe: { exec: { command: ['cat', '/tmp/started'] }, failureThreshold: 30 },
      });
    }
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(ARRIVAL + 10_000);
    const pod = podsOf(c, 'app')[0]!;
    expect(pod.spec!.containers[0]!.livenessProbe).toEqual({
      httpGet: { path: '/', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 10,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    const out = runLine(`kubectl describe pod ${pod.metadata!.name}`, { cluster: c, namespace: NS, history: [] }).stdout;
    expect(out).toContain(
      [
        '    Liveness:       http-get http://:8080/ delay=10s timeout=1s period=10s #success=1 #failure=3',
        '    Readiness:      http-get http://:http/ready delay=0s timeout=1s period=5s #success=1 #failure=3',
        '    Startup:        exec [cat /tmp/started] delay=0s timeout=1s period=10s #success=1 #failure=30',
        '    Environment:    <none>',
      ].join('\n'),
    );
  });
});
