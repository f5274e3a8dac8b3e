/**
 * What metrics-server serves (metrics.k8s.io/v1beta1) for `kubectl top`: it scrapes every kubelet
 * every 15 s and keeps the latest window. A container has metrics once it has run across a full
 * window (two scrapes), so a pod that just started, or one whose container keeps crashing, has
 * none yet. Memory follows the run's behaviour (Outcome.memory, growing with a leak) and CPU its
 * `cpuMillicores`; images that say nothing use small stable defaults. Jitter is a hash of the
 * scrape time, so the same world at the same sim time reads the same numbers, and nothing here
 * costs anything until `top` asks.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterView } from './api';
import type { PodRt, Run } from './controllers/kubeletRuntime';
import { quantityBytes } from './controllers/containerBehaviour';
import { fnv32a } from './names';

export const METRIC_RESOLUTION_MS = 15_000;

export interface ContainerMetrics {
  name: string;
  /** Millicores. */
  cpu: number;
  /** Working set, bytes. */
  memory: number;
}

export interface PodMetrics {
  namespace: string;
  name: string;
  /** The scrape these numbers come from (sim ms). */
  timestamp: number;
  containers: ContainerMetrics[];
}

export interface NodeMetrics {
  name: string;
  timestamp: number;
  cpu: number;
  memory: number;
}

export interface MetricsSnapshot {
  pods: PodMetrics[];
  nodes: NodeMetrics[];
}

const MIB = 1024 * 1024;

/** A number in [-1, 1) that depends only on `key`. */
function jitter(key: string): number {
  return (fnv32a(key) % 2000) / 1000 - 1;
}

/** CPU quantity in millicores (500m, 1, 0.5); undefined when absent or unreadable. */
export function cpuMillis(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const s = String(q).trim();
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(s);
  if (m === null) return undefined;
  return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
}

function runningAcross(run: Run | undefined, from: number, to: number): run is Run {
  return run !== undefined && run.startedAt <= from && (run.finishedAt === undefined || run.finishedAt > to);
}

function containerUsage(pod: Pod, rtName: string, run: Run, at: number): ContainerMetrics {
  const spec = pod.spec?.containers.find((c) => c.name === rtName);
  const image = spec?.image ?? '';
  const seed = `${pod.metadata?.uid}/${rtName}@${at}`;
  const minutes = (at - run.startedAt) / 60_000;
  const mem = run.outcome?.memory;
  let mib = mem ? mem.mib + (mem.growMibPerMinute ?? 0) * minutes : 18 + (fnv32a(image) % 48);
  mib *= 1 + 0.02 * jitter(`mem:${seed}`);
  const limit = quantityBytes(String(spec?.resources?.limits?.memory ?? ''));
  let memory = Math.round(mib * MIB);
  if (!Number.isNaN(limit)) memory = Math.min(memory, Math.floor(limit * 0.995));
  const base = run.outcome?.cpuMillicores ?? 1 + (fnv32a(`cpu:${image}`) % 4);
  let cpu = Math.max(0, Math.round(base * (1 + 0.15 * jitter(`cpu:${seed}`))));
  const cpuLimit = cpuMillis(spec?.resources?.limits?.cpu);
  if (cpuLimit !== undefined) cpu = Math.min(cpu, cpuLimit);
  return { name: rtName, cpu, memory };
}

/** The latest scrape at or before `now`: a 15 s grid with a per-world phase. */
export function lastScrape(now: number, seed: number): number {
  const phase = fnv32a(`metrics-server:${seed}`) % METRIC_RESOLUTION_MS;
  return Math.floor((now - phase) / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS + phase;
}

export function metricsSnapshot(view: ClusterView, runtimeOf: (ns: string, pod: string) => PodRt | undefined, seed: number): MetricsSnapshot {
  const at = lastScrape(view.now(), seed);
  const windowStart = at - METRIC_RESOLUTION_MS;
  const pods: PodMetrics[] = [];
  const byNode = new Map<string, { cpu: number; memory: number }>();
  for (const pod of view.list('Pod')) {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const rt = runtimeOf(ns, name);
    if (rt === undefined || rt.uid !== pod.metadata?.uid) continue;
    const containers: ContainerMetrics[] = [];
    let complete = rt.containers.length > 0;
    for (const c of rt.containers) {
      const run = [c.latest, c.prev].find((r) => runningAcross(r, windowStart, at));
      if (run === undefined) {
        complete = false;
        continue;
      }
      containers.push(containerUsage(pod, c.spec.name, run, at));
    }
    // The node's cgroups count every running container, with metrics for its pod or not.
    const node = byNode.get(rt.node) ?? { cpu: 0, memory: 0 };
    for (const u of containers) {
      node.cpu += u.cpu;
      node.memory += u.memory;
    }
    byNode.set(rt.node, node);
    if (complete) pods.push({ namespace: ns, name, timestamp: at, containers });
  }
  const nodes: NodeMetrics[] = view.list('Node').map((n) => {
    const name = n.metadata?.name ?? '';
    const used = byNode.get(name) ?? { cpu: 0, memory: 0 };
    // kubelet, containerd, kube-proxy, the CNI and the system slice.
    const baseCpu = 70 + (fnv32a(`node-cpu:${seed}:${name}`) % 80);
    const baseMib = 950 + (fnv32a(`node-mem:${seed}:${name}`) % 400);
    const cpu = Math.round(baseCpu * (1 + 0.1 * jitter(`ncpu:${name}@${at}`))) + used.cpu;
    const memory = Math.round(baseMib * MIB * (1 + 0.01 * jitter(`nmem:${name}@${at}`))) + used.memory;
    return { name, timestamp: at, cpu, memory };
  });
  return { pods, nodes };
}
