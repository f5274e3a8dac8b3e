/**
 * scenarios/taskflow-migration/lab: real manifests that replay the incident on Kind or Minikube.
 * Checked for what a cluster accepts (kinds, namespace, public images, the scenario's deployment
 * shape) and then run: each container's script is executed with a POSIX shell, for the same
 * inputs the game's containers get (schema version, env), and must print the game's log lines
 * and end the way the game's outcome does (exit code, or serving); see labScripts.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SCENARIOS_DIR, loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import { gameRun, removeStubBin, runLabScript, stubBin, type ScriptRun } from './labScripts';

const ID = 'taskflow-migration';
const NS = 'taskflow-demo';
const FILES = ['before.yaml', 'broken.yaml', 'fixed.yaml'];

interface Container {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    backoffLimit?: number;
    strategy?: { type: string };
    selector?: { matchLabels: Record<string, string> };
    template?: { spec: { restartPolicy?: string; containers: Container[] } };
  };
}

function manifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(SCENARIOS_DIR, ID, 'lab', file), 'utf8')).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJSON() as Manifest;
  });
}

const scenario = loadScenarioFile(scenarioPath(ID));
const of = (file: string, kind: string) => manifests(file).find((d) => d.kind === kind);
const apiContainer = (file: string) => of(file, 'Deployment')!.spec!.template!.spec.containers[0]!;
const envNames = (c: Container) => (c.env ?? []).map((e) => e.name);

const KNOWN = new Set(['v1/Namespace', 'v1/Secret', 'v1/ConfigMap', 'v1/Service', 'apps/v1/Deployment', 'batch/v1/Job']);

describe.each(FILES)('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo, with public images', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
      for (const c of d.spec?.template?.spec.containers ?? []) expect(c.image).toMatch(/^busybox:[\d.]+$/);
    }
  });

  it('deploys api-service the way the scenario does', () => {
    const api = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'api-service');
    if (api?.action !== 'createDeployment') throw new Error('the scenario creates api-service');
    const deployment = of(file, 'Deployment')!;
    expect(deployment.metadata.name).toBe('api-service');
    expect(deployment.spec).toMatchObject({ replicas: api.deployment.replicas, strategy: { type: 'Recreate' }, selector: { matchLabels: api.deployment.selector } });
    expect(of(file, 'ConfigMap')?.metadata.name).toBe('taskflow-db-schema');
  });
});

it('walks the scenario: 2.4.3 on schema 41, then the migration Job, schema 42 and 2.5.0 with the flag, then the flag removed', () => {
  const changeCauses = scenario.world.history.flatMap((h) =>
    h.action === 'createDeployment' && h.deployment.name === 'api-service'
      ? [h.changeCause]
      : h.action === 'updateDeployment' && h.name === 'api-service'
        ? [h.changeCause]
        : [],
  );
  expect(of('before.yaml', 'Deployment')!.metadata.annotations?.['kubernetes.io/change-cause']).toBe(changeCauses[0]);
  expect(of('broken.yaml', 'Deployment')!.metadata.annotations?.['kubernetes.io/change-cause']).toBe(changeCauses[1]);
  expect(of('before.yaml', 'ConfigMap')!.data).toEqual({ version: scenario.world.facts?.schemaVersion });
  expect(of('broken.yaml', 'ConfigMap')!.data).toEqual({ version: '42' });
  expect(of('fixed.yaml', 'ConfigMap')!.data).toEqual({ version: '42' });

  const job = scenario.world.history.find((h) => h.action === 'createJob');
  if (job?.action !== 'createJob') throw new Error('the scenario runs a migration Job');
  expect(of('broken.yaml', 'Job')!.metadata.name).toBe(job.job.name);
  expect(of('broken.yaml', 'Job')!.spec).toMatchObject({ backoffLimit: job.job.backoffLimit, template: { spec: { restartPolicy: 'Never' } } });
  expect(of('fixed.yaml', 'Job')).toBeUndefined();

  expect(apiContainer('broken.yaml').env).toContainEqual({ name: 'FEATURE_LEGACY_COMMENTS', value: 'true' });
  expect(envNames(apiContainer('fixed.yaml'))).not.toContain('FEATURE_LEGACY_COMMENTS');
});

// ---- the scripts, run ----

let bin = '';
beforeAll(() => {
  bin = stubBin();
});
afterAll(() => removeStubBin(bin));

const POD = 'api-service-7d9c5b6f4-x2k8p';

function game(image: string, env: Record<string, string>, schemaVersion: string): ScriptRun {
  const behaviour = scenario.world.images.find((i) => i.image === image)!;
  const inputs = { env: new Map(Object.entries(env)), memoryLimit: 256 * 2 ** 20, reachable: () => true, facts: new Map([['schemaVersion', schemaVersion]]) };
  return gameRun(behaviour, inputs, POD);
}

const runScript = (c: Container, env: Record<string, string>) => runLabScript(bin, c, { HOSTNAME: POD, ...env });

const BASE = { DATABASE_URL: 'postgres://taskflow:demo-only@taskflow-db.taskflow-demo.svc:5432/taskflow', LOG_LEVEL: 'info' };

describe('the lab containers print what the game containers print, and end the same way', () => {
  it.each([
    ['2.4.3 on schema 41 (before the release)', 'before.yaml', '2.4.3', { ...BASE, FEATURE_LEGACY_COMMENTS: 'true' }, '41', 'runs'],
    ['2.4.3 on schema 42 (after a rollback)', 'before.yaml', '2.4.3', { ...BASE, FEATURE_LEGACY_COMMENTS: 'true' }, '42', 'exit 1'],
    ['2.5.0 with the flag (the incident)', 'broken.yaml', '2.5.0', { ...BASE, FEATURE_LEGACY_COMMENTS: 'true' }, '42', 'exit 1'],
    ['2.5.0 without the flag (the fix)', 'fixed.yaml', '2.5.0', BASE, '42', 'runs'],
    ['2.5.0 with the flag false', 'fixed.yaml', '2.5.0', { ...BASE, FEATURE_LEGACY_COMMENTS: 'false' }, '42', 'runs'],
    ['2.5.0 with the flag set to another value', 'fixed.yaml', '2.5.0', { ...BASE, FEATURE_LEGACY_COMMENTS: 'yes' }, '42', 'exit 1'],
    ['2.5.0 on schema 41 (before its migration)', 'fixed.yaml', '2.5.0', BASE, '41', 'exit 1'],
  ] as const)('%s', (_, file, version, env, schema, ending) => {
    const lab = runScript(apiContainer(file), { ...env, SCHEMA_VERSION: schema });
    const expected = game(`registry.example/taskflow/api-service:${version}`, env, schema);
    expect(lab).toEqual(expected);
    expect(lab.ending).toBe(ending);
  });

  it('the migration Job on schema 41', () => {
    const job = of('broken.yaml', 'Job')!.spec!.template!.spec.containers[0]!;
    const lab = runScript(job, BASE);
    expect(lab).toEqual(game('registry.example/taskflow/api-migrate:2.5.0', BASE, '41'));
    expect(lab.ending).toBe('exit 0');
    expect(lab.lines.at(-1)).toBe('INFO  schema version is now 42; builds before 2.5.0 refuse to start against it');
  });
});
