import { describe, expect, it } from 'vitest';
import type { ContainerSpec, WorldSpec } from '../../../src/cluster/index';
import { createCluster } from '../../../src/cluster/index';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';

const API = 'registry.example/taskflow/api-service:2.3.1';
const API_BIG = 'registry.example/taskflow/api-service:2.4.0';
const IMPORT = 'registry.example/taskflow/import:1.0.0';
const NODES = ['worker-1', 'worker-2', 'worker-3'].map((name, i) => ({ name, internalIP: `10.0.0.${11 + i}`, podCIDR: `10.244.${i + 1}.0/24`, cpu: '2', memory: '8Gi' }));
const MSG = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';

function container(name: string, image: string, cpu: string): ContainerSpec {
  return { name, image, resources: { requests: { cpu, memory: '256Mi' } } };
}

function world(history: WorldSpec['history']): WorldSpec {
  return {
    seed: 5,
    contextNamespace: NS,
    nodes: NODES,
    namespaces: [NS],
    history,
    images: [
      { image: API, outcomes: [{ logs: [], readyAfter: 2 }] },
      { image: API_BIG, outcomes: [{ logs: [], readyAfter: 2 }] },
      { image: IMPORT, outcomes: [{ logs: [], exit: { after: 60, code: 0 } }] },
    ],
  };
}

const api = (replicas: number, cpu: string) => ({
  at: 0,
  action: 'createDeployment' as const,
  deployment: {
    name: 'api',
    namespace: NS,
    replicas,
    labels: { app: 'api' },
    selector: { app: 'api' },
    template: { labels: { app: 'api' }, containers: [container('api', API, cpu)] },
  },
});

describe('scheduler resources', () => {
  it('gives nodes the allocatable CPU and memory of their spec', () => {
    const c = createCluster(world([]), ARRIVAL);
    const n = c.get('Node', undefined, 'worker-1')!;
    expect(n.status?.capacity).toMatchObject({ cpu: '2', memory: '8388608Ki' });
    expect(n.status?.allocatable).toMatchObject({ cpu: '2', memory: '8286208Ki' });
  });

  it('leaves a pod that fits nowhere Pending with Unschedulable and FailedScheduling, and binds it when room appears', () => {
    const c = createCluster(
      world([
        {
          at: -30,
          action: 'createJob',
          job: { name: 'import', namespace: NS, completions: 3, parallelism: 3, template: { restartPolicy: 'Never', containers: [container('import', IMPORT, '1500m')] } },
        },
        api(1, '1'),
      ]),
      ARRIVAL,
    );
    c.advanceBy(1_000);
    const pending = () => c.list('Pod', NS).find((p) => p.metadata?.labels?.app === 'api')!;
    expect(pending().spec?.nodeName).toBeUndefined();
    expect(pending().status?.phase).toBe('Pending');
    expect(pending().status?.conditions).toEqual([
      { lastProbeTime: null, lastTransitionTime: '2026-11-24T15:40:00Z', message: MSG, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' },
    ]);
    const failed = () => c.list('Event', NS).filter((e) => e.reason === 'FailedScheduling');
    expect(failed()).toHaveLength(1);
    expect(failed()[0]).toMatchObject({ type: 'Warning', message: MSG, action: 'Scheduling', reportingComponent: 'default-scheduler' });
    const out = runLine('kubectl get pods -l app=api', { cluster: c, namespace: NS, history: [] }).stdout;
    expect(out).toMatch(/^api-[a-z0-9]+-[a-z0-9]{5} +0\/1 +Pending +0 +1s\n$/m);

    // The import pods finish after about a minute; their CPU is free again.
    c.advanceBy(20_000);
    expect(pending().spec?.nodeName).toBeUndefined();
    expect(failed()).toHaveLength(1);
    c.advanceBy(60_000);
    const pod = pending();
    expect(pod.spec?.nodeName).toMatch(/^worker-[123]$/);
    expect(pod.status?.conditions?.find((x) => x.type === 'PodScheduled')).toMatchObject({ status: 'True' });
    expect(pod.status?.conditions?.find((x) => x.type === 'PodScheduled')?.reason).toBeUndefined();
    expect(c.list('Event', NS).some((e) => e.reason === 'Scheduled' && e.involvedObject.name === pod.metadata?.name)).toBe(true);
    // The three parallel import pods all succeeded: the job is complete, 3/3.
    expect(c.get('Job', NS, 'import')!.status).toMatchObject({ succeeded: 3, ready: 0 });
    expect(c.get('Job', NS, 'import')!.status!.conditions!.map((x) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(runLine('kubectl get jobs', { cluster: c, namespace: NS, history: [] }).stdout).toMatch(/^import +Complete +3\/3 +\d+s +\d+s\n$/m);
  });

  it('counts each resource per node in the message', () => {
    const c = createCluster(world([api(4, '1500m')]), ARRIVAL);
    c.advanceBy(1_000);
    const pendingPods = c.list('Pod', NS).filter((p) => !p.spec?.nodeName);
    expect(pendingPods).toHaveLength(1);
    expect(pendingPods[0]!.status?.conditions?.[0]?.message).toBe(MSG);
  });
});

describe('FailedScheduling over time', () => {
  it('retries every five minutes: a second event, then a series, as the events.k8s.io recorder writes them', () => {
    const c = createCluster(world([api(4, '1500m')]), ARRIVAL);
    const pod = c.list('Pod', NS).find((p) => !p.spec?.nodeName)!.metadata!.name!;
    const failed = () => c.list('Event', NS).filter((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === pod);
    c.advanceBy(4 * 60_000);
    expect(failed()).toHaveLength(1);
    c.advanceBy(2 * 60_000);
    expect(failed()).toHaveLength(2);
    expect(failed().every((e) => e.series === undefined && e.message === MSG)).toBe(true);
    c.advanceBy(5 * 60_000);
    expect(failed()).toHaveLength(2);
    const withSeries = failed().filter((e) => e.series !== undefined);
    expect(withSeries).toHaveLength(1);
    expect(withSeries[0]!.series!.count).toBe(2);
    const out = runLine(`kubectl describe pod ${pod}`, { cluster: c, namespace: NS, history: [] }).stdout;
    const lines = out.split('\n').filter((l) => l.includes('FailedScheduling'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ {2}Warning {2}FailedScheduling {2}11m +default-scheduler {2}0\/3 nodes are available/);
    expect(lines[1]).toMatch(/^ {2}Warning {2}FailedScheduling {2}\d+s \(x2 over [56]m\d*s?\) {2}default-scheduler {2}0\/3 nodes are available/);
  });
});

describe('a rollout stuck on unschedulable pods', () => {
  it('reaches ProgressDeadlineExceeded after 600 s and rollout status fails', () => {
    const c = createCluster(
      world([
        { ...api(3, '1'), at: -600 },
        { at: 0, action: 'updateDeployment', namespace: NS, name: 'api', containers: [container('api', API_BIG, '1500m')] },
      ]),
      ARRIVAL,
    );
    const run = (line: string) => runLine(line, { cluster: c, namespace: NS, history: [] });
    const cond = () => c.get('Deployment', NS, 'api')!.status!.conditions!.find((x) => x.type === 'Progressing')!;
    c.advanceBy(5_000);
    expect(cond()).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    expect(c.list('Pod', NS).filter((p) => p.status?.conditions?.some((x) => x.reason === 'Unschedulable'))).toHaveLength(1);
    c.advanceTo(ARRIVAL + 590_000);
    expect(cond().reason).toBe('ReplicaSetUpdated');
    c.advanceTo(ARRIVAL + 610_000);
    const newRS = c.list('ReplicaSet', NS).find((rs) => rs.spec?.template?.spec?.containers[0]?.image === API_BIG)!;
    expect(cond()).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS.metadata!.name}" has timed out progressing.` });
    const status = run('kubectl rollout status deployment/api');
    expect(status.stderr).toBe('error: deployment "api" exceeded its progress deadline\n');
    expect(status.exitCode).toBe(1);
    expect(run('kubectl describe deployment api').stdout).toMatch(/Conditions:\n {2}Type {11}Status {2}Reason\n {2}-{4} {11}-{6} {2}-{6}\n {2}Available {6}True {4}MinimumReplicasAvailable\n {2}Progressing {4}False {3}ProgressDeadlineExceeded\n/);
  });
});

describe('deleting a pod no node has taken', () => {
  it('removes it at once when its ReplicaSet scales down (rollout undo of a stuck rollout): no Terminating pod is left', () => {
    const c = createCluster(
      world([
        { ...api(3, '1'), at: -600 },
        { at: 0, action: 'updateDeployment', namespace: NS, name: 'api', containers: [container('api', API_BIG, '1500m')] },
      ]),
      ARRIVAL,
    );
    const run = (line: string) => runLine(line, { cluster: c, namespace: NS, history: [] });
    c.advanceBy(5_000);
    const pending = c.list('Pod', NS).find((p) => !p.spec?.nodeName)!.metadata!.name!;
    expect(run('kubectl rollout undo deployment/api').stdout).toBe('deployment.apps/api rolled back\n');
    expect(c.get('Pod', NS, pending)).toBeUndefined();
    expect(run('kubectl get pods').stdout).not.toMatch(/Pending|Terminating/);
    expect(c.list('Event', NS).some((e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted pod: ${pending}`)).toBe(true);
  });
});
