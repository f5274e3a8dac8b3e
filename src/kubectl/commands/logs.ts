/**
 * `kubectl logs POD [CONTAINER] | TYPE/NAME [-c C] [-p] [--tail N]`. For a workload, picks the
 * pod kubectl would (podutils.ByLogging) and says so on stderr when there were several.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ClusterView } from '../../cluster/api';
import { noResourceType } from '../errors';
import { type FlagSpec, flagBool, flagInt, flagString } from '../flags';
import { qualifiedResource, resolveResource } from '../resources';
import { parseSelector, matches, selectorMatches } from '../selector';
import { LOGS_HELP } from './helpTexts';
import { followLogs } from './logsFollow';
import { type Command, type CommandEnv, Output } from './types';

const flags: FlagSpec[] = [
  { name: 'container', shorthand: 'c', type: 'string' },
  { name: 'previous', shorthand: 'p', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'follow', shorthand: 'f', type: 'bool' },
  { name: 'selector', shorthand: 'l', type: 'string' },
  { name: 'ignore-errors', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
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

type PodPick = { ok: true; pod: Pod; note?: string } | { ok: false; message: string };

function podsFor(view: ClusterView, ns: string, sel: LabelSelector | undefined): Pod[] {
  return [...view.list('Pod', ns)].filter((p) => selectorMatches(sel, p.metadata?.labels)).sort(byLogging);
}

function pickPod(view: ClusterView, ns: string, arg: string): PodPick {
  const notFound = (what: string) => ({
    ok: false as const,
    message: `error: error from server (NotFound): ${what} not found in namespace "${ns}"`,
  });
  if (!arg.includes('/')) {
    const pod = view.get('Pod', ns, arg);
    return pod === undefined ? notFound(`pods "${arg}"`) : { ok: true, pod };
  }
  const seg = arg.split('/');
  if (seg.length !== 2) return { ok: false, message: 'error: arguments in resource/name form may not have more than one slash' };
  const [type, name] = seg as [string, string];
  if (type === '' || name === '') return { ok: false, message: 'error: arguments in resource/name form must have a single resource and name' };
  const rt = resolveResource(type);
  if (rt === undefined) return { ok: false, message: noResourceType(type) };
  let sel: LabelSelector | undefined;
  switch (rt.modelled) {
    case 'Pod': {
      const pod = view.get('Pod', ns, name);
      return pod === undefined ? notFound(`pods "${name}"`) : { ok: true, pod };
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
      if (svc.spec?.selector === undefined) return { ok: false, message: `error: cannot get the logs from *v1.Service: invalid label selector` };
      sel = { matchLabels: svc.spec.selector };
      break;
    }
    default:
      if (rt.modelled === undefined && ['statefulsets', 'daemonsets', 'jobs', 'replicationcontrollers'].includes(rt.resource)) {
        return notFound(`${qualifiedResource(rt)} "${name}"`);
      }
      return { ok: false, message: `error: cannot get the logs from ${rt.kind}` };
  }
  const pods = podsFor(view, ns, sel);
  // Real kubectl waits --pod-running-timeout (20s) for a pod to appear, then gives up.
  if (pods.length === 0) return { ok: false, message: 'error: timed out waiting for the condition' };
  const pod = pods[0]!;
  return { ok: true, pod, note: pods.length > 1 ? `Found ${pods.length} pods, using pod/${pod.metadata?.name}\n` : undefined };
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

/** The last `n` lines of `text` (kubelet's tail: a final newline does not count as a line). */
export function tailLines(text: string, n: number): string {
  if (n < 0) return text;
  if (n === 0) return '';
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const kept = lines.slice(Math.max(0, lines.length - n)).join('\n');
  return kept === '' && lines.length === 0 ? '' : endsWithNewline ? `${kept}\n` : kept;
}

/** Logs of one pod: stderr notes (defaulted container) go to `o`. Returns false on error. */
function podLogs(o: Output, view: ClusterView, pod: Pod, containerFlag: string | undefined, previous: boolean, tail: number): boolean {
  const podName = pod.metadata?.name ?? '';
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
    if (several) o.err(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!knownContainer(pod, container)) {
    o.fail(`error: container ${container} is not valid for pod ${podName}`);
    return false;
  }
  const res = view.logs(pod.metadata?.namespace ?? '', podName, container, previous);
  if (!res.ok) {
    o.fail(`Error from server (${res.reason}): ${res.message}`);
    return false;
  }
  o.out(tailLines(res.text, tail));
  return true;
}

function runLogs(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const view = env.ctx.cluster;
  const f = env.flags;
  const selectorText = flagString(f, 'selector') ?? '';
  let container = flagString(f, 'container');
  const previous = flagBool(f, 'previous');
  const tail = flagInt(f, 'tail') ?? (selectorText !== '' ? 10 : -1);
  if (tail < -1) return o.fail('error: --tail must be greater than or equal to -1').result();

  if (selectorText !== '') {
    if (env.args.length > 0) return o.fail("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples").result();
    const sel = parseSelector(selectorText);
    if (!sel.ok) return o.fail(`error: ${sel.error}`).result();
    const pods = view.list('Pod', env.namespace).filter((p) => matches(sel.reqs, p.metadata?.labels));
    if (pods.length === 0) return o.err(`No resources found in ${env.namespace} namespace.\n`).result();
    for (const pod of pods) if (!podLogs(o, view, pod, container, previous, tail)) break;
    return withFollow(env, o, pods, container, previous);
  }

  if (env.args.length === 0 || env.args.length > 2) return o.fail(USAGE).result();
  if (env.args.length === 2) {
    if (container !== undefined && container !== '') return o.fail('error: only one of -c or an inline [CONTAINER] arg is allowed').result();
    container = env.args[1];
  }
  const pick = pickPod(view, env.namespace, env.args[0]!);
  if (!pick.ok) return o.fail(pick.message).result();
  if (pick.note !== undefined) o.err(pick.note);
  podLogs(o, view, pick.pod, container, previous, tail);
  return withFollow(env, o, [pick.pod], container, previous);
}

/** `-f`: keep printing what running containers write (logsFollow.ts). */
function withFollow(env: CommandEnv, o: Output, pods: readonly Pod[], container: string | undefined, previous: boolean): ReturnType<Command['run']> {
  const result = o.result();
  if (!flagBool(env.flags, 'follow') || previous || result.exitCode !== 0) return result;
  const follow = followLogs(env.ctx.cluster, pods.map((pod) => ({ pod, container })));
  return follow === undefined ? result : { ...result, follow };
}

export const logsCommand: Command = {
  path: 'logs',
  flags,
  unsupported: [
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'since-time', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'all-pods', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'limit-bytes', type: 'int' },
    { name: 'max-log-requests', type: 'int' },
  ],
  help: LOGS_HELP,
  run: runLogs,
};
