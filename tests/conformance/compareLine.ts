/**
 * One typed line compared with real kubectl: kubectl runs against the stub server, and the game's
 * whole command line (runLine) answers the same line at every instant kubectl could have measured
 * ages against. Shared by the scenario-world tests.
 */
import type { ClusterControl, ClusterView } from '../../src/cluster/api';
import { nodeLease } from '../../src/cluster/objects/nodeLease';
import { runLine } from '../../src/kubectl/index';
import { kubectlInstants, matchesProgressively } from './instants';
import type { KubectlEnv } from './kubectl';
import { controlAt } from './viewAt';

/** `kubectl A B C` -> argv, for plain lines (no quotes or pipes in them). */
const argv = (line: string): string[] => line.split(' ').slice(1);

export interface LineOutcome {
  line: string;
  ok: boolean;
  /** A node's Lease was renewed while kubectl ran (see compareLine). */
  straddledLease: boolean;
  actual: { stdout: string; stderr: string };
  ours: { stdout: string; stderr: string };
}

/** Compares `line` (typed in `namespace`) with real kubectl's output for the world `c` serves. */
export async function compareLine(k: KubectlEnv, c: ClusterControl, line: string, namespace: string): Promise<LineOutcome> {
  let outcome = await compareOnce(k, c, line, namespace);
  // describe node reads the Lease (served at the stub's clock) before it measures ages (at
  // kubectl's): when a 10 s renewal falls between the two, no single instant of ours reproduces
  // the output. Only then is the run ambiguous, and a second run cannot straddle a renewal again.
  if (!outcome.ok && outcome.straddledLease) outcome = await compareOnce(k, c, line, namespace);
  return outcome;
}

/** Whether some node's Lease was renewed while kubectl ran (describe node reads it). */
function leaseRenewedDuring(c: ClusterView, line: string, startedAt: number, endedAt: number): boolean {
  if (!line.startsWith('kubectl describe node')) return false;
  return c.list('Node').some((n) => nodeLease(n, startedAt).spec.renewTime !== nodeLease(n, endedAt).spec.renewTime);
}

async function compareOnce(k: KubectlEnv, c: ClusterControl, line: string, namespace: string): Promise<LineOutcome> {
  const r = await k.run(argv(line));
  const actual = { stdout: r.stdout, stderr: r.stderr };
  const straddledLease = leaseRenewedDuring(c, line, r.startedAt, r.endedAt);
  let first: LineOutcome['ours'] | undefined;
  // Every instant at which an age kubectl printed could tick while it ran (whole seconds and the
  // fractions of events' MicroTimes): one of them is equivalent to the one it measured against.
  const all: LineOutcome['ours'][] = [];
  for (const t of kubectlInstants(c, r.startedAt, r.endedAt)) {
    const res = runLine(line, { cluster: controlAt(c, t), namespace, history: [] });
    const ours = { stdout: res.stdout, stderr: res.stderr };
    first ??= ours;
    all.push(ours);
    if (ours.stdout === actual.stdout && ours.stderr === actual.stderr) return { line, ok: true, straddledLease, actual, ours };
  }
  // A multi-type get's tables may each have been measured at a later second than the one before.
  const sameErr = all.filter((o) => o.stderr === actual.stderr);
  if (matchesProgressively(actual.stdout, sameErr.map((o) => o.stdout))) return { line, ok: true, straddledLease, actual, ours: sameErr[0]! };
  return { line, ok: false, straddledLease, actual, ours: first! };
}

/** Runs fn over items, `size` at a time (kubectl processes in parallel). */
export async function pool<T, R>(items: readonly T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
