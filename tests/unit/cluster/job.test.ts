import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ClusterControl, JobSpec, WorldSpec } from '../../../src/cluster/index';
import { createCluster, listAll } from '../../../src/cluster/index';
import { ARRIVAL, NS } from './fixtures';

const MIGRATE_OK = 'registry.example/taskflow/migrate:4.0.0';
const MIGRATE_BAD = 'registry.example/taskflow/migrate:4.0.1';

function world(job: Partial<JobSpec> & { image: string }): WorldSpec {
  return {
    seed: 11,
    contextNamespace: NS,
    nodes: [{ name: 'worker-1', internalIP: '10.0.0.11', podCIDR: '10.244.1.0/24' }],
    namespaces: [NS],
    facts: { dbSchema: '3' },
    history: [
      {
        at: 0,
        action: 'createJob',
        job: {
          name: 'db-migrate',
          namespace: NS,
          ...(job.backoffLimit !== undefined ? { backoffLimit: job.backoffLimit } : {}),
          ...(job.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: job.activeDeadlineSeconds } : {}),
          template: { restartPolicy: job.template?.restartPolicy ?? 'Never', containers: [{ name: 'migrate', image: job.image }] },
        },
      },
    ],
    images: [
      { image: MIGRATE_OK, outcomes: [{ logs: [{ after: 1, text: 'applying 0004_tasks_due_at\n' }], exit: { after: 5, code: 0 }, setsFacts: { dbSchema: '4' } }] },
      { image: MIGRATE_BAD, outcomes: [{ logs: [{ after: 1, text: 'ERROR: column "due_at" already exists\n' }], exit: { after: 2, code: 1 } }] },
      { image: 'registry.example/taskflow/sleeper:1', outcomes: [{ logs: [] }] },
    ],
  };
}

const job = (c: ClusterControl): Job => c.get('Job', NS, 'db-migrate')!;
const condTypes = (c: ClusterControl): string[] => (job(c).status?.conditions ?? []).map((x) => `${x.type}=${x.reason}`);
const reasons = (c: ClusterControl): string[] =>
  c
    .list('Event', NS)
    .filter((e) => e.involvedObject.kind === 'Job')
    .sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''))
    .map((e) => `${e.type} ${e.reason}: ${e.message}`);

describe('job controller', () => {
  it('runs a migration to completion, sets the world fact and marks the job Complete', () => {
    const c = createCluster(world({ image: MIGRATE_OK }), ARRIVAL);
    const j = job(c);
    expect(j.metadata?.labels).toEqual({
      'batch.kubernetes.io/controller-uid': j.metadata!.uid,
      'batch.kubernetes.io/job-name': 'db-migrate',
      'controller-uid': j.metadata!.uid,
      'job-name': 'db-migrate',
    });
    expect(j.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false });
    const pods = c.list('Pod', NS);
    expect(pods).toHaveLength(1);
    const pod = pods[0]!;
    expect(pod.metadata?.name).toMatch(/^db-migrate-[a-z0-9]{5}$/);
    expect(pod.metadata?.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.spec?.restartPolicy).toBe('Never');
    expect(job(c).status).toMatchObject({ active: 1, ready: 0, terminating: 0 });
    expect(c.facts().get('dbSchema')).toBe('3');

    c.advanceBy(30_000);
    const done = c.get('Pod', NS, pod.metadata!.name!)!;
    expect(done.status?.phase).toBe('Succeeded');
    expect(done.metadata?.finalizers).toBeUndefined();
    expect(done.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(c.facts().get('dbSchema')).toBe('4');
    expect(condTypes(c)).toEqual(['SuccessCriteriaMet=CompletionsReached', 'Complete=CompletionsReached']);
    const st = job(c).status!;
    expect(st).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(st.active).toBeUndefined();
    expect(st.completionTime).toBeDefined();
    expect(st.conditions![1]!.message).toBe('Reached expected number of succeeded pods');
    expect(reasons(c)).toEqual([`Normal SuccessfulCreate: Created pod: ${pod.metadata!.name}`, 'Normal Completed: Job completed']);
  });

  it('retries a failing migration under the back-off, then fails with BackoffLimitExceeded', () => {
    const c = createCluster(world({ image: MIGRATE_BAD, backoffLimit: 2 }), ARRIVAL);
    const created: number[] = [];
    const seen = new Set<string>();
    for (let t = 0; t <= 300; t++) {
      c.advanceTo(ARRIVAL + t * 1000);
      for (const p of c.list('Pod', NS)) {
        if (!seen.has(p.metadata!.name!)) created.push(t);
        seen.add(p.metadata!.name!);
      }
    }
    // Three attempts (backoffLimit 2): the second ~10 s after the first failed, the third ~20 s after the second.
    expect(created).toHaveLength(3);
    expect(created[1]! - created[0]!).toBeGreaterThanOrEqual(12);
    expect(created[1]! - created[0]!).toBeLessThanOrEqual(17);
    expect(created[2]! - created[1]!).toBeGreaterThanOrEqual(22);
    expect(created[2]! - created[1]!).toBeLessThanOrEqual(27);
    const pods = c.list('Pod', NS);
    expect(pods.every((p) => p.status?.phase === 'Failed')).toBe(true);
    expect(condTypes(c)).toEqual(['FailureTarget=BackoffLimitExceeded', 'Failed=BackoffLimitExceeded']);
    expect(job(c).status).toMatchObject({ failed: 3, ready: 0, terminating: 0 });
    expect(job(c).status?.completionTime).toBeUndefined();
    const events = reasons(c);
    expect(events.filter((e) => e.startsWith('Normal SuccessfulCreate'))).toHaveLength(3);
    expect(events[events.length - 1]).toBe('Warning BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(c.facts().get('dbSchema')).toBe('3');
  });

  it('stops a job that runs past activeDeadlineSeconds', () => {
    const c = createCluster(world({ image: 'registry.example/taskflow/sleeper:1', activeDeadlineSeconds: 60 }), ARRIVAL);
    const pod = c.list('Pod', NS)[0]!.metadata!.name!;
    c.advanceBy(59_000);
    expect(condTypes(c)).toEqual([]);
    c.advanceBy(2_000);
    expect(condTypes(c)).toEqual(['FailureTarget=DeadlineExceeded']);
    c.advanceBy(30_000);
    expect(c.get('Pod', NS, pod)).toBeUndefined();
    expect(condTypes(c)).toEqual(['FailureTarget=DeadlineExceeded', 'Failed=DeadlineExceeded']);
    expect(reasons(c)).toContain(`Normal SuccessfulDelete: Deleted pod: ${pod}`);
    expect(reasons(c)).toContain('Warning DeadlineExceeded: Job was active longer than specified deadline');
  });

  it('with restartPolicy OnFailure restarts the container in place and counts restarts against the limit', () => {
    const c = createCluster(world({ image: MIGRATE_BAD, backoffLimit: 2, template: { restartPolicy: 'OnFailure', containers: [] } }), ARRIVAL);
    c.advanceBy(8_000);
    const pod = c.list('Pod', NS)[0]!;
    expect(pod.status?.phase).toBe('Running');
    c.advanceBy(120_000);
    expect(condTypes(c)).toEqual(['FailureTarget=BackoffLimitExceeded', 'Failed=BackoffLimitExceeded']);
    expect(c.list('Pod', NS)).toHaveLength(0);
  });

  it('plays out the same, byte for byte, in two builds of the same world', () => {
    const dump = () => {
      const c = createCluster(world({ image: MIGRATE_BAD, backoffLimit: 3 }), ARRIVAL);
      c.advanceBy(200_000);
      return JSON.stringify(listAll(c)) + JSON.stringify([...c.facts()]);
    };
    expect(dump()).toBe(dump());
  });
});
