/** Resource quantities as the scheduler compares them: CPU in millicores, memory in bytes. */
import type { Pod } from 'kubernetes-types/core/v1';

const UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3 };

/** A quantity (256Mi, 1Gi, 500M, 1048576, 250m, 0.5) as a number of base units; NaN when it is not one. */
export function quantityValue(q: string | undefined): number {
  if (q === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(q.trim());
  if (m === null) return NaN;
  return Number(m[1]) * (m[2] === undefined ? 1 : UNITS[m[2]]!);
}

export function cpuMillis(q: string | undefined): number {
  return Math.round(quantityValue(q) * 1000);
}

/** Stored specs are frozen and survive status writes, so their sums are computed once. */
const cache = new WeakMap<object, { cpu: number; memory: number }>();

/** What the scheduler fits: the sum of the containers' requests (no request counts as zero). */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  const spec = pod.spec;
  const hit = spec ? cache.get(spec) : undefined;
  if (hit !== undefined) return hit;
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources?.requests as Record<string, string> | undefined;
    cpu += cpuMillis(r?.cpu) || 0;
    memory += quantityValue(r?.memory) || 0;
  }
  const out = { cpu, memory };
  if (spec && Object.isFrozen(spec)) cache.set(spec, out);
  return out;
}
