/**
 * `kubectl get -o jsonpath=|jsonpath-as-json=|custom-columns=` against real kubectl 1.32: these
 * printers run on the client, so each command line is run by real kubectl against the stub server
 * and by Firedrill's shell over the same world, and stdout, stderr and exit code must match.
 * (No ages are printed, so no clock tolerance is needed.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterControl } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { runLine } from '../../src/kubectl/index';
import { tokenize } from '../../src/kubectl/shell/tokenize';
import { NS, taskflowSpec } from '../unit/cluster/fixtures';
import { kubectlAvailable, kubectlFor } from './kubectl';
import { startStubServer, type StubServer } from './stubServer';

/** Command lines as typed (the shell's quoting applies to both sides). */
const LINES: string[] = [
  `kubectl get pods -o jsonpath='{.items[*].metadata.name}'`,
  `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'`,
  `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{": "}{range .spec.containers[*]}{.image}{" "}{end}{"\\n"}{end}'`,
  `kubectl get pods -o jsonpath='{.items[0].status.conditions[?(@.type=="Ready")].status}'`,
  `kubectl get pods -o jsonpath='{.items[?(@.status.phase=="Running")].metadata.name}'`,
  `kubectl get pods -o jsonpath='{.items[?(@.status.containerStatuses[0].restartCount>0)].metadata.name}'`,
  `kubectl get pods -o jsonpath='{.items[?(@.metadata.labels.app!="worker")].metadata.name}'`,
  `kubectl get pods -o jsonpath='{.items[?(@.spec.nodeName)].spec.nodeName}'`,
  `kubectl get pods -o jsonpath='{.items[*].status.containerStatuses[*].restartCount}'`,
  `kubectl get pods -o jsonpath='{.items[*].status.podIP}'`,
  `kubectl get pods -o jsonpath='{.items[0,2].metadata.name}'`,
  `kubectl get pods -o jsonpath='{.items[1:3].metadata.name}'`,
  `kubectl get pods -o jsonpath='{.items[-1:].metadata.name}'`,
  `kubectl get pods -o jsonpath='{.items[::2].metadata.name}'`,
  `kubectl get pods -o jsonpath='{.items[0].metadata.labels}'`,
  `kubectl get pods -o jsonpath='{.items[0].spec.containers[0].ports[0].containerPort}'`,
  `kubectl get pods -o jsonpath='{.items[*].metadata.ownerReferences[0].name}'`,
  `kubectl get pods -o jsonpath='{.kind} {.items[0].kind}'`,
  `kubectl get pods -o jsonpath='name={.items[0].metadata.name}\\n'`,
  `kubectl get pods -o jsonpath='{.items[0].metadata.name}{"\\n"}'`,
  `kubectl get pods -o jsonpath="{'x'}{\\"\\u0041\\"}{.items[0].metadata['namespace']}"`,
  `kubectl get pods -o jsonpath='{.items[*].spec.containers[*].resources}'`,
  `kubectl get pods -o jsonpath='{.items[0].nope}{.items[0].metadata.nope.deeper}'`,
  `kubectl get pods -l app=nothing -o jsonpath='{.items[*].metadata.name}'`,
  `kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}'`,
  `kubectl get deploy api-service -o jsonpath-as-json='{.metadata.labels}{.spec.replicas}'`,
  `kubectl get deploy api-service -o jsonpath='{.spec.template.spec.containers[0]}'`,
  `kubectl get deploy api-service -o jsonpath='{.status.conditions[?(@.type=="Available")].status}'`,
  `kubectl get deploy -o jsonpath='{range .items[*]}{.metadata.name}{"="}{.status.readyReplicas}{"/"}{.spec.replicas}{"\\n"}{end}'`,
  `kubectl get deploy,svc -o jsonpath='{.items[*].kind}'`,
  `kubectl get svc -o jsonpath='{.items[*].spec.clusterIP}'`,
  `kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'`,
  `kubectl get secret taskflow-db -o jsonpath='{.data.url}'`,
  `kubectl get endpoints -o jsonpath='{.items[*].subsets[*].notReadyAddresses[*].ip}'`,
  // Errors: parsing (before anything is fetched) and executing (with kubectl's object dump).
  `kubectl get pods -o jsonpath='{.items[}'`,
  `kubectl get pods -o jsonpath='{.items[*].metadata.name'`,
  `kubectl get pods -o jsonpath='{.items[a]}'`,
  `kubectl get pods -o jsonpath='{#}'`,
  `kubectl get pods -o jsonpath='{.items[?(@.x=="a"}'`,
  `kubectl get pods -o jsonpath`,
  `kubectl get pods -o jsonpath=`,
  `kubectl get deploy api-service -o jsonpath='{.metadata.name[0]}'`,
  `kubectl get deploy api-service -o jsonpath='{.spec.template.spec.containers[5]}'`,
  `kubectl get deploy api-service -o jsonpath='{end}'`,
  `kubectl get deploy api-service -o jsonpath='{.spec.replicas.x[?(@.a==1)]}'`,
  `kubectl get deploy api-service -o jsonpath='{.status.conditions[?(@.type==1)]}'`,
  `kubectl get deploy api-service --allow-missing-template-keys=false -o jsonpath='{.spec.nope}'`,
  `kubectl get pod nope -o jsonpath='{.metadata.name}'`,
  // custom-columns
  `kubectl get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName`,
  `kubectl get pods -o custom-columns='NAME:metadata.name,IMAGES:{.spec.containers[*].image},READY:{.status.conditions[?(@.type=="Ready")].status}'`,
  `kubectl get pods -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels,MISSING:.spec.nope`,
  `kubectl get pods -o custom-columns=NAME:.metadata.name,RESTARTS:.status.containerStatuses[*].restartCount --no-headers`,
  `kubectl get pods -o custom-columns=OWNER:.metadata.ownerReferences[0],PORTS:.spec.containers[0].ports`,
  `kubectl get deploy api-service -o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas,STRATEGY:.spec.strategy.type`,
  `kubectl get deploy,svc -o custom-columns=KIND:.kind,NAME:.metadata.name`,
  `kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,MEM:.status.allocatable.memory`,
  `kubectl get pods -l app=nothing -o custom-columns=NAME:.metadata.name`,
  `kubectl get pods -o custom-columns=NAME`,
  `kubectl get pods -o custom-columns=`,
  `kubectl get pods -o custom-columns=A:{.x}}`,
  `kubectl get pods -o custom-columns=A:.items[`,
  `kubectl get pods -o custom-columns=A:.spec.containers[3]`,
  `kubectl get pods --sort-by=.status.podIP -o custom-columns=NAME:.metadata.name,IP:.status.podIP`,
];

describe.skipIf(!kubectlAvailable)('get -o jsonpath / custom-columns match real kubectl 1.32', () => {
  let server: StubServer;
  let cluster: ClusterControl;
  const outcomes: { line: string; ours: unknown; theirs: unknown }[] = [];

  beforeAll(async () => {
    cluster = createCluster(taskflowSpec(), Math.floor(Date.now() / 1000) * 1000);
    server = await startStubServer(cluster);
    const k = kubectlFor(server.url, NS);
    await k.run(['get', 'namespaces', '-o', 'name']);
    await Promise.all(
      LINES.map(async (line) => {
        const tokens = tokenize(line);
        if (tokens.error !== undefined || tokens.commands.length !== 1) throw new Error(`cannot tokenize ${line}`);
        const args = tokens.commands[0]!.slice(1);
        const r = await k.run(args);
        const ours = runLine(line, { cluster, namespace: NS, history: [] });
        outcomes.push({
          line,
          theirs: { stdout: r.stdout, stderr: r.stderr, exit: r.code },
          ours: { stdout: ours.stdout, stderr: ours.stderr, exit: ours.exitCode },
        });
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('prints what kubectl prints for every template', () => {
    const failed = outcomes.filter((o) => JSON.stringify(o.ours) !== JSON.stringify(o.theirs));
    console.info(`conformance (templates): ${outcomes.length - failed.length}/${outcomes.length} identical`);
    for (const f of failed) expect({ line: f.line, ...(f.ours as object) }).toEqual({ line: f.line, ...(f.theirs as object) });
    expect(outcomes.length).toBe(LINES.length);
  });
});
