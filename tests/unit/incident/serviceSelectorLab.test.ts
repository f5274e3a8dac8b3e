/**
 * scenarios/taskflow-service-selector/lab: real manifests that reproduce the incident on Kind or
 * Minikube. Checked for shape (kinds a cluster knows, the scenario's deployment and Service, public
 * images, each revision's labels, the game's log lines) and then played in the simulator: applying
 * fixed.yaml then broken.yaml must show the game's symptom (a green rollout, healthy pods, a
 * Service with no endpoints), and the README's patch must bring the endpoints back.
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

const ID = 'taskflow-service-selector';
const NS = 'taskflow-demo';

interface Container {
  name: string;
  image: string;
  args: string[];
  ports: { containerPort: number }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    strategy?: { type: string; rollingUpdate?: { maxSurge?: number; maxUnavailable?: number } };
    selector?: Record<string, unknown>;
    template?: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
    ports?: { port: number; targetPort: number | string }[];
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

const KNOWN = new Set(['v1/Namespace', 'v1/Service', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));

function game() {
  const created = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'web-frontend');
  const updated = scenario.world.history.find((h) => h.action === 'updateDeployment' && h.name === 'web-frontend');
  const service = scenario.world.services?.find((s) => s.name === 'web-frontend');
  if (created?.action !== 'createDeployment' || updated?.action !== 'updateDeployment' || service === undefined) {
    throw new Error('the scenario creates web-frontend, its Service, and then updates it');
  }
  return { created, updated, service };
}

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
  });

  it('deploys web-frontend and its Service the way the scenario does, with a public image', () => {
    const { created, service } = game();
    const { strategy } = created.deployment;
    if (strategy?.type !== 'RollingUpdate') throw new Error('the scenario rolls web-frontend out with RollingUpdate');
    expect(deployment(file).spec).toMatchObject({
      replicas: created.deployment.replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable } },
      selector: { matchLabels: created.deployment.selector },
    });
    expect(container(file).image).toMatch(/^busybox:/);
    const svc = docs.find((d) => d.kind === 'Service')!;
    // The same Service in both files: the release does not touch it.
    expect(svc.spec).toMatchObject({ selector: service.selector, ports: [{ port: 80, targetPort: container(file).ports[0]!.containerPort }] });
  });
});

it('each lab revision labels its pods as its game revision does', () => {
  const { created, updated, service } = game();
  expect(deployment('fixed.yaml').spec!.template!.metadata.labels).toEqual(created.deployment.template.labels);
  expect(deployment('broken.yaml').spec!.template!.metadata.labels).toEqual(updated.labels);
  const selects = (labels: Record<string, string>) => Object.entries(service.selector).every(([k, v]) => labels[k] === v);
  expect(selects(deployment('fixed.yaml').spec!.template!.metadata.labels)).toBe(true);
  expect(selects(deployment('broken.yaml').spec!.template!.metadata.labels)).toBe(false);
});

it('the lab prints the game\'s log lines', () => {
  for (const [file, version] of [['fixed.yaml', '1.9.1'], ['broken.yaml', '1.9.2']] as const) {
    const line = scenario.world.images.find((i) => i.image.endsWith(`web-frontend:${version}`))!.outcomes[0]!.logs[0]!.text;
    const message = line.replace('{{time}} ', '').replace('{{env.API_BASE_URL}}', '$API_BASE_URL');
    expect(container(file).args.join('\n')).toContain(`echo "$(ts) ${message}"`);
  }
  expect(text('broken.yaml')).toContain('release 1.9.2: keyboard shortcuts, label cleanup');
});

it('played in the simulator, the lab shows the game symptom, and the README patch recovers it', () => {
  const spec: WorldSpec = {
    seed: 7,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [{ image: container('fixed.yaml').image, outcomes: [{ logs: [], readyAfter: 1, http: [{ path: '/', status: 200, body: 'TaskFlow\n' }] }] }],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 8, 10, 0, 0));
  const files = spec.files!;
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files });
  const endpoints = () => run(`kubectl get endpoints web-frontend -n ${NS} --no-headers`).stdout.split(/\s+/)[1];

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe('namespace/taskflow-demo created\nservice/web-frontend created\ndeployment.apps/web-frontend created\n');
  cluster.advanceBy(60_000);
  expect(endpoints()).toMatch(/^(?:\d+\.\d+\.\d+\.\d+:3000,){2}\d+\.\d+\.\d+\.\d+:3000$/);
  expect(run('kubectl apply -f broken.yaml').stdout).toBe('namespace/taskflow-demo unchanged\nservice/web-frontend unchanged\ndeployment.apps/web-frontend configured\n');
  cluster.advanceBy(120_000);
  expect(run(`kubectl rollout status deployment/web-frontend -n ${NS}`).stdout).toBe('deployment "web-frontend" successfully rolled out\n');
  const rows = run(`kubectl get pods -n ${NS} --no-headers`).stdout.trim().split('\n').map((l) => l.split(/\s+/));
  expect(rows).toHaveLength(3);
  expect(rows.every((r) => r[1] === '1/1' && r[2] === 'Running')).toBe(true);
  expect(endpoints()).toBe('<none>');

  expect(run(`kubectl patch service web-frontend -n ${NS} -p '{"spec":{"selector":{"tier":null,"app.kubernetes.io/component":"web"}}}'`).stdout).toBe(
    'service/web-frontend patched\n',
  );
  cluster.advanceBy(1_000);
  expect(endpoints()).toMatch(/^(?:\d+\.\d+\.\d+\.\d+:3000,){2}\d+\.\d+\.\d+\.\d+:3000$/);
  // The platform team's next apply of the old Service puts tier=web back: empty again.
  run('kubectl apply -f fixed.yaml');
  cluster.advanceBy(1_000);
  expect(run(`kubectl get svc web-frontend -n ${NS} -o wide --no-headers`).stdout).toMatch(/\sapp\.kubernetes\.io\/component=web,app=web-frontend,tier=web\n$/);
  expect(endpoints()).toBe('<none>');
});
