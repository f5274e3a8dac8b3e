import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import { ARRIVAL, NS, taskflowSpec } from './fixtures';
import { podsOf } from './helpers';

/** The deploy references a key the Secret does not have. */
function spec(ref: { name: string; key: string }) {
  const s = taskflowSpec();
  s.history = s.history.map((h) =>
    h.action === 'updateDeployment'
      ? { ...h, containers: h.containers.map((c) => ({ ...c, env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: ref } }] })) }
      : h,
  );
  return s;
}

describe('CreateContainerConfigError', () => {
  it('keeps the container waiting with the kubelet message when a Secret key is missing', () => {
    const c = createCluster(spec({ name: 'taskflow-db', key: 'dsn' }), ARRIVAL);
    for (const pod of podsOf(c, 'api-service')) {
      const s = pod.status!.containerStatuses![0]!;
      expect(pod.status!.phase).toBe('Pending');
      expect(s.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: `couldn't find key dsn in Secret ${NS}/taskflow-db` });
      expect(s.restartCount).toBe(0);
      expect(s.imageID).toBe('');
      const failed = c.list('Event', NS).find((e) => e.involvedObject.uid === pod.metadata?.uid && e.reason === 'Failed')!;
      expect(failed.type).toBe('Warning');
      expect(failed.message).toBe(`Error: couldn't find key dsn in Secret ${NS}/taskflow-db`);
      expect(failed.count).toBeGreaterThan(20);
      expect(c.logs(NS, pod.metadata!.name!, undefined, false)).toEqual({
        ok: false,
        status: 400,
        reason: 'BadRequest',
        message: `container "api-service" in pod "${pod.metadata!.name}" is waiting to start: CreateContainerConfigError`,
      });
    }
  });

  it('names a missing Secret the way the API does', () => {
    const c = createCluster(spec({ name: 'taskflow-dbx', key: 'url' }), ARRIVAL);
    const s = podsOf(c, 'api-service')[0]!.status!.containerStatuses![0]!;
    expect(s.state?.waiting?.message).toBe('secret "taskflow-dbx" not found');
  });
});
