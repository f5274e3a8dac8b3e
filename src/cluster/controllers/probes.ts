/**
 * The kubelet's prober (pkg/kubelet/prober): one worker per container and probe type, ticking
 * every periodSeconds from when the pod was first seen. Each tick (worker.doProbe) skips until
 * initialDelaySeconds have passed since the container started, liveness and readiness wait
 * until the startup probe has succeeded, and a result only counts once it has come
 * successThreshold / failureThreshold times in a row. Every failed attempt records a Warning
 * `Unhealthy` event ("Readiness probe failed: ..."). A failed liveness or startup probe puts
 * the worker on hold and the kubelet kills the container. Readiness starts as Failure; when
 * the container starts (or its startup probe succeeds) the status update triggers one
 * readiness probe at once, as UpdatePodStatus does.
 *
 * Answers are piecewise constant in time (the outcome's ProbeAnswers: listening from
 * readyAfter, rules with after/until, hangAfter), so ticks are walked a constant stretch at a
 * time: the next transition is computed and gets one timer, and the failures in between are
 * recorded when someone looks (flush) or at that transition. Hours of probing cost a few
 * steps per stretch plus one event record per failed attempt.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { ProbeAnswers, ProbeRule } from '../spec';
import { holds, type RunInputs, type RunPlan } from './containerBehaviour';
import type { ContainerRt, PodRt } from './kubeletRuntime';

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

/**
 * The status update after a start (the pod lifecycle event generator's relist, within a second)
 * or a startup success runs the readiness probe about this soon.
 */
const READINESS_TRIGGER_MS = 500;

/** What the kubelet does with the prober's findings. */
export interface ProbeHost {
  schedule(at: number, fn: () => void): void;
  /** A Warning `Unhealthy` event on the container `count` times: at `first`, then every `step` ms. */
  unhealthy(rt: PodRt, c: ContainerRt, message: string, first: number, step: number, count: number): void;
  setReady(rt: PodRt, c: ContainerRt, ready: boolean, at: number): void;
  setStarted(rt: PodRt, c: ContainerRt, at: number): void;
  /** A liveness or startup probe failed past its threshold: kill the container to restart it. */
  failed(rt: PodRt, c: ContainerRt, kind: 'Liveness' | 'Startup', at: number, onSigterm: RunPlan['onSigterm']): void;
}

/** One probe attempt: success, a failure with its output, or an error (the result is thrown away). */
interface Answer {
  ok: boolean;
  message: string;
  errored?: boolean;
  /** How long the attempt takes (a timeout takes timeoutSeconds). */
  tookMs: number;
  /** Until when (exclusive, absolute ms) every attempt gets this answer. */
  until: number;
}

interface Worker {
  kind: ProbeKind;
  probe: Probe;
  periodMs: number;
  /** Next ticker time. */
  next: number;
  /** A manual trigger (readiness after start) due before the next tick. */
  manual?: number;
  lastResult?: boolean;
  run: number;
  /** The result the results manager holds; undefined for startup's Unknown. */
  result?: boolean;
  onHold: boolean;
  /** The last answer, valid from `from` until its `until` while the rules stand (`epoch`). */
  cached?: { answer: Answer; from: number; epoch: number };
}

interface Transition {
  at: number;
  kind: ProbeKind;
  value: boolean;
}

/** The same failure `count` times, every `step` ms from `first`. */
interface Failures {
  first: number;
  step: number;
  count: number;
  message: string;
}

interface Sink {
  failures(f: Failures): void;
  /** Returns false to stop walking (a dry run looking for the next transition). */
  transition(t: Transition): boolean;
}

/** The probing of one container instance. */
class RunProbes {
  readonly startedAt: number;
  /** When the process listens; undefined: never (it exits first). */
  readonly upAt: number | undefined;
  readonly exitAt: number;
  readonly answers: ProbeAnswers | undefined;
  readonly ports: Set<number> | undefined;
  readonly workers: Worker[] = [];
  /** Startup success time (the container's start when it has no startup probe). */
  started?: number;
  /** Without a readiness probe: when the container counts as ready once started. */
  readonly plainReadyAt: number | undefined;
  plainReadyDone = false;
  ready = false;
  done = false;
  processedTo: number;
  /** Bumped when the pending timer no longer applies. */
  token = 0;
  /** Whether rules depend on the world (re-planned when it changes). */
  readonly live: boolean;
  private ruleCache = new Map<ProbeRule, boolean>();

  constructor(
    readonly rt: PodRt,
    readonly c: ContainerRt,
    readonly plan: RunPlan,
    readonly inputs: RunInputs,
    readonly container: Container,
    at: number,
    gridOrigin: number,
  ) {
    this.startedAt = at;
    this.processedTo = at;
    this.upAt = plan.readyAt;
    this.exitAt = plan.exit?.at ?? Infinity;
    this.answers = probeAnswers(plan);
    const declared = (container.ports ?? []).map((p) => p.containerPort);
    this.ports = plan.probes?.ports ? new Set(plan.probes.ports) : declared.length > 0 ? new Set(declared) : undefined;
    const kinds: [ProbeKind, Probe | undefined][] = [
      ['Startup', container.startupProbe],
      ['Liveness', container.livenessProbe],
      ['Readiness', container.readinessProbe],
    ];
    for (const [kind, probe] of kinds) {
      if (probe === undefined) continue;
      const periodMs = (probe.periodSeconds ?? 10) * 1000;
      const k = Math.floor((at - gridOrigin) / periodMs) + 1;
      this.workers.push({
        kind,
        probe,
        periodMs,
        next: gridOrigin + k * periodMs,
        run: 0,
        result: kind === 'Readiness' ? false : kind === 'Liveness' ? true : undefined,
        onHold: false,
      });
    }
    if (container.startupProbe === undefined) this.started = at;
    const readiness = this.worker('Readiness');
    if (readiness !== undefined && this.started !== undefined) readiness.manual = this.started + READINESS_TRIGGER_MS;
    this.plainReadyAt = readiness === undefined && container.startupProbe !== undefined ? plan.readyAt : undefined;
    this.live = Object.values(plan.probes?.http ?? {})
      .concat(Object.values(plan.probes?.exec ?? {}))
      .some((v) => typeof v !== 'number' && v.some((r) => r.when !== undefined));
    this.refreshRules();
  }

  worker(kind: ProbeKind): Worker | undefined {
    return this.workers.find((w) => w.kind === kind);
  }

  /** Evaluate the rules' conditions against the world as it is now. */
  refreshRules(): void {
    this.epoch++;
    this.ruleCache.clear();
    const all = Object.values(this.answers?.http ?? {}).concat(Object.values(this.answers?.exec ?? {}));
    for (const v of all) if (typeof v !== 'number') for (const r of v) this.ruleCache.set(r, holds(r.when, this.inputs));
  }

  /** The first rule that applies `elapsed` ms into the run, and until when that choice stands. */
  private rule(rules: ProbeRule[], elapsed: number): { rule?: ProbeRule; until: number } {
    let until = Infinity;
    for (const r of rules) {
      const from = (r.after ?? 0) * 1000;
      const to = r.until === undefined ? Infinity : r.until * 1000;
      if (elapsed < from) {
        until = Math.min(until, from);
        continue;
      }
      if (elapsed >= to || this.ruleCache.get(r) !== true) continue;
      return { rule: r, until: Math.min(until, to) };
    }
    return { until };
  }

  /** Bumped when the rules' conditions are evaluated afresh. */
  private epoch = 0;

  answer(w: Worker, t: number): Answer {
    const c = w.cached;
    if (c !== undefined && c.epoch === this.epoch && t >= c.from && t < c.answer.until) return c.answer;
    const answer = this.answerAt(w, t);
    w.cached = { answer, from: t, epoch: this.epoch };
    return answer;
  }

  private answerAt(w: Worker, t: number): Answer {
    const p = w.probe;
    const S = this.startedAt;
    const timeoutMs = (p.timeoutSeconds ?? 1) * 1000;
    const hangAt = this.answers?.hangAfter === undefined ? Infinity : S + this.answers.hangAfter * 1000;
    const up = this.upAt !== undefined && t >= this.upAt;
    const upUntil = this.upAt !== undefined && t < this.upAt ? this.upAt : Infinity;
    if (p.exec) {
      const cmd = (p.exec.command ?? []).join(' ');
      if (t >= hangAt) return { ok: false, message: `command "${cmd}" timed out`, tookMs: timeoutMs, until: Infinity };
      const rules = this.answers?.exec?.[cmd];
      const { rule, until } = rules ? this.rule(rules, t - S) : { rule: undefined, until: Infinity };
      const code = rule?.exitCode ?? 0;
      return { ok: code === 0, message: rule?.output ?? '', tookMs: 0, until: Math.min(until + S, hangAt) };
    }
    const target = p.httpGet ?? p.tcpSocket;
    if (target === undefined) return { ok: true, message: '', tookMs: 0, until: Infinity };
    const port = resolvePort(target.port, this.container);
    if (typeof port === 'string') return { ok: false, errored: true, message: port, tookMs: 0, until: Infinity };
    const host = target.host || this.rt.podIP || '';
    const addr = `${host}:${port}`;
    const listening = up && (this.ports === undefined || this.ports.has(port));
    const refused = `dial tcp ${addr}: connect: connection refused`;
    if (p.tcpSocket) {
      // A hung process still has its socket listening: the kernel completes the handshake.
      return listening ? { ok: true, message: '', tookMs: 0, until: Infinity } : { ok: false, message: refused, tookMs: 0, until: upUntil };
    }
    const http = p.httpGet!;
    const path = http.path ?? '';
    const url = `${(http.scheme ?? 'HTTP').toLowerCase()}://${addr}${path}`;
    if (!listening) return { ok: false, message: `Get "${url}": ${refused}`, tookMs: 0, until: upUntil };
    if (t >= hangAt) {
      const message = `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
      return { ok: false, message, tookMs: timeoutMs, until: Infinity };
    }
    const table = this.answers?.http;
    let status = 200;
    let until = Infinity;
    if (table !== undefined) {
      const entry = table[path];
      if (entry === undefined) status = 404;
      else if (typeof entry === 'number') status = entry;
      else {
        const found = this.rule(entry, t - S);
        status = found.rule?.status ?? 200;
        until = found.until + S;
      }
    }
    until = Math.min(until, hangAt);
    // 2xx, and 3xx that the prober does not follow (a warning, counted as success).
    if (status >= 200 && status < 400) return { ok: true, message: '', tookMs: 0, until };
    return { ok: false, message: `HTTP probe failed with statuscode: ${status}`, tookMs: 0, until };
  }

  /**
   * Walk every probe tick up to `to` (inclusive) in order of kind (startup gates the others),
   * reporting failures and transitions to `sink`; `dry` walks copies and stops at the first.
   */
  walk(to: number, sink: Sink, dry: boolean): void {
    const end = Math.min(to, this.exitAt - 1);
    let started = this.started;
    let killedAt = Infinity;
    const workers = dry ? this.workers.map((w) => ({ ...w })) : this.workers;
    for (const w of workers) {
      if (w.kind !== 'Startup' && started === undefined) continue;
      // A startup probe is not run again once it has succeeded (worker.doProbe returns early).
      if (w.kind === 'Startup' && started !== undefined) continue;
      const gate = w.kind === 'Startup' ? this.startedAt : started!;
      const stop = this.walkWorker(w, gate, Math.min(end, killedAt), sink);
      if (stop === undefined) continue;
      if (w.kind === 'Startup' && stop.value) {
        started = stop.at;
        const readiness = workers.find((x) => x.kind === 'Readiness');
        if (readiness !== undefined) readiness.manual = stop.at + READINESS_TRIGGER_MS;
      }
      if (!stop.value && w.kind !== 'Readiness') killedAt = Math.min(killedAt, stop.at);
    }
    // Without a readiness probe the container is ready once started and up.
    if (this.plainReadyAt !== undefined && !this.plainReadyDone && started !== undefined) {
      const at = Math.max(started, this.plainReadyAt);
      if (at <= end && at < killedAt) sink.transition({ at, kind: 'Readiness', value: true });
    }
  }

  /** Returns the transition that ended this worker's walk (a kill, startup done, or the sink said stop). */
  private walkWorker(w: Worker, gate: number, limit: number, sink: Sink): Transition | undefined {
    const delayEnd = this.startedAt + (w.probe.initialDelaySeconds ?? 0) * 1000;
    const failureThreshold = w.probe.failureThreshold ?? 3;
    const successThreshold = w.probe.successThreshold ?? 1;
    for (;;) {
      if (w.onHold) return undefined;
      const manual = w.manual !== undefined && w.manual <= w.next;
      const t = manual ? w.manual! : w.next;
      if (t > limit) return undefined;
      // Skipped ticks: before the container started (or startup succeeded), within the delay.
      if (t <= gate || t < delayEnd) {
        if (manual) w.manual = undefined;
        else w.next = t + Math.max(1, Math.ceil((Math.max(gate + 1, delayEnd) - t) / w.periodMs)) * w.periodMs;
        continue;
      }
      const a = this.answer(w, t);
      // Ticks sharing this answer: the manual one alone, else every tick before it changes.
      const last = Math.min(limit, a.until - 1);
      const n = manual ? 1 : Math.floor((last - t) / w.periodMs) + 1;
      const advance = (k: number): void => {
        if (manual) w.manual = undefined;
        else w.next = t + k * w.periodMs;
      };
      if (a.errored) {
        if (!Number.isFinite(n)) return undefined;
        sink.failures({ first: t, step: w.periodMs, count: n, message: `${w.kind} probe errored: ${a.message}` });
        advance(n);
        continue;
      }
      const runBefore = w.lastResult === a.ok ? w.run : 0;
      const threshold = a.ok ? successThreshold : failureThreshold;
      const need = w.result === a.ok ? Infinity : Math.max(1, threshold - runBefore);
      const take = Math.min(n, need);
      if (!a.ok) {
        if (!Number.isFinite(take)) return undefined;
        sink.failures({ first: t + a.tookMs, step: w.periodMs, count: take, message: `${w.kind} probe failed: ${a.message}` });
      }
      w.lastResult = a.ok;
      w.run = runBefore + take;
      if (take < need) {
        if (!Number.isFinite(take)) return undefined;
        advance(take);
        continue;
      }
      // The result flips at the need-th attempt.
      const at = t + (need - 1) * w.periodMs + a.tookMs;
      w.result = a.ok;
      advance(need);
      const tr: Transition = { at, kind: w.kind, value: a.ok };
      if (!sink.transition(tr)) return tr;
      if (w.kind !== 'Readiness' && !a.ok) {
        w.onHold = true;
        w.run = 0;
        return tr;
      }
      if (w.kind === 'Startup' && a.ok) return tr;
    }
  }
}

/** A probe port: a number, or a container port name (then a number written as a string). */
function resolvePort(port: number | string | undefined, container: Container): number | string {
  if (typeof port === 'number') return port;
  const name = port ?? '';
  const found = container.ports?.find((p) => p.name === name);
  if (found) return found.containerPort;
  if (/^[+-]?\d+$/.test(name)) return Number(name);
  return `strconv.Atoi: parsing "${name}": invalid syntax`;
}

export class Prober {
  private runs = new Map<ContainerRt, RunProbes>();
  private liveRuns = 0;

  constructor(private host: ProbeHost) {}

  /**
   * A container instance started. Returns true when probes decide its readiness (a readiness
   * or startup probe), so the kubelet leaves `ready` to the prober.
   */
  start(rt: PodRt, c: ContainerRt, plan: RunPlan, inputs: RunInputs, at: number): boolean {
    this.stop(c, at);
    const spec = c.spec;
    if (!spec.livenessProbe && !spec.readinessProbe && !spec.startupProbe) return false;
    const run = new RunProbes(rt, c, plan, inputs, spec, at, rt.initializedAt ?? at);
    this.runs.set(c, run);
    if (run.live) this.liveRuns++;
    if (spec.startupProbe) c.startupPending = true;
    this.reschedule(run);
    return spec.readinessProbe !== undefined || spec.startupProbe !== undefined;
  }

  /** The instance stopped (exit, kill): record what happened before `at` and forget it. */
  stop(c: ContainerRt, at: number): void {
    const run = this.runs.get(c);
    if (run === undefined) return;
    this.advance(run, at - 1);
    run.done = true;
    run.token++;
    if (run.live) this.liveRuns--;
    this.runs.delete(c);
    c.startupPending = undefined;
  }

  /** Write everything probed up to `at` for the pod's containers. */
  flush(rt: PodRt, at: number): void {
    for (const c of rt.containers) {
      const run = this.runs.get(c);
      if (run !== undefined) this.advance(run, at);
    }
  }

  /** Whether any of the pod's containers is being probed (has results to write lazily). */
  probing(rt: PodRt): boolean {
    for (const c of rt.containers) if (this.runs.has(c)) return true;
    return false;
  }

  hasLiveAnswers(): boolean {
    return this.liveRuns > 0;
  }

  /** Facts or Service endpoints changed: answers with conditions may change from `at` on. */
  worldChanged(at: number): void {
    if (this.liveRuns === 0) return;
    for (const run of [...this.runs.values()]) {
      if (!run.live || run.done) continue;
      this.advance(run, at - 1);
      run.refreshRules();
      this.reschedule(run);
    }
  }

  private advance(run: RunProbes, to: number): void {
    if (run.done || to < run.processedTo) return;
    const failures: Failures[] = [];
    const transitions: Transition[] = [];
    run.walk(
      to,
      {
        failures: (f) => failures.push(f),
        transition: (t) => {
          transitions.push(t);
          return true;
        },
      },
      false,
    );
    run.processedTo = to + 1;
    if (failures.length === 0 && transitions.length === 0) return;
    this.record(run, failures);
    transitions.sort((a, b) => a.at - b.at);
    for (const t of transitions) this.apply(run, t);
    if (!run.done) this.reschedule(run);
  }

  /** Failures in time order: series that do not overlap go whole, overlapping ones interleaved. */
  private record(run: RunProbes, failures: Failures[]): void {
    failures.sort((a, b) => a.first - b.first);
    const end = (f: Failures): number => f.first + (f.count - 1) * f.step;
    if (failures.every((f, i) => i === 0 || end(failures[i - 1]!) < f.first)) {
      for (const f of failures) this.host.unhealthy(run.rt, run.c, f.message, f.first, f.step, f.count);
      return;
    }
    const each: { at: number; message: string }[] = [];
    for (const f of failures) for (let i = 0; i < f.count; i++) each.push({ at: f.first + i * f.step, message: f.message });
    // Failures at the same instant (a liveness and a readiness worker ticking together) in a
    // fixed order, whatever stretch of probing this is: how often someone looked must not decide
    // which of them the spam filter lets through.
    each.sort((a, b) => a.at - b.at || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    for (const e of each) this.host.unhealthy(run.rt, run.c, e.message, e.at, 0, 1);
  }

  private apply(run: RunProbes, t: Transition): void {
    const { rt, c } = run;
    if (run.done) return;
    if (t.kind === 'Startup' && t.value) {
      run.started = t.at;
      c.startupPending = undefined;
      this.host.setStarted(rt, c, t.at);
      return;
    }
    if (t.kind === 'Readiness') {
      if (run.plainReadyAt !== undefined) run.plainReadyDone = true;
      if (run.ready !== t.value) {
        run.ready = t.value;
        this.host.setReady(rt, c, t.value, t.at);
      }
      return;
    }
    if (!t.value) {
      run.done = true;
      run.token++;
      this.host.failed(rt, c, t.kind === 'Startup' ? 'Startup' : 'Liveness', t.at, run.plan.onSigterm);
    }
  }

  /** One timer at the next transition. */
  private reschedule(run: RunProbes): void {
    const token = ++run.token;
    let next = Infinity;
    run.walk(
      Infinity,
      {
        failures: () => undefined,
        transition: (t) => {
          next = Math.min(next, t.at);
          return false;
        },
      },
      true,
    );
    if (!Number.isFinite(next)) return;
    this.host.schedule(next, () => {
      if (token !== run.token || run.done) return;
      this.advance(run, next);
    });
  }
}

/**
 * What the run answers probes with: its `probes`, and for HTTP, when those say nothing, the same
 * answers its `http` routes give a client (`kubectl exec ... wget`), so a scenario says them once.
 */
function probeAnswers(plan: RunPlan): ProbeAnswers | undefined {
  const routes = plan.outcome?.http;
  if (routes === undefined || plan.probes?.http !== undefined) return plan.probes;
  const http: Record<string, number> = {};
  // The first route for a path answers, as for a client.
  for (const r of routes) if (!Object.hasOwn(http, r.path)) http[r.path] = r.status ?? 200;
  return { ...plan.probes, http };
}
