/**
 * scenarios/taskflow-imagepull/lab: real manifests that reproduce the incident on Kind or Minikube.
 * They are checked as the crash-loop lab is (kinds a cluster knows, the scenario's shape, public
 * images), and then played in the simulator: applying fixed.yaml then broken.yaml must show the
 * same symptom as the game (a stuck rolling update, pulls that fail with not found, old pods serving).
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

const ID = 'taskflow-imagepull';
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
    selector?: { matchLabels: Record<string, string> };
    template?: { spec: { containers: Container[] } };
    ports?: { port: number; targetPort: number }[];
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

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);
  const deployment = docs.find((d) => d.kind === 'Deployment')!;

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
  });

  it('deploys web-frontend the way the scenario does, with a public image', () => {
    const web = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'web-frontend');
    if (web?.action !== 'createDeployment') throw new Error('the scenario creates web-frontend');
    const { strategy } = web.deployment;
    if (strategy?.type !== 'RollingUpdate') throw new Error('the scenario rolls web-frontend out with RollingUpdate');
    expect(deployment.metadata.name).toBe('web-frontend');
    expect(deployment.spec).toMatchObject({
      replicas: web.deployment.replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable } },
      selector: { matchLabels: web.deployment.selector },
    });
    expect(container(file).image).toMatch(/^busybox:/);
    const service = docs.find((d) => d.kind === 'Service')!;
    expect(service.spec?.ports?.[0]).toMatchObject({ port: 80, targetPort: container(file).ports[0]!.containerPort });
  });
});

it('the broken lab mistypes the fixed tag, as the scenario mistypes 1.9.0', () => {
  const fixed = container('fixed.yaml').image.split(':')[1]!;
  const broken = container('broken.yaml').image.split(':')[1]!;
  expect(broken).not.toBe(fixed);
  // The same kind of slip: one dot dropped.
  expect(broken).toBe(fixed.replace(/\.(?=\d+$)/, ''));
  const typo = scenario.world.missingImages?.[0] ?? '';
  expect(typo.endsWith(':1.90')).toBe(true);
  expect(text('broken.yaml')).toContain('release 1.9.0: dark mode');
  expect(container('broken.yaml').args.join('\n')).toContain('web-frontend 1.9.0 serving on :3000');
});

it('played in the simulator, the lab shows the game symptom, and the README commands recover it', () => {
  const fixedImage = container('fixed.yaml').image;
  const spec: WorldSpec = {
    seed: 7,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [
      {
        image: fixedImage,
        outcomes: [{ logs: [{ after: 0.3, text: '{{time}} web-frontend 1.8.2 serving on :3000' }], readyAfter: 1, http: [{ path: '/', status: 200 }] }],
      },
    ],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 10, 25, 10, 0, 0));
  const files = spec.files!;
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files });

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe(
    'namespace/taskflow-demo created\nservice/web-frontend created\ndeployment.apps/web-frontend created\n',
  );
  cluster.advanceBy(60_000);
  expect(run(`kubectl rollout status deployment/web-frontend -n ${NS}`).stdout).toBe('deployment "web-frontend" successfully rolled out\n');
  expect(run('kubectl apply -f broken.yaml').stdout).toContain('deployment.apps/web-frontend configured\n');
  cluster.advanceBy(120_000);

  const rows = run(`kubectl get pods -n ${NS} --no-headers`).stdout.trim().split('\n').map((l) => l.split(/\s+/));
  expect(rows.filter((r) => r[1] === '1/1' && r[2] === 'Running')).toHaveLength(2);
  const failing = rows.filter((r) => r[1] === '0/1');
  expect(failing.map((r) => r[2])).toEqual([expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/), expect.stringMatching(/^(ErrImagePull|ImagePullBackOff)$/)]);
  expect(run(`kubectl describe pod ${failing[0]![0]} -n ${NS}`).stdout).toContain('docker.io/library/busybox:1.361: not found');
  expect(run(`kubectl describe service web-frontend -n ${NS}`).stdout).toMatch(/^Endpoints:\s+\d+\.\d+\.\d+\.\d+:3000,\d+\.\d+\.\d+\.\d+:3000$/m);

  expect(run(`kubectl rollout undo deployment/web-frontend -n ${NS}`).stdout).toBe('deployment.apps/web-frontend rolled back\n');
  cluster.advanceBy(30_000);
  expect(run(`kubectl rollout status deployment/web-frontend -n ${NS}`).stdout).toBe('deployment "web-frontend" successfully rolled out\n');
  expect(run(`kubectl get pods -n ${NS} --no-headers`).stdout.trim().split('\n').every((l) => /\s1\/1\s+Running\s/.test(l))).toBe(true);
});
