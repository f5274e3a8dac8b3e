/**
 * `kubectl logs POD [CONTAINER] | TYPE/NAME [-c C] [-p] [--tail N]`. For a workload, picks the
 * pod kubectl would (podutils.ByLogging) and says so on stderr when there were several.
 */
import { parseGoDuration } from '../goDuration';
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ClusterView, LogOptions } from '../../cluster/api';
import { flagError, noResourceType } from '../errors';
import { type FlagSpec, flagBool, flagInt, flagString } from '../flags';
import { qualifiedResource, resolveResource } from '../resources';
import { parseSelector, matches, selectorMatches } from '../selector';
import { LOGS_HELP } from './helpTexts';
import { type FollowFormat, followLogs } from './logsFollow';
import { type Command, type CommandEnv, Output } from './types';

const flags: FlagSpec[] = [
  { name: 'container', shorthand: 'c', type: 'string' },
  { name: 'previous', shorthand: 'p', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'follow', shorthand: 'f', type: 'bool' },
  { name: 'selector', shorthand: 'l', type: 'string' },
  { name: 'ignore-errors', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
  { name: 'timestamps', type: 'bool' },
  { name: 'since', type: 'string' },
  { name: 'since-time', type: 'string' },
  { name: 'all-containers', type: 'bool' },
  { name: 'all-pods', type: 'bool' },
  { name: 'prefix', type: 'bool' },
  { name: 'limit-bytes', type: 'int' },
  { name: 'max-log-requests', type: 'int' },
  { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
];

const USAGE =
  "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n" +
  'POD or TYPE/NAME is a required argument for the logs command\n' +
  "See 'kubectl logs -h' for help and examples";

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
function readySince(p: Pod): string {
  return p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
}
function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount));
}
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/** kubectl's podutils.ByLogging: the pod whose logs are most likely worth reading comes first. */
export function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na !== '' ? -1 : 1;
  const pa = PHASE_RANK[a.status?.phase ?? ''] ?? 3;
  const pb = PHASE_RANK[b.status?.phase ?? ''] ?? 3;
  if (pa !== pb) return pa - pb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b) && readySince(a) !== readySince(b)) {
    // Ready for longer first; an empty time sorts last.
    if (readySince(a) === '') return 1;
    if (readySince(b) === '') return -1;
    return Date.parse(readySince(a)) - Date.parse(readySince(b));
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  const ca = a.metadata?.creationTimestamp ?? '';
  const cb = b.metadata?.creationTimestamp ?? '';
  if (ca !== cb) {
    if (ca === '') return 1;
    if (cb === '') return -1;
    return Date.parse(ca) - Date.parse(cb);
  }
  return 0;
}

/**
 * The pods a POD or TYPE/NAME argument reads. `early`: the error comes from resolving the
 * argument (kubectl's Complete), before the flags are validated; the others come after.
 */
type PodPick = { ok: true; pods: Pod[]; note?: string } | { ok: false; early: boolean; message: string };

function podsFor(view: ClusterView, ns: string, sel: LabelSelector | undefined): Pod[] {
  return [...view.list('Pod', ns)].filter((p) => selectorMatches(sel, p.metadata?.labels)).sort(byLogging);
}

function pickPod(view: ClusterView, ns: string, arg: string, allPods: boolean): PodPick {
  const early = (message: string) => ({ ok: false as const, early: true, message });
  const notFound = (what: string) => early(`error: error from server (NotFound): ${what} not found in namespace "${ns}"`);
  if (!arg.includes('/')) {
    const pod = view.get('Pod', ns, arg);
    return pod === undefined ? notFound(`pods "${arg}"`) : { ok: true, pods: [pod] };
  }
  const seg = arg.split('/');
  if (seg.length !== 2) return early('error: arguments in resource/name form may not have more than one slash');
  const [type, name] = seg as [string, string];
  if (type === '' || name === '') return early('error: arguments in resource/name form must have a single resource and name');
  const rt = resolveResource(type);
  if (rt === undefined) return early(noResourceType(type));
  let sel: LabelSelector | undefined;
  switch (rt.modelled) {
    case 'Pod': {
      const pod = view.get('Pod', ns, name);
      return pod === undefined ? notFound(`pods "${name}"`) : { ok: true, pods: [pod] };
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'Job': {
      const w = view.get(rt.modelled, ns, name);
      if (w === undefined) return notFound(`${qualifiedResource(rt)} "${name}"`);
      sel = w.spec?.selector;
      break;
    }
    case 'Service': {
      const svc = view.get('Service', ns, name);
      if (svc === undefined) return notFound(`services "${name}"`);
      if (svc.spec?.selector === undefined || Object.keys(svc.spec.selector).length === 0) {
        return { ok: false, early: false, message: `error: cannot get the logs from *v1.Service: invalid service '${name}': Service is defined without a selector` };
      }
      sel = { matchLabels: svc.spec.selector };
      break;
    }
    default:
      if (rt.modelled === undefined && ['statefulsets', 'daemonsets', 'jobs', 'replicationcontrollers'].includes(rt.resource)) {
        return notFound(`${qualifiedResource(rt)} "${name}"`);
      }
      return { ok: false, early: false, message: `error: cannot get the logs from ${rt.kind}` };
  }
  const pods = podsFor(view, ns, sel);
  // Real kubectl waits --pod-running-timeout (20s) for a pod to appear, then gives up.
  if (pods.length === 0) return { ok: false, early: false, message: 'error: timed out waiting for the condition' };
  const pod = pods[0]!;
  if (allPods) return { ok: true, pods };
  return { ok: true, pods: [pod], note: pods.length > 1 ? `Found ${pods.length} pods, using pod/${pod.metadata?.name}\n` : undefined };
}

function allContainerNames(pod: Pod): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  for (const c of pod.spec?.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  for (const c of pod.spec?.initContainers ?? []) names.push(`${c.name} (init)`);
  return names.join(', ');
}

function knownContainer(pod: Pod, name: string): boolean {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].some(
    (c) => c.name === name,
  );
}

/** One log request kubectl makes: a container of a pod (kubectl's map of ObjectReference to request). */
interface LogRequest {
  pod: Pod;
  container: string;
}

/**
 * kubectl's logsForObjectWithClient for one pod: the container(s) to read, with the notes it
 * prints on stderr while choosing. `all`: every init, app and ephemeral container.
 */
function requestsForPod(o: Output, pod: Pod, containerFlag: string | undefined, all: boolean, quiet: boolean): LogRequest[] | undefined {
  const podName = pod.metadata?.name ?? '';
  if (all) {
    return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => ({ pod, container: c.name }));
  }
  let container = containerFlag;
  if (container === undefined || container === '') {
    const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
    if (annotated !== undefined && annotated !== '') {
      if (knownContainer(pod, annotated)) container = annotated;
      else o.err(`Default container name "${annotated}" not found in pod ${podName}\n`);
    }
  }
  if (container === undefined || container === '') {
    container = pod.spec?.containers?.[0]?.name ?? '';
    const several =
      (pod.spec?.containers?.length ?? 0) > 1 || (pod.spec?.initContainers?.length ?? 0) > 0 || (pod.spec?.ephemeralContainers?.length ?? 0) > 0;
    if (several && !quiet) o.err(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!knownContainer(pod, container)) {
    o.fail(`error: container ${container} is not valid for pod ${podName}`);
    return undefined;
  }
  return [{ pod, container }];
}

/** `[pod/NAME/CONTAINER] ` before every line kubectl writes (its prefixingWriter, one write per line). */
function prefixed(text: string, prefix: string): string {
  if (text === '') return '';
  const lines = text.split('\n');
  const last = lines.pop()!;
  return lines.map((l) => `${prefix}${l}\n`).join('') + (last === '' ? '' : `${prefix}${last}`);
}

/** kubectl's sequentialConsumeRequest: one request after the other; an error ends it unless --ignore-errors. */
function consume(o: Output, view: ClusterView, requests: readonly LogRequest[], previous: boolean, opts: LogOptions, prefix: boolean, ignoreErrors: boolean): void {
  for (const r of requests) {
    const podName = r.pod.metadata?.name ?? '';
    const res = view.logs(r.pod.metadata?.namespace ?? '', podName, r.container, previous, opts);
    if (!res.ok) {
      if (ignoreErrors) {
        o.out(`error: ${res.message}\n`);
        continue;
      }
      o.fail(`Error from server (${res.reason}): ${res.message}`);
      return;
    }
    o.out(prefix ? prefixed(res.text, `[pod/${podName}/${r.container}] `) : res.text);
  }
}

/**
 * kubectl's util.ParseRFC3339 in ms: Go's time.Parse with the RFC3339 layout (fraction digits
 * allowed after the seconds), and Go's error text when the value does not fit the layout.
 */
export function parseRFC3339(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const head = `parsing time "${text}" as "2006-01-02T15:04:05Z07:00"`;
  let rest = text;
  const cannot = (elem: string) => ({ ok: false as const, error: `${head}: cannot parse "${rest}" as "${elem}"` });
  const nums: number[] = [];
  const steps: [string, string, number][] = [
    ['', '2006', 4],
    ['-', '01', 2],
    ['-', '02', 2],
    ['T', '15', 2],
    [':', '04', 2],
    [':', '05', 2],
  ];
  for (const [literal, elem, width] of steps) {
    if (!rest.startsWith(literal)) return cannot(literal);
    rest = rest.slice(literal.length);
    const digits = new RegExp(`^\\d{${width}}`).exec(rest);
    if (digits === null) return cannot(elem);
    nums.push(Number(digits[0]));
    rest = rest.slice(width);
  }
  let fraction = 0;
  const frac = /^[.,](\d+)/.exec(rest);
  if (frac !== null) {
    fraction = Number(`0.${frac[1]}`);
    rest = rest.slice(frac[0].length);
  }
  let offsetMin = 0;
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const z = /^([+-])(\d{2}):(\d{2})/.exec(rest);
    if (z === null) return cannot('Z07:00');
    offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    rest = rest.slice(z[0].length);
  }
  if (rest !== '') return { ok: false, error: `parsing time "${text}": extra text: "${rest}"` };
  const [y, mo, d, h, mi, sec] = nums as [number, number, number, number, number, number];
  const range = (what: string) => ({ ok: false as const, error: `parsing time "${text}": ${what} out of range` });
  if (mo < 1 || mo > 12) return range('month');
  if (h > 23) return range('hour');
  if (mi > 59) return range('minute');
  if (sec > 59) return range('second');
  const daysIn = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > daysIn) return range('day');
  return { ok: true, ms: Date.UTC(y, mo - 1, d, h, mi, sec) + Math.floor(fraction * 1000) - offsetMin * 60_000 };
}

function runLogs(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const view = env.ctx.cluster;
  const f = env.flags;
  const selectorText = flagString(f, 'selector') ?? '';
  const flagContainer = flagString(f, 'container');
  let container = flagContainer;
  const previous = flagBool(f, 'previous');
  const allContainers = flagBool(f, 'all-containers');
  const allPods = flagBool(f, 'all-pods');
  const prefix = flagBool(f, 'prefix') || allPods;
  const tailFlag = flagInt(f, 'tail');
  const limitBytes = flagInt(f, 'limit-bytes') ?? 0;
  const maxRequests = flagInt(f, 'max-log-requests') ?? 5;
  const sinceText = flagString(f, 'since');
  const sinceTimeText = flagString(f, 'since-time') ?? '';
  let sinceMs = 0;
  if (sinceText !== undefined) {
    const d = parseGoDuration(sinceText);
    if (!d.ok) return flagError('logs', `invalid argument "${sinceText}" for "--since" flag: ${d.error}`);
    sinceMs = d.ms;
  }

  // Complete: the arguments, then the log options, then the object they name.
  if (env.args.length === 0 && selectorText === '') return o.fail(USAGE).result();
  if (env.args.length > 2) return o.fail(USAGE).result();
  if (env.args.length === 1 && selectorText !== '') return o.fail("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples").result();
  if (env.args.length === 2) container = env.args[1];
  const opts: LogOptions = { timestamps: flagBool(f, 'timestamps') };
  if (sinceTimeText !== '') {
    const t = parseRFC3339(sinceTimeText);
    if (!t.ok) return o.fail(`error: ${t.error}`).result();
    opts.sinceMs = t.ms;
  }
  if (limitBytes !== 0) opts.limitBytes = limitBytes;
  // kubectl rounds --since to whole seconds and the kubelet counts back from its own now.
  const sinceSeconds = Math.round(sinceMs / 1000);
  if (sinceSeconds !== 0) opts.sinceMs = view.now() - sinceSeconds * 1000;
  if (selectorText !== '' && tailFlag === undefined) opts.tailLines = 10;
  else if (tailFlag !== undefined && tailFlag !== -1) opts.tailLines = tailFlag;

  let pods: Pod[] | undefined;
  let pick: PodPick | undefined;
  if (selectorText !== '') {
    const sel = parseSelector(selectorText);
    if (!sel.ok) return o.fail(`error: ${sel.error}`).result();
    pods = view.list('Pod', env.namespace).filter((p) => matches(sel.reqs, p.metadata?.labels));
    if (pods.length === 0) o.err(`No resources found in ${env.namespace} namespace.\n`);
  } else {
    pick = pickPod(view, env.namespace, env.args[0]!, allPods);
    if (!pick.ok && pick.early) return o.fail(pick.message).result();
  }

  // Validate.
  if (sinceTimeText !== '' && sinceMs !== 0) return o.fail('error: at most one of `sinceTime` or `sinceSeconds` may be specified').result();
  if (allContainers && container !== undefined && container !== '') {
    return o.fail(`error: --all-containers=true should not be specified with container name ${container}`).result();
  }
  if (flagContainer !== undefined && env.args.length === 2) return o.fail('error: only one of -c or an inline [CONTAINER] arg is allowed').result();
  if (limitBytes < 0) return o.fail('error: --limit-bytes must be greater than 0').result();
  if (sinceSeconds < 0) return o.fail('error: --since must be greater than 0').result();
  if ((opts.tailLines ?? -1) < -1) return o.fail('error: --tail must be greater than or equal to -1').result();

  // Run: the requests (each pod's containers), then each request in turn.
  if (pick !== undefined) {
    if (!pick.ok) return o.fail(pick.message).result();
    if (pick.note !== undefined) o.warn(pick.note);
    pods = pick.pods;
  }
  const requests: LogRequest[] = [];
  for (const pod of pods ?? []) {
    const rs = requestsForPod(o, pod, container, allContainers, allPods);
    if (rs === undefined) return o.result();
    requests.push(...rs);
  }
  const follow = flagBool(f, 'follow');
  if (follow && requests.length > 1 && requests.length > maxRequests) {
    return o
      .fail(`error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`)
      .result();
  }
  consume(o, view, requests, previous, opts, prefix, flagBool(f, 'ignore-errors'));
  return withFollow(env, o, requests, previous, { timestamps: opts.timestamps === true, prefix });
}

/** `-f`: keep printing what running containers write (logsFollow.ts). */
function withFollow(env: CommandEnv, o: Output, requests: readonly LogRequest[], previous: boolean, format: FollowFormat): ReturnType<Command['run']> {
  const result = o.result();
  if (!flagBool(env.flags, 'follow') || previous || result.exitCode !== 0) return result;
  const follow = followLogs(env.ctx.cluster, requests.map((r) => ({ pod: r.pod, container: r.container })), format);
  return follow === undefined ? result : { ...result, follow };
}

export const logsCommand: Command = {
  path: 'logs',
  flags,
  help: LOGS_HELP,
  run: runLogs,
};
