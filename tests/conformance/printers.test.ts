/**
 * Our printers against real kubectl 1.32, byte for byte: the simulator's world is served by a
 * stub API server, kubectl prints it, and the printers print the same objects. kubectl measures
 * ages against its own wall clock, so each world is built with the sim clock at "now", and each
 * comparison accepts our output for any whole second during which that kubectl call ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyObject, ClusterControl, ClusterView } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import {
  describeDeployment,
  describeJob,
  describePod,
  describeConfigMap,
  describeEndpoints,
  describeNamespace,
  describeNode,
  describeReplicaSet,
  describeSecret,
  describeService,
  describeServiceAccount,
  printEventsCommand,
  printEventsYaml,
  printJson,
  printName,
  printRolloutHistory,
  printTable,
  printYaml,
  toList,
} from '../../src/kubectl/printers/index';
import { parseSortBy, sortObjects } from '../../src/kubectl/sortBy';
import { API_NEW, apiContainer, NS, taskflowSpec, WEB, WORKER } from '../unit/cluster/fixtures';
import { type KubectlEnv, kubectlAvailable, KUBECTL, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';
import { kubectlInstants, matchesProgressively } from './instants';
import { viewAt } from './viewAt';
import { pool } from './compareLine';

if (!kubectlAvailable) {
  console.warn(`conformance: ${KUBECTL} not found, skipping the comparison with real kubectl`);
}

interface Expected {
  stdout: string;
  stderr?: string;
}

interface Case {
  args: string[];
  expect: (view: ClusterView) => Expected;
}

function logCase(c: ClusterView, pod: string, previous: boolean): Case {
  return {
    args: ['logs', pod, ...(previous ? ['--previous'] : [])],
    expect: (v) => {
      const r = v.logs(NS, pod, undefined, previous);
      return r.ok ? { stdout: r.text } : { stdout: '', stderr: `Error from server (${r.reason}): ${r.message}\n` };
    },
  };
  void c;
}

/** Our sort of `objs` by a --sort-by path (the cases below compare it with kubectl's). */
function sortedBy<T extends AnyObject>(objs: readonly T[], path: string): T[] {
  const p = parseSortBy(path);
  if (!p.ok) throw new Error(`unsupported sort path ${path}`);
  const r = sortObjects(objs, (o) => o, p);
  if (!r.ok) throw new Error(r.error);
  return r.items;
}

function casesFor(c: ClusterView): Case[] {
  const cases: Case[] = [];
  const pods = c.list('Pod', NS);
  const deployments = c.list('Deployment', NS);
  for (const p of pods) {
    const name = p.metadata!.name!;
    cases.push({ args: ['describe', 'pod', name], expect: (v) => ({ stdout: describePod(v, v.get('Pod', NS, name)!) }) });
  }
  for (const d of deployments) {
    const name = d.metadata!.name!;
    cases.push({ args: ['describe', 'deployment', name], expect: (v) => ({ stdout: describeDeployment(v, v.get('Deployment', NS, name)!) }) });
    cases.push({ args: ['rollout', 'history', `deployment/${name}`], expect: (v) => ({ stdout: printRolloutHistory(v, v.get('Deployment', NS, name)!) }) });
  }
  for (const rs of c.list('ReplicaSet', NS)) {
    const name = rs.metadata!.name!;
    cases.push({ args: ['describe', 'replicaset', name], expect: (v) => ({ stdout: describeReplicaSet(v, v.get('ReplicaSet', NS, name)!) }) });
    const rev = Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']);
    if (name.startsWith('api-service-')) {
      cases.push({
        args: ['rollout', 'history', 'deployment/api-service', `--revision=${rev}`],
        expect: (v) => ({ stdout: printRolloutHistory(v, v.get('Deployment', NS, 'api-service')!, rev) }),
      });
    }
  }
  for (const j of c.list('Job', NS)) {
    const name = j.metadata!.name!;
    cases.push(
      { args: ['describe', 'job', name], expect: (v) => ({ stdout: describeJob(v, v.get('Job', NS, name)!) }) },
      { args: ['get', 'job', name, '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(v.get('Job', NS, name)!) }) },
    );
  }
  if (c.list('Job', NS).length > 0) {
    cases.push(
      { args: ['get', 'jobs', '-o', 'json'], expect: (v) => ({ stdout: printJson(toList(v.list('Job', NS))) }) },
      { args: ['get', 'jobs', '-o', 'name'], expect: (v) => ({ stdout: v.list('Job', NS).map((o) => printName(o)).join('') }) },
    );
    const migratePod = pods.find((x) => x.metadata?.labels?.['job-name'] === 'db-migrate');
    if (migratePod !== undefined) {
      // kubectl picks the job's pod by its selector and asks for its logs.
      const name = migratePod.metadata!.name!;
      cases.push({
        args: ['logs', 'job/db-migrate'],
        expect: (v) => {
          const r = v.logs(NS, name, undefined, false);
          return { stdout: r.ok ? r.text : '' };
        },
      });
    }
  }
  for (const s of c.list('Service', NS)) {
    const name = s.metadata!.name!;
    cases.push({ args: ['describe', 'service', name], expect: (v) => ({ stdout: describeService(v, v.get('Service', NS, name)!) }) });
  }
  for (const ep of c.list('Endpoints', NS)) {
    const name = ep.metadata!.name!;
    cases.push({ args: ['describe', 'endpoints', name], expect: (v) => ({ stdout: describeEndpoints(v, v.get('Endpoints', NS, name)!) }) });
  }
  // kubectl walks a ConfigMap's or Secret's data in Go's random map order: one key each here.
  for (const cm of c.list('ConfigMap', NS).filter((x) => Object.keys(x.data ?? {}).length <= 1)) {
    const name = cm.metadata!.name!;
    cases.push({ args: ['describe', 'configmap', name], expect: (v) => ({ stdout: describeConfigMap(v, v.get('ConfigMap', NS, name)!) }) });
  }
  for (const s of c.list('Secret', NS).filter((x) => Object.keys(x.data ?? {}).length <= 1)) {
    const name = s.metadata!.name!;
    cases.push({ args: ['describe', 'secret', name], expect: (v) => ({ stdout: describeSecret(v.get('Secret', NS, name)!) }) });
  }
  cases.push(
    ...c.list('Node').map((n): Case => ({ args: ['describe', 'node', n.metadata!.name!], expect: (v) => ({ stdout: describeNode(v, v.get('Node', undefined, n.metadata!.name!)!) }) })),
    { args: ['describe', 'serviceaccount', 'default'], expect: (v) => ({ stdout: describeServiceAccount(v, v.get('ServiceAccount', NS, 'default')!) }) },
    { args: ['describe', 'namespace', NS], expect: (v) => ({ stdout: describeNamespace(v.get('Namespace', undefined, NS)!) }) },
    { args: ['get', 'endpoints'], expect: (v) => ({ stdout: printTable('Endpoints', v.list('Endpoints', NS), { now: v.now() }) }) },
    { args: ['get', 'ep', '-A', '-o', 'wide'], expect: (v) => ({ stdout: printTable('Endpoints', v.list('Endpoints'), { now: v.now(), withNamespace: true, wide: true }) }) },
    { args: ['get', 'endpoints', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Endpoints', NS))) }) },
    { args: ['get', 'endpoints', 'api-service', '-o', 'json'], expect: (v) => ({ stdout: printJson(v.get('Endpoints', NS, 'api-service')!) }) },
    {
      args: ['get', 'all'],
      expect: (v) => {
        const opts = { now: v.now(), showKind: true };
        return {
          stdout: [
            printTable('Pod', v.list('Pod', NS), opts),
            printTable('Service', v.list('Service', NS), opts),
            printTable('Deployment', v.list('Deployment', NS), opts),
            printTable('ReplicaSet', v.list('ReplicaSet', NS), opts),
            // Jobs are in the `all` category too; kubectl skips a type with nothing to list.
            ...(v.list('Job', NS).length > 0 ? [printTable('Job', v.list('Job', NS), opts)] : []),
          ].join('\n'),
        };
      },
    },
    {
      args: ['get', 'deploy,rs,po', '-o', 'wide'],
      expect: (v) => {
        const opts = { now: v.now(), showKind: true, wide: true };
        return {
          stdout: [
            printTable('Deployment', v.list('Deployment', NS), opts),
            printTable('ReplicaSet', v.list('ReplicaSet', NS), opts),
            printTable('Pod', v.list('Pod', NS), opts),
          ].join('\n'),
        };
      },
    },
    { args: ['get', 'nodes', '-o', 'wide'], expect: (v) => ({ stdout: printTable('Node', v.list('Node'), { now: v.now(), wide: true }) }) },
    { args: ['get', 'namespaces'], expect: (v) => ({ stdout: printTable('Namespace', v.list('Namespace'), { now: v.now() }) }) },
    { args: ['get', 'configmaps', '-A'], expect: (v) => ({ stdout: printTable('ConfigMap', v.list('ConfigMap'), { now: v.now(), withNamespace: true }) }) },
    { args: ['get', 'sa', '-A'], expect: (v) => ({ stdout: printTable('ServiceAccount', v.list('ServiceAccount'), { now: v.now(), withNamespace: true }) }) },
    { args: ['get', 'serviceaccounts', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('ServiceAccount', NS))) }) },
    {
      args: ['get', 'deploy/api-service', 'svc/web-frontend', 'ep/web-frontend'],
      expect: (v) => {
        const opts = { now: v.now(), showKind: true };
        return {
          stdout: [
            printTable('Deployment', [v.get('Deployment', NS, 'api-service')!], opts),
            printTable('Service', [v.get('Service', NS, 'web-frontend')!], opts),
            printTable('Endpoints', [v.get('Endpoints', NS, 'web-frontend')!], opts),
          ].join('\n'),
        };
      },
    },
    { args: ['get', 'secrets'], expect: (v) => ({ stdout: printTable('Secret', v.list('Secret', NS), { now: v.now() }) }) },
    { args: ['get', 'endpointslices'], expect: (v) => ({ stdout: printTable('EndpointSlice', v.list('EndpointSlice', NS), { now: v.now() }) }) },
    { args: ['get', 'events'], expect: (v) => ({ stdout: printTable('Event', v.list('Event', NS), { now: v.now() }) }) },
    { args: ['get', 'events', '-A', '-o', 'wide'], expect: (v) => ({ stdout: printTable('Event', v.list('Event'), { now: v.now(), withNamespace: true, wide: true }) }) },
  );
  const apiPod = pods.find((p) => p.metadata!.name!.startsWith('api-service-'))!.metadata!.name!;
  const webPod = pods.find((p) => p.metadata!.name!.startsWith('web-frontend-'))!.metadata!.name!;
  cases.push(
    { args: ['get', 'pod', apiPod, '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(v.get('Pod', NS, apiPod)!) }) },
    { args: ['get', 'pod', apiPod, '-o', 'json'], expect: (v) => ({ stdout: printJson(v.get('Pod', NS, apiPod)!) }) },
    { args: ['get', 'pod', apiPod, '-o', 'name'], expect: (v) => ({ stdout: printName(v.get('Pod', NS, apiPod)!) }) },
    { args: ['get', 'pods', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Pod', NS))) }) },
    { args: ['get', 'deployments', '-A', '-o', 'json'], expect: (v) => ({ stdout: printJson(toList(v.list('Deployment'))) }) },
    { args: ['get', 'deployment', 'api-service', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(v.get('Deployment', NS, 'api-service')!) }) },
    { args: ['get', 'replicasets', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('ReplicaSet', NS))) }) },
    { args: ['get', 'services', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Service', NS))) }) },
    { args: ['get', 'endpointslices', '-o', 'json'], expect: (v) => ({ stdout: printJson(toList(v.list('EndpointSlice', NS))) }) },
    { args: ['get', 'events', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Event', NS))) }) },
    { args: ['get', 'nodes', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Node'))) }) },
    { args: ['get', 'namespaces', '-o', 'json'], expect: (v) => ({ stdout: printJson(toList(v.list('Namespace'))) }) },
    { args: ['get', 'secrets', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Secret', NS))) }) },
    { args: ['get', 'configmaps', '-A', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('ConfigMap'))) }) },
    { args: ['get', 'pods', '-A', '-o', 'name'], expect: (v) => ({ stdout: v.list('Pod').map((p) => printName(p)).join('') }) },
    { args: ['get', 'deployments,services', '-o', 'name'], expect: (v) => ({ stdout: [...v.list('Deployment', NS), ...v.list('Service', NS)].map((o) => printName(o)).join('') }) },
    { args: ['events'], expect: (v) => ({ stdout: printEventsCommand(v.list('Event', NS), { now: v.now() }) }) },
    { args: ['events', '-A'], expect: (v) => ({ stdout: printEventsCommand(v.list('Event'), { now: v.now(), withNamespace: true }) }) },
    { args: ['get', 'pods', '--show-labels'], expect: (v) => ({ stdout: printTable('Pod', v.list('Pod', NS), { now: v.now(), showLabels: true }) }) },
    { args: ['get', 'pods', '-A', '--show-labels'], expect: (v) => ({ stdout: printTable('Pod', v.list('Pod'), { now: v.now(), withNamespace: true, showLabels: true }) }) },
    {
      args: ['get', 'deployments', '-o', 'wide', '--show-labels'],
      expect: (v) => ({ stdout: printTable('Deployment', v.list('Deployment', NS), { now: v.now(), wide: true, showLabels: true }) }),
    },
    {
      args: ['get', 'deployments,services', '--show-labels'],
      expect: (v) => {
        const opts = { now: v.now(), showKind: true, showLabels: true };
        return { stdout: printTable('Deployment', v.list('Deployment', NS), opts) + '\n' + printTable('Service', v.list('Service', NS), opts) };
      },
    },
    { args: ['get', 'nodes', '--show-labels'], expect: (v) => ({ stdout: printTable('Node', v.list('Node'), { now: v.now(), showLabels: true }) }) },
    {
      args: ['get', 'pods', '--field-selector', 'status.phase=Running,metadata.name!=' + webPod],
      expect: (v) => ({
        stdout: printTable('Pod', v.list('Pod', NS).filter((p) => p.status?.phase === 'Running' && p.metadata!.name !== webPod), { now: v.now() }),
      }),
    },
    {
      args: ['get', 'events', '--field-selector', `involvedObject.name=${apiPod}`],
      expect: (v) => ({ stdout: printTable('Event', v.list('Event', NS).filter((e) => e.involvedObject.name === apiPod), { now: v.now() }) }),
    },
    {
      args: ['get', 'deployments', '-l', 'app', '--field-selector', 'status.replicas=1'],
      expect: () => ({
        stdout: '',
        stderr:
          'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app", field selector "status.replicas=1": field label not supported: status.replicas\n',
      }),
    },
    ...['.status.containerStatuses[0].restartCount', '{.metadata.creationTimestamp}', 'metadata.name'].map(
      (path): Case => ({ args: ['get', 'pods', '--sort-by', path], expect: (v) => ({ stdout: printTable('Pod', sortedBy(v.list('Pod', NS), path), { now: v.now() }) }) }),
    ),
    {
      args: ['get', 'events', '--sort-by=.lastTimestamp'],
      expect: (v) => ({ stdout: printTable('Event', sortedBy(v.list('Event', NS), '.lastTimestamp'), { now: v.now() }) }),
    },
    {
      args: ['get', 'replicasets', '-A', '--sort-by=.status.replicas', '-o', 'name'],
      expect: (v) => ({ stdout: sortedBy(v.list('ReplicaSet'), '.status.replicas').map((o) => printName(o)).join('') }),
    },
    { args: ['get', 'pods', '--sort-by=.spec.bogus'], expect: () => ({ stdout: '', stderr: `No resources found in ${NS} namespace.\n` }) },
    {
      args: ['get', 'pods', '--sort-by=.spec.bogus', '-o', 'name'],
      expect: () => ({ stdout: '', stderr: 'error: couldn\'t find any field with path "{.spec.bogus}" in the list of objects\n' }),
    },
    { args: ['events', '-o', 'yaml'], expect: (v) => ({ stdout: printEventsYaml(v.list('Event', NS)) }) },
    { args: ['events', '-A', '-o', 'yaml'], expect: (v) => ({ stdout: printEventsYaml(v.list('Event')) }) },
    { args: ['events', '-o', 'name'], expect: () => ({ stdout: '' }) },
    { args: ['events', '-n', 'nope', '-o', 'yaml'], expect: () => ({ stdout: '', stderr: 'No events found in nope namespace.\n' }) },
    {
      args: ['events', '--for', 'deployment/api-service', '--types=Normal'],
      expect: (v) => ({
        stdout: printEventsCommand(
          v.list('Event', NS).filter((e) => e.involvedObject.kind === 'Deployment' && e.involvedObject.name === 'api-service' && e.type === 'Normal'),
          { now: v.now() },
        ),
      }),
    },
    {
      args: ['events', '--types', 'warning', '-o', 'yaml'],
      expect: (v) => ({ stdout: printEventsYaml(v.list('Event', NS).filter((e) => e.type === 'Warning')) }),
    },
    logCase(c, apiPod, false),
    logCase(c, apiPod, true),
    logCase(c, webPod, false),
    logCase(c, webPod, true),
    { args: ['get', 'pod', 'nope'], expect: () => ({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' }) },
    { args: ['describe', 'deployment', 'nope'], expect: () => ({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' }) },
  );
  return cases;
}

interface World {
  name: string;
  build: (nowMs: number) => ClusterControl;
}

const WORLDS: World[] = [
  { name: 'at arrival', build: (now) => createCluster(taskflowSpec(), now) },
  {
    name: 'after rollout undo + 60 s',
    build: (now) => {
      const c = createCluster(taskflowSpec(), now - 60_000);
      const r = c.rolloutUndo(NS, 'api-service');
      if (!r.ok) throw new Error(r.message);
      c.advanceTo(now);
      return c;
    },
  },
  {
    // The worker leaks past its 256Mi limit (OOMKilled in Last State, then CrashLoopBackOff);
    // probes of every kind in the templates (Liveness/Readiness/Startup lines). web-frontend's
    // /healthz and /livez fail while api-service (crash looping since the deploy) has no ready
    // endpoint: READY 0/1, Unhealthy events, liveness kills and restarts (exit 143).
    name: 'worker OOMKilled, probes, after 6 minutes',
    build: (now) => {
      const spec = taskflowSpec();
      const apiDown = { when: { servicesUnreachable: ['api-service'] }, status: 503 };
      spec.images = spec.images.map((b) =>
        b.image === WORKER
          ? { image: WORKER, outcomes: [{ logs: [], readyAfter: 1, memory: { mib: 200, growMibPerMinute: 120 } }] }
          : b.image === WEB
            ? { image: WEB, outcomes: b.outcomes.map((o) => ({ ...o, probes: { http: { '/healthz': [apiDown], '/livez': [{ ...apiDown, status: 500 }] } } })) }
            : b,
      );
      for (const step of spec.history) {
        if (step.action !== 'createDeployment') continue;
        const c0 = step.deployment.template.containers[0]!;
        if (step.deployment.name === 'web-frontend') {
          c0.readinessProbe = { httpGet: { path: '/healthz', port: 3000 }, periodSeconds: 5 };
          c0.livenessProbe = { httpGet: { path: '/livez', port: 3000 }, initialDelaySeconds: 15, failureThreshold: 5 };
        }
        if (step.deployment.name === 'worker') {
          c0.resources = { limits: { memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } };
          c0.livenessProbe = { exec: { command: ['cat', '/tmp/healthy'] }, timeoutSeconds: 3 };
          c0.startupProbe = { httpGet: { port: 'metrics', scheme: 'HTTPS' }, failureThreshold: 30 };
        }
      }
      const c = createCluster(spec, now - 6 * 60_000);
      c.advanceTo(now);
      return c;
    },
  },
  {
    // The deploy ships a tag the registry does not have (ImagePullBackOff); web-frontend takes
    // its config through envFrom and volumes; a missing ConfigMap holds the worker in
    // CreateContainerConfigError; the notifier's missing ConfigMap and Secret volumes keep it in
    // ContainerCreating with FailedMount.
    name: 'api-service image tag typo, envFrom, volumes, after 3 minutes',
    build: (now) => {
      const spec = taskflowSpec();
      spec.history = spec.history.map((h) =>
        h.action === 'updateDeployment' ? { ...h, containers: [apiContainer(`${API_NEW}-rc`)] } : h,
      );
      spec.configMaps = [{ name: 'web-config', namespace: NS, data: { THEME: 'dark', 'nginx.conf': 'server { listen 3000; }\n' } }];
      for (const step of spec.history) {
        if (step.action !== 'createDeployment') continue;
        const c0 = step.deployment.template.containers[0]!;
        if (step.deployment.name === 'web-frontend') {
          c0.envFrom = [{ prefix: 'WEB_', configMapRef: { name: 'web-config' } }, { secretRef: { name: 'taskflow-db', optional: true } }];
          c0.volumeMounts = [
            { name: 'conf', mountPath: '/etc/nginx/conf.d', readOnly: true },
            { name: 'cache', mountPath: '/var/cache/nginx' },
            { name: 'tls', mountPath: '/etc/tls/tls.crt', readOnly: true, subPath: 'tls.crt' },
          ];
          step.deployment.template.volumes = [
            { name: 'conf', configMap: { name: 'web-config', items: [{ key: 'nginx.conf', path: 'default.conf' }] } },
            { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
            { name: 'tls', secret: { secretName: 'web-tls', optional: true, defaultMode: 0o400 } },
          ];
        }
        if (step.deployment.name === 'worker') c0.envFrom = [{ configMapRef: { name: 'worker-config' } }];
      }
      spec.history.push({
        at: -150,
        action: 'createDeployment',
        deployment: {
          name: 'notifier',
          namespace: NS,
          replicas: 1,
          labels: { app: 'notifier' },
          selector: { app: 'notifier' },
          template: {
            labels: { app: 'notifier' },
            containers: [
              {
                name: 'notifier',
                image: WORKER,
                volumeMounts: [
                  { name: 'config', mountPath: '/etc/notifier', readOnly: true },
                  { name: 'creds', mountPath: '/var/run/creds', readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: 'config', configMap: { name: 'notifier-config' } },
              { name: 'creds', secret: { secretName: 'notifier-creds', items: [{ key: 'token', path: 'api-token' }] } },
            ],
          },
        },
      });
      const c = createCluster(spec, now - 3 * 60_000);
      c.advanceTo(now);
      return c;
    },
  },
  {
    // Plus a schema migration that completed, one that failed past its backoffLimit, and a pod too
    // big for any node.
    name: 'after 20 minutes, with jobs and an unschedulable pod',
    build: (now) => {
      const spec = taskflowSpec();
      const ok = 'registry.example/taskflow/migrate:4.0.0';
      const bad = 'registry.example/taskflow/migrate:4.0.1';
      spec.images.push(
        { image: ok, outcomes: [{ logs: [{ after: 1, text: 'applying 0004_tasks_due_at\n' }], exit: { after: 4, code: 0 }, setsFacts: { dbSchema: '4' } }] },
        { image: bad, outcomes: [{ logs: [{ after: 1, text: 'ERROR: column "due_at" already exists\n' }], exit: { after: 2, code: 1 } }] },
      );
      const job = (name: string, image: string, backoffLimit?: number) => ({
        at: -900,
        action: 'createJob' as const,
        job: { name, namespace: NS, ...(backoffLimit !== undefined ? { backoffLimit } : {}), template: { restartPolicy: 'Never' as const, containers: [{ name: 'migrate', image }] } },
      });
      spec.history.push(job('db-migrate', ok), job('db-migrate-retry', bad, 1));
      // A report builder asking for more CPU than any node has: Pending, FailedScheduling.
      spec.history.push({
        at: -120,
        action: 'createDeployment',
        deployment: {
          name: 'report-builder',
          namespace: NS,
          replicas: 1,
          labels: { app: 'report-builder' },
          selector: { app: 'report-builder' },
          template: { labels: { app: 'report-builder' }, containers: [{ name: 'report-builder', image: ok, resources: { requests: { cpu: '6', memory: '1Gi' } } }] },
        },
      });
      const c = createCluster(spec, now - 20 * 60_000);
      c.advanceTo(now);
      return c;
    },
  },
];

interface Outcome {
  args: string[];
  ok: boolean;
  actual: Expected;
  expected: Expected;
}

async function compare(k: KubectlEnv, c: ClusterView, kase: Case): Promise<Outcome> {
  const r = await k.run(kase.args);
  const actual: Expected = { stdout: r.stdout, stderr: r.stderr };
  // Any instant while kubectl ran may be the one it (or the stub, for server-side tables)
  // measured ages against: try every instant at which one of its ages could tick.
  const expected = kubectlInstants(c, r.startedAt, r.endedAt).map((now) => kase.expect(viewAt(c, now)));
  for (const e of expected) {
    if (e.stdout === actual.stdout && (e.stderr ?? '') === actual.stderr) return { args: kase.args, ok: true, actual, expected: e };
  }
  // A multi-type get's tables may each have been measured at a later second than the one before.
  const sameErr = expected.filter((e) => (e.stderr ?? '') === actual.stderr);
  if (matchesProgressively(actual.stdout, sameErr.map((e) => e.stdout))) return { args: kase.args, ok: true, actual, expected: sameErr[0]! };
  return { args: kase.args, ok: false, actual, expected: expected[0]! };
}

describe.skipIf(!kubectlAvailable)('printers match real kubectl 1.32', () => {
  for (const world of WORLDS) {
    describe(world.name, () => {
      let server: StubServer;
      let cluster: ClusterControl;
      let outcomes: Outcome[] = [];

      beforeAll(async () => {
        cluster = world.build(Math.floor(Date.now() / 1000) * 1000);
        server = await startStubServer(cluster);
        const k = kubectlFor(server.url, NS);
        // One call first so the others find kubectl's discovery cache warm.
        await k.run(['get', 'namespaces', '-o', 'name']);
        outcomes = await pool(casesFor(cluster), 4, (kase) => compare(k, cluster, kase));
      }, 60_000);

      afterAll(async () => {
        await server?.close();
      });

      it('prints what kubectl prints for every command', () => {
        const failed = outcomes.filter((o) => !o.ok);
        console.info(`conformance (${world.name}): ${outcomes.length - failed.length}/${outcomes.length} identical`);
        for (const f of failed) {
          expect({ cmd: `kubectl ${f.args.join(' ')}`, ...f.actual }).toEqual({ cmd: `kubectl ${f.args.join(' ')}`, stderr: '', ...f.expected });
        }
        expect(outcomes.length).toBeGreaterThan(30);
      });
    });
  }
});

describe.runIf(!kubectlAvailable && process.env.CI)('kubectl in CI', () => {
  it('is installed (the conformance suite must not be skipped in CI)', () => {
    expect(kubectlAvailable, `${KUBECTL} is missing`).toBe(true);
  });
});
