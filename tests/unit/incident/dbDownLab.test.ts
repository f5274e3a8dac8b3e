/**
 * scenarios/taskflow-db-down/lab: real manifests that reproduce the incident on Kind or Minikube.
 * Checked as the other labs are (kinds a cluster knows, the scenario's shape, public images), then
 * against the game: broken.yaml is fixed.yaml with the database at 0 replicas, the stand-ins print
 * the game's own log lines and exit with its status, and applying the two files in the simulator
 * leaves the taskflow-db Service without endpoints.
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

const ID = 'taskflow-db-down';
const NS = 'taskflow-demo';

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value?: string }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    strategy?: { type: string };
    selector?: { matchLabels: Record<string, string> };
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

function deployment(file: string, name: string): Manifest {
  const d = manifests(file).find((m) => m.kind === 'Deployment' && m.metadata.name === name);
  if (d === undefined) throw new Error(`${file} has no deployment ${name}`);
  return d;
}

function script(file: string, name: string): string {
  return deployment(file, name).spec!.template!.spec.containers[0]!.args!.join('\n');
}

const KNOWN = new Set(['v1/Namespace', 'v1/Secret', 'v1/Service', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));

/** The log lines an image's outcome prints, without the time prefix. */
function gameLines(image: string, crashing: boolean): string[] {
  const outcomes = scenario.world.images.find((i) => i.image === image)?.outcomes ?? [];
  const outcome = outcomes.find((o) => (o.when?.servicesUnreachable !== undefined) === crashing)!;
  return outcome.logs.map((l) => l.text.replace('{{time}} ', ''));
}

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo, with public images', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
      for (const c of d.spec?.template?.spec.containers ?? []) expect(c.image).toMatch(/^busybox:\d/);
    }
  });

  it('deploys taskflow-db, api-service and worker the way the scenario does', () => {
    for (const name of ['taskflow-db', 'api-service', 'worker']) {
      const step = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === name);
      if (step?.action !== 'createDeployment') throw new Error(`the scenario creates ${name}`);
      const d = deployment(file, name);
      expect(d.spec?.selector).toEqual({ matchLabels: step.deployment.selector });
      expect(d.spec?.strategy?.type ?? 'RollingUpdate').toBe(step.deployment.strategy?.type ?? 'RollingUpdate');
      if (name !== 'taskflow-db') expect(d.spec?.replicas).toBe(step.deployment.replicas);
    }
    const db = docs.find((d) => d.kind === 'Service' && d.metadata.name === 'taskflow-db');
    expect(db?.spec?.ports?.[0]).toMatchObject({ port: 5432, targetPort: 'postgres' });
    expect(deployment(file, 'api-service').metadata.annotations?.['kubernetes.io/change-cause']).toBe(
      "release 2.3.2: due dates shown in each user's time zone",
    );
  });
});

it('broken.yaml is fixed.yaml with the database at 0 replicas, what the failed job left', () => {
  expect(deployment('fixed.yaml', 'taskflow-db').spec?.replicas).toBe(1);
  expect(deployment('broken.yaml', 'taskflow-db').spec?.replicas).toBe(0);
  const body = (file: string) => text(file).replace(/^#.*\n/gm, '').replace(/^ {2}replicas: [01]$/m, '');
  expect(body('broken.yaml')).toBe(body('fixed.yaml'));
  const scale = scenario.world.history.find((h) => h.action === 'scaleDeployment');
  expect(scale).toMatchObject({ name: 'taskflow-db', replicas: 0 });
});

it("the stand-ins print the game's log lines and exit 1 when the database refuses", () => {
  const api = script('broken.yaml', 'api-service');
  const crash = gameLines('registry.example/taskflow/api-service:2.3.2', true).map((l) =>
    l.replace('2.3.2', '$APP_VERSION').replace('{{pod}}', '$HOSTNAME').replace(/\d+\.\d+\.\d+\.\d+:5432/, '$db'),
  );
  for (const line of crash) expect(api, line).toContain(`echo "$(ts) ${line.replace('LOG_LEVEL=info', 'LOG_LEVEL=$LOG_LEVEL')}"`);
  expect(api).toMatch(/exiting with status 1"\n\s*exit 1\n/);
  expect(api).toContain('db="$TASKFLOW_DB_SERVICE_HOST:$TASKFLOW_DB_SERVICE_PORT"');
  const healthy = gameLines('registry.example/taskflow/api-service:2.3.2', false).slice(3);
  for (const line of healthy) expect(api, line).toContain(`echo "$(ts) ${line}"`);

  const worker = script('broken.yaml', 'worker');
  const workerCrash = gameLines('registry.example/taskflow/worker:1.4.0', true).map((l) =>
    l.replace(/\d+\.\d+\.\d+\.\d+:5432/, '$TASKFLOW_DB_SERVICE_HOST:$TASKFLOW_DB_SERVICE_PORT'),
  );
  for (const line of workerCrash) expect(worker, line).toContain(`echo "$(ts) ${line}"`);
  expect(worker).toMatch(/exiting with status 1"\n\s*exit 1\n/);

  const db = script('fixed.yaml', 'taskflow-db');
  for (const line of gameLines('registry.example/taskflow/taskflow-db:16.4-2', false)) expect(db, line).toContain(`echo "$(ts) ${line}"`);
  expect(db).toContain('nc -lk -p 5432');
});

it('played in the simulator, broken.yaml over fixed.yaml leaves taskflow-db without endpoints, and scaling it back restores them', () => {
  const spec: WorldSpec = {
    seed: 7,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [{ image: 'busybox:1.36', outcomes: [{ logs: [], readyAfter: 1 }] }],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 7, 18, 0, 0));
  const files = spec.files!;
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files });
  const endpoints = () => /^Endpoints:[ \t]*(.*)$/m.exec(run(`kubectl describe service taskflow-db -n ${NS}`).stdout)?.[1];

  expect(run('kubectl apply -f fixed.yaml').stdout).toBe(
    [
      'namespace/taskflow-demo created',
      'secret/taskflow-db created',
      'service/taskflow-db created',
      'service/api-service created',
      'deployment.apps/taskflow-db created',
      'deployment.apps/api-service created',
      'deployment.apps/worker created',
      '',
    ].join('\n'),
  );
  cluster.advanceBy(30_000);
  expect(endpoints()).toMatch(/^\d+\.\d+\.\d+\.\d+:5432$/);
  expect(run('kubectl apply -f broken.yaml').stdout).toContain('deployment.apps/taskflow-db configured\ndeployment.apps/api-service unchanged\n');
  cluster.advanceBy(30_000);
  expect(run(`kubectl get deployment taskflow-db -n ${NS} --no-headers`).stdout).toMatch(/^taskflow-db\s+0\/0\s/);
  expect(endpoints()).toBe('');
  expect(run(`kubectl scale deployment/taskflow-db --replicas=1 -n ${NS}`).stdout).toBe('deployment.apps/taskflow-db scaled\n');
  cluster.advanceBy(30_000);
  expect(endpoints()).toMatch(/^\d+\.\d+\.\d+\.\d+:5432$/);
});
