/**
 * The objects the write commands leave behind, printed by real kubectl 1.32 and by our printers:
 * set env / rollout restart revisions, a paused deployment's condition, a scaled deployment, a
 * created Secret and ConfigMap, and a pod terminating after `kubectl delete pod`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl, ClusterView } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { runLine } from '../../src/kubectl/index';
import { describeDeployment, describePod, describeReplicaSet, printRolloutHistory, printTable, printYaml, toList } from '../../src/kubectl/printers/index';
import { NS, taskflowSpec } from '../unit/cluster/fixtures';
import { kubectlAvailable, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';
import { viewAt } from './viewAt';

interface Expected {
  stdout: string;
  stderr?: string;
}
interface Case {
  args: string[];
  expect: (view: ClusterView) => Expected;
}

/** The world after a learner's writes, ending with a pod deleted at `now` (still Terminating). */
function build(now: number): { cluster: ClusterControl; terminating: string } {
  const cluster = createCluster(taskflowSpec(), now - 5 * 60_000);
  const sh = (line: string): void => {
    const r = runLine(line, { cluster, namespace: NS, history: [] });
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
  };
  sh('kubectl create secret generic queue --from-literal=url=amqp://queue.taskflow-demo:5672');
  sh('kubectl create configmap app-config --from-literal=LOG_LEVEL=debug');
  sh('kubectl set env deploy/api-service --from=secret/queue --prefix=NOTIFICATIONS_QUEUE_');
  cluster.advanceBy(60_000);
  sh('kubectl rollout restart deployment/web-frontend');
  cluster.advanceBy(60_000);
  sh('kubectl scale deployment worker --replicas=2');
  cluster.advanceBy(30_000);
  sh('kubectl rollout pause deployment/worker');
  sh('kubectl set image deployment/worker worker=registry.example/taskflow/worker:1.5.0');
  cluster.advanceTo(now - 1_000);
  const terminating = cluster.list('Pod', NS).find((p) => p.metadata?.labels?.app === 'web-frontend')!.metadata!.name!;
  sh(`kubectl delete pod ${terminating} --wait=false`);
  return { cluster, terminating };
}

function cases(c: ClusterView, terminating: string): Case[] {
  const out: Case[] = [];
  for (const d of c.list('Deployment', NS)) {
    const name = d.metadata!.name!;
    out.push({ args: ['describe', 'deployment', name], expect: (v) => ({ stdout: describeDeployment(v, v.get('Deployment', NS, name)!) }) });
    out.push({ args: ['rollout', 'history', `deployment/${name}`], expect: (v) => ({ stdout: printRolloutHistory(v, v.get('Deployment', NS, name)!) }) });
  }
  const newest = [...c.list('ReplicaSet', NS)].sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? 1 : -1))[0]!.metadata!.name!;
  out.push(
    { args: ['describe', 'replicaset', newest], expect: (v) => ({ stdout: describeReplicaSet(v, v.get('ReplicaSet', NS, newest)!) }) },
    { args: ['describe', 'pod', terminating], expect: (v) => ({ stdout: describePod(v, v.get('Pod', NS, terminating)!) }) },
    { args: ['get', 'pods'], expect: (v) => ({ stdout: printTable('Pod', v.list('Pod', NS), { now: v.now() }) }) },
    { args: ['get', 'pods', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Pod', NS))) }) },
    { args: ['get', 'deployments', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('Deployment', NS))) }) },
    { args: ['get', 'replicasets', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(toList(v.list('ReplicaSet', NS))) }) },
    { args: ['get', 'secret', 'queue', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(v.get('Secret', NS, 'queue')!) }) },
    { args: ['get', 'configmap', 'app-config', '-o', 'yaml'], expect: (v) => ({ stdout: printYaml(v.get('ConfigMap', NS, 'app-config')!) }) },
    { args: ['get', 'secrets'], expect: (v) => ({ stdout: printTable('Secret', v.list('Secret', NS), { now: v.now() }) }) },
    { args: ['get', 'deployments'], expect: (v) => ({ stdout: printTable('Deployment', v.list('Deployment', NS), { now: v.now() }) }) },
  );
  return out;
}

describe.skipIf(!kubectlAvailable)('objects after write commands match real kubectl 1.32', () => {
  let server: StubServer;
  const outcomes: { args: string[]; ok: boolean; actual: Expected; expected: Expected }[] = [];

  beforeAll(async () => {
    const { cluster, terminating } = build(Math.floor(Date.now() / 1000) * 1000);
    server = await startStubServer(cluster);
    const k = kubectlFor(server.url, NS);
    await k.run(['get', 'namespaces', '-o', 'name']);
    for (const kase of cases(cluster, terminating)) {
      const r = await k.run(kase.args);
      const actual: Expected = { stdout: r.stdout, stderr: r.stderr };
      let first: Expected | undefined;
      let ok = false;
      // Step finely: rows cross second boundaries at different instants on a slow run.
      for (let t = r.startedAt; t <= r.endedAt + 49 && !ok; t += 50) {
        const e = kase.expect(viewAt(cluster, Math.min(t, r.endedAt)));
        first ??= e;
        ok = e.stdout === actual.stdout && (e.stderr ?? '') === actual.stderr;
      }
      outcomes.push({ args: kase.args, ok, actual, expected: first! });
    }
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('prints what kubectl prints', () => {
    const failed = outcomes.filter((o) => !o.ok);
    console.info(`conformance (after writes): ${outcomes.length - failed.length}/${outcomes.length} identical`);
    for (const f of failed) {
      expect({ cmd: `kubectl ${f.args.join(' ')}`, ...f.actual }).toEqual({ cmd: `kubectl ${f.args.join(' ')}`, stderr: '', ...f.expected });
    }
    expect(outcomes.length).toBeGreaterThan(12);
    const out = (cmd: string): string => outcomes.find((o) => o.args.join(' ') === cmd)?.actual.stdout ?? '';
    // The world really holds what the writes should have made.
    expect(out('get pods')).toMatch(/web-frontend-\S+\s+\d\/1\s+Terminating/);
    expect(out('describe deployment worker')).toMatch(/Progressing\s+Unknown\s+DeploymentPaused/);
    expect(out('rollout history deployment/api-service')).toMatch(/\n3\s+<none>\n/);
    expect(out('rollout history deployment/web-frontend')).toMatch(/\n2\s+<none>\n/);
    expect(out('get deployments')).toMatch(/worker\s+2\/2/);
  });
});
