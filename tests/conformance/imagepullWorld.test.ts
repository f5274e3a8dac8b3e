/**
 * scenarios/taskflow-imagepull as played, against real kubectl 1.32 byte for byte: on arrival
 * (the rollout waiting on pods in ImagePullBackOff) and after its progress deadline has passed
 * (ProgressDeadlineExceeded). Each line goes through the game's whole command line (runLine), in
 * the scenario's context namespace, as a learner would type it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { loadScenarioFile, scenarioPath } from '../../src/incident/node';
import { runLine } from '../../src/kubectl/index';
import { type KubectlEnv, kubectlAvailable, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';
import { controlAt } from './viewAt';

const scenario = loadScenarioFile(scenarioPath('taskflow-imagepull'));
const NS = scenario.world.contextNamespace;

const at = controlAt;

function commandsFor(c: ClusterControl): string[] {
  const lines: string[] = [];
  for (const p of c.list('Pod', NS)) {
    const name = p.metadata!.name!;
    if (name.startsWith('web-frontend-')) lines.push(`kubectl describe pod ${name}`, `kubectl logs ${name}`, `kubectl get pod ${name} -o yaml`);
  }
  for (const rs of c.list('ReplicaSet', NS)) if (rs.metadata!.name!.startsWith('web-frontend-')) lines.push(`kubectl describe rs ${rs.metadata!.name!}`);
  lines.push(
    'kubectl get pods',
    'kubectl get pods -o wide',
    'kubectl get deployment web-frontend -o wide',
    'kubectl get deploy,rs',
    'kubectl describe deployment web-frontend',
    'kubectl get deployment web-frontend -o yaml',
    'kubectl rollout history deployment/web-frontend',
    'kubectl rollout history deployment/web-frontend --revision=2',
    'kubectl describe service web-frontend',
    'kubectl get endpointslices',
    'kubectl get endpoints web-frontend',
    'kubectl events',
    'kubectl events --for deployment/web-frontend',
    'kubectl get events --field-selector reason=Failed',
  );
  return lines;
}

interface Outcome {
  line: string;
  ok: boolean;
  actual: { stdout: string; stderr: string };
  ours: { stdout: string; stderr: string };
}

async function compare(k: KubectlEnv, c: ClusterControl, line: string): Promise<Outcome> {
  const r = await k.run(line.split(' ').slice(1));
  const actual = { stdout: r.stdout, stderr: r.stderr };
  let first: Outcome['ours'] | undefined;
  // Any whole second in which kubectl ran may be the one it measured ages against.
  for (let t = r.startedAt; t <= r.endedAt + 999; t += 1000) {
    const res = runLine(line, { cluster: at(c, Math.min(t, r.endedAt)), namespace: NS, history: [] });
    const ours = { stdout: res.stdout, stderr: res.stderr };
    first ??= ours;
    if (ours.stdout === actual.stdout && ours.stderr === actual.stderr) return { line, ok: true, actual, ours };
  }
  return { line, ok: false, actual, ours: first! };
}

const STATES = [
  { name: 'on arrival', arrivedAgo: 0, reason: 'ReplicaSetUpdated' },
  { name: 'after the progress deadline', arrivedAgo: 5 * 60_000, reason: 'ProgressDeadlineExceeded' },
];

describe.skipIf(!kubectlAvailable)('the taskflow-imagepull scenario, as played, matches real kubectl 1.32', () => {
  for (const state of STATES) {
    describe(state.name, () => {
      let server: StubServer;
      let cluster: ClusterControl;
      let outcomes: Outcome[] = [];

      beforeAll(async () => {
        const now = Math.floor(Date.now() / 1000) * 1000;
        cluster = createCluster(scenario.world, now - state.arrivedAgo);
        cluster.advanceTo(now);
        server = await startStubServer(cluster);
        const k = kubectlFor(server.url, NS);
        outcomes = [];
        for (const line of commandsFor(cluster)) outcomes.push(await compare(k, cluster, line));
      }, 90_000);

      afterAll(async () => {
        await server?.close();
      });

      it('is in the state the name says', () => {
        const d = cluster.get('Deployment', NS, 'web-frontend')!;
        expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(state.reason);
        const waiting = cluster
          .list('Pod', NS)
          .map((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason)
          .filter((r) => r !== undefined);
        expect(waiting.length).toBe(2);
        expect(waiting.every((r) => r === 'ErrImagePull' || r === 'ImagePullBackOff')).toBe(true);
      });

      it('prints what kubectl prints for every command a learner would type', () => {
        const failed = outcomes.filter((o) => !o.ok);
        console.info(`conformance, imagepull world (${state.name}): ${outcomes.length - failed.length}/${outcomes.length} identical`);
        for (const f of failed) expect({ line: f.line, ...f.ours }).toEqual({ line: f.line, ...f.actual });
        expect(outcomes.length).toBeGreaterThan(20);
      });
    });
  }
});
