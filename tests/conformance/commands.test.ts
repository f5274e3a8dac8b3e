/**
 * Whole command lines against real kubectl 1.32: where kubectl does work on the client side
 * (logs flags and pod choice, rollout history, explain, help), our command line must print what
 * kubectl prints when the stub server serves it the same world. Runs our `kubectl ...` through
 * runLine on the very cluster the stub serves, so the sim clock is the one kubectl's server used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import type { WorldSpec } from '../../src/cluster/spec';
import { loadExplainSchema } from '../../src/kubectl/explain/schema';
import { runLine, type ShellResult } from '../../src/kubectl/index';
import { NS, taskflowSpec } from '../unit/cluster/fixtures';
import { type KubectlEnv, type KubectlRun, kubectlAvailable, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';

interface Case {
  /** The kubectl arguments (our line is `kubectl ` + these, quoted where needed). */
  args: string[];
  /**
   * Real kubectl reads several log streams in Go map order (random): compare the lines as a
   * sorted multiset instead of in order.
   */
  unordered?: boolean;
  /** Also compare the exit code. */
  code?: boolean;
}

const DUO = 'example/duo-app:1';
const PROXY = 'example/duo-proxy:1';

/** The taskflow world plus `duo`: two pods of two containers each; app writes a line a minute. */
function worldSpec(): WorldSpec {
  const spec = taskflowSpec();
  spec.history.push({
    at: -1200,
    action: 'createDeployment',
    deployment: {
      name: 'duo',
      namespace: NS,
      replicas: 2,
      labels: { app: 'duo' },
      selector: { app: 'duo' },
      template: { labels: { app: 'duo' }, containers: [{ name: 'app', image: DUO }, { name: 'proxy', image: PROXY }] },
    },
  });
  const every = (what: string, n: number) => Array.from({ length: n }, (_, i) => ({ after: 1 + i * 60, text: `{{time}} ${what} tick ${i} on {{pod}}` }));
  spec.images.push(
    { image: DUO, outcomes: [{ logs: every('app', 25), readyAfter: 1 }] },
    { image: PROXY, outcomes: [{ logs: [...every('proxy', 3), { after: 400, text: 'multi-line\n  entry' }], readyAfter: 1 }] },
  );
  return spec;
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}

function cases(c: ClusterControl): Case[] {
  const pods = c.list('Pod', NS).map((p) => p.metadata!.name!);
  const duo = pods.filter((n) => n.startsWith('duo-'));
  const api = pods.find((n) => n.startsWith('api-service-'))!;
  const d0 = duo[0]!;
  const since = new Date(c.now() - 10 * 60_000).toISOString();
  return [
    // Pod and container choice.
    { args: ['logs', d0] },
    { args: ['logs', d0, 'proxy'] },
    { args: ['logs', d0, '-c', 'proxy', '--timestamps'] },
    { args: ['logs', d0, '-c', 'nope'], code: true },
    { args: ['logs', d0, 'proxy', '-c', 'app'], code: true },
    { args: ['logs', 'deploy/duo', '--tail=2'] },
    { args: ['logs', 'rs/' + d0.split('-').slice(0, 2).join('-'), '-c', 'proxy'] },
    { args: ['logs', 'svc/api-service', '--tail=1'] },
    { args: ['logs', 'deploy/nope'], code: true },
    { args: ['logs', 'svc/nope'], code: true },
    // Time and size windows.
    { args: ['logs', d0, '--since=5m'] },
    { args: ['logs', d0, '--since=5m', '--timestamps'] },
    { args: ['logs', d0, `--since-time=${since}`, '-c', 'app'] },
    { args: ['logs', d0, '--since=1m', `--since-time=${since}`], code: true },
    { args: ['logs', d0, '--since=5x'], code: true },
    { args: ['logs', d0, '--since=-1m'], code: true },
    { args: ['logs', d0, '--since-time=yesterday'], code: true },
    { args: ['logs', d0, '--since-time=2026-01-01'], code: true },
    { args: ['logs', d0, '--since-time=2026-13-01T00:00:00Z'], code: true },
    { args: ['logs', d0, '--tail=3', '--since=10m', '--timestamps'] },
    { args: ['logs', d0, '--limit-bytes=50'] },
    { args: ['logs', d0, '--limit-bytes=-1'], code: true },
    { args: ['logs', d0, '--tail=-2'], code: true },
    { args: ['logs', d0, '--prefix', '--tail=2', '-c', 'proxy'] },
    // Several streams.
    { args: ['logs', d0, '--all-containers', '--prefix'], unordered: true },
    { args: ['logs', d0, '--all-containers', '-c', 'app'], code: true },
    { args: ['logs', '-l', 'app=duo'], unordered: true },
    { args: ['logs', '-l', 'app=duo', '--prefix', '--timestamps', '-c', 'proxy'], unordered: true },
    { args: ['logs', '-l', 'app=duo', '--all-containers', '--tail=1', '--prefix'], unordered: true },
    { args: ['logs', '-l', 'app=nope'] },
    { args: ['logs', '-l', 'app=duo', d0], code: true },
    { args: ['logs', 'deploy/duo', '--all-pods', '--tail=1', '-c', 'proxy'], unordered: true },
    { args: ['logs', '-l', 'app=duo', '-f', '--max-log-requests=1'], code: true },
    // Errors from the server.
    { args: ['logs', api, '--previous', '--timestamps'] },
    { args: ['logs', 'deploy/worker', '--previous'], code: true },
    { args: ['logs', '-l', 'app=duo', '--previous', '--ignore-errors'], unordered: true },
    // rollout history and the errors of rollout undo (which come before any change).
    { args: ['rollout', 'history', 'deployment/api-service'] },
    { args: ['rollout', 'history', 'deployment', 'api-service', 'duo'] },
    { args: ['rollout', 'history', 'deployments'] },
    ...[1, 2, 9, -1].map((n): Case => ({ args: ['rollout', 'history', 'deploy/api-service', `--revision=${n}`], code: true })),
    { args: ['rollout', 'history', 'deploy/duo', '--revision=1'] },
    { args: ['rollout', 'history', 'deploy/nope'], code: true },
    { args: ['rollout', 'history', `pod/${api}`], code: true },
    { args: ['rollout', 'history', 'deploy/api-service', '-o', 'name'] },
    { args: ['rollout', 'history', 'deploy/api-service', '-o', 'yaml'] },
    { args: ['rollout', 'history', 'deploy/api-service', '-o', 'yaml', '--revision=1'] },
    { args: ['rollout', 'history', 'deploy/api-service', '-o', 'wide'], code: true },
    { args: ['rollout', 'undo', 'deploy/api-service', '--to-revision=9'], code: true },
    { args: ['rollout', 'undo', 'deploy/api-service', '--to-revision=2'], code: true },
    { args: ['rollout', 'undo', 'deploy/nope'], code: true },
    { args: ['rollout', 'undo', `pod/${api}`], code: true },
    // explain, from the OpenAPI v3 documents the stub serves out of the same data.
    ...[
      'pods',
      'pod.spec',
      'pods.spec.containers',
      'pod.spec.containers.livenessProbe',
      'po.spec.containers.livenessProbe.httpGet.port',
      'pods.metadata.labels',
      'pod.spec.containers.resources.limits',
      'pod.status.containerStatuses.state.terminated.exitCode',
      'deployments',
      'deployment.spec.strategy',
      'deployments.apps.spec.replicas',
      'deploy.spec.template.spec.containers.env.valueFrom',
      'rs.status',
      'svc.spec.ports.targetPort',
      'cm',
      'secrets.data',
      'events',
      'nodes.status.conditions',
      'ns',
      'endpointslices.endpoints',
      'pod.spec.',
      // Enum fields: an ENUM: block for the field itself, `enum: ...` lines (at most four values,
      // then `, ....`; "" for the empty value) in FIELDS lists.
      'pod.spec.restartPolicy',
      'pod.spec.containers.imagePullPolicy',
      'service.spec.type',
      'svc.spec',
      'deployment.spec.strategy.type',
      'pod.spec.volumes.hostPath',
      'pod.spec.volumes.hostPath.type',
      'pod.status.phase',
      'pod.spec.containers.ports',
      'service.spec.ipFamilies',
      'jobs.spec',
      'endpointslices.addressType',
    ].map((what): Case => ({ args: ['explain', what] })),
    { args: ['explain', 'svc.spec', '--recursive'] },
    { args: ['explain', 'pods', '--recursive'] },
    { args: ['explain', 'deployment.spec.template', '--recursive'] },
    { args: ['explain', 'deployments', '--api-version=apps/v1'] },
    { args: ['explain', 'pod.spec.nope'], code: true },
    { args: ['explain', 'pod.spec.containers.nope.deeper'], code: true },
    { args: ['explain', 'pod..spec'], code: true },
    { args: ['explain', 'foo'], code: true },
    { args: ['explain'], code: true },
    { args: ['explain', 'pods', 'nodes'], code: true },
    { args: ['explain', 'deployments', '--api-version=apps/v2'], code: true },
  ];
}

function sortedLines(s: string): string[] {
  return s.split('\n').sort();
}

describe.skipIf(!kubectlAvailable)('command lines match real kubectl 1.32', () => {
  let server: StubServer;
  let cluster: ClusterControl;
  let k: KubectlEnv;

  beforeAll(async () => {
    await loadExplainSchema();
    const now = Math.floor(Date.now() / 1000) * 1000;
    cluster = createCluster(worldSpec(), now - 20 * 60_000);
    cluster.advanceTo(now);
    server = await startStubServer(cluster);
    k = kubectlFor(server.url, NS);
    await k.run(['get', 'namespaces', '-o', 'name']);
  }, 30_000);

  afterAll(async () => {
    await server?.close();
  });

  it('prints what kubectl prints for logs, rollout history, rollout undo errors and explain', async () => {
    const all = cases(cluster);
    // Two kubectl processes at a time: the machine and the suite (printers.test.ts) are shared.
    const outcomes: { kase: Case; real: KubectlRun; ours: ShellResult }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        while (next < all.length) {
          const kase = all[next++]!;
          const real = await k.run(kase.args);
          const ours = runLine(`kubectl ${kase.args.map(quote).join(' ')}`, { cluster, namespace: NS, history: [] });
          outcomes.push({ kase, real, ours });
        }
      }),
    );
    for (const { kase, real, ours } of outcomes) {
      const cmd = `kubectl ${kase.args.join(' ')}`;
      const pick = (r: { stdout: string; stderr: string }, code: number) => ({
        cmd,
        stdout: kase.unordered ? sortedLines(r.stdout) : r.stdout,
        stderr: kase.unordered ? sortedLines(r.stderr) : r.stderr,
        ...(kase.code ? { code } : {}),
      });
      expect(pick(ours, ours.exitCode)).toEqual(pick(real, real.code));
    }
    expect(outcomes.length).toBeGreaterThan(30);
  }, 60_000);
});

describe.skipIf(!kubectlAvailable)('kubectl config matches real kubectl 1.32 on the same kubeconfig', () => {
  it('prints contexts, views and namespace changes as kubectl does', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { execFileSync } = await import('node:child_process');
    const { KUBECTL } = await import('./kubectl');
    const home = mkdtempSync(join(tmpdir(), 'firedrill-config-'));
    const kubeconfig = join(home, 'config');
    // Our kubeconfig (`kubectl config view --raw` would show these; view redacts them).
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: firedrill',
        '  cluster: {server: "https://10.0.0.10:6443", certificate-authority-data: Zm9v}',
        'contexts:',
        '- name: firedrill',
        `  context: {cluster: firedrill, user: firedrill, namespace: ${NS}}`,
        'current-context: firedrill',
        'users:',
        '- name: firedrill',
        '  user: {client-certificate-data: Zm9v, client-key-data: Zm9v}',
        '',
      ].join('\n'),
    );
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig, TZ: 'UTC', LANG: 'C' };
    const real = (args: string[]) => {
      try {
        return { stdout: execFileSync(KUBECTL, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), stderr: '', code: 0 };
      } catch (e) {
        const err = e as { stdout: string; stderr: string; status: number };
        return { stdout: err.stdout, stderr: err.stderr, code: err.status };
      }
    };
    const cluster = createCluster(taskflowSpec(), Date.UTC(2026, 10, 24, 15, 40));
    let namespace = NS;
    const lines = [
      ['config', 'current-context'],
      ['config', 'get-contexts'],
      ['config', 'get-contexts', '--no-headers'],
      ['config', 'get-contexts', '-o', 'name'],
      ['config', 'get-contexts', 'nope'],
      ['config', 'get-contexts', '-o', 'wide'],
      ['config', 'view'],
      ['config', 'view', '--minify'],
      ['config', 'view', '-o', 'json'],
      ['config', 'view', '-o', 'wide'],
      ['config', 'set-context'],
      ['config', 'set-context', '--current', '--namespace=web'],
      ['config', 'get-contexts'],
      ['config', 'view', '--minify'],
      ['config', 'use-context', 'nope'],
      ['config', 'use-context', 'firedrill'],
    ];
    for (const args of lines) {
      const r = real(args);
      const ours = runLine(`kubectl ${args.join(' ')}`, { cluster, namespace, history: [] });
      if (ours.namespace !== undefined) namespace = ours.namespace;
      expect({ cmd: args.join(' '), stdout: ours.stdout, stderr: ours.stderr, code: ours.exitCode }).toEqual({ cmd: args.join(' '), ...r });
    }
  });
});
