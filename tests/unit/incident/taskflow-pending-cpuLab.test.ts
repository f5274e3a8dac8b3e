/**
 * scenarios/taskflow-pending-cpu/lab: real manifests that reproduce the incident on Minikube with
 * 2-CPU nodes. They are checked as the other labs are (kinds a cluster knows, the scenario's shape,
 * public images, the game's log lines), then played in the simulator on the scenario's nodes:
 * applying fixed.yaml then broken.yaml must show the game's symptom (a pod that fits nowhere, the
 * old pods serving), and the README's rollback must recover it.
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

const ID = 'taskflow-pending-cpu';
const NS = 'taskflow-demo';
const FIT_ERROR =
  '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';

interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}
interface Container {
  name: string;
  image: string;
  args: string[];
  resources: Resources;
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    strategy?: { type: string; rollingUpdate?: { maxSurge?: number; maxUnavailable?: number } };
    selector?: { matchLabels: Record<string, string> };
    template?: { spec: { containers: Container[] } };
  };
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

function deployment(file: string, name: string): Manifest {
  return manifests(file).find((d) => d.kind === 'Deployment' && d.metadata.name === name)!;
}

function container(file: string, name: string): Container {
  return deployment(file, name).spec!.template!.spec.containers[0]!;
}

const KNOWN = new Set(['v1/Namespace', 'v1/Service', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));

function scenarioDeployment(name: string) {
  const step = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === name);
  if (step?.action !== 'createDeployment') throw new Error(`the scenario creates ${name}`);
  return step.deployment;
}

function scenarioRelease() {
  const step = scenario.world.history.find((h) => h.action === 'updateDeployment' && h.name === 'api-service');
  if (step?.action !== 'updateDeployment') throw new Error('the scenario releases api-service');
  return step;
}

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo, with public images', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
      for (const c of d.spec?.template?.spec.containers ?? []) expect(c.image).toMatch(/^busybox:\d+\.\d+\.\d+$/);
    }
  });

  it('deploys api-service and worker the way the scenario does', () => {
    const api = scenarioDeployment('api-service');
    if (api.strategy?.type !== 'RollingUpdate') throw new Error('the scenario rolls api-service out with RollingUpdate');
    expect(deployment(file, 'api-service').spec).toMatchObject({
      replicas: api.replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: api.strategy.maxSurge, maxUnavailable: api.strategy.maxUnavailable } },
      selector: { matchLabels: api.selector },
    });
    const worker = scenarioDeployment('worker');
    expect(deployment(file, 'worker').spec?.replicas).toBe(worker.replicas);
    expect(container(file, 'worker').resources).toEqual(worker.template.containers[0]!.resources);
  });
});

it('the fixed lab requests what revision 1 does, the broken lab what the 2.5.0 release does', () => {
  expect(container('fixed.yaml', 'api-service').resources).toEqual(scenarioDeployment('api-service').template.containers[0]!.resources);
  expect(container('broken.yaml', 'api-service').resources).toEqual(scenarioRelease().containers[0]!.resources);
  expect(deployment('broken.yaml', 'api-service').metadata.annotations?.['kubernetes.io/change-cause']).toBe(scenarioRelease().changeCause);
});

it("the lab's containers print the game's log lines, in the game's order", () => {
  const game = (image: string) =>
    scenario.world.images
      .find((i) => i.image === image)!
      .outcomes[0]!.logs.map((l) => l.text.replace('{{time}} ', '').replace(' on {{pod}}', ' on'));
  const lab = (file: string, name: string) =>
    container(file, name)
      .args.join('\n')
      .split('\n')
      .map((l) => /^echo "\$\(ts\) (.*)"$/.exec(l.trim())?.[1]?.replace(' on $HOSTNAME', ' on'))
      .filter((l): l is string => l !== undefined);
  expect(lab('fixed.yaml', 'api-service')).toEqual(game('registry.example/taskflow/api-service:2.4.2'));
  expect(lab('broken.yaml', 'api-service')).toEqual(game('registry.example/taskflow/api-service:2.5.0'));
  expect(lab('broken.yaml', 'worker')).toEqual(game('registry.example/taskflow/worker:1.6.0'));
});

it('played in the simulator on 2-CPU nodes, the lab shows the game symptom, and the README rollback recovers it', () => {
  const image = container('fixed.yaml', 'api-service').image;
  const spec: WorldSpec = {
    seed: 7,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [{ image, outcomes: [{ logs: [], readyAfter: 1, http: [{ path: '/', status: 200 }] }] }],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 7, 10, 0, 0));
  const files = spec.files!;
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files });
  const rows = () =>
    run(`kubectl get pods -n ${NS} -l app=api-service --no-headers`)
      .stdout.trim()
      .split('\n')
      .map((l) => l.split(/\s+/));

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe(
    'namespace/taskflow-demo created\nservice/api-service created\ndeployment.apps/api-service created\ndeployment.apps/worker created\n',
  );
  cluster.advanceBy(60_000);
  expect(run(`kubectl rollout status deployment/api-service -n ${NS}`).stdout).toBe('deployment "api-service" successfully rolled out\n');
  expect(run('kubectl apply -f broken.yaml').stdout).toContain('deployment.apps/api-service configured\n');
  cluster.advanceBy(120_000);

  expect(rows().filter((r) => r[1] === '1/1' && r[2] === 'Running')).toHaveLength(3);
  const pending = rows().filter((r) => r[2] === 'Pending');
  expect(pending).toHaveLength(1);
  expect(run(`kubectl describe pod ${pending[0]![0]} -n ${NS}`).stdout).toContain(FIT_ERROR);
  expect(run(`kubectl describe service api-service -n ${NS}`).stdout).toMatch(/^Endpoints:\s+(\d+\.\d+\.\d+\.\d+:8080,?){3}$/m);

  expect(run(`kubectl rollout undo deployment/api-service -n ${NS}`).stdout).toBe('deployment.apps/api-service rolled back\n');
  cluster.advanceBy(30_000);
  expect(run(`kubectl rollout status deployment/api-service -n ${NS}`).stdout).toBe('deployment "api-service" successfully rolled out\n');
  expect(rows().every((r) => r[1] === '1/1' && r[2] === 'Running')).toBe(true);
  expect(rows()).toHaveLength(3);
});
