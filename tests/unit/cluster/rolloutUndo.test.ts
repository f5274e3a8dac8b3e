import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { API_OLD, ARRIVAL, NS, taskflowSpec } from './fixtures';
import { podsOf } from './helpers';

const REV = 'deployment.kubernetes.io/revision';

describe('rollout undo', () => {
  it('brings back the previous template under the next revision and recovers', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    const rev1 = c.list('ReplicaSet', NS).find((rs) => rs.metadata?.labels?.app === 'api-service' && rs.metadata.annotations?.[REV] === '1')!;
    const crashing = podsOf(c, 'api-service').map((p) => p.metadata!.name);

    const res = c.rolloutUndo(NS, 'api-service');
    expect(res).toEqual({ ok: true, value: { revision: 3 } });

    const reused = c.get('ReplicaSet', NS, rev1.metadata!.name!)!;
    expect(reused.metadata!.uid).toBe(rev1.metadata!.uid);
    expect(reused.metadata!.annotations).toMatchObject({ [REV]: '3', 'deployment.kubernetes.io/revision-history': '1' });
    const revisions = c
      .list('ReplicaSet', NS)
      .filter((rs) => rs.metadata?.labels?.app === 'api-service')
      .map((rs) => rs.metadata!.annotations![REV])
      .sort();
    expect(revisions).toEqual(['2', '3']);
    const d = c.get('Deployment', NS, 'api-service')!;
    expect(d.metadata!.annotations![REV]).toBe('3');
    expect(d.spec!.template.spec!.containers[0]!.image).toBe(API_OLD);
    expect(d.spec!.template.metadata!.labels).toEqual({ app: 'api-service' });

    c.advanceBy(60_000);
    const pods = podsOf(c, 'api-service');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(crashing).not.toContain(p.metadata!.name);
      expect(p.metadata!.labels!['pod-template-hash']).toBe(rev1.metadata!.labels!['pod-template-hash']);
      expect(p.spec!.containers[0]!.image).toBe(API_OLD);
      expect(p.status!.containerStatuses![0]).toMatchObject({ ready: true, restartCount: 0, started: true });
    }
    const after = c.get('Deployment', NS, 'api-service')!;
    expect(after.status!.conditions!.find((x) => x.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(after.status!.conditions!.find((x) => x.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(after.status).toMatchObject({ availableReplicas: 2, readyReplicas: 2, updatedReplicas: 2, replicas: 2 });
  });

  it('goes to an explicit revision and reports one that does not exist as kubectl does', () => {
    const c = createCluster(taskflowSpec(), ARRIVAL);
    expect(c.rolloutUndo(NS, 'api-service', 7)).toEqual({ ok: false, message: 'error: unable to find specified revision 7 in history' });
    expect(c.rolloutUndo(NS, 'nope')).toEqual({ ok: false, message: 'Error from server (NotFound): deployments.apps "nope" not found' });
    expect(c.rolloutUndo(NS, 'worker')).toEqual({ ok: false, message: 'error: no rollout history found for deployment "worker"' });
    expect(c.rolloutUndo(NS, 'api-service', 2)).toEqual({ ok: true, value: { revision: 2, skipped: true } });
    expect(c.rolloutUndo(NS, 'api-service', 1)).toEqual({ ok: true, value: { revision: 3 } });
    // Undoing the undo returns to 2.4.0 under revision 4; revision 2 is gone from the history.
    expect(c.rolloutUndo(NS, 'api-service')).toEqual({ ok: true, value: { revision: 4 } });
    expect(c.rolloutUndo(NS, 'api-service', 2)).toEqual({ ok: false, message: 'error: unable to find specified revision 2 in history' });
  });
});
