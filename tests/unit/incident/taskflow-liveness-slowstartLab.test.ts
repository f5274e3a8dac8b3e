/**
 * scenarios/taskflow-liveness-slowstart/lab: real manifests that reproduce the incident on Kind or
 * Minikube. They are checked as the other labs are (kinds a cluster knows, the scenario's shape and
 * probes, public images, the game's log lines), then played in the simulator: applying fixed.yaml
 * then broken.yaml must show the game's symptom (a new pod the liveness probe kills mid-warm-up,
 * the old pods serving), and the README's startupProbe patch must finish the rollout.
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

const ID = 'taskflow-liveness-slowstart';
const NS = 'taskflow-demo';

interface Container {
  name: string;
  image: string;
  args: string[];
  env: { name: string; value: string }[];
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
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

function deployment(file: string): Manifest {
  return manifests(file).find((d) => d.kind === 'Deployment')!;
}

function container(file: string): Container {
  return deployment(file).spec!.template!.spec.containers[0]!;
}

function version(file: string): string {
  return container(file).env.find((e) => e.name === 'TASKFLOW_VERSION')!.value;
}

const KNOWN = new Set(['v1/Namespace', 'v1/Service', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));
const created = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'api-service');
if (created?.action !== 'createDeployment') throw new Error('the scenario creates api-service');
const release = scenario.world.history.find((h) => h.action === 'updateDeployment' && h.name === 'api-service');
if (release?.action !== 'updateDeployment') throw new Error('the scenario releases api-service');

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo, with a public image', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
    expect(container(file).image).toMatch(/^busybox:\d+\.\d+\.\d+$/);
  });

  it('deploys api-service the way the scenario does, with the same probes and no startupProbe', () => {
    const { strategy } = created.deployment;
    if (strategy?.type !== 'RollingUpdate') throw new Error('the scenario rolls api-service out with RollingUpdate');
    expect(deployment(file).spec).toMatchObject({
      replicas: created.deployment.replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable } },
      selector: { matchLabels: created.deployment.selector },
    });
    const game = (file === 'fixed.yaml' ? created.deployment.template.containers : release.containers)[0]!;
    expect(container(file).livenessProbe).toEqual(game.livenessProbe);
    expect(container(file).readinessProbe).toEqual(game.readinessProbe);
    expect(container(file).startupProbe).toBeUndefined();
  });
});

it("the lab's containers print the game's log lines, in the game's order", () => {
  const game = (tag: string) =>
    scenario.world.images
      .find((i) => i.image === `registry.example/taskflow/api-service:${tag}`)!
      // The first run's lines (the old pods' later lines belong to their fourteenth day).
      .outcomes[0]!.logs.filter((l) => l.after < 3600)
      .map((l) => l.text.replace('{{time}} ', '').replace(' on {{pod}}', ' on'));
  const lab = (file: string) =>
    container(file)
      .args.join('\n')
      .split('\n')
      .map((l) => /^echo "\$\(ts\) (.*)"$/.exec(l.trim())?.[1]?.replace('$TASKFLOW_VERSION', version(file)).replace(' on $HOSTNAME', ' on'))
      .filter((l): l is string => l !== undefined);
  expect(version('fixed.yaml')).toBe('2.5.3');
  expect(version('broken.yaml')).toBe('2.6.0');
  expect(lab('fixed.yaml')).toEqual(game('2.5.3'));
  expect(lab('broken.yaml')).toEqual(game('2.6.0'));
  // The broken script waits as long as the game's container before it listens.
  const waits = container('broken.yaml').args.join('\n').match(/^\s*pause (\d+)$/gm)!.map((l) => Number(l.trim().split(' ')[1]));
  const upAt = scenario.world.images.find((i) => i.image === release.containers[0]!.image)!.outcomes[0]!.readyAfter!;
  expect(Math.abs(waits.reduce((a, b) => a + b, 0) - upAt)).toBeLessThanOrEqual(2);
  expect(deployment('broken.yaml').metadata.annotations?.['kubernetes.io/change-cause']).toBe(release.changeCause);
});

it('played in the simulator, the lab shows the game symptom, and the README startupProbe patch finishes the rollout', () => {
  const image = container('fixed.yaml').image;
  const serving = [
    { path: '/healthz', status: 200 },
    { path: '/ready', status: 200 },
  ];
  const spec: WorldSpec = {
    seed: 7,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [
      {
        image,
        outcomes: [
          { when: { envEquals: { TASKFLOW_VERSION: '2.6.0' } }, logs: [], readyAfter: 40, http: serving },
          { logs: [], readyAfter: 1, http: serving },
        ],
      },
    ],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 8, 10, 0, 0));
  const files = spec.files!;
  const run = (line: string) => runLine(line, { cluster, namespace: NS, history: [], files });
  const rows = () =>
    run('kubectl get pods --no-headers')
      .stdout.trim()
      .split('\n')
      .map((l) => l.split(/\s+/));

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe('namespace/taskflow-demo created\nservice/api-service created\ndeployment.apps/api-service created\n');
  cluster.advanceBy(60_000);
  expect(run('kubectl rollout status deployment/api-service').stdout).toBe('deployment "api-service" successfully rolled out\n');
  expect(run('kubectl apply -f broken.yaml').stdout).toContain('deployment.apps/api-service configured\n');
  cluster.advanceBy(180_000);

  expect(rows().filter((r) => r[1] === '1/1' && r[2] === 'Running' && r[3] === '0')).toHaveLength(3);
  const failing = rows().filter((r) => r[1] === '0/1');
  expect(failing).toHaveLength(1);
  expect(Number(failing[0]![3])).toBeGreaterThanOrEqual(2);
  const describe = run(`kubectl describe pod ${failing[0]![0]}`).stdout;
  expect(describe).toContain('Container api-service failed liveness probe, will be restarted');
  expect(describe).toMatch(/Exit Code: {4}143/);
  expect(run('kubectl describe service api-service').stdout).toMatch(/^Endpoints:\s+(\d+\.\d+\.\d+\.\d+:8080,?){3}$/m);

  const patch = /-p \\\n\s+'(\{.*\})'/.exec(text('README.md'))![1]!;
  expect(JSON.parse(patch)).toMatchObject({ spec: { template: { spec: { containers: [{ name: 'api-service', startupProbe: {} }] } } } });
  expect(run(`kubectl patch deployment api-service -p '${patch}'`).stdout).toBe('deployment.apps/api-service patched\n');
  cluster.advanceBy(240_000);
  expect(run('kubectl rollout status deployment/api-service').stdout).toBe('deployment "api-service" successfully rolled out\n');
  expect(rows()).toHaveLength(3);
  expect(rows().every((r) => r[1] === '1/1' && r[2] === 'Running' && r[3] === '0')).toBe(true);
});
