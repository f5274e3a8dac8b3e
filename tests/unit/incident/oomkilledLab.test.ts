/**
 * scenarios/taskflow-oomkilled/lab: real manifests that reproduce the incident on Kind or Minikube.
 * They are checked against the scenario (the same worker, limits and ConfigMap values, the same log
 * lines, a batch that really does not fit the limit) and then played in the simulator through the
 * README's commands: applying the broken ConfigMap changes no pod, the restart makes them read it,
 * undo does not help, restoring the value and restarting does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createCluster } from '../../../src/cluster/index';
import type { WorldSpec } from '../../../src/cluster/spec';
import { runLine } from '../../../src/kubectl/index';
import { loadYamlParser } from '../../../src/kubectl/manifest/yamlParser';
import { SCENARIOS_DIR, loadScenarioFile, scenarioPath } from '../../../src/incident/node';

beforeAll(loadYamlParser);

const ID = 'taskflow-oomkilled';
const NS = 'taskflow-demo';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  args: string[];
  env: EnvVar[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  spec?: { replicas?: number; selector?: { matchLabels: Record<string, string> }; template?: { spec: { containers: Container[] } } };
}

function text(file: string): string {
  return readFileSync(join(SCENARIOS_DIR, ID, 'lab', file), 'utf8');
}

function manifests(file: string): Manifest[] {
  return parseAllDocuments(text(file)).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJSON() as Manifest;
  });
}

const container = (file: string): Container => manifests(file).find((d) => d.kind === 'Deployment')!.spec!.template!.spec.containers[0]!;
const batchSize = (file: string): string => manifests(file).find((d) => d.kind === 'ConfigMap')!.data!.BATCH_SIZE!;

const KNOWN = new Set(['v1/Namespace', 'v1/Secret', 'v1/ConfigMap', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));
const workerStep = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'worker');
if (workerStep?.action !== 'createDeployment') throw new Error('the scenario creates the worker');
const worker = workerStep.deployment;
const gameContainer = worker.template.containers[0]!;
const outcomes = scenario.world.images.find((i) => i.image.endsWith('/worker:1.4.0'))!.outcomes;

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
  });

  it('deploys the worker the way the scenario does, with a public image', () => {
    const d = docs.find((x) => x.kind === 'Deployment')!;
    expect(d.metadata.name).toBe('worker');
    expect(d.spec).toMatchObject({ replicas: worker.replicas, selector: { matchLabels: worker.selector } });
    const c = container(file);
    expect(c.image).toMatch(/^busybox:/);
    expect(c.resources).toEqual(gameContainer.resources);
    expect(c.env).toEqual(gameContainer.env);
    expect(c.env.find((e) => e.name === 'BATCH_SIZE')?.valueFrom?.configMapKeyRef).toEqual({ name: 'worker-config', key: 'BATCH_SIZE' });
  });
});

it('the ConfigMap values are the game\'s before (fixed) and after (broken) the change', () => {
  const before = scenario.world.configMaps?.find((c) => c.name === 'worker-config')?.data.BATCH_SIZE;
  const change = scenario.world.history.find((h) => h.action === 'updateConfigMap');
  if (change?.action !== 'updateConfigMap') throw new Error('the scenario edits worker-config');
  expect(batchSize('fixed.yaml')).toBe(before);
  expect(batchSize('broken.yaml')).toBe(change.configMap.data.BATCH_SIZE);
  // The same worker script in both: only the ConfigMap differs.
  expect(container('broken.yaml')).toEqual(container('fixed.yaml'));
});

it('the lab worker prints the game\'s lines and really outgrows 256Mi with 5000, not with 200', () => {
  const script = container('broken.yaml').args.join('\n');
  const asPrinted = (size: string) =>
    script.replaceAll('$(ts) ', '').replaceAll('$HOSTNAME', 'HOST').replaceAll('${POLL_INTERVAL_SECONDS}', '30').replaceAll('$BATCH_SIZE', size);
  const gameLines = (o: (typeof outcomes)[number], size: string) =>
    o.logs.map((l) => l.text.replace('{{time}} ', '').replace('{{pod}}', 'HOST').replaceAll('{{env.POLL_INTERVAL_SECONDS}}', '30').replaceAll('{{env.BATCH_SIZE}}', size));
  const oom = outcomes.find((o) => o.when?.envEquals?.BATCH_SIZE === '5000' && o.when.memoryLimitAtLeast === undefined)!;
  for (const line of gameLines(oom, '5000')) expect(asPrinted('5000')).toContain(line);
  const normal = outcomes.find((o) => o.when === undefined)!;
  const [last, ...first] = gameLines(normal, '200').reverse();
  for (const line of first) expect(asPrinted('200')).toContain(line);
  expect(last).toBe('INFO  reminders: sent 200, claiming the next batch');
  expect(script).toContain('print now " INFO  reminders: sent " n ", claiming the next batch"');

  const perEmail = Number(/length\(pad\) < (\d+)/.exec(script)?.[1]);
  expect(perEmail).toBe(65536);
  const limit = 256 * 1024 * 1024;
  expect(gameContainer.resources?.limits?.memory).toBe('256Mi');
  expect(5000 * perEmail).toBeGreaterThan(limit);
  expect(200 * perEmail).toBeLessThan(limit / 8);
  // awk replaces the shell as PID 1, so its OOM kill ends the container with 137.
  expect(script).toMatch(/^exec awk /m);
});

it('played in the simulator, the README\'s commands show the symptom, the wrong undo and the fix', () => {
  const image = container('fixed.yaml').image;
  const spec: WorldSpec = {
    seed: 11,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [
      {
        image,
        outcomes: [
          { when: { envEquals: { BATCH_SIZE: '5000' } }, logs: [{ after: 0.1, text: 'rendering 5000 emails' }], memory: { mib: 2, growMibPerMinute: 400 }, readyAfter: 0.5 },
          { logs: [{ after: 0.1, text: 'batch size {{env.BATCH_SIZE}}' }], memory: { mib: 15 }, readyAfter: 0.5 },
        ],
      },
    ],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 3, 10, 0, 0));
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files: spec.files! });
  const rows = () =>
    run(`kubectl get pods -n ${NS} --no-headers`)
      .stdout.trim()
      .split('\n')
      .map((l) => l.split(/\s+/));

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe(
    'namespace/taskflow-demo created\nsecret/taskflow-db created\nconfigmap/worker-config created\ndeployment.apps/worker created\n',
  );
  cluster.advanceBy(60_000);
  expect(run(`kubectl rollout status deployment/worker -n ${NS}`).stdout).toBe('deployment "worker" successfully rolled out\n');
  const healthy = rows().map((r) => r[0]);

  // The broken file changes the ConfigMap only: no pod notices.
  expect(run('kubectl apply -f broken.yaml').stdout).toBe(
    'namespace/taskflow-demo unchanged\nsecret/taskflow-db unchanged\nconfigmap/worker-config configured\ndeployment.apps/worker unchanged\n',
  );
  cluster.advanceBy(120_000);
  expect(rows().map((r) => [r[0], r[1], r[3]])).toEqual(healthy.map((n) => [n, '1/1', '0']));

  expect(run(`kubectl rollout restart deployment/worker -n ${NS}`).stdout).toBe('deployment.apps/worker restarted\n');
  cluster.advanceBy(120_000);
  const broken = rows();
  expect(broken.filter((r) => healthy.includes(r[0]!))).toEqual([]);
  const first = broken[0]![0]!;
  expect(run(`kubectl describe pod ${first} -n ${NS}`).stdout).toMatch(/Reason: {7}OOMKilled\n {6}Exit Code: {4}137/);

  // Undo: another set of pods, the same ConfigMap, the same kill.
  expect(run(`kubectl rollout undo deployment/worker -n ${NS}`).stdout).toBe('deployment.apps/worker rolled back\n');
  cluster.advanceBy(120_000);
  const undone = rows();
  expect(undone.filter((r) => broken.some((b) => b[0] === r[0]))).toEqual([]);
  expect(run(`kubectl describe pod ${undone[0]![0]} -n ${NS}`).stdout).toMatch(/Reason: {7}OOMKilled\n {6}Exit Code: {4}137/);

  expect(run(`kubectl patch configmap worker-config -n ${NS} -p '{"data":{"BATCH_SIZE":"200"}}'`).stdout).toBe('configmap/worker-config patched\n');
  expect(run(`kubectl rollout restart deployment/worker -n ${NS}`).stdout).toBe('deployment.apps/worker restarted\n');
  cluster.advanceBy(30_000);
  expect(run(`kubectl rollout status deployment/worker -n ${NS}`).stdout).toBe('deployment "worker" successfully rolled out\n');
  cluster.advanceBy(300_000);
  const fixed = rows();
  expect(fixed).toHaveLength(2);
  expect(fixed.every((r) => r[1] === '1/1' && r[2] === 'Running' && r[3] === '0')).toBe(true);
  expect(run(`kubectl logs ${fixed[0]![0]} -n ${NS}`).stdout).toBe('batch size 200\n');
});
