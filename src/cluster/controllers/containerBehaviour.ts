/**
 * What a container gets and how it behaves with it: env resolution as the kubelet does it
 * (makeEnvironmentVariables), then the first matching outcome of the image's behaviour.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Store } from '../store';
import type { ImageBehaviour, Outcome, Condition } from '../spec';
import { rfc3339Milli } from '../format';
import { unbase64 } from '../objects/infra';

export type EnvResult = { ok: true; env: Map<string, string> } | { ok: false; message: string };

export function resolveEnv(store: Store, namespace: string, container: Container): EnvResult {
  const env = new Map<string, string>();
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

function holds(when: Condition | undefined, env: Map<string, string>): boolean {
  if (when === undefined) return true;
  for (const name of when.envSet ?? []) if (!env.get(name)) return false;
  for (const name of when.envMissing ?? []) if (env.get(name)) return false;
  for (const [name, value] of Object.entries(when.envEquals ?? {})) if (env.get(name) !== value) return false;
  return true;
}

/** A run's plan: log lines with their absolute times, when it exits, when it turns ready. */
export interface RunPlan {
  lines: { at: number; text: string }[];
  exit?: { at: number; code: number };
  readyAt?: number;
}

export function planRun(
  behaviours: ReadonlyMap<string, ImageBehaviour>,
  image: string,
  env: Map<string, string>,
  podName: string,
  startedAt: number,
): RunPlan {
  const outcome: Outcome | undefined = behaviours.get(image)?.outcomes.find((o) => holds(o.when, env));
  if (outcome === undefined) return { lines: [], readyAt: startedAt };
  const exitAfter = outcome.exit?.after;
  const lines = outcome.logs
    .filter((l) => exitAfter === undefined || l.after <= exitAfter)
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.after - b.l.after || a.i - b.i)
    .map(({ l }) => {
      const at = startedAt + Math.round(l.after * 1000);
      return { at, text: render(l.text, at, env, podName) };
    });
  const plan: RunPlan = { lines };
  if (outcome.exit) plan.exit = { at: startedAt + Math.round(outcome.exit.after * 1000), code: outcome.exit.code };
  const readyAt = startedAt + Math.round((outcome.readyAfter ?? 0) * 1000);
  if (plan.exit === undefined || readyAt < plan.exit.at) plan.readyAt = readyAt;
  return plan;
}

function render(text: string, at: number, env: Map<string, string>, podName: string): string {
  const out = text
    .replace(/\{\{\s*time\s*\}\}/g, rfc3339Milli(at))
    .replace(/\{\{\s*pod\s*\}\}/g, podName)
    .replace(/\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => env.get(name) ?? '');
  return out.endsWith('\n') ? out : `${out}\n`;
}
