import { describe, expect, it } from 'vitest';
import { createCluster, type WorldSpec } from '../../../src/cluster/index';
import type { ContainerSpec, Outcome } from '../../../src/cluster/spec';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';
import { podsOf, singleAppSpec } from './helpers';

const IMAGE = 'example/app:1.0';
const outcomes: Outcome[] = [
  { when: { envEquals: { QUEUE_URL: 'amqp://queue:5672', APP_LOG_LEVEL: 'debug' } }, logs: [{ after: 0.1, text: 'configured {{env.QUEUE_URL}}' }], readyAfter: 1 },
  { logs: [{ after: 0.1, text: 'missing config' }], exit: { after: 1, code: 1 } },
];

function spec(container: Partial<ContainerSpec>): WorldSpec {
  const s = singleAppSpec(IMAGE, outcomes, {
    configMaps: [{ name: 'app-config', namespace: NS, data: { LOG_LEVEL: 'debug' } }],
    secrets: [{ name: 'app-secrets', namespace: NS, stringData: { QUEUE_URL: 'amqp://queue:5672' } }],
  });
  const step = s.history[0]!;
  if (step.action === 'createDeployment') Object.assign(step.deployment.template.containers[0]!, container);
  return s;
}

const status = (c: ReturnType<typeof createCluster>) => podsOf(c, 'app')[0]!.status!.containerStatuses![0]!;

describe('envFrom', () => {
  it('brings every key of a Secret and a ConfigMap (with its prefix) into the env', () => {
    const c = createCluster(spec({ envFrom: [{ secretRef: { name: 'app-secrets' } }, { prefix: 'APP_', configMapRef: { name: 'app-config' } }] }), ARRIVAL);
    c.advanceTo(ARRIVAL + 30_000);
    expect(status(c).ready).toBe(true);
    const name = podsOf(c, 'app')[0]!.metadata!.name!;
    expect(c.logs(NS, name, undefined, false)).toMatchObject({ ok: true, text: 'configured amqp://queue:5672\n' });
    const describe = runLine(`kubectl describe pod ${name}`, { cluster: c, namespace: NS, history: [] }).stdout;
    expect(describe).toContain([
        '    Environment Variables from:',
        "      app-secrets  Secret                        Optional: false",
        "      app-config   ConfigMap with prefix 'APP_'  Optional: false",
        '    Environment:   <none>',
      ].join('\n'));
  });

  it('an explicit env entry overrides a key from envFrom', () => {
    const c = createCluster(
      spec({ envFrom: [{ secretRef: { name: 'app-secrets' } }, { prefix: 'APP_', configMapRef: { name: 'app-config' } }], env: [{ name: 'APP_LOG_LEVEL', value: 'info' }] }),
      ARRIVAL,
    );
    c.advanceTo(ARRIVAL + 30_000);
    expect(status(c).ready).toBe(false);
    expect(status(c).lastState?.terminated?.exitCode).toBe(1);
  });

  it('a missing ConfigMap or Secret keeps the container in CreateContainerConfigError', () => {
    const c = createCluster(spec({ envFrom: [{ configMapRef: { name: 'app-confg' } }] }), ARRIVAL);
    c.advanceTo(ARRIVAL + 60_000);
    expect(status(c).state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-confg" not found' });
    const pod = podsOf(c, 'app')[0]!;
    const failed = c.list('Event', NS).find((e) => e.involvedObject.uid === pod.metadata!.uid && e.message === 'Error: configmap "app-confg" not found');
    expect(failed?.type).toBe('Warning');

    const s = createCluster(spec({ envFrom: [{ secretRef: { name: 'nope' } }] }), ARRIVAL);
    s.advanceTo(ARRIVAL + 30_000);
    expect(status(s).state?.waiting?.message).toBe('secret "nope" not found');
  });

  it('an optional missing source is skipped', () => {
    const c = createCluster(
      spec({ envFrom: [{ configMapRef: { name: 'absent', optional: true } }, { secretRef: { name: 'app-secrets' } }, { prefix: 'APP_', configMapRef: { name: 'app-config' } }] }),
      ARRIVAL,
    );
    c.advanceTo(ARRIVAL + 30_000);
    expect(status(c).ready).toBe(true);
  });
});
