import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import type { WorldSpec } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import { ARRIVAL, NS, taskflowSpec } from '../../cluster/fixtures';

const OK = 'registry.example/taskflow/migrate:4.0.0';
const BAD = 'registry.example/taskflow/migrate:4.0.1';

function spec(): WorldSpec {
  const s = taskflowSpec();
  s.images.push(
    { image: OK, outcomes: [{ logs: [{ after: 1, text: 'applying 0004_tasks_due_at\n' }], exit: { after: 4, code: 0 }, setsFacts: { dbSchema: '4' } }] },
    { image: BAD, outcomes: [{ logs: [{ after: 1, text: 'ERROR: column "due_at" already exists\n' }], exit: { after: 2, code: 1 } }] },
  );
  const job = (name: string, image: string, at: number, backoffLimit?: number) => ({
    at,
    action: 'createJob' as const,
    job: { name, namespace: NS, ...(backoffLimit !== undefined ? { backoffLimit } : {}), template: { restartPolicy: 'Never' as const, containers: [{ name: 'migrate', image }] } },
  });
  s.history.push(job('db-migrate', OK, -300), job('db-migrate-v2', BAD, -300, 1));
  return s;
}

describe('kubectl and jobs', () => {
  const cluster = createCluster(spec(), ARRIVAL);
  const run = (line: string) => runLine(line, { cluster, namespace: NS, history: [] });

  it('get jobs prints STATUS, COMPLETIONS and DURATION as 1.32 does (a failed job keeps counting)', () => {
    expect(run('kubectl get jobs').stdout).toBe(
      [
        'NAME            STATUS     COMPLETIONS   DURATION   AGE',
        'db-migrate      Complete   1/1           7s         5m',
        'db-migrate-v2   Failed     0/1           5m         5m',
        '',
      ].join('\n'),
    );
    const wide = run('kubectl get job db-migrate -o wide').stdout.split('\n');
    expect(wide[0]).toMatch(/^NAME +STATUS +COMPLETIONS +DURATION +AGE +CONTAINERS +IMAGES +SELECTOR$/);
    expect(wide[1]).toMatch(/^db-migrate +Complete +1\/1 +7s +5m +migrate +registry\.example\/taskflow\/migrate:4\.0\.0 +batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}$/);
    expect(run('kubectl get jobs.batch -o name').stdout).toBe('job.batch/db-migrate\njob.batch/db-migrate-v2\n');
  });

  it('describe job shows the back-off limit, pod counts and the job events', () => {
    const out = run('kubectl describe job db-migrate-v2').stdout;
    expect(out).toContain('\nBackoff Limit:    1\n');
    expect(out).toContain('\nPods Statuses:    0 Active (0 Ready) / 0 Succeeded / 2 Failed\n');
    expect(out).toMatch(/Normal {3}SuccessfulCreate {6}5m {5}job-controller {2}Created pod: db-migrate-v2-[a-z0-9]{5}\n/);
    expect(out).toMatch(/Warning {2}BackoffLimitExceeded {2}4m37s {2}job-controller {2}Job has reached the specified backoff limit\n$/);
    expect(run('kubectl describe job db-migrate').stdout).toContain('\nCompleted At:     Tue, 24 Nov 2026 15:35:07 +0000\nDuration:         7s\n');
  });

  it('logs job/NAME prints the logs of the job\'s pod', () => {
    expect(run('kubectl logs job/db-migrate')).toMatchObject({ stdout: 'applying 0004_tasks_due_at\n', stderr: '' });
    expect(run('kubectl logs job/nope').stderr).toBe('error: error from server (NotFound): jobs.batch "nope" not found in namespace "taskflow-demo"\n');
  });

  it('pods of finished jobs show Completed and Error', () => {
    const lines = run('kubectl get pods').stdout.split('\n').filter((l) => l.startsWith('db-migrate'));
    expect(lines.map((l) => l.split(/ +/).slice(1, 4).join(' '))).toEqual(['0/1 Completed 0', '0/1 Error 0', '0/1 Error 0']);
    expect(cluster.facts().get('dbSchema')).toBe('4');
  });
});
