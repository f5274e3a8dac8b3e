/** `kubectl get pods`: printPod in pkg/printers/internalversion/printers.go. */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { humanDuration, parseTime } from '../duration';
import type { TableDef } from './types';

const isRestartableInit = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

/** The later of `cur` and the time `ts` (hoisted: this runs for every row of a table). */
function later(cur: number | undefined, ts: string | undefined): number | undefined {
  const t = parseTime(ts);
  if (t === undefined) return cur;
  return cur === undefined || cur < t ? t : cur;
}

/**
 * What a pod's row says that does not depend on the clock: RESTARTS is a count and the time of
 * the latest restart, formatted against `now` only when the row is printed.
 */
interface PodFacts {
  ready: string;
  status: string;
  restarts: number;
  lastRestart: number | undefined;
  created: number | undefined;
  ip: string;
  node: string;
  nominated: string;
  gates: string;
}

/**
 * Facts of stored pods, by object. The store deep-freezes what it holds and replaces an object on
 * every write, so a frozen pod's facts never change: a table of 10,000 pods recomputes only the
 * rows of pods written since the last one. (Reading these objects is costly: each status write
 * makes new objects, so their property reads rarely hit V8's inline caches.)
 */
const factsOf = new WeakMap<Pod, PodFacts>();

function podFacts(pod: Pod): PodFacts {
  let f = factsOf.get(pod);
  if (f !== undefined) return f;
  const { ready, status, restarts, lastRestart } = statusFacts(pod);
  const spec = pod.spec;
  const st = pod.status;
  const conditions = st?.conditions;
  const gates = spec?.readinessGates ?? [];
  let gatesCell = '<none>';
  if (gates.length > 0) {
    const trueCount = gates.filter((g) => (conditions ?? []).some((c) => c.type === g.conditionType && c.status === 'True')).length;
    gatesCell = `${trueCount}/${gates.length}`;
  }
  f = {
    ready,
    status,
    restarts,
    lastRestart,
    created: parseTime(pod.metadata?.creationTimestamp),
    ip: st?.podIPs?.[0]?.ip || '<none>',
    node: spec?.nodeName || '<none>',
    nominated: st?.nominatedNodeName || '<none>',
    gates: gatesCell,
  };
  // A pod built by hand (tests, a draft) may still change: only a stored, frozen one is cached.
  if (Object.isFrozen(pod) && Object.isFrozen(st ?? pod) && Object.isFrozen(spec ?? pod)) factsOf.set(pod, f);
  return f;
}

/** isPodInitializedConditionTrue: the first condition of the type decides. */
function firstConditionTrue(conditions: readonly PodCondition[] | undefined, type: string): boolean {
  if (conditions === undefined) return false;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    if (c.type === type) return c.status === 'True';
  }
  return false;
}

/** hasPodReadyCondition: any condition of the type that is True. */
function anyConditionTrue(conditions: readonly PodCondition[] | undefined, type: string): boolean {
  if (conditions === undefined) return false;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    if (c.type === type && c.status === 'True') return true;
  }
  return false;
}

/** READY, STATUS, and the restart count and latest restart, as the API server computes them. */
function statusFacts(pod: Pod): { ready: string; status: string; restarts: number; lastRestart: number | undefined } {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const conditions = status.conditions;
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec?.containers.length ?? 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;

  const podPhase = status.phase ?? '';
  let reason = status.reason ? status.reason : podPhase;
  if (conditions !== undefined) {
    for (let i = 0; i < conditions.length; i++) {
      const c = conditions[i]!;
      if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
    }
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses;
  if (initStatuses !== undefined && initStatuses.length > 0) {
    const initSpecs = spec?.initContainers ?? [];
    const initContainers = new Map<string, Container>();
    for (const c of initSpecs) {
      initContainers.set(c.name, c);
      if (isRestartableInit(c)) totalContainers++;
    }
    for (let i = 0; i < initStatuses.length; i++) {
      const c = initStatuses[i]!;
      const terminatedBefore = c.lastState?.terminated;
      restarts += c.restartCount;
      if (terminatedBefore) lastRestart = later(lastRestart, terminatedBefore.finishedAt);
      const restartable = isRestartableInit(initContainers.get(c.name));
      if (restartable) {
        restartableInitRestarts += c.restartCount;
        if (terminatedBefore) lastRestartableInitRestart = later(lastRestartableInitRestart, terminatedBefore.finishedAt);
      }
      const state = c.state;
      const term = state?.terminated;
      if (term && term.exitCode === 0) continue;
      if (restartable && c.started) {
        if (c.ready) readyContainers++;
        continue;
      }
      const waitingReason = state?.waiting?.reason;
      if (term) {
        if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
        else reason = `Init:${term.reason}`;
      } else if (waitingReason && waitingReason !== 'PodInitializing') reason = `Init:${waitingReason}`;
      else reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
      break;
    }
  } else {
    // Restartable (sidecar) init containers count towards READY's total even before they report.
    const initSpecs = spec?.initContainers;
    if (initSpecs !== undefined) for (const c of initSpecs) if (isRestartableInit(c)) totalContainers++;
  }

  if (!initializing || firstConditionTrue(conditions, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const cs: readonly ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]!;
      restarts += c.restartCount;
      const terminatedBefore = c.lastState?.terminated;
      if (terminatedBefore) lastRestart = later(lastRestart, terminatedBefore.finishedAt);
      const state = c.state;
      const waitingReason = state?.waiting?.reason;
      const term = state?.terminated;
      if (waitingReason) reason = waitingReason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = anyConditionTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts, lastRestart };
}

/** RESTARTS: the count, and how long ago the latest restart was when there is one. */
function restartsCell(f: PodFacts, now: number): string {
  if (f.restarts !== 0 && f.lastRestart !== undefined) return `${f.restarts} (${humanDuration(now - f.lastRestart)} ago)`;
  return String(f.restarts);
}

/** READY, STATUS and RESTARTS as the API server computes them. */
export function podStatusCells(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const f = podFacts(pod);
  return { ready: f.ready, status: f.status, restarts: restartsCell(f, now) };
}

export const podTable: TableDef<Pod> = {
  columns: [
    { name: 'NAME', isName: true },
    { name: 'READY' },
    { name: 'STATUS' },
    { name: 'RESTARTS' },
    { name: 'AGE' },
    { name: 'IP', wide: true },
    { name: 'NODE', wide: true },
    { name: 'NOMINATED NODE', wide: true },
    { name: 'READINESS GATES', wide: true },
  ],
  row(pod, now) {
    const f = podFacts(pod);
    return [
      pod.metadata?.name ?? '',
      f.ready,
      f.status,
      restartsCell(f, now),
      f.created === undefined ? '<unknown>' : humanDuration(now - f.created),
      f.ip,
      f.node,
      f.nominated,
      f.gates,
    ];
  },
};
