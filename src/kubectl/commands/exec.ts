/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: kubectl's own
 * checks and pod choice (AttachablePodForObject: the most active pod of a workload), then the
 * command runs in the simulated container (src/cluster/exec.ts). Interactive sessions are the one
 * thing a one-line terminal cannot give; they are refused honestly.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ClusterView } from '../../cluster/api';
import { noResourceType, notFoundMessage } from '../errors';
import { type FlagSpec, flagBool, flagString } from '../flags';
import { resolveResource } from '../resources';
import { selectorMatches } from '../selector';
import { type Command, type CommandEnv, Output } from './types';

const FOOTER = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

export const EXEC_HELP = `Execute a command in a container.

Examples:
  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date
  
  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il
  
  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
  kubectl exec mypod -i -t -- ls -t /usr
  
  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date
  
  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date

Options:
    -c, --container='':
\tContainer name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen

    -f, --filename=[]:
\tto use to exec into the resource

    --pod-running-timeout=1m0s:
\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    -q, --quiet=false:
\tOnly print output from the remote session

    -i, --stdin=false:
\tPass stdin to the container

    -t, --tty=false:
\tStdin is a TTY

Usage:
  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]

${FOOTER}`;

const flags: FlagSpec[] = [
  { name: 'container', shorthand: 'c', type: 'string' },
  { name: 'stdin', shorthand: 'i', type: 'bool' },
  { name: 'tty', shorthand: 't', type: 'bool' },
  { name: 'quiet', shorthand: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
];

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
const SHELLS = new Set(['sh', 'ash', 'bash', 'zsh', 'dash']);

function readyTime(p: Pod): number {
  const t = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime;
  return t === undefined ? 0 : Date.parse(t);
}
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, s) => n + s.restartCount, 0);

/** controller.ActivePods, reversed: the pod kubectl exec picks for a workload comes first. */
export function moreActiveFirst(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? 1 : -1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? -1;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? -1;
  if (pa !== pb) return pb - pa;
  const ra = readyTime(a);
  const rb = readyTime(b);
  if ((ra > 0) !== (rb > 0)) return ra > 0 ? -1 : 1;
  if (ra > 0 && rb > 0 && ra !== rb) return ra - rb;
  if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b);
  const ca = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
  const cb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
  if (ca !== cb) return ca === 0 ? 1 : cb === 0 ? -1 : ca - cb;
  return 0;
}

type Pick = { ok: true; pod: Pod } | { ok: false; message: string };

function pickPod(view: ClusterView, ns: string, arg: string): Pick {
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const pod = view.get('Pod', ns, arg);
    return pod === undefined ? { ok: false, message: `Error from server (NotFound): pods "${arg}" not found` } : { ok: true, pod };
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
      return pod === undefined ? { ok: false, message: notFoundMessage(rt, name) } : { ok: true, pod };
    }
    case 'Deployment':
    case 'ReplicaSet': {
      const w = view.get(rt.modelled, ns, name);
      if (w === undefined) return { ok: false, message: notFoundMessage(rt, name) };
      sel = w.spec?.selector;
      break;
    }
    case 'Service': {
      const svc = view.get('Service', ns, name);
      if (svc === undefined) return { ok: false, message: notFoundMessage(rt, name) };
      if (svc.spec?.selector === undefined) return { ok: false, message: 'error: invalid label selector' };
      sel = { matchLabels: svc.spec.selector };
      break;
    }
    default:
      if (rt.modelled === undefined && ['statefulsets', 'daemonsets', 'jobs', 'replicationcontrollers'].includes(rt.resource)) {
        return { ok: false, message: notFoundMessage(rt, name) };
      }
      return { ok: false, message: `error: cannot attach to ${rt.kind}: selector for ${rt.kind} not implemented` };
  }
  const pods = [...view.list('Pod', ns)].filter((p) => selectorMatches(sel, p.metadata?.labels)).sort(moreActiveFirst);
  // Real kubectl waits --pod-running-timeout (1m) for a pod to appear, then gives up.
  if (pods.length === 0) return { ok: false, message: 'error: timed out waiting for the condition' };
  return { ok: true, pod: pods[0]! };
}

function allContainerNames(pod: Pod): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  for (const c of pod.spec?.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  for (const c of pod.spec?.initContainers ?? []) names.push(`${c.name} (init)`);
  return names.join(', ');
}

function runExec(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const f = env.flags;
  const atDash = f.argsLenAtDash;
  const args = env.args;
  let resource: string | undefined;
  let command: string[] = [];
  if (args.length > 0 && atDash !== 0) resource = args[0];
  if (atDash === 0 || atDash === 1) command = args.slice(atDash);
  else if (args.length > 1) return o.fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples").result();
  if (resource === undefined) return o.fail('error: pod, type/name or --filename must be specified').result();
  if (command.length === 0) return o.fail('error: you must specify at least one command for the container').result();

  const view = env.ctx.cluster;
  const pick = pickPod(view, env.namespace, resource);
  if (!pick.ok) return o.fail(pick.message).result();
  const pod = pick.pod;
  const podName = pod.metadata?.name ?? '';
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return o.fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}`).result();

  const quiet = flagBool(f, 'quiet');
  let container = flagString(f, 'container') ?? '';
  if (container === '') {
    const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
    if (annotated && (pod.spec?.containers ?? []).some((c) => c.name === annotated)) container = annotated;
    else {
      if (annotated && !quiet) o.err(`Default container name "${annotated}" not found in pod ${podName}\n`);
      container = pod.spec?.containers?.[0]?.name ?? '';
      const several = (pod.spec?.containers?.length ?? 0) > 1 || (pod.spec?.initContainers?.length ?? 0) > 0 || (pod.spec?.ephemeralContainers?.length ?? 0) > 0;
      if (several && !quiet) o.err(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
    }
  } else if (!(pod.spec?.containers ?? []).some((c) => c.name === container) && !(pod.spec?.initContainers ?? []).some((c) => c.name === container)) {
    // kubectl 1.32 sends the name as given; the API server refuses the upgrade.
    return o.fail(`error: unable to upgrade connection: container ${container} is not valid for pod ${podName}`).result();
  }

  const stdin = flagBool(f, 'stdin');
  // -t without -i gets no terminal, as SetupTTY decides.
  const tty = stdin && flagBool(f, 'tty');
  const prog = (command[0] ?? '').split('/').pop() ?? '';
  if (stdin && SHELLS.has(prog) && !command.includes('-c')) {
    return o
      .fail(
        `error: interactive sessions are not simulated in Firedrill; run one command at a time instead, e.g. kubectl exec ${resource} -- env (or -- cat FILE, -- ls DIR, -- wget -qO- http://SERVICE/PATH)`,
      )
      .result();
  }
  const r = view.exec({ namespace: pod.metadata?.namespace ?? env.namespace, pod: podName, container, command, tty });
  if (!r.ok) return o.fail(r.message).result();
  o.out(r.stdout);
  // With a terminal, the remote stderr arrives on the same stream as stdout.
  if (tty) o.out(r.stderr);
  else o.err(r.stderr);
  if (r.exitCode !== 0) o.fail(`command terminated with exit code ${r.exitCode}`, r.exitCode);
  return o.result();
}

export const execCommand: Command = {
  path: 'exec',
  flags,
  unsupported: [{ name: 'filename', shorthand: 'f', type: 'string' }],
  help: EXEC_HELP,
  run: runExec,
};
