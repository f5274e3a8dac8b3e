/**
 * What a container gets and how it behaves with it: env resolution as the kubelet does it
 * (makeEnvironmentVariables), then the first matching outcome of the image's behaviour.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Store } from '../store';
import type { ImageBehaviour, Outcome, Condition, ProbeAnswers } from '../spec';
import { rfc3339Milli } from '../format';
import { unbase64 } from '../objects/infra';

export type EnvResult = { ok: true; env: Map<string, string> } | { ok: false; message: string };

export function resolveEnv(store: Store, namespace: string, container: Container): EnvResult {
  const env = new Map<string, string>();
  // envFrom first, in order; explicit env entries then override (makeEnvironmentVariables).
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const ref = from.configMapRef;
      const cm = store.get('ConfigMap', namespace, ref.name ?? '');
      if (cm === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `configmap "${ref.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env.set(prefix + k, v);
    } else if (from.secretRef) {
      const ref = from.secretRef;
      const secret = store.get('Secret', namespace, ref.name ?? '');
      if (secret === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `secret "${ref.name}" not found` };
      }
      for (const [k, v] of Object.entries(secret.data ?? {})) env.set(prefix + k, unbase64(v));
    }
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      const secret = store.get('Secret', namespace, ref.name ?? '');
      if (secret === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `secret "${ref.name}" not found` };
      }
      const raw = secret.data?.[ref.key];
      if (raw === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}` };
      }
      env.set(e.name, unbase64(raw));
    } else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const cm = store.get('ConfigMap', namespace, ref.name ?? '');
      if (cm === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `configmap "${ref.name}" not found` };
      }
      const value = cm.data?.[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}` };
      }
      env.set(e.name, value);
    } else {
      env.set(e.name, e.value ?? '');
    }
  }
  return { ok: true, env };
}

/** Bytes in a resource quantity (256Mi, 1Gi, 500M, 1048576); NaN when it is not one. */
export function quantityBytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q.trim());
  if (m === null) return NaN;
  const unit: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * (m[2] === undefined ? 1 : unit[m[2]]!);
}

/** Everything besides env a run's behaviour may depend on, read when the run starts. */
export interface RunInputs {
  env: Map<string, string>;
  /** The container's memory limit in bytes; Infinity when it has none. */
  memoryLimit: number;
  /** Whether the named Service in the pod's namespace has a ready endpoint. */
  reachable(service: string): boolean;
  facts: ReadonlyMap<string, string>;
  /** The content of a file the container sees through its volume mounts (absolute path). */
  readFile?(path: string): string | undefined;
}

export function memoryLimitOf(container: Container): number {
  const limit = container.resources?.limits?.memory;
  if (limit === undefined) return Infinity;
  const bytes = quantityBytes(String(limit));
  return Number.isNaN(bytes) ? Infinity : bytes;
}

export function holds(when: Condition | undefined, inputs: RunInputs): boolean {
  if (when === undefined) return true;
  const { env } = inputs;
  for (const name of when.envSet ?? []) if (!env.get(name)) return false;
  for (const name of when.envMissing ?? []) if (env.get(name)) return false;
  for (const name of when.envExists ?? []) if (!env.has(name)) return false;
  for (const [name, value] of Object.entries(when.envEquals ?? {})) if (env.get(name) !== value) return false;
  if (when.memoryLimitAtLeast !== undefined && !(inputs.memoryLimit >= quantityBytes(when.memoryLimitAtLeast))) return false;
  if (when.memoryLimitBelow !== undefined && !(inputs.memoryLimit < quantityBytes(when.memoryLimitBelow))) return false;
  for (const svc of when.servicesReachable ?? []) if (!inputs.reachable(svc)) return false;
  for (const svc of when.servicesUnreachable ?? []) if (inputs.reachable(svc)) return false;
  for (const [key, value] of Object.entries(when.facts ?? {})) if (inputs.facts.get(key) !== value) return false;
  const read = (path: string) => inputs.readFile?.(path);
  for (const path of when.fileExists ?? []) if (read(path) === undefined) return false;
  for (const path of when.fileMissing ?? []) if (read(path) !== undefined) return false;
  for (const [path, text] of Object.entries(when.fileContains ?? {})) {
    const content = read(path);
    if (content === undefined || !content.includes(text)) return false;
  }
  return true;
}

/** A run's plan: log lines with their absolute times, when it exits, when it turns ready. */
export interface RunPlan {
  lines: { at: number; text: string }[];
  /** `reason` set when the run does not end by itself (OOMKilled). */
  exit?: { at: number; code: number; reason?: string };
  readyAt?: number;
  /** World facts to set if the run exits with code 0. */
  setsFacts?: Record<string, string>;
  /** How the run answers probes and takes SIGTERM (the outcome's, see probes.ts). */
  probes?: ProbeAnswers;
  onSigterm?: { after: number; code: number };
  /** The outcome chosen (undefined: the image has no behaviour that applies). */
  outcome?: Outcome;
}

export function planRun(
  behaviours: ReadonlyMap<string, ImageBehaviour>,
  image: string,
  inputs: RunInputs,
  podName: string,
  startedAt: number,
): RunPlan {
  const { env } = inputs;
  const outcome: Outcome | undefined = behaviours.get(image)?.outcomes.find((o) => holds(o.when, inputs));
  if (outcome === undefined) return { lines: [], readyAt: startedAt };
  let exitAfter = outcome.exit?.after;
  const oomAfter = secondsToOom(outcome, inputs.memoryLimit);
  const oom = oomAfter !== undefined && (exitAfter === undefined || oomAfter < exitAfter);
  if (oom) exitAfter = oomAfter;
  // Rendered when first read: most runs of a long crash loop are never looked at.
  const plan = new Plan(outcome, exitAfter, startedAt, env, podName) as RunPlan;
  if (oom) plan.exit = { at: startedAt + Math.round(oomAfter * 1000), code: 137, reason: 'OOMKilled' };
  else if (outcome.exit) plan.exit = { at: startedAt + Math.round(outcome.exit.after * 1000), code: outcome.exit.code };
  const readyAt = startedAt + Math.round((outcome.readyAfter ?? 0) * 1000);
  if (plan.exit === undefined || readyAt < plan.exit.at) plan.readyAt = readyAt;
  if (outcome.setsFacts !== undefined && !oom) plan.setsFacts = outcome.setsFacts;
  if (outcome.probes !== undefined) plan.probes = outcome.probes;
  if (outcome.onSigterm !== undefined) plan.onSigterm = outcome.onSigterm;
  return plan;
}

/** A run's plan whose log lines are rendered when first read (a class: no closures per run). */
class Plan {
  private rendered?: { at: number; text: string }[];
  constructor(
    readonly outcome: Outcome,
    private readonly exitAfter: number | undefined,
    private readonly startedAt: number,
    private readonly env: Map<string, string>,
    private readonly podName: string,
  ) {}

  get lines(): { at: number; text: string }[] {
    if (this.rendered === undefined) {
      const { exitAfter, startedAt, env, podName } = this;
      this.rendered = this.outcome.logs
        .filter((l) => exitAfter === undefined || l.after <= exitAfter)
        .map((l, i) => ({ l, i }))
        .sort((a, b) => a.l.after - b.l.after || a.i - b.i)
        .map(({ l }) => {
          const at = startedAt + Math.round(l.after * 1000);
          return { at, text: render(l.text, at, env, podName) };
        });
    }
    return this.rendered;
  }
}

/** Process start-up before memory use reaches its initial level (the allocation that trips the limit). */
const OOM_AT_START_S = 0.5;

/** Seconds into the run when memory use passes the limit, if it ever does. */
function secondsToOom(outcome: Outcome, limitBytes: number): number | undefined {
  if (outcome.memory === undefined || limitBytes === Infinity) return undefined;
  const limitMib = limitBytes / 2 ** 20;
  const { mib, growMibPerMinute = 0 } = outcome.memory;
  if (mib > limitMib) return OOM_AT_START_S;
  if (growMibPerMinute <= 0) return undefined;
  return Math.max(OOM_AT_START_S, ((limitMib - mib) / growMibPerMinute) * 60);
}

function render(text: string, at: number, env: Map<string, string>, podName: string): string {
  const out = text
    .replace(/\{\{\s*time\s*\}\}/g, rfc3339Milli(at))
    .replace(/\{\{\s*pod\s*\}\}/g, podName)
    .replace(/\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => env.get(name) ?? '');
  return out.endsWith('\n') ? out : `${out}\n`;
}
