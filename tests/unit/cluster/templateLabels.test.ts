/**
 * A deploy that renames pod template labels (history's updateDeployment with `labels`): the new
 * pods carry the new labels, and a Service selecting on a label that is gone loses every endpoint
 * while the pods stay Ready; undoing the deploy brings the old labels, and the endpoints, back.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { ARRIVAL, NS, WEB, taskflowSpec } from './fixtures';
import { podsOf } from './helpers';

function relabelled() {
  const spec = taskflowSpec();
  spec.services = [{ name: 'web-frontend', namespace: NS, selector: { app: 'web-frontend', tier: 'web' }, ports: [{ port: 80, targetPort: 3000 }] }];
  const web = spec.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'web-frontend');
  if (web?.action !== 'createDeployment') throw new Error('the fixture creates web-frontend');
  web.deployment.template.labels = { app: 'web-frontend', tier: 'web' };
  spec.history.push({
    at: -300,
    action: 'updateDeployment',
    namespace: NS,
    name: 'web-frontend',
    labels: { app: 'web-frontend', 'app.kubernetes.io/component': 'web' },
    containers: [{ name: 'web-frontend', image: WEB, ports: [{ containerPort: 3000 }] }],
  });
  return createCluster(spec, ARRIVAL);
}

function readyEndpoints(c: ReturnType<typeof createCluster>): string[] {
  return c
    .list('EndpointSlice', NS)
    .filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'web-frontend')
    .flatMap((s) => s.endpoints ?? [])
    .filter((e) => e.conditions?.ready === true)
    .map((e) => e.targetRef?.name ?? '');
}

describe('a deploy that renames template labels', () => {
  it('gives the new pods the new labels; the Service that selects the old one has no endpoints', () => {
    const c = relabelled();
    const d = c.get('Deployment', NS, 'web-frontend')!;
    expect(d.spec?.template.metadata?.labels).toEqual({ app: 'web-frontend', 'app.kubernetes.io/component': 'web' });
    expect(d.spec?.selector.matchLabels).toEqual({ app: 'web-frontend' });
    const pods = podsOf(c, 'web-frontend');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata?.labels).toMatchObject({ app: 'web-frontend', 'app.kubernetes.io/component': 'web' });
      expect(p.metadata?.labels?.tier).toBeUndefined();
      expect(p.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    }
    expect(d.status?.availableReplicas).toBe(2);
    expect(readyEndpoints(c)).toEqual([]);
    expect(c.get('Endpoints', NS, 'web-frontend')?.subsets).toBeUndefined();
  });

  it('undo brings back the old labels and the endpoints with them', () => {
    const c = relabelled();
    c.rolloutUndo(NS, 'web-frontend');
    c.advanceBy(60_000);
    const pods = podsOf(c, 'web-frontend');
    expect(pods.every((p) => p.metadata?.labels?.tier === 'web')).toBe(true);
    expect(readyEndpoints(c).sort()).toEqual(pods.map((p) => p.metadata!.name!).sort());
  });
});
