import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../../src/cluster/index';
import type { ClusterControl, Outcome, WorldSpec } from '../../../../src/cluster/index';
import { runLine } from '../../../../src/kubectl/index';
import type { ShellResult } from '../../../../src/kubectl/index';
import { ARRIVAL, NS, taskflowSpec, WORKER } from '../../cluster/fixtures';
import { singleAppSpec } from '../../cluster/helpers';

function shellFor(spec: WorldSpec, at = ARRIVAL): { cluster: ClusterControl; run(line: string): ShellResult } {
  const cluster = createCluster(spec, at);
  return { cluster, run: (line) => runLine(line, { cluster, namespace: NS, history: [] }) };
}

const IMAGE = 'registry.example/taskflow/report-builder:1.0.0';

/** One `app` pod created at ARRIVAL, using memory and CPU as `outcome` says, limited as given. */
function appSpec(outcome: Outcome, limits?: { cpu?: string; memory?: string }): WorldSpec {
  const spec = singleAppSpec(IMAGE, [outcome]);
  const step = spec.history[0]!;
  if (step.action === 'createDeployment' && limits) step.deployment.template.containers[0]!.resources = { limits };
  return spec;
}

/** MEMORY(bytes) and CPU(cores) of the only pod, as numbers. */
function usage(r: ShellResult): { cpu: number; mib: number } {
  const m = /\napp-\S+\s+(\d+)m\s+(\d+)Mi\s+\n$/.exec(r.stdout);
  if (m === null) throw new Error(`unexpected top output: ${JSON.stringify(r)}`);
  return { cpu: Number(m[1]), mib: Number(m[2]) };
}

describe('kubectl top pod', () => {
  it('prints running pods with kubectl\'s columns, units and trailing cell padding', () => {
    const sh = shellFor(taskflowSpec());
    const r = sh.run('kubectl top pods');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME                            CPU(cores)   MEMORY(bytes)   ');
    // The crash-looping api-service pods have no metrics; the running ones do.
    expect(lines.slice(1, -1).map((l) => l.split(/\s+/)[0]!.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''))).toEqual(['web-frontend', 'web-frontend', 'worker']);
    for (const l of lines.slice(1, -1)) expect(l).toMatch(/^\S+ +\d+m {3,}\d+Mi {3,}$/);
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('answers the same at the same sim time, and changes only with the 15 s scrape', () => {
    const a = shellFor(taskflowSpec());
    const b = shellFor(taskflowSpec());
    expect(a.run('kubectl top pods').stdout).toBe(b.run('kubectl top pods').stdout);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      a.cluster.advanceBy(1000);
      seen.add(a.run('kubectl top pods').stdout);
    }
    expect(seen.size).toBeGreaterThanOrEqual(2);
    expect(seen.size).toBeLessThanOrEqual(3);
  });

  it('follows the behaviour\'s memory, a leak growing towards the limit, and its CPU', () => {
    const sh = shellFor(appSpec({ logs: [], memory: { mib: 100, growMibPerMinute: 10 }, cpuMillicores: 250 }, { memory: '512Mi', cpu: '200m' }));
    sh.cluster.advanceBy(60_000);
    const early = usage(sh.run('kubectl top pod'));
    expect(early.mib).toBeGreaterThanOrEqual(105);
    expect(early.mib).toBeLessThanOrEqual(114);
    // Throttled at the 200m limit.
    expect(early.cpu).toBe(200);
    sh.cluster.advanceBy(10 * 60_000);
    const later = usage(sh.run('kubectl top pod'));
    expect(later.mib).toBeGreaterThanOrEqual(200);
    expect(later.mib).toBeLessThanOrEqual(216);
  });

  it('says metrics are not available yet for a pod that just started, then shows it', () => {
    const sh = shellFor(appSpec({ logs: [], memory: { mib: 64 } }));
    expect(sh.run('kubectl top pods')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', exitCode: 1 });
    const name = sh.cluster.list('Pod', NS)[0]!.metadata!.name!;
    expect(sh.run(`kubectl top pod ${name}`).stderr).toBe(`Error from server (NotFound): podmetrics.metrics.k8s.io "${NS}/${name}" not found\n`);
    sh.cluster.advanceBy(45_000);
    expect(usage(sh.run('kubectl top pods')).mib).toBeGreaterThanOrEqual(62);
  });

  it('names a pod that never gets metrics and how old it is', () => {
    const sh = shellFor(taskflowSpec());
    const api = sh.cluster.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('api-service-'))!.metadata!.name!;
    expect(sh.run('kubectl top pod -l app=api-service').stderr).toBe(`error: Metrics not available for pod ${NS}/${api}, age: 8m58s\n`);
    expect(sh.run('kubectl top pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(sh.run('kubectl top pod -n default')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('prints containers, namespaces, sums and sorts as kubectl does', () => {
    const spec = taskflowSpec();
    spec.images = spec.images.map((b) => (b.image === WORKER ? { image: WORKER, outcomes: [{ logs: [], memory: { mib: 300 }, cpuMillicores: 40 }] } : b));
    const sh = shellFor(spec);
    const r = sh.run('kubectl top pods -A --containers --sum');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE {7}POD {29}NAME {11}CPU\(cores\) {3}MEMORY\(bytes\) {3}$/);
    expect(lines[1]).toMatch(/^taskflow-demo {3}web-frontend-\S+ {3}web-frontend {3}\d+m +\d+Mi +$/);
    expect(lines[4]).toMatch(/^ {63}________ {5}________ {8}$/);
    expect(lines[5]).toMatch(/^ {63}\d+m +\d+Mi +$/);
    const sorted = sh.run('kubectl top pod --sort-by=memory --no-headers').stdout.split('\n');
    expect(sorted[0]).toMatch(/^worker-/);
    expect(sh.run('kubectl top pod --sort-by=cpu --no-headers').stdout).toMatch(/^worker-/);
    expect(sh.run('kubectl top pod --sort-by=name').stderr).toBe('error: --sort-by accepts only cpu or memory\n');
    expect(sh.run('kubectl top pod x -l app=worker').stderr).toBe('error: only one of NAME or selector can be provided\n');
    expect(sh.run('kubectl top pod a b').stderr).toBe("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n");
  });
});

describe('kubectl top node', () => {
  it('sums the node\'s containers over a system baseline, as a share of allocatable', () => {
    const spec = taskflowSpec();
    spec.images = spec.images.map((b) => (b.image === WORKER ? { image: WORKER, outcomes: [{ logs: [], memory: { mib: 4000 }, cpuMillicores: 1900 }] } : b));
    const sh = shellFor(spec);
    const r = sh.run('kubectl top nodes');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME       CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    const workerNode = sh.cluster.list('Pod', NS).find((p) => p.metadata!.name!.startsWith('worker-'))!.spec!.nodeName!;
    const row = lines.find((l) => l.startsWith(`${workerNode} `))!;
    const m = /^\S+ +(\d+)m +(\d+)% +(\d+)Mi +(\d+)% +$/.exec(row)!;
    expect(Number(m[1])).toBeGreaterThan(1900);
    // 4 cores allocatable; 16272956Ki memory.
    expect(Number(m[2])).toBe(Math.trunc((Number(m[1]) / 4000) * 100));
    expect(Number(m[3])).toBeGreaterThan(4000);
    expect(Number(m[4])).toBeGreaterThanOrEqual(Math.trunc(((Number(m[3]) * 1024 * 1024) / (16272956 * 1024)) * 100));
    expect(sh.run('kubectl top node --sort-by=cpu --no-headers').stdout.startsWith(`${workerNode} `)).toBe(true);
    expect(sh.run('kubectl top no worker-9').stderr).toBe('Error from server (NotFound): nodemetrics.metrics.k8s.io "worker-9" not found\n');
  });

  it('lives under kubectl top, with its help', () => {
    const sh = shellFor(taskflowSpec());
    expect(sh.run('kubectl top').stdout).toMatch(/^Display resource \(CPU\/memory\) usage\.\n/);
    expect(sh.run('kubectl top foo').stderr).toBe("error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n");
    expect(sh.run('kubectl top node --help').stdout).toMatch(/^Display resource \(CPU\/memory\) usage of nodes\.\n/);
    expect(sh.run('kubectl top pod --field-selector status.phase=Running').stderr).toMatch(/--field-selector is not simulated/);
  });
});
