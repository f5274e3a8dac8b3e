/**
 * Objects written by `kubectl apply -f`, `patch` and `edit` (the last-applied-configuration
 * annotation, merged env lists, new Secrets and ConfigMaps) printed by real kubectl 1.32 from the
 * stub server and by our printers, byte for byte.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl, ClusterView } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { runLine } from '../../src/kubectl/index';
import { loadYamlParser } from '../../src/kubectl/manifest/yamlParser';
import { describeDeployment, describeJob, printJson, printYaml } from '../../src/kubectl/printers/index';
import { API_NEW, NS, taskflowSpec } from '../unit/cluster/fixtures';
import { kubectlAvailable, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';
import { viewAt } from './viewAt';

const FILES = {
  'fixes/api-service.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-service
  labels: {app: api-service}
  annotations:
    team: "core <api> & co"
spec:
  replicas: 2
  selector: {matchLabels: {app: api-service}}
  template:
    metadata: {labels: {app: api-service}}
    spec:
      containers:
        - name: api-service
          image: ${API_NEW}
          ports: [{containerPort: 8080, name: http}]
          env:
            - name: DATABASE_URL
              valueFrom: {secretKeyRef: {name: taskflow-db, key: url}}
            - {name: NOTIFICATIONS_QUEUE_URL, value: "amqp://mq.internal:5672"}
---
apiVersion: v1
kind: Secret
metadata: {name: mq-credentials}
stringData: {password: "s3cr3t\\n"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: api-flags}
data: {FEATURE_X: "on", multi: "a\\nb\\n"}
---
apiVersion: batch/v1
kind: Job
metadata: {name: db-migrate}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: migrate, image: "registry.example/taskflow/migrate:2.4.0"}
`,
};

interface Case {
  args: string[];
  expect: (v: ClusterView) => string;
}

function cases(): Case[] {
  const dep = (v: ClusterView, name: string) => v.get('Deployment', NS, name)!;
  return [
    { args: ['get', 'deployment', 'api-service', '-o', 'yaml'], expect: (v) => printYaml(dep(v, 'api-service')) },
    { args: ['get', 'deployment', 'api-service', '-o', 'json'], expect: (v) => printJson(dep(v, 'api-service')) },
    { args: ['describe', 'deployment', 'api-service'], expect: (v) => describeDeployment(v, dep(v, 'api-service')) },
    { args: ['get', 'deployment', 'worker', '-o', 'yaml'], expect: (v) => printYaml(dep(v, 'worker')) },
    { args: ['get', 'deployment', 'web-frontend', '-o', 'yaml'], expect: (v) => printYaml(dep(v, 'web-frontend')) },
    { args: ['get', 'secret', 'mq-credentials', '-o', 'yaml'], expect: (v) => printYaml(v.get('Secret', NS, 'mq-credentials')!) },
    { args: ['get', 'configmap', 'api-flags', '-o', 'json'], expect: (v) => printJson(v.get('ConfigMap', NS, 'api-flags')!) },
    { args: ['get', 'job', 'db-migrate', '-o', 'yaml'], expect: (v) => printYaml(v.get('Job', NS, 'db-migrate')!) },
    { args: ['describe', 'job', 'db-migrate'], expect: (v) => describeJob(v, v.get('Job', NS, 'db-migrate')!) },
  ];
}

describe.skipIf(!kubectlAvailable)('objects written by apply, patch and edit match real kubectl 1.32', () => {
  let server: StubServer;
  let cluster: ClusterControl;
  const results: { args: string[]; stdout: string; stderr: string; ours: string }[] = [];
  /** kubectl's own last-applied-configuration for a new object (client dry run) and ours. */
  let annotation = { kubectl: '', ours: '' };

  beforeAll(async () => {
    await loadYamlParser();
    const now = Math.floor(Date.now() / 1000) * 1000;
    const spec = taskflowSpec();
    spec.images.push({ image: 'registry.example/taskflow/migrate:2.4.0', outcomes: [{ logs: [{ after: 1, text: '{{time}} schema 4' }], exit: { after: 6, code: 0 } }] });
    cluster = createCluster(spec, now - 90_000);
    const run = (line: string) => runLine(line, { cluster, namespace: NS, history: [], files: FILES });
    expect(run('kubectl apply -f fixes/api-service.yaml').exitCode).toBe(0);
    expect(run(`kubectl patch deploy worker -p '{"metadata":{"labels":{"tier":"batch"}},"spec":{"template":{"spec":{"containers":[{"name":"worker","env":[{"name":"BATCH","value":"50"}]}]}}}}'`).exitCode).toBe(0);
    const edit = run('kubectl edit deploy web-frontend').edit!;
    expect(edit.submit(edit.text.replace(/\n {2}replicas: \d+\n/, '\n  replicas: 3\n')).stdout).toBe('deployment.apps/web-frontend edited\n');
    // Wall time runs on while kubectl works; everything here is settled well before `now`.
    cluster.advanceTo(now);
    server = await startStubServer(cluster);
    const k = kubectlFor(server.url, NS);
    await k.run(['get', 'namespaces', '-o', 'name']);
    for (const c of cases()) {
      const r = await k.run(c.args);
      // Any whole second during the kubectl call may be the one it measured ages against.
      let ours = c.expect(viewAt(cluster, r.startedAt));
      for (let t = r.startedAt; t <= r.endedAt + 999 && ours !== r.stdout; t += 1000) ours = c.expect(viewAt(cluster, Math.min(t, r.endedAt)));
      results.push({ args: c.args, stdout: r.stdout, stderr: r.stderr, ours });
    }
  }, 60_000);

  beforeAll(async () => {
    const text = FILES['fixes/api-service.yaml'].replaceAll('api-service', 'newapp').split('---')[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-apply-'));
    try {
      writeFileSync(join(dir, 'newapp.yaml'), text);
      const k = kubectlFor(server.url, NS);
      const path = '{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}';
      const r = await k.run(['apply', '-f', join(dir, 'newapp.yaml'), '--dry-run=client', '--validate=false', '-o', `jsonpath=${path}`]);
      runLine('kubectl apply -f newapp.yaml', { cluster, namespace: NS, history: [], files: { 'newapp.yaml': text } });
      const ours = cluster.get('Deployment', NS, 'newapp')?.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '';
      annotation = { kubectl: r.stdout + r.stderr, ours };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('records the same last-applied-configuration as kubectl apply', () => {
    expect(annotation.ours).toContain('"namespace":"taskflow-demo"');
    expect(annotation.ours).toBe(annotation.kubectl);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('prints the same bytes', () => {
    for (const r of results) {
      expect({ cmd: `kubectl ${r.args.join(' ')}`, stdout: r.stdout, stderr: r.stderr }).toEqual({ cmd: `kubectl ${r.args.join(' ')}`, stdout: r.ours, stderr: '' });
    }
    expect(results.length).toBe(9);
  });
});
