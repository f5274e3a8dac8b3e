import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../src/cluster/index';
import type { ContainerSpec, HistoryStep, Outcome, VolumeSpec, WorldSpec } from '../../../src/cluster/index';
import { runLine } from '../../../src/kubectl/index';
import { ARRIVAL, NS } from './fixtures';
import { podsOf, singleAppSpec } from './helpers';

const IMAGE = 'registry.example/taskflow/api-service:2.5.0';

/** One `app` pod mounting `volumes` at /etc/app (the first) and /var/run/creds (a second, if any). */
function volumeSpec(volumes: VolumeSpec[], opts: { outcomes?: Outcome[]; extra?: Partial<WorldSpec>; later?: HistoryStep[] } = {}): WorldSpec {
  const outcomes = opts.outcomes ?? [{ logs: [{ after: 0.5, text: 'listening' }], readyAfter: 1 }];
  const spec = singleAppSpec(IMAGE, outcomes, opts.extra);
  const step = spec.history[0]!;
  if (step.action !== 'createDeployment') throw new Error('fixture');
  const c: ContainerSpec = step.deployment.template.containers[0]!;
  c.volumeMounts = volumes.map((v, i) => ({ name: v.name, mountPath: i === 0 ? '/etc/app' : `/var/run/v${i}`, readOnly: true }));
  step.deployment.template.volumes = volumes;
  spec.history.push(...(opts.later ?? []));
  return spec;
}

const configVolume: VolumeSpec = { name: 'config', configMap: { name: 'app-config' } };
const appConfig = { name: 'app-config', namespace: NS, data: { 'app.yaml': 'queue: amqp://mq:5672\n', 'log.level': 'info' } };

function failedMounts(c: ReturnType<typeof createCluster>) {
  return c.list('Event', NS).filter((e) => e.reason === 'FailedMount');
}

describe('Secret and ConfigMap volumes', () => {
  it('keeps the pod in ContainerCreating with FailedMount while the ConfigMap is missing', () => {
    const c = createCluster(volumeSpec([configVolume]), ARRIVAL);
    c.advanceBy(3 * 60_000);
    const pod = podsOf(c, 'app')[0]!;
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.podIP).toBeUndefined();
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    const [ev, ...others] = failedMounts(c);
    expect(others).toEqual([]);
    expect(ev?.type).toBe('Warning');
    expect(ev?.message).toBe('MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    expect(ev?.source).toEqual({ component: 'kubelet', host: 'worker-1' });
    expect(ev?.involvedObject.fieldPath).toBeUndefined();
    // 500 ms doubling to 2m2s: 0, .6, 1.7, 3.8 ... 128.3 s, then every ~2 minutes.
    expect(ev?.count).toBe(9);
    const table = runLine('kubectl get pods', { cluster: c, namespace: NS, history: [] }).stdout;
    expect(table).toMatch(/app-\S+\s+0\/1\s+ContainerCreating\s+0\s+3m/);
    const described = runLine(`kubectl describe pod ${pod.metadata!.name}`, { cluster: c, namespace: NS, history: [] }).stdout;
    expect(described).toMatch(/Warning {2}FailedMount {2}52s \(x9 over 3m\) {2}kubelet {12}MountVolume\.SetUp failed for volume "config" : configmap "app-config" not found\n/);
  });

  it('starts the pod at the next retry once the ConfigMap exists, with its files mounted', () => {
    const later: HistoryStep[] = [{ at: 90, action: 'createConfigMap', configMap: appConfig }];
    const c = createCluster(volumeSpec([configVolume], { later }), ARRIVAL);
    c.advanceBy(100_000);
    expect(podsOf(c, 'app')[0]!.status?.phase).toBe('Pending');
    c.advanceBy(60_000);
    const pod = podsOf(c, 'app')[0]!;
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.containerStatuses?.[0]?.ready).toBe(true);
    // The retry after 63.5 s failed; the one at ~128 s found it.
    expect(failedMounts(c)[0]?.count).toBe(8);
  });

  it('starts at once when the volume is optional and its ConfigMap is absent', () => {
    const c = createCluster(volumeSpec([{ name: 'config', configMap: { name: 'app-config', optional: true } }]), ARRIVAL);
    c.advanceBy(10_000);
    expect(podsOf(c, 'app')[0]!.status?.phase).toBe('Running');
    expect(failedMounts(c)).toEqual([]);
  });

  it('words a missing Secret, and keys missing from items, as the volume plugins do', () => {
    const c = createCluster(
      volumeSpec(
        [
          { name: 'config', configMap: { name: 'app-config', items: [{ key: 'app.yml', path: 'app.yaml' }] } },
          { name: 'creds', secret: { secretName: 'app-creds' } },
          { name: 'tokens', secret: { secretName: 'taskflow-db', items: [{ key: 'password', path: 'pw' }] } },
        ],
        { extra: { configMaps: [appConfig], secrets: [{ name: 'taskflow-db', namespace: NS, stringData: { url: 'postgres://db' } }] } },
      ),
      ARRIVAL,
    );
    c.advanceBy(5_000);
    expect(failedMounts(c).map((e) => e.message).sort()).toEqual([
      'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: app.yml',
      'MountVolume.SetUp failed for volume "creds" : secret "app-creds" not found',
      'MountVolume.SetUp failed for volume "tokens" : references non-existent secret key: password',
    ]);
  });

  it('stores the volumes as the API server defaults them', () => {
    const c = createCluster(
      volumeSpec([configVolume, { name: 'creds', secret: { secretName: 'app-creds', defaultMode: 0o400, optional: true } }, { name: 'scratch', emptyDir: {} }], {
        extra: { configMaps: [appConfig] },
      }),
      ARRIVAL,
    );
    const pod = podsOf(c, 'app')[0]!;
    expect(pod.spec?.volumes?.slice(0, 3)).toEqual([
      { name: 'config', configMap: { defaultMode: 420, name: 'app-config' } },
      { name: 'creds', secret: { defaultMode: 256, optional: true, secretName: 'app-creds' } },
      { name: 'scratch', emptyDir: {} },
    ]);
    expect(pod.spec?.volumes?.[3]?.name).toMatch(/^kube-api-access-/);
    expect(pod.spec?.containers[0]?.volumeMounts?.map((m) => m.mountPath)).toEqual([
      '/etc/app',
      '/var/run/v1',
      '/var/run/v2',
      '/var/run/secrets/kubernetes.io/serviceaccount',
    ]);
  });

  it('lets behaviour depend on what a mounted file says', () => {
    const outcomes: Outcome[] = [
      { when: { fileContains: { '/etc/app/app.yaml': 'queue:' } }, logs: [{ after: 0.2, text: 'queue configured' }], readyAfter: 1 },
      { when: { fileMissing: ['/etc/app/app.yaml'] }, logs: [{ after: 0.2, text: 'FATAL no config file' }], exit: { after: 0.5, code: 2 } },
      { logs: [{ after: 0.2, text: 'FATAL config has no queue' }], exit: { after: 0.5, code: 1 } },
    ];
    const optional: VolumeSpec = { name: 'config', configMap: { name: 'app-config', optional: true } };
    const logOf = (spec: WorldSpec) => {
      const c = createCluster(spec, ARRIVAL);
      c.advanceBy(30_000);
      const name = podsOf(c, 'app')[0]!.metadata!.name!;
      const r = c.logs(NS, name, undefined, false);
      return r.ok ? r.text : r.message;
    };
    expect(logOf(volumeSpec([optional], { outcomes, extra: { configMaps: [appConfig] } }))).toBe('queue configured\n');
    expect(logOf(volumeSpec([optional], { outcomes }))).toBe('FATAL no config file\n');
    const noQueue = { ...appConfig, data: { 'app.yaml': 'log: debug\n' } };
    expect(logOf(volumeSpec([optional], { outcomes, extra: { configMaps: [noQueue] } }))).toBe('FATAL config has no queue\n');
  });

  it('prints the volumes and mounts in describe pod', () => {
    const c = createCluster(volumeSpec([configVolume, { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }], { extra: { configMaps: [appConfig] } }), ARRIVAL);
    const name = podsOf(c, 'app')[0]!.metadata!.name!;
    const out = runLine(`kubectl describe pod ${name}`, { cluster: c, namespace: NS, history: [] }).stdout;
    expect(out).toContain('    Mounts:\n      /etc/app from config (ro)\n      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-');
    expect(out).toContain(
      'Volumes:\n  config:\n    Type:      ConfigMap (a volume populated by a ConfigMap)\n    Name:      app-config\n    Optional:  false\n  scratch:\n    Type:       EmptyDir (a temporary directory that shares a pod\'s lifetime)\n    Medium:     Memory\n    SizeLimit:  64Mi\n',
    );
  });
});
