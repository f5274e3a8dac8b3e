/**
 * The Job controller (pkg/controller/job) for non-indexed jobs: keeps `parallelism` pods running
 * until `completions` of them succeed, re-creates failed pods under the pod failure back-off
 * (10 s doubling, capped at 6 minutes), and fails the job past `backoffLimit` or
 * `activeDeadlineSeconds`. As in 1.32 the interim conditions (SuccessCriteriaMet, FailureTarget)
 * come first and the terminal one (Complete, Failed) once no pod of the job is still terminating.
 * Pods carry the job-tracking finalizer until the controller has counted them.
 */
import type { Job, JobCondition, JobSpec as ApiJobSpec, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { type Ctx, splitKey } from '../context';
import { rfc3339 } from '../format';
import type { JobSpec } from '../spec';
import { admittedPodSpec, defaultedTemplate, qosClass } from '../objects/podTemplate';
import { isPodReady, isTerminal } from '../objects/podStatus';
import { objectRef } from '../objects/objectRef';
import { requestPodDeletion } from './replicaset';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
const BACKOFF_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };

/** The Job object the API server stores for a scenario's job (defaults, generated selector). */
export function jobObject(spec: JobSpec, uid: string): Job {
  const selectorLabels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': spec.name,
    'controller-uid': uid,
    'job-name': spec.name,
  };
  const template = defaultedTemplate({ ...(spec.template.labels ?? {}), ...selectorLabels }, undefined, spec.template.containers);
  template.spec!.restartPolicy = spec.template.restartPolicy;
  const labels = sorted({ ...(spec.template.labels ?? {}), ...selectorLabels });
  template.metadata = { ...template.metadata, creationTimestamp: null as unknown as string, labels };
  const jobSpec: ApiJobSpec = {
    backoffLimit: spec.backoffLimit ?? 6,
    completionMode: 'NonIndexed',
    completions: spec.completions ?? 1,
    manualSelector: false,
    parallelism: spec.parallelism ?? 1,
    podReplacementPolicy: 'TerminatingOrFailed',
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    suspend: false,
    template,
  };
  if (spec.activeDeadlineSeconds !== undefined) jobSpec.activeDeadlineSeconds = spec.activeDeadlineSeconds;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    // SetDefaults_Job: a job without labels takes its template's.
    metadata: { generation: 1, labels: { ...labels }, name: spec.name, namespace: spec.namespace, uid },
    spec: jobSpec,
    status: {},
  };
}

function sorted(obj: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]!;
  return out;
}

function hasCondition(status: JobStatus | undefined, type: string): boolean {
  return status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

export function jobFinished(job: Job): boolean {
  return hasCondition(job.status, 'Complete') || hasCondition(job.status, 'Failed');
}

interface JobMemory {
  /** Pods already counted in status.succeeded / status.failed. */
  counted: Set<string>;
  /** Failures since the last success and when the newest of them finished (the back-off record). */
  failuresSinceSuccess: number;
  lastFailureAt: number;
  /** Times a re-check is already scheduled for. */
  wakeups: Set<number>;
}

export class JobController {
  private memory = new Map<string, JobMemory>();

  constructor(
    private ctx: Ctx,
    private podsOf: (ownerUid: string) => Pod[],
  ) {}

  private recorder() {
    return this.ctx.events.recorder('job-controller');
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const job = this.ctx.store.get('Job', namespace, name);
    if (job === undefined || job.metadata?.deletionTimestamp !== undefined) return;
    const uid = job.metadata?.uid ?? '';
    let mem = this.memory.get(uid);
    if (mem === undefined) {
      mem = { counted: new Set(), failuresSinceSuccess: 0, lastFailureAt: 0, wakeups: new Set() };
      this.memory.set(uid, mem);
    }
    const now = this.ctx.now();
    const pods = this.podsOf(uid);
    const status: JobStatus = { ...(job.status ?? {}) };
    status.conditions = (job.status?.conditions ?? []).map((c) => ({ ...c }));

    // Count newly finished pods and release their finalizers.
    let succeeded = status.succeeded ?? 0;
    let failed = status.failed ?? 0;
    const finished = pods
      .filter((p) => !mem.counted.has(p.metadata?.uid ?? '') && isTerminal(p))
      .sort((a, b) => finishTime(a) - finishTime(b));
    for (const p of finished) {
      mem.counted.add(p.metadata?.uid ?? '');
      if (p.status?.phase === 'Succeeded') {
        succeeded++;
        mem.failuresSinceSuccess = 0;
      } else {
        failed++;
        mem.failuresSinceSuccess++;
        mem.lastFailureAt = Math.max(mem.lastFailureAt, finishTime(p));
      }
      this.removeFinalizer(p);
    }
    status.succeeded = succeeded;
    status.failed = failed;

    if (jobFinished(job)) {
      this.write(job, status);
      return;
    }
    status.startTime ??= rfc3339(now);
    const active = pods.filter((p) => !isTerminal(p) && p.metadata?.deletionTimestamp === undefined);
    const terminating = pods.filter((p) => !isTerminal(p) && p.metadata?.deletionTimestamp !== undefined);
    const spec = job.spec ?? { template: {} };
    const completions = spec.completions ?? 1;
    const parallelism = spec.parallelism ?? 1;
    const backoffLimit = spec.backoffLimit ?? 6;

    // The interim condition once the outcome is decided.
    const interim = status.conditions.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
    let outcome: { type: 'FailureTarget' | 'SuccessCriteriaMet'; reason: string; message: string } | undefined =
      interim === undefined ? undefined : { type: interim.type as 'FailureTarget' | 'SuccessCriteriaMet', reason: interim.reason ?? '', message: interim.message ?? '' };
    if (outcome === undefined) {
      const restarts = active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, s) => m + s.restartCount, 0), 0);
      const onFailure = spec.template.spec?.restartPolicy === 'OnFailure';
      const deadline = spec.activeDeadlineSeconds;
      if (succeeded >= completions) outcome = { type: 'SuccessCriteriaMet', ...COMPLETIONS_REACHED };
      else if (failed > backoffLimit || (onFailure && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit))) outcome = { type: 'FailureTarget', ...BACKOFF_EXCEEDED };
      else if (deadline !== undefined && now - Date.parse(status.startTime) >= deadline * 1000) outcome = { type: 'FailureTarget', ...DEADLINE_EXCEEDED };
      if (outcome !== undefined) status.conditions.push(jobCondition(outcome.type, outcome.reason, outcome.message, now));
      else if (deadline !== undefined) this.wakeAt(key, mem, Date.parse(status.startTime) + deadline * 1000);
    }

    if (outcome !== undefined) {
      for (const p of active) {
        requestPodDeletion(this.ctx, p);
        this.recorder().record(objectRef(job), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name}`, now);
      }
      const stillTerminating = terminating.length + active.length;
      status.active = 0;
      status.ready = 0;
      status.terminating = stillTerminating;
      if (stillTerminating === 0) {
        const terminal = outcome.type === 'SuccessCriteriaMet' ? 'Complete' : 'Failed';
        status.conditions.push(jobCondition(terminal, outcome.reason, outcome.message, now));
        if (terminal === 'Complete') {
          status.completionTime = rfc3339(now);
          this.recorder().record(objectRef(job), 'Normal', 'Completed', 'Job completed', now);
        } else {
          this.recorder().record(objectRef(job), 'Warning', outcome.reason, outcome.message, now);
        }
      }
      this.write(job, status);
      return;
    }

    // Keep the wanted number of pods running, after the failure back-off.
    const want = Math.max(0, Math.min(parallelism, completions - succeeded - active.length));
    // podReplacementPolicy TerminatingOrFailed: a terminating pod is replaced at once.
    const need = want;
    if (need > 0) {
      const delay = mem.failuresSinceSuccess === 0 ? 0 : Math.min(BACKOFF_BASE_MS * 2 ** (mem.failuresSinceSuccess - 1), BACKOFF_MAX_MS);
      const readyAt = mem.lastFailureAt + delay;
      if (delay > 0 && readyAt > now) {
        this.wakeAt(key, mem, readyAt);
      } else {
        for (let i = 0; i < need; i++) active.push(this.createPod(job));
      }
    }
    status.active = active.length;
    status.ready = active.filter(isPodReady).length;
    status.terminating = terminating.length;
    this.write(job, status);
  }

  private wakeAt(key: string, mem: JobMemory, at: number): void {
    if (mem.wakeups.has(at)) return;
    mem.wakeups.add(at);
    this.ctx.schedule(at, () => this.ctx.enqueue('job', key));
  }

  private createPod(job: Job): Pod {
    const { store, names } = this.ctx;
    const namespace = job.metadata?.namespace ?? 'default';
    const generateName = `${job.metadata?.name}-`;
    let name = generateName + names.suffix(5);
    while (store.get('Pod', namespace, name) !== undefined) name = generateName + names.suffix(5);
    const template = job.spec?.template ?? {};
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        finalizers: [JOB_TRACKING_FINALIZER],
        generateName,
        labels: { ...(template.metadata?.labels ?? {}) },
        name,
        namespace,
        ownerReferences: [
          { apiVersion: 'batch/v1', blockOwnerDeletion: true, controller: true, kind: 'Job', name: job.metadata?.name ?? '', uid: job.metadata?.uid ?? '' },
        ],
        uid: names.uuid(),
      },
      spec: admittedPodSpec(template, `kube-api-access-${names.suffix(5)}`),
      status: { phase: 'Pending' },
    };
    pod.status!.qosClass = qosClass(pod);
    const created = store.create('Pod', pod, this.ctx.now());
    this.recorder().record(objectRef(job), 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, this.ctx.now());
    return created;
  }

  private removeFinalizer(p: Pod): void {
    if (!(p.metadata?.finalizers ?? []).includes(JOB_TRACKING_FINALIZER)) return;
    this.ctx.store.update('Pod', p.metadata?.namespace, p.metadata?.name ?? '', (draft) => {
      const rest = (draft.metadata!.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      if (rest.length > 0) draft.metadata!.finalizers = rest;
      else delete draft.metadata!.finalizers;
    });
  }

  private write(job: Job, s: JobStatus): void {
    const out: JobStatus = {};
    // Field order does not matter to the printers (they sort keys); omitempty rules do.
    if (s.active) out.active = s.active;
    if (s.completionTime) out.completionTime = s.completionTime;
    if (s.conditions && s.conditions.length > 0) out.conditions = s.conditions;
    if (s.failed) out.failed = s.failed;
    out.ready = s.ready ?? 0;
    if (s.startTime) out.startTime = s.startTime;
    if (s.succeeded) out.succeeded = s.succeeded;
    out.terminating = s.terminating ?? 0;
    out.uncountedTerminatedPods = {};
    this.ctx.store.replaceField('Job', job.metadata?.namespace, job.metadata?.name ?? '', 'status', out);
  }
}

function jobCondition(type: string, reason: string, message: string, now: number): JobCondition {
  const ts = rfc3339(now);
  return { lastProbeTime: ts, lastTransitionTime: ts, message, reason, status: 'True', type };
}

/** When a finished pod's last container stopped (the back-off counts from there). */
function finishTime(p: Pod): number {
  let t = 0;
  for (const s of p.status?.containerStatuses ?? []) {
    const f = s.state?.terminated?.finishedAt;
    if (f) t = Math.max(t, Date.parse(f));
  }
  return t;
}
