/**
 * History steps that change what containers read without touching the pod template (a ConfigMap
 * edited in place, a Secret deleted and created again) and the `rollout restart` that makes the
 * pods read it again. Running containers keep the env they started with; every new start reads
 * the objects as they are then.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type WorldSpec } from '../../../src/cluster/index';
import type { Outcome } from '../../../src/cluster/spec';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';
import { podsOf, singleAppSpec } from './helpers';

const IMAGE = 'example/batcher:2.0';
const outcomes: Outcome[] = [{ logs: [{ after: 0.1, text: 'batch size {{env.BATCH_SIZE}}' }], readyAfter: 1 }];

function spec(later: WorldSpec['history']): WorldSpec {
  const s = singleAppSpec(IMAGE, outcomes, { configMaps: [{ name: 'batcher', namespace: NS, data: { BATCH_SIZE: '200' } }] });
  const step = s.history[0]!;
  if (step.action === 'createDeployment') {
    step.at = -3600;
    step.deployment.template.containers[0]!.env = [{ name: 'BATCH_SIZE', valueFrom: { configMapKeyRef: { name: 'batcher', key: 'BATCH_SIZE' } } }];
  }
  s.history.push(...later);
  return s;
}

const run = (c: ReturnType<typeof createCluster>, line: string) => runLine(line, { cluster: c, namespace: NS, history: [] }).stdout;
const logsOf = (c: ReturnType<typeof createCluster>) =>
  podsOf(c, 'app')
    .filter((p) => p.metadata?.deletionTimestamp === undefined)
    .map((p) => {
      const l = c.logs(NS, p.metadata!.name!, undefined, false);
      return l.ok ? l.text : l.message;
    });

describe('history: updateConfigMap, restartDeployment, recreateSecret', () => {
  it('an edited ConfigMap changes nothing for a running pod; the restart after it reads the new value', () => {
    const c = createCluster(
      spec([
        { at: 60, action: 'updateConfigMap', configMap: { name: 'batcher', namespace: NS, data: { BATCH_SIZE: '5000' } } },
        { at: 300, action: 'restartDeployment', namespace: NS, name: 'app', changeCause: 'pick up the new batch size' },
      ]),
      ARRIVAL,
    );
    expect(logsOf(c)).toEqual(['batch size 200\n']);
    const created = c.get('ConfigMap', NS, 'batcher')!.metadata?.creationTimestamp;
    c.advanceTo(ARRIVAL + 120_000);
    expect(logsOf(c)).toEqual(['batch size 200\n']);
    const cm = c.get('ConfigMap', NS, 'batcher')!;
    expect(cm.data).toEqual({ BATCH_SIZE: '5000' });
    // Edited in place: same object, same age.
    expect(cm.metadata?.creationTimestamp).toBe(created);

    c.advanceTo(ARRIVAL + 400_000);
    expect(logsOf(c)).toEqual(['batch size 5000\n']);
    const template = c.get('Deployment', NS, 'app')!.spec!.template;
    expect(template.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-11-24T15:45:00Z' });
    expect(run(c, 'kubectl rollout history deployment/app')).toBe(
      'deployment.apps/app \nREVISION  CHANGE-CAUSE\n1         <none>\n2         pick up the new batch size\n\n',
    );
    // Undo brings back the template, not the ConfigMap: the new pod reads 5000 all the same.
    expect(run(c, 'kubectl rollout undo deployment/app')).toBe('deployment.apps/app rolled back\n');
    c.advanceTo(ARRIVAL + 460_000);
    expect(c.get('Deployment', NS, 'app')!.spec!.template.metadata?.annotations).toBeUndefined();
    expect(logsOf(c)).toEqual(['batch size 5000\n']);
  });

  it('a recreated Secret is a new object, and only pods started after it see its keys', () => {
    const s = spec([
      { at: 60, action: 'recreateSecret', secret: { name: 'db', namespace: NS, stringData: { password: 'new' } } },
      { at: 300, action: 'restartDeployment', namespace: NS, name: 'app' },
    ]);
    s.secrets = [{ name: 'db', namespace: NS, stringData: { url: 'postgres://old' } }];
    const step = s.history[0]!;
    if (step.action === 'createDeployment') step.deployment.template.containers[0]!.env!.push({ name: 'DB_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } });
    const c = createCluster(s, ARRIVAL);
    c.advanceTo(ARRIVAL + 120_000);
    const secret = c.get('Secret', NS, 'db')!;
    expect(secret.data).toEqual({ password: 'bmV3' });
    expect(secret.metadata?.creationTimestamp).toBe('2026-11-24T15:41:00Z');
    expect(podsOf(c, 'app')[0]!.status?.containerStatuses?.[0]?.ready).toBe(true);

    c.advanceTo(ARRIVAL + 400_000);
    const fresh = podsOf(c, 'app').find((p) => p.status?.containerStatuses?.[0]?.state?.waiting !== undefined)!;
    expect(fresh.status?.containerStatuses?.[0]?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: `couldn't find key url in Secret ${NS}/db` });
    // The rolling update keeps the old pod: it still runs with the url it read an hour ago.
    expect(podsOf(c, 'app').filter((p) => p.status?.containerStatuses?.[0]?.ready)).toHaveLength(1);

    // Putting the key back lets the waiting container start at the kubelet's next retry.
    expect(run(c, `kubectl patch secret db -p '{"stringData":{"url":"postgres://new"}}'`)).toBe('secret/db patched\n');
    c.advanceTo(ARRIVAL + 460_000);
    expect(run(c, 'kubectl rollout status deployment/app')).toBe('deployment "app" successfully rolled out\n');
    expect(podsOf(c, 'app').filter((p) => p.metadata?.deletionTimestamp === undefined).map((p) => p.status?.containerStatuses?.[0]?.ready)).toEqual([true]);
  });
});
