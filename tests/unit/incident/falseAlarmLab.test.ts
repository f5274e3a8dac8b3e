/**
 * scenarios/taskflow-false-alarm/lab: real manifests that reproduce the false alarm on Kind or
 * Minikube. Checked as the other labs are (kinds a cluster knows, the scenario's shape, public
 * images), then against the game: the stand-in prints the game's log lines and exits 0 after its
 * lease, broken and fixed differ only in the alert rule (nothing in the cluster needed changing),
 * and the fixed rule no longer fires on a clean exit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { createCluster } from '../../../src/cluster/index';
import type { WorldSpec } from '../../../src/cluster/spec';
import { runLine } from '../../../src/kubectl/index';
import { loadYamlParser } from '../../../src/kubectl/manifest/yamlParser';
import { SCENARIOS_DIR, loadScenarioFile, scenarioPath } from '../../../src/incident/node';

beforeAll(loadYamlParser);

const ID = 'taskflow-false-alarm';
const NS = 'taskflow-demo';

interface Container {
  name: string;
  image: string;
  args: string[];
  env: { name: string; value: string }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    strategy?: { type: string };
    selector?: { matchLabels: Record<string, string> };
    template?: { spec: { containers: Container[] } };
  };
}
interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
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

function worker(file: string): Manifest {
  return manifests(file).find((d) => d.kind === 'Deployment' && d.metadata.name === 'worker')!;
}

function rules(file: string): Rule[] {
  const cm = manifests(file).find((d) => d.kind === 'ConfigMap')!;
  const doc = parse(cm.data!['pods.rules.yaml']!) as { groups: { rules: Rule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

const KNOWN = new Set(['v1/Namespace', 'v1/ConfigMap', 'apps/v1/Deployment']);
const scenario = loadScenarioFile(scenarioPath(ID));

describe.each(['broken.yaml', 'fixed.yaml'])('lab/%s', (file) => {
  const docs = manifests(file);

  it('holds real manifests of kinds a cluster knows, all in taskflow-demo, with a public image', () => {
    for (const d of docs) {
      expect(KNOWN.has(`${d.apiVersion}/${d.kind}`), `${d.apiVersion}/${d.kind}`).toBe(true);
      if (d.kind !== 'Namespace') expect(d.metadata.namespace).toBe(NS);
    }
    expect(worker(file).spec!.template!.spec.containers[0]!.image).toMatch(/^busybox:\d/);
  });

  it("deploys the worker as the scenario's release 1.4.1 does", () => {
    const created = scenario.world.history.find((h) => h.action === 'createDeployment' && h.deployment.name === 'worker');
    const released = scenario.world.history.find((h) => h.action === 'updateDeployment' && h.name === 'worker');
    if (created?.action !== 'createDeployment' || released?.action !== 'updateDeployment') throw new Error('the scenario creates and updates worker');
    const d = worker(file);
    expect(d.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' }, selector: { matchLabels: created.deployment.selector } });
    expect(d.metadata.annotations?.['kubernetes.io/change-cause']).toBe(released.changeCause);
    const env = Object.fromEntries(d.spec!.template!.spec.containers[0]!.env.map((e) => [e.name, e.value]));
    for (const e of released.containers[0]!.env ?? []) {
      if (e.name !== 'DB_LEASE_TTL') expect(env[e.name], e.name).toBe(e.value);
    }
  });
});

it("the stand-in prints the game's log lines and exits 0 when its lease ends", () => {
  const script = worker('broken.yaml').spec!.template!.spec.containers[0]!.args.join('\n');
  const run = scenario.world.images.find((i) => i.image === 'registry.example/taskflow/worker:1.4.1')!.outcomes[0]!;
  expect(run.exit).toEqual({ after: expect.any(Number), code: 0 });
  for (const line of run.logs.map((l) => l.text.replace('{{time}} ', ''))) {
    const lab = line.replace('role taskflow_worker, valid 72h', 'role $DB_LEASE_ROLE, valid $DB_LEASE_TTL');
    expect(script, line).toContain(`echo "$(ts) ${lab}"`);
  }
  expect(script).toMatch(/exit status 0"\n\s*exit 0\n?$/);
  // The game's renewal comes 60 s before the lease ends, then about 30 s of finishing up.
  expect(run.logs.at(-3)!.after).toBe(72 * 3600 - 60);
  expect(script).toContain('sleep $((LEASE_SECONDS - 60))');
  const env = Object.fromEntries(worker('broken.yaml').spec!.template!.spec.containers[0]!.env.map((e) => [e.name, e.value]));
  // Above ten minutes, so the kubelet resets its back-off between clean exits.
  expect(Number(env.LEASE_SECONDS)).toBeGreaterThan(600);
  expect(env.DB_LEASE_TTL).toBe(`${Number(env.LEASE_SECONDS) / 60}m`);
});

it('broken and fixed differ only in the alert rule: the paging rule fires on any restart, the fixed ones not on a clean exit', () => {
  const body = (file: string) => text(file).replace(/^#.*\n/gm, '');
  const withoutRules = (file: string) => body(file).replace(/ {2}pods\.rules\.yaml: \|\n(?: {4}.*\n)+/, '');
  expect(withoutRules('broken.yaml')).toBe(withoutRules('fixed.yaml'));

  const paging = rules('broken.yaml');
  expect(paging).toEqual([expect.objectContaining({ alert: 'TaskflowPodRestarted', labels: { severity: 'critical' } })]);
  expect(paging[0]!.expr).toMatch(/restarts_total\{namespace="taskflow-demo"\}\[15m\]\) > 0$/);
  expect(scenario.brief.alert.title).toContain('TaskflowPodRestarted');

  const fixed = rules('fixed.yaml');
  expect(fixed.map((r) => [r.alert, r.labels.severity])).toEqual([
    ['TaskflowPodCrashLooping', 'page'],
    ['TaskflowPodRestartedWithError', 'ticket'],
  ]);
  expect(fixed[0]!.expr).toMatch(/>= 3$/);
  expect(fixed[1]!.expr).toContain('reason!="Completed"');
});

it('played in the simulator, applying fixed.yaml over broken.yaml changes the rule and leaves the worker alone', () => {
  const spec: WorldSpec = {
    seed: 7,
    contextNamespace: 'default',
    nodes: scenario.world.nodes,
    namespaces: [],
    history: [],
    images: [{ image: 'busybox:1.36', outcomes: [{ logs: [], readyAfter: 1 }] }],
    files: { 'fixed.yaml': text('fixed.yaml'), 'broken.yaml': text('broken.yaml') },
  };
  const cluster = createCluster(spec, Date.UTC(2026, 11, 8, 3, 0, 0));
  const files = spec.files!;
  const run = (line: string) => runLine(line, { cluster, namespace: 'default', history: [], files });
  expect(run('kubectl apply -f broken.yaml').stdout).toBe(
    'namespace/taskflow-demo created\nconfigmap/taskflow-alert-rules created\ndeployment.apps/worker created\n',
  );
  cluster.advanceBy(30_000);
  const pod = run(`kubectl get pods -n ${NS} -o name`).stdout;
  expect(run('kubectl apply -f fixed.yaml').stdout).toBe(
    'namespace/taskflow-demo unchanged\nconfigmap/taskflow-alert-rules configured\ndeployment.apps/worker unchanged\n',
  );
  cluster.advanceBy(30_000);
  expect(run(`kubectl get pods -n ${NS} -o name`).stdout).toBe(pod);
  expect(run(`kubectl rollout history deployment/worker -n ${NS}`).stdout).toMatch(/^1\s+release 1\.4\.1: short-lived database logins \(72h leases\)$/m);
});
