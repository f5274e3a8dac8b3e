/**
 * The metrics panel's numbers: small dashboards drawn from what the cluster really did
 * (cluster/telemetry.ts samples it every 15 s), never from a script. The cluster knows endpoints,
 * restarts and memory; requests are not simulated, so a small documented traffic model turns
 * endpoints into what users would see:
 *
 * - Every HTTP Service (a port named http*, or 80/443/8080) gets a steady request rate: 40 req/s
 *   when its name says `api`, else 25, with a ±4 % wobble that is a hash of the time (so the same
 *   world draws the same line).
 * - A request to a Service with no ready endpoint fails (503); with at least one it succeeds.
 *   Error rate = the share that failed.
 * - p95 latency of the requests that succeed: 180 ms (api) or 90 ms (others) at full capacity,
 *   rising as ready endpoints fall below the replicas wanted (the remaining pods take the load);
 *   no value while nothing succeeds.
 * - Restarts: container restarts per workload over the last 5 minutes.
 * - Memory: each pod's working set (what `kubectl top` shows) against its limit.
 *
 * Alerts are the scenario's: each timeline entry `Alert fired: Name (detail)` fires at its time.
 * An alert resolves once the world has been healthy for 5 minutes (no restarts, every Deployment
 * fully rolled out and available, every HTTP Service with a ready endpoint).
 */
import type { TelemetrySample } from '../cluster/api';
import type { TimelineEntry } from './api';

export const STEP_MS = 15_000;
/** The span the charts show, ending now. */
export const WINDOW_MS = 30 * 60_000;
/** Restarts are counted over this span, like `increase(restarts[5m])`. */
export const RESTART_SPAN_MS = 5 * 60_000;
/** How long the world must look healthy before an alert resolves. */
export const RESOLVE_AFTER_MS = 5 * 60_000;

export type ChartId = 'requests' | 'errors' | 'latency' | 'restarts' | 'memory';

export interface Series {
  /** Legend label: a Service, a workload, a pod. */
  label: string;
  /** One value per time of the chart; null where there is no data (a gap in the line). */
  values: (number | null)[];
}

export interface Chart {
  id: ChartId;
  title: string;
  /** Unit for axis and table: `req/s`, `%`, `ms`, `restarts`, `MiB`. */
  unit: string;
  times: number[];
  series: Series[];
  /** The y axis runs from 0 to at least this (100 for a percentage, the limit for memory). */
  minMax: number;
  /** A horizontal line (memory limit). */
  threshold?: { value: number; label: string };
}

export interface AlertView {
  name: string;
  detail: string;
  firedAt: number;
  resolvedAt?: number;
}

export interface MetricsView {
  from: number;
  now: number;
  charts: Chart[];
  alerts: AlertView[];
  /** Workloads with memory numbers, for the memory chart's picker; `memoryWorkload` is drawn. */
  memoryWorkloads: string[];
  memoryWorkload?: string;
}

/** A number in [-1, 1) from a string (FNV-1a), for the traffic model's wobble. */
function wobble(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 2000) / 1000 - 1;
}

const isApi = (name: string) => /api/.test(name);
export const baseRate = (service: string): number => (isApi(service) ? 40 : 25);
export const baseLatencyMs = (service: string): number => (isApi(service) ? 180 : 90);

const round1 = (n: number) => Math.round(n * 10) / 10;

function restartsOver(samples: readonly TelemetrySample[], i: number, key?: string): number {
  const at = samples[i]!.at;
  let n = 0;
  for (let j = i; j >= 0 && samples[j]!.at > at - RESTART_SPAN_MS; j--) {
    const r = samples[j]!.restarts;
    n += key === undefined ? Object.values(r).reduce((a, b) => a + b, 0) : (r[key] ?? 0);
  }
  return n;
}

/** Whether the world looked healthy at sample i (see the module comment). */
export function healthyAt(sample: TelemetrySample): boolean {
  if (Object.keys(sample.restarts).length > 0) return false;
  if (sample.services.some((s) => s.http && s.ready === 0)) return false;
  return sample.deployments.every((d) => d.updated >= d.desired && d.available >= d.desired && d.total <= d.desired);
}

/** The scenario's alerts as the timeline shows them, with when each resolved. */
export function alertsOf(timeline: readonly TimelineEntry[], samples: readonly TelemetrySample[], now: number): AlertView[] {
  const out: AlertView[] = [];
  for (const e of timeline) {
    if (e.kind !== 'system' || e.at > now) continue;
    const m = /^Alert fired:\s*([^\s(]+)\s*(?:\((.*)\))?\s*(.*)$/.exec(e.text);
    if (m === null) continue;
    const detail = [m[2], m[3]?.replace(/^[,;]\s*/, '')].filter((s) => s !== undefined && s.trim() !== '').join('; ');
    const alert: AlertView = { name: m[1]!, detail, firedAt: e.at };
    // The first sample after firing that ends RESOLVE_AFTER_MS of health.
    let healthySince: number | undefined;
    for (const s of samples) {
      if (s.at > now) break;
      if (!healthyAt(s)) {
        healthySince = undefined;
        continue;
      }
      healthySince ??= s.at;
      if (s.at > e.at && s.at - healthySince >= RESOLVE_AFTER_MS) {
        alert.resolvedAt = s.at;
        break;
      }
    }
    out.push(alert);
  }
  return out;
}

/**
 * The timeline with an `Alert resolved: Name` system entry where each alert resolved, so the
 * timeline (and the postmortem's) shows both ends of a page at the times the panel shows.
 */
export function withResolvedAlerts(timeline: readonly TimelineEntry[], samples: readonly TelemetrySample[], now: number): TimelineEntry[] {
  const resolved = alertsOf(timeline, samples, now).flatMap((a) =>
    a.resolvedAt === undefined ? [] : [{ at: a.resolvedAt, kind: 'system' as const, text: `Alert resolved: ${a.name}` }],
  );
  if (resolved.length === 0) return [...timeline];
  return [...timeline, ...resolved].sort((a, b) => a.at - b.at);
}

function workloadMax(samples: readonly TelemetrySample[], workload: string): number {
  let worst = 0;
  for (const s of samples) {
    for (const m of s.memory) {
      if (`${m.namespace}/${m.workload}` !== workload) continue;
      worst = Math.max(worst, m.limitMib ? m.mib / m.limitMib : m.mib / 1024);
    }
  }
  return worst;
}

/**
 * The charts for the window ending `now`. `memoryWorkload` (`namespace/name`) picks whose pods the
 * memory chart draws; by default the workload closest to its limit.
 */
export function metricsView(
  all: readonly TelemetrySample[],
  timeline: readonly TimelineEntry[],
  now: number,
  memoryWorkload?: string,
): MetricsView {
  const from = now - WINDOW_MS;
  const start = all.findIndex((s) => s.at > from);
  let end = all.length - 1;
  while (end >= 0 && all[end]!.at > now) end--;
  const idx: number[] = [];
  if (start >= 0) for (let i = start; i <= end; i++) idx.push(i);
  const samples = idx.map((i) => all[i]!);
  const times = samples.map((s) => s.at);

  const services = [...new Set(samples.flatMap((s) => s.services.filter((v) => v.http).map((v) => `${v.namespace}/${v.name}`)))].sort();
  const svcAt = (s: TelemetrySample, key: string) => s.services.find((v) => `${v.namespace}/${v.name}` === key);
  const label = (key: string) => key.slice(key.indexOf('/') + 1);

  const requests: Series[] = services.map((key) => ({
    label: label(key),
    values: samples.map((s) => (svcAt(s, key) ? round1(baseRate(label(key)) * (1 + 0.04 * wobble(`${key}@${s.at}`))) : null)),
  }));
  const errors: Series[] = services.map((key) => ({
    label: label(key),
    values: samples.map((s) => {
      const v = svcAt(s, key);
      return v === undefined ? null : v.ready === 0 ? 100 : 0;
    }),
  }));
  const latency: Series[] = services.map((key) => ({
    label: label(key),
    values: samples.map((s) => {
      const v = svcAt(s, key);
      if (v === undefined || v.ready === 0) return null;
      const load = Math.max(1, v.desired / v.ready);
      return Math.round(baseLatencyMs(label(key)) * (1 + 0.8 * (load - 1)) * (1 + 0.05 * wobble(`p95:${key}@${s.at}`)));
    }),
  }));

  const restartKeys = [...new Set(all.slice(Math.max(0, start - RESTART_SPAN_MS / STEP_MS), end + 1).flatMap((s) => Object.keys(s.restarts)))].sort();
  const restarts: Series[] =
    restartKeys.length === 0
      ? [{ label: 'all workloads', values: idx.map(() => 0) }]
      : restartKeys.map((key) => ({ label: label(key), values: idx.map((i) => restartsOver(all, i, key)) }));

  const memoryWorkloads = [...new Set(samples.flatMap((s) => s.memory.map((m) => `${m.namespace}/${m.workload}`)))].sort();
  const chosen =
    memoryWorkload !== undefined && memoryWorkloads.includes(memoryWorkload)
      ? memoryWorkload
      : memoryWorkloads.reduce<string | undefined>((best, w) => (best === undefined || workloadMax(samples, w) > workloadMax(samples, best) ? w : best), undefined);
  const pods = [...new Set(samples.flatMap((s) => s.memory.filter((m) => `${m.namespace}/${m.workload}` === chosen).map((m) => m.pod)))];
  const memory: Series[] = pods.map((pod) => ({
    label: pod,
    values: samples.map((s) => s.memory.find((m) => m.pod === pod && `${m.namespace}/${m.workload}` === chosen)?.mib ?? null),
  }));
  const limit = samples.flatMap((s) => s.memory.filter((m) => `${m.namespace}/${m.workload}` === chosen && m.limitMib !== undefined).map((m) => m.limitMib!)).at(-1);

  const charts: Chart[] = [
    { id: 'requests', title: 'Request rate', unit: 'req/s', times, series: requests, minMax: 10 },
    { id: 'errors', title: 'Error rate (5xx)', unit: '%', times, series: errors, minMax: 100 },
    { id: 'latency', title: 'p95 latency', unit: 'ms', times, series: latency, minMax: 200 },
    { id: 'restarts', title: 'Container restarts (last 5 min)', unit: 'restarts', times, series: restarts, minMax: 4 },
    {
      id: 'memory',
      title: chosen ? `Memory per pod: ${label(chosen)}` : 'Memory per pod',
      unit: 'MiB',
      times,
      series: memory,
      minMax: limit ?? 64,
      ...(limit !== undefined ? { threshold: { value: limit, label: `limit ${limit} MiB` } } : {}),
    },
  ];
  return {
    from,
    now,
    charts,
    alerts: alertsOf(timeline, all, now),
    memoryWorkloads,
    ...(chosen !== undefined ? { memoryWorkload: chosen } : {}),
  };
}
