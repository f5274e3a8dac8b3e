/**
 * scenarios/taskflow-readiness/lab: real manifests that reproduce the incident on Kind or Minikube.
 * Checked for shape (kinds a cluster knows, the scenario's deployment, public images, the probes of
 * each revision, the game's log lines) and then played in the simulator: applying fixed.yaml then
 * broken.yaml must show the game's symptom (Running 0/1, 404 probes, no ready endpoints), and the
 * README's undo must bring the endpoints back.
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

const ID = 'taskflow-readiness';
const NS = 'taskflow-demo';

interface Container {
  name: string;
  image: string;
  args: string[];
  ports: { name?: string; containerPort: number }[];
  readinessProbe: { httpGet: { path: string; port: string | number }; periodSeconds?: number };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    strategy?: { type: string };
    selector?: { matchLabels: Record<string, string> } | Record<string, string>;
    template?: { spec: { containers: Container[] } };
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

function container(file: string): Container {
  return manifests(file).find((d) => d.kind === 'Deployment')!.spec!.template!.spec.containers[0]!;
}

const KNOWN = new Set(['v1/Namespace', 'v1/Service', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));

/** The scenario's api-service containers: revision 1 (created) and revision 2 (the release). */
function gameContainers(): { rev1: (typeof scenario.world.history)[number] & { action: 'createDeployment' }; rev2Probe: string; rev1Probe: string } {
  const created = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'api-service');
  const updated = scenario.world.history.find((h) => h.action === 'updateDeployment' && h.name === 'api-service');
  if (created?.action !== 'createDeployment' || updated?.action !== 'updateDeployment') throw new Error('the scenario creates and then updates api-service');
  return {
    rev1: created,
    rev1Probe: created.deployment.template.containers[0]!.readinessProbe!.httpGet!.path!,
    rev2Probe: updated.containers[0]!.readinessProbe!.httpGet!.path!,
  };
}

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);
  const deployment = docs.find((d) => d.kind === 'Deployment')!;

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
  });

  it('deploys api-service the way the scenario does (Recreate, named port), with a public image', () => {
    const { rev1 } = gameContainers();
    expect(deployment.metadata.name).toBe('api-service');
    expect(deployment.spec).toMatchObject({ replicas: rev1.deployment.replicas, strategy: { type: 'Recreate' }, selector: { matchLabels: rev1.deployment.selector } });
    expect(container(file).image).toMatch(/^busybox:/);
    expect(container(file).ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    const service = docs.find((d) => d.kind === 'Service')!;
    expect(service.spec?.ports?.[0]).toMatchObject({ port: 80, targetPort: 'http' });
    // The container serves its health check where the game's app does, whatever the probe asks.
    expect(container(file).args.join('\n')).toContain('echo ok > /www/healthz');
    expect(container(file).args.join('\n')).not.toMatch(/\/www\/ready\b/);
  });
});

it('each lab revision probes the path its game revision probes', () => {
  const { rev1Probe, rev2Probe } = gameContainers();
  expect(container('fixed.yaml').readinessProbe.httpGet).toEqual({ path: rev1Probe, port: 'http' });
  expect(container('broken.yaml').readinessProbe.httpGet).toEqual({ path: rev2Probe, port: 'http' });
  expect(rev2Probe).not.toBe(rev1Probe);
});

it('the lab prints the game\'s start-up lines', () => {
  for (const [file, version] of [['fixed.yaml', '2.4.2'], ['broken.yaml', '2.5.0']] as const) {
    const game = scenario.world.images.find((i) => i.image.endsWith(`:${version}`))!.outcomes[0]!;
    const script = container(file).args.join('\n');
    for (const line of game.logs) {
      const message = line.text.replace('{{time}} ', '').replace('{{pod}}', '$HOSTNAME');
      expect(script, `${file}: ${message}`).toContain(`echo "$(ts) ${message}"`);
    }
  }
  expect(text('broken.yaml')).toContain('release 2.5.0: shared deployment template');
});

it('played in the simulator, the lab shows the game symptom, and the README undo recovers it', () => {
  const image = container('fixed.yaml').image;
  const spec: WorldSpec = {
    seed: 7,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [
      {
        image,
        // busybox httpd over /www: /healthz exists, /ready does not.
        outcomes: [{ logs: [{ after: 0.3, text: '{{time}} INFO  http: listening on :8080 (health: GET /healthz)' }], readyAfter: 0.5, http: [{ path: '/healthz', status: 200, body: 'ok\n' }] }],
      },
    ],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 7, 10, 0, 0));
  const files = spec.files!;
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files });

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe('namespace/taskflow-demo created\nservice/api-service created\ndeployment.apps/api-service created\n');
  cluster.advanceBy(60_000);
  expect(run(`kubectl rollout status deployment/api-service -n ${NS}`).stdout).toBe('deployment "api-service" successfully rolled out\n');
  expect(run('kubectl apply -f broken.yaml').stdout).toContain('deployment.apps/api-service configured\n');
  cluster.advanceBy(120_000);

  const rows = run(`kubectl get pods -n ${NS} --no-headers`).stdout.trim().split('\n').map((l) => l.split(/\s+/));
  expect(rows).toHaveLength(2);
  expect(rows.every((r) => r[1] === '0/1' && r[2] === 'Running' && r[3] === '0')).toBe(true);
  expect(run(`kubectl describe pod ${rows[0]![0]} -n ${NS}`).stdout).toContain('Readiness probe failed: HTTP probe failed with statuscode: 404');
  expect(run(`kubectl describe service api-service -n ${NS}`).stdout).toMatch(/^Endpoints:\s*$/m);

  expect(run(`kubectl rollout undo deployment/api-service -n ${NS}`).stdout).toBe('deployment.apps/api-service rolled back\n');
  cluster.advanceBy(30_000);
  expect(run(`kubectl rollout status deployment/api-service -n ${NS}`).stdout).toBe('deployment "api-service" successfully rolled out\n');
  expect(run(`kubectl get endpoints api-service -n ${NS} --no-headers`).stdout).toMatch(/^api-service\s+\d+\.\d+\.\d+\.\d+:8080,\d+\.\d+\.\d+\.\d+:8080\s/);
});
