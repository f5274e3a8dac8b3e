/**
 * scenarios/taskflow-rollback-revision/lab: real manifests that replay the two bad revisions on
 * Kind or Minikube. Checked for what a cluster accepts (kinds, namespace, public images, the
 * scenario's deployment shape and change causes), then run: each version's script is executed
 * with a POSIX shell and must print the game's log lines and end as the game's container does
 * (exit 2, killed for memory, or running); see labScripts.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SCENARIOS_DIR, loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import { gameRun, removeStubBin, runLabScript, stubBin } from './labScripts';

const ID = 'taskflow-rollback-revision';
const NS = 'taskflow-demo';
/** Lab file -> the worker version it deploys, in the order the README applies them. */
const VERSIONS = [
  ['fixed.yaml', '1.4.0'],
  ['broken.yaml', '1.5.0'],
  ['hotfix.yaml', '1.5.1'],
] as const;

interface Container {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env: { name: string }[];
  resources: { limits: { memory: string } };
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

function manifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(SCENARIOS_DIR, ID, 'lab', file), 'utf8')).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJSON() as Manifest;
  });
}

const scenario = loadScenarioFile(scenarioPath(ID));
const deploymentOf = (file: string) => manifests(file).find((d) => d.kind === 'Deployment')!;
const containerOf = (file: string) => deploymentOf(file).spec!.template!.spec.containers[0]!;
const KNOWN = new Set(['v1/Namespace', 'v1/Secret', 'apps/v1/Deployment']);

/** The scenario's worker template at each version, with the change cause that introduced it. */
function scenarioRevision(version: string) {
  for (const h of scenario.world.history) {
    if (h.action === 'createDeployment' && h.deployment.name === 'worker' && h.deployment.template.containers[0]!.image.endsWith(`:${version}`)) {
      return { changeCause: h.changeCause, container: h.deployment.template.containers[0]! };
    }
    if (h.action === 'updateDeployment' && h.name === 'worker' && h.containers[0]!.image.endsWith(`:${version}`)) {
      return { changeCause: h.changeCause, container: h.containers[0]! };
    }
  }
  throw new Error(`the scenario has no worker ${version}`);
}

describe.each(VERSIONS)('lab/%s (worker %s)', (file, version) => {
  it('holds real manifests of kinds a cluster knows, all in taskflow-demo, with a public image', () => {
    for (const d of manifests(file)) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
    expect(containerOf(file).image).toMatch(/^busybox:[\d.]+$/);
  });

  it('deploys worker the way the scenario does at that revision', () => {
    const worker = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'worker');
    if (worker?.action !== 'createDeployment') throw new Error('the scenario creates worker');
    const { strategy } = worker.deployment;
    if (strategy?.type !== 'RollingUpdate') throw new Error('the scenario rolls worker out with RollingUpdate');
    const deployment = deploymentOf(file);
    expect(deployment.metadata.name).toBe('worker');
    expect(deployment.spec).toMatchObject({
      replicas: worker.deployment.replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable } },
      selector: { matchLabels: worker.deployment.selector },
    });
    const revision = scenarioRevision(version);
    expect(deployment.metadata.annotations?.['kubernetes.io/change-cause']).toBe(revision.changeCause);
    expect(containerOf(file).resources.limits.memory).toBe(revision.container.resources?.limits?.memory);
    expect(containerOf(file).env.map((e) => e.name)).toEqual(revision.container.env?.map((e) => e.name));
  });
});

describe('the lab containers print what the game containers print, and end the same way', () => {
  let bin = '';
  beforeAll(() => {
    bin = stubBin();
  });
  afterAll(() => removeStubBin(bin));

  const env = { DATABASE_URL: 'postgres://taskflow:demo-only@taskflow-db.taskflow-demo.svc:5432/taskflow' };
  const inputs = { env: new Map(Object.entries(env)), memoryLimit: 128 * 2 ** 20, reachable: () => true, facts: new Map<string, string>() };

  it.each([
    ['fixed.yaml', '1.4.0', 'runs'],
    ['broken.yaml', '1.5.0', 'exit 2'],
    ['hotfix.yaml', '1.5.1', 'oom'],
  ] as const)('%s: worker %s ends with %s', (file, version, ending) => {
    const lab = runLabScript(bin, containerOf(file), env);
    const behaviour = scenario.world.images.find((i) => i.image === `registry.example/taskflow/worker:${version}`)!;
    expect(lab).toEqual(gameRun(behaviour, inputs, 'worker-pod'));
    expect(lab.ending).toBe(ending);
  });
});
