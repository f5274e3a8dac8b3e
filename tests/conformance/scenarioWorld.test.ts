/**
 * The real scenario (scenarios/taskflow-crashloop, loaded and built as a game session does) against
 * real kubectl 1.32, byte for byte, at three moments of an incident: on arrival, after the
 * learner's `kubectl rollout undo` has settled, and 20 minutes after that. Unlike printers.test.ts
 * (printers called directly on a test fixture), each command here goes through the game's whole
 * command line (runLine: tokenizer, flag parsing, kubectl command, printer) with the context
 * namespace of the scenario, so what a learner types is what is compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl, ClusterView } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { loadScenarioFile, scenarioPath } from '../../src/incident/node';
import { runLine } from '../../src/kubectl/index';
import { compareLine, type LineOutcome, pool } from './compareLine';
import { kubectlAvailable, KUBECTL, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';

const scenario = loadScenarioFile(scenarioPath('taskflow-crashloop'));
const NS = 'taskflow-demo';
const CONTEXT_NS = scenario.world.contextNamespace;
const SETTLE_MS = 3 * 60_000;

if (!kubectlAvailable) console.warn(`conformance: ${KUBECTL} not found, skipping the scenario-world comparison with real kubectl`);

interface State {
  name: string;
  /** The world as the game has it at wall-clock `now`. */
  build: (now: number) => ClusterControl;
}

/**
 * The world of a game that arrived at `arrival`, where the learner typed the undo at `undoAt`:
 * built as a game session builds it (createCluster of the validated scenario's world at the
 * arrival), the undo typed through the same command line.
 */
function played(arrival: number, undoAt: number | undefined, now: number): ClusterControl {
  const cluster = createCluster(scenario.world, arrival);
  if (undoAt !== undefined) {
    cluster.advanceTo(undoAt);
    const r = runLine(`kubectl rollout undo deployment/api-service -n ${NS}`, { cluster, namespace: CONTEXT_NS, history: [] });
    if (r.stdout !== 'deployment.apps/api-service rolled back\n') throw new Error(`undo failed: ${r.stdout}${r.stderr}`);
  }
  cluster.advanceTo(now);
  return cluster;
}

const API_OLD = 'registry.example/taskflow/api-service:2.3.1';
/** A patch release the registry also has in this state (healthy, like 2.3.1). */
const API_PATCH = 'registry.example/taskflow/api-service:2.3.2';

/**
 * The learner changes one crash-looping api pod's image in place: back to 2.3.1 (the kubelet
 * starts it at once, back-off or not), then, once it runs, to 2.3.2 (the kubelet kills it,
 * "definition changed", and starts the new image). Its sibling keeps crash looping.
 */
function setImageInPlace(now: number): ClusterControl {
  const old = scenario.world.images.find((b) => b.image === API_OLD)!;
  const cluster = createCluster({ ...scenario.world, images: [...scenario.world.images, { ...old, image: API_PATCH }] }, now - 6 * 60_000);
  const pod = cluster.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('api-service-'))!.metadata!.name!;
  for (const [at, image] of [[now - 5 * 60_000, API_OLD], [now - 2 * 60_000, API_PATCH]] as const) {
    cluster.advanceTo(at);
    const r = runLine(`kubectl set image pod/${pod} api-service=${image} -n ${NS}`, { cluster, namespace: CONTEXT_NS, history: [] });
    if (r.stdout !== `pod/${pod} image updated\n`) throw new Error(`set image failed: ${r.stdout}${r.stderr}`);
  }
  cluster.advanceTo(now);
  return cluster;
}

const STATES: State[] = [
  { name: 'on arrival', build: (now) => played(now, undefined, now) },
  { name: 'after rollout undo, settled', build: (now) => played(now - SETTLE_MS - 60_000, now - SETTLE_MS, now) },
  { name: '20 minutes after the undo settled', build: (now) => played(now - 20 * 60_000 - SETTLE_MS - 60_000, now - 20 * 60_000 - SETTLE_MS, now) },
  { name: "an api pod's image set in place, twice", build: setImageInPlace },
];

/** The command lines a learner would type here, from what the world holds. */
function commandsFor(c: ClusterView): string[] {
  const n = `-n ${NS}`;
  const lines: string[] = [];
  for (const p of c.list('Pod', NS)) {
    const name = p.metadata!.name!;
    lines.push(`kubectl describe pod ${name} ${n}`, `kubectl logs ${name} ${n}`, `kubectl logs ${name} ${n} --previous`);
  }
  const api = c.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('api-service-'))!.metadata!.name!;
  lines.push(`kubectl get pod ${api} ${n} -o yaml`, `kubectl get pod ${api} ${n} -o json`, `kubectl get pod/${api} ${n} -o name`);
  for (const d of c.list('Deployment', NS)) {
    const name = d.metadata!.name!;
    lines.push(`kubectl describe deployment ${name} ${n}`, `kubectl rollout history deployment/${name} ${n}`, `kubectl get deploy ${name} ${n} -o yaml`);
  }
  for (const rs of c.list('ReplicaSet', NS)) {
    const name = rs.metadata!.name!;
    lines.push(`kubectl describe rs ${name} ${n}`);
    if (name.startsWith('api-service-')) lines.push(`kubectl rollout history deploy/api-service ${n} --revision=${rs.metadata!.annotations!['deployment.kubernetes.io/revision']}`);
  }
  for (const s of c.list('Service', NS)) lines.push(`kubectl describe service ${s.metadata!.name!} ${n}`);
  // Nodes: their conditions' heartbeats follow the kubelet's 5-minute status reports.
  for (const node of c.list('Node')) lines.push(`kubectl describe node ${node.metadata!.name!}`, `kubectl get node ${node.metadata!.name!} -o json`);
  lines.push(
    `kubectl get pods ${n} -o name`,
    'kubectl get pods -A -o name',
    `kubectl get deployments,replicasets,services ${n} -o name`,
    `kubectl get pods ${n} -o yaml`,
    `kubectl get deployments ${n} -o json`,
    `kubectl get replicasets ${n} -o yaml`,
    `kubectl get endpointslices ${n} -o yaml`,
    `kubectl get events ${n} -o yaml`,
    `kubectl get secret taskflow-db ${n} -o json`,
    'kubectl get nodes -o yaml',
    `kubectl events ${n}`,
    'kubectl events -A',
    `kubectl events ${n} --for deployment/api-service`,
    `kubectl events ${n} --types=Warning -o yaml`,
    `kubectl logs deploy/nope ${n}`,
    'kubectl get pods',
    'kubectl describe pod nope',
    `kubectl rollout history deployment/api-service ${n} --revision=99`,
    // The API server's own endpoints, in the namespace the learner starts in.
    'kubectl get endpoints',
    'kubectl get endpointslices',
    'kubectl describe service kubernetes',
    'kubectl describe endpoints kubernetes',
    'kubectl get endpoints kubernetes -o yaml',
    'kubectl get endpointslice kubernetes -o yaml',
  );
  return lines;
}

describe.skipIf(!kubectlAvailable)('the taskflow-crashloop scenario, as played, matches real kubectl 1.32', () => {
  for (const state of STATES) {
    describe(state.name, () => {
      let server: StubServer;
      let outcomes: LineOutcome[] = [];
      let cluster: ClusterControl;

      beforeAll(async () => {
        cluster = state.build(Math.floor(Date.now() / 1000) * 1000);
        server = await startStubServer(cluster);
        const k = kubectlFor(server.url, CONTEXT_NS);
        await k.run(['get', 'namespaces', '-o', 'name']);
        outcomes = await pool(commandsFor(cluster), 4, (line) => compareLine(k, cluster, line, CONTEXT_NS));
      }, 90_000);

      afterAll(async () => {
        await server?.close();
      });

      it('prints what kubectl prints for every command a learner would type', () => {
        const failed = outcomes.filter((o) => !o.ok);
        console.info(`conformance, scenario world (${state.name}): ${outcomes.length - failed.length}/${outcomes.length} identical`);
        for (const f of failed) expect({ line: f.line, ...f.ours }).toEqual({ line: f.line, ...f.actual });
        expect(outcomes.length).toBeGreaterThan(40);
      });

      it('is in the state the name says', () => {
        const api = cluster.list('Pod', NS).filter((p) => p.metadata!.name!.startsWith('api-service-'));
        const waiting = api.map((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason);
        if (state.name === 'on arrival') expect(waiting).toContain('CrashLoopBackOff');
        else if (state.name.startsWith('an api pod')) {
          const [changed, sibling] = api;
          expect(changed!.status!.containerStatuses![0]!.image).toBe(API_PATCH);
          expect(changed!.status!.containerStatuses![0]!.lastState!.terminated!.exitCode).toBe(143);
          expect(sibling!.spec!.containers[0]!.image).toBe('registry.example/taskflow/api-service:2.4.0');
          const events = cluster.list('Event', NS).filter((e) => e.involvedObject.name === changed!.metadata!.name);
          expect(events.map((e) => e.message)).toContain('Container api-service definition changed, will be restarted');
        } else {
          expect(api.map((p) => p.spec!.containers[0]!.image)).toEqual(['registry.example/taskflow/api-service:2.3.1', 'registry.example/taskflow/api-service:2.3.1']);
          expect(api.every((p) => p.status?.containerStatuses?.[0]?.ready === true)).toBe(true);
        }
        // Weeks after the nodes registered, their kubelets reported status within the last 5 minutes.
        for (const node of cluster.list('Node')) {
          const beat = Date.parse(node.status!.conditions!.find((x) => x.type === 'Ready')!.lastHeartbeatTime!);
          expect(cluster.now() - beat).toBeGreaterThanOrEqual(0);
          expect(cluster.now() - beat).toBeLessThan(5 * 60_000);
        }
      });
    });
  }
});

describe.runIf(!kubectlAvailable && process.env.CI)('kubectl in CI (scenario world)', () => {
  it('is installed (the conformance suite must not be skipped in CI)', () => {
    expect(kubectlAvailable, `${KUBECTL} is missing`).toBe(true);
  });
});
