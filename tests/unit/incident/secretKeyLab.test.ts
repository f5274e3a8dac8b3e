/**
 * scenarios/taskflow-secret-key/lab: real manifests that reproduce the incident on Kind or
 * Minikube. They are checked against the scenario (the same api-service template, the Secret as
 * the rotation left it and as the fix leaves it, the same log lines and login rules) and then
 * played in the simulator through the README's commands: replacing the Secret changes no running
 * pod, new pods cannot be created, undo does not help, the url key brings them up.
 */
import { execFileSync } from 'node:child_process';
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

const ID = 'taskflow-secret-key';
const NS = 'taskflow-demo';
const NEW_URL = 'postgres://taskflow:kestrel-7Qm2-rotated@taskflow-db.taskflow-demo.svc:5432/taskflow';
const OLD_URL = 'postgres://taskflow:demo-only@taskflow-db.taskflow-demo.svc:5432/taskflow';

interface Container {
  name: string;
  image: string;
  args: string[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports: { name?: string; containerPort: number }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  stringData?: Record<string, string>;
  spec?: { replicas?: number; strategy?: { type: string }; selector?: { matchLabels: Record<string, string> }; template?: { spec: { containers: Container[] } } };
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
const secretData = (file: string) => manifests(file).find((d) => d.kind === 'Secret')!.stringData!;

const KNOWN = new Set(['v1/Namespace', 'v1/Secret', 'v1/Service', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));
const release = scenario.world.history.find((h) => h.action === 'updateDeployment' && h.name === 'api-service');
if (release?.action !== 'updateDeployment') throw new Error('the scenario releases api-service');
const created = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'api-service');
if (created?.action !== 'createDeployment') throw new Error('the scenario creates api-service');

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
  });

  it('deploys api-service the way the scenario does, with a public image', () => {
    const d = docs.find((x) => x.kind === 'Deployment')!;
    expect(d.metadata.name).toBe('api-service');
    expect(d.spec).toMatchObject({ replicas: created.deployment.replicas, strategy: created.deployment.strategy, selector: { matchLabels: created.deployment.selector } });
    const c = container(file);
    expect(c.image).toMatch(/^busybox:/);
    expect(c.env).toEqual(release.containers[0]!.env);
    expect(c.ports).toEqual(release.containers[0]!.ports);
  });
});

it('the broken Secret is the one the rotation left; the fixed one adds url with the same password', () => {
  const rotated = scenario.world.history.find((h) => h.action === 'recreateSecret');
  if (rotated?.action !== 'recreateSecret') throw new Error('the scenario replaces taskflow-db');
  expect(secretData('broken.yaml')).toEqual(rotated.secret.stringData);
  expect(secretData('fixed.yaml')).toEqual({ ...rotated.secret.stringData, url: NEW_URL });
  expect(NEW_URL).toContain(`:${rotated.secret.stringData.password}@`);
  // The only difference between the files is the Secret.
  expect(container('broken.yaml')).toEqual(container('fixed.yaml'));
});

it("the lab's script logs in as the game's 2.5.0 does after the rotation, with the same lines", () => {
  const script = container('broken.yaml').args.join('\n').replace('exec httpd -f -p 8080 -h /www', 'exit 0').replace('mkdir -p /www && echo ok > /www/healthz', ':');
  const outcomes = scenario.world.images.find((i) => i.image.endsWith('/api-service:2.5.0'))!.outcomes;
  const rotated = outcomes.filter((o) => o.when?.facts?.dbPassword === 'rotated' || o.when === undefined);
  const game = (url: string) => {
    const o = rotated.find((x) => x.when?.envEquals?.DATABASE_URL === undefined || x.when.envEquals.DATABASE_URL === url)!;
    return { lines: o.logs.map((l) => l.text.replace('{{time}} ', '').replace('{{pod}}', 'lab-pod')), code: o.exit?.code ?? 0 };
  };
  for (const url of [NEW_URL, OLD_URL, 'postgres://nobody@elsewhere/db']) {
    let out: string;
    let code = 0;
    try {
      out = execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH, HOSTNAME: 'lab-pod', DATABASE_URL: url }, encoding: 'utf8' });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      code = err.status;
      out = err.stdout;
    }
    const lines = out.trimEnd().split('\n').map((l) => l.replace(/^\S+ /, ''));
    expect({ lines, code }, url).toEqual(game(url));
  }
});

it("played in the simulator, the README's commands show the symptom, the useless undo and the fix", () => {
  const image = container('fixed.yaml').image;
  const spec: WorldSpec = {
    seed: 13,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [
      {
        image,
        outcomes: [
          { when: { envEquals: { DATABASE_URL: NEW_URL } }, logs: [{ after: 0.2, text: 'INFO  db: connected as taskflow, pool size 10' }], readyAfter: 1 },
          { logs: [{ after: 0.2, text: 'ERROR db: password authentication failed' }], exit: { after: 0.3, code: 1 } },
        ],
      },
    ],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 4, 9, 0, 0));
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files: spec.files! });
  const rows = () =>
    run(`kubectl get pods -n ${NS} --no-headers`)
      .stdout.trim()
      .split('\n')
      .map((l) => l.split(/\s+/));

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe(
    'namespace/taskflow-demo created\nsecret/taskflow-db created\nservice/api-service created\ndeployment.apps/api-service created\n',
  );
  cluster.advanceBy(60_000);
  expect(run(`kubectl rollout status deployment/api-service -n ${NS}`).stdout).toBe('deployment "api-service" successfully rolled out\n');
  const healthy = rows().map((r) => r[0]);

  // The rotation: the Secret replaced with the password alone. Running pods do not notice.
  expect(run(`kubectl delete secret taskflow-db -n ${NS}`).stdout).toBe('secret "taskflow-db" deleted\n');
  expect(run('kubectl apply -f broken.yaml').stdout).toBe(
    'namespace/taskflow-demo unchanged\nsecret/taskflow-db created\nservice/api-service unchanged\ndeployment.apps/api-service unchanged\n',
  );
  cluster.advanceBy(60_000);
  expect(rows().map((r) => [r[0], r[1], r[2]])).toEqual(healthy.map((n) => [n, '1/1', 'Running']));

  // The release: new pods, which cannot be created.
  expect(run(`kubectl rollout restart deployment/api-service -n ${NS}`).stdout).toBe('deployment.apps/api-service restarted\n');
  cluster.advanceBy(60_000);
  const broken = rows();
  expect(broken.map((r) => [r[1], r[2], r[3]])).toEqual([
    ['0/1', 'CreateContainerConfigError', '0'],
    ['0/1', 'CreateContainerConfigError', '0'],
  ]);
  expect(run(`kubectl describe pod ${broken[0]![0]} -n ${NS}`).stdout).toContain("Error: couldn't find key url in Secret taskflow-demo/taskflow-db");

  // Undo: another template revision, the same Secret, the same error.
  expect(run(`kubectl rollout undo deployment/api-service -n ${NS}`).stdout).toBe('deployment.apps/api-service rolled back\n');
  cluster.advanceBy(60_000);
  const undone = rows();
  expect(undone.filter((r) => broken.some((b) => b[0] === r[0]))).toEqual([]);
  expect(undone.every((r) => r[2] === 'CreateContainerConfigError')).toBe(true);

  // The fix: the url back, with the rotated password; the waiting containers start by themselves.
  expect(run('kubectl apply -f fixed.yaml').stdout).toContain('secret/taskflow-db configured\n');
  cluster.advanceBy(30_000);
  const fixed = rows();
  expect(fixed.map((r) => r[0])).toEqual(undone.map((r) => r[0]));
  expect(fixed.every((r) => r[1] === '1/1' && r[2] === 'Running' && r[3] === '0')).toBe(true);
  expect(run(`kubectl describe service api-service -n ${NS}`).stdout).toMatch(/^Endpoints:\s+\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080$/m);
});
