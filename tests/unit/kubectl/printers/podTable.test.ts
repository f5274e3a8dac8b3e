/**
 * `kubectl get pods` rows for pods the taskflow world does not show (several containers, init
 * containers, sidecars, signals, deletion), by printPod's rules; and rows of stored (frozen) pods,
 * which the printer caches, still follow the clock and every new version of the pod.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { printTable } from '../../../../src/kubectl/printers/index';

const NOW = Date.UTC(2026, 10, 24, 15, 40, 0);
const at = (secondsAgo: number): string => new Date(NOW - secondsAgo * 1000).toISOString().replace('.000Z', 'Z');

function status(name: string, o: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'registry.example/x:1', imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: at(3600) } }, lastState: {}, ...o };
}

function pod(o: { containers?: string[]; init?: { name: string; sidecar?: boolean }[]; status: Pod['status']; deleting?: boolean }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'worker-0', namespace: 'taskflow-demo', creationTimestamp: at(7200), ...(o.deleting ? { deletionTimestamp: at(5) } : {}) },
    spec: {
      containers: (o.containers ?? ['app']).map((name) => ({ name, image: 'registry.example/x:1' })),
      ...(o.init ? { initContainers: o.init.map((c) => ({ name: c.name, image: 'registry.example/x:1', ...(c.sidecar ? { restartPolicy: 'Always' } : {}) })) } : {}),
    },
    status: o.status,
  };
}

/** READY, STATUS, RESTARTS and AGE of the pod's row. */
function cells(p: Pod, now = NOW): string[] {
  const line = printTable('Pod', [p], { now, noHeaders: true }).trimEnd();
  return line.split(/ {3,}/).slice(1);
}

const deepFreeze = <T>(o: T): T => {
  if (o !== null && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
};

describe('kubectl get pods rows (printPod)', () => {
  it('counts ready containers of several, shows the last waiting reason and the latest restart', () => {
    const p = pod({
      containers: ['app', 'proxy'],
      status: {
        phase: 'Running',
        containerStatuses: [
          status('app', { ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(90) } } }),
          status('proxy', { restartCount: 1, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: at(3 * 3600) } } }),
        ],
      },
    });
    expect(cells(p)).toEqual(['1/2', 'CrashLoopBackOff', '4 (90s ago)', '120m']);
  });

  it('shows init progress, an init container crash loop, and restarts counted from init containers', () => {
    const init = [{ name: 'migrate' }, { name: 'seed' }];
    const second = pod({
      init,
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          status('migrate', { ready: true, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: at(600) } } }),
          status('seed', { ready: false, restartCount: 2, state: { running: { startedAt: at(20) } }, lastState: { terminated: { exitCode: 1, finishedAt: at(300) } } }),
        ],
        containerStatuses: [status('app', { ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } })],
      },
    });
    expect(cells(second)).toEqual(['0/1', 'Init:1/2', '2 (5m ago)', '120m']);
    const looping = pod({
      init,
      status: {
        phase: 'Pending',
        initContainerStatuses: [status('migrate', { ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: at(40) } } })],
      },
    });
    expect(cells(looping)).toEqual(['0/1', 'Init:CrashLoopBackOff', '4 (40s ago)', '120m']);
    const failed = pod({ init, status: { phase: 'Pending', initContainerStatuses: [status('migrate', { ready: false, state: { terminated: { exitCode: 3 } } })] } });
    expect(cells(failed)[1]).toBe('Init:ExitCode:3');
    const killed = pod({ init, status: { phase: 'Pending', initContainerStatuses: [status('migrate', { ready: false, state: { terminated: { exitCode: 137, signal: 9 } } })] } });
    expect(cells(killed)[1]).toBe('Init:Signal:9');
  });

  it('counts a started sidecar in READY and only its restarts once the pod is initialized', () => {
    const p = pod({
      init: [{ name: 'mesh', sidecar: true }],
      status: {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [status('mesh', { restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: at(1800) } } })],
        containerStatuses: [status('app', { restartCount: 0 })],
      },
    });
    expect(cells(p)).toEqual(['2/2', 'Running', '1 (30m ago)', '120m']);
  });

  it('shows Signal:N for a container killed without a reason, and Terminating for a pod being deleted', () => {
    const signalled = pod({ status: { phase: 'Running', containerStatuses: [status('app', { ready: false, state: { terminated: { exitCode: 143, signal: 15 } } })] } });
    expect(cells(signalled)[1]).toBe('Signal:15');
    const deleting = pod({ deleting: true, status: { phase: 'Running', containerStatuses: [status('app')] } });
    expect(cells(deleting).slice(0, 2)).toEqual(['1/1', 'Terminating']);
    const done = pod({ deleting: true, status: { phase: 'Succeeded', containerStatuses: [status('app', { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } })] } });
    expect(cells(done)[1]).toBe('Completed');
  });

  it('shows Running for a Completed container beside a running one when the pod is Ready, else NotReady', () => {
    const statuses = [status('app'), status('job', { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } })];
    const ready = pod({ containers: ['app', 'job'], status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses } });
    expect(cells(ready).slice(0, 2)).toEqual(['1/2', 'Running']);
    const notReady = pod({ containers: ['app', 'job'], status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: statuses } });
    expect(cells(notReady).slice(0, 2)).toEqual(['1/2', 'NotReady']);
  });

  it('keeps a stored pod row current: the clock moves RESTARTS and AGE, a new version of the pod its status', () => {
    const crashing = deepFreeze(
      pod({ status: { phase: 'Running', containerStatuses: [status('app', { ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: at(100) } } })] } }),
    );
    expect(cells(crashing)).toEqual(['0/1', 'CrashLoopBackOff', '5 (100s ago)', '120m']);
    expect(cells(crashing, NOW + 3 * 3600_000)).toEqual(['0/1', 'CrashLoopBackOff', '5 (3h1m ago)', '5h']);
    const recovered = deepFreeze({ ...crashing, status: { ...crashing.status, containerStatuses: [status('app', { restartCount: 5, lastState: { terminated: { exitCode: 1, finishedAt: at(100) } } })] } });
    expect(cells(recovered)).toEqual(['1/1', 'Running', '5 (100s ago)', '120m']);
    expect(cells(crashing)[1]).toBe('CrashLoopBackOff');
  });
});
