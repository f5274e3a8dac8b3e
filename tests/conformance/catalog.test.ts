/**
 * Every scenario of the catalog, as a learner finds it, against real kubectl 1.32 byte for byte:
 * on arrival and 20 minutes later (back-offs grown, progress deadlines passed, events aged and
 * counted). The lines are the ones a learner types while investigating, chosen from what each
 * world holds: every kind of pod (one per owner and status), every deployment, ReplicaSet,
 * Service, Job, ConfigMap and Secret, and the namespace-wide lists and events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl, ClusterView } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { loadScenarioFile, scenarioIds, scenarioPath } from '../../src/incident/node';
import { compareLine, type LineOutcome, pool } from './compareLine';
import { kubectlAvailable, KUBECTL, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';

if (!kubectlAvailable) console.warn(`conformance: ${KUBECTL} not found, skipping the catalog comparison with real kubectl`);

/** One pod for each (owner, status) pair: what differs between pods of one kind is names and IPs. */
function samplePods(c: ClusterView, ns: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const p of c.list('Pod', ns)) {
    const owner = p.metadata!.ownerReferences?.[0]?.name ?? p.metadata!.name!;
    const cs = p.status?.containerStatuses?.[0];
    const status = `${p.status?.phase}/${cs?.ready}/${cs?.state?.waiting?.reason ?? cs?.state?.terminated?.reason ?? ''}/${cs?.restartCount ?? 0 > 0}`;
    if (seen.has(`${owner} ${status}`)) continue;
    seen.add(`${owner} ${status}`);
    names.push(p.metadata!.name!);
  }
  return names;
}

function commandsFor(c: ClusterView, ns: string): string[] {
  const n = `-n ${ns}`;
  const lines: string[] = [];
  for (const name of samplePods(c, ns)) {
    const p = c.get('Pod', ns, name)!;
    lines.push(`kubectl describe pod ${name} ${n}`, `kubectl logs ${name} ${n}`, `kubectl get pod ${name} ${n} -o yaml`);
    if ((p.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0) lines.push(`kubectl logs ${name} ${n} --previous`);
  }
  for (const d of c.list('Deployment', ns)) {
    const name = d.metadata!.name!;
    lines.push(`kubectl describe deployment ${name} ${n}`, `kubectl rollout history deployment/${name} ${n}`);
  }
  for (const rs of c.list('ReplicaSet', ns)) lines.push(`kubectl describe rs ${rs.metadata!.name!} ${n}`);
  for (const s of c.list('Service', ns)) lines.push(`kubectl describe service ${s.metadata!.name!} ${n}`);
  for (const j of c.list('Job', ns)) lines.push(`kubectl describe job ${j.metadata!.name!} ${n}`, `kubectl logs job/${j.metadata!.name!} ${n}`);
  for (const cm of c.list('ConfigMap', ns)) lines.push(`kubectl describe configmap ${cm.metadata!.name!} ${n}`);
  for (const s of c.list('Secret', ns)) lines.push(`kubectl describe secret ${s.metadata!.name!} ${n}`);
  lines.push(
    `kubectl get pods ${n}`,
    `kubectl get pods ${n} -o wide`,
    `kubectl get pods ${n} --show-labels`,
    `kubectl get all ${n}`,
    `kubectl get deploy,rs ${n} -o wide`,
    `kubectl get endpoints ${n}`,
    `kubectl get endpointslices ${n}`,
    `kubectl get jobs ${n}`,
    `kubectl get configmaps,secrets ${n}`,
    `kubectl get events ${n}`,
    `kubectl get events ${n} --field-selector type=Warning`,
    `kubectl events ${n}`,
    `kubectl get deployments ${n} -o yaml`,
    'kubectl get nodes',
    'kubectl describe nodes',
  );
  return lines;
}

const STATES = [
  { name: 'on arrival', arrivedAgo: 0 },
  { name: '20 minutes in', arrivedAgo: 20 * 60_000 },
];

describe.skipIf(!kubectlAvailable)('every catalog scenario, as a learner finds it, matches real kubectl 1.32', () => {
  for (const id of scenarioIds()) {
    const scenario = loadScenarioFile(scenarioPath(id));
    const ns = scenario.recovery.namespace;
    const contextNs = scenario.world.contextNamespace;
    for (const state of STATES) {
      describe(`${id}, ${state.name}`, () => {
        let server: StubServer;
        let outcomes: LineOutcome[] = [];

        beforeAll(async () => {
          const now = Math.floor(Date.now() / 1000) * 1000;
          const cluster: ClusterControl = createCluster(scenario.world, now - state.arrivedAgo);
          cluster.advanceTo(now);
          server = await startStubServer(cluster);
          const k = kubectlFor(server.url, contextNs);
          outcomes = await pool(commandsFor(cluster, ns), 4, (line) => compareLine(k, cluster, line, contextNs));
        }, 120_000);

        afterAll(async () => {
          await server?.close();
        });

        it('prints what kubectl prints for every command a learner would type', () => {
          const failed = outcomes.filter((o) => !o.ok);
          console.info(`conformance, ${id} (${state.name}): ${outcomes.length - failed.length}/${outcomes.length} identical`);
          for (const f of failed) expect({ line: f.line, ...f.ours }).toEqual({ line: f.line, ...f.actual });
          expect(outcomes.length).toBeGreaterThan(25);
        });
      });
    }
  }
});

describe.runIf(!kubectlAvailable && process.env.CI)('kubectl in CI (catalog)', () => {
  it('is installed (the conformance suite must not be skipped in CI)', () => {
    expect(kubectlAvailable, `${KUBECTL} is missing`).toBe(true);
  });
});
