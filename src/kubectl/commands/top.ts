/**
 * `kubectl top pod|node`: reads what metrics-server serves (ClusterControl.metrics) and prints it
 * as kubectl's metricsutil.TopCmdPrinter does: `%vm` millicores, `%vMi` mebibytes (floored), node
 * percentages of allocatable (or capacity), a tab-terminated cell per column (hence the trailing
 * spaces), Go's sort for --sort-by; and top pod's "metrics not available yet" checks.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ContainerMetrics, NodeMetrics, PodMetrics } from '../../cluster/api';
import { goDuration } from '../../cluster/format';
import { type FlagSpec, flagBool, flagString } from '../flags';
import { goSort } from '../printers/goSort';
import { TABLE_TABWRITER, tabwrite } from '../printers/goTabwriter';
import { matches, parseSelector } from '../selector';
import { type Command, type CommandEnv, Output } from './types';

const FOOTER = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

export const TOP_HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
${FOOTER}`;

export const TOP_POD_HELP = `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.

Aliases:
pod, pods, po

Examples:
  # Show metrics for all pods in the default namespace
  kubectl top pod
  
  # Show metrics for all pods in the given namespace
  kubectl top pod --namespace=NAMESPACE
  
  # Show metrics for a given pod and its containers
  kubectl top pod POD_NAME --containers
  
  # Show metrics for the pods defined by label name=myLabel
  kubectl top pod -l name=myLabel

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --containers=false:
\tIf present, print usage of containers within a pod.

    --field-selector='':
\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.

    --no-headers=false:
\tIf present, print output without headers.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --sort-by='':
\tIf non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.

    --sum=false:
\tPrint the sum of the resource usage

    --use-protocol-buffers=true:
\tEnables using protocol-buffers to access Metrics API.

Usage:
  kubectl top pod [NAME | -l label] [options]

${FOOTER}`;

export const TOP_NODE_HELP = `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.

Aliases:
node, nodes, no

Examples:
  # Show metrics for all nodes
  kubectl top node
  
  # Show metrics for a given node
  kubectl top node NODE_NAME

Options:
    --no-headers=false:
\tIf present, print output without headers

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-capacity=false:
\tPrint node resources based on Capacity instead of Allocatable(default) of the nodes.

    --sort-by='':
\tIf non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.

    --use-protocol-buffers=true:
\tEnables using protocol-buffers to access Metrics API.

Usage:
  kubectl top node [NAME | -l label] [options]

${FOOTER}`;

/** metrics-server answers `top` only for pods older than this before calling it a failure. */
const METRICS_CREATION_DELAY_MS = 120_000;
const MIB = 1024 * 1024;

const cpuCell = (m: number) => `${m}m`;
const memCell = (bytes: number) => `${Math.floor(bytes / MIB)}Mi`;

/** Resource quantities of a node's allocatable/capacity in milli-units (cpu) and bytes*1000 (memory). */
function milliOf(q: string | number | undefined, kind: 'cpu' | 'memory'): number | undefined {
  if (q === undefined) return undefined;
  const s = String(q);
  if (kind === 'cpu') {
    const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(s);
    if (m === null) return undefined;
    return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
  }
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(s);
  if (m === null) return undefined;
  const unit: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * (m[2] === undefined ? 1 : unit[m[2]]!) * 1000;
}

function sortFlag(o: Output, env: CommandEnv): string | undefined | false {
  const sortBy = flagString(env.flags, 'sort-by') ?? '';
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') {
    o.fail('error: --sort-by accepts only cpu or memory');
    return false;
  }
  return sortBy;
}

function podSum(m: PodMetrics): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of m.containers) {
    cpu += c.cpu;
    memory += c.memory;
  }
  return { cpu, memory };
}

function runTopPod(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const f = env.flags;
  if (env.args.length > 1) return o.fail("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples").result();
  const sortBy = sortFlag(o, env);
  if (sortBy === false) return o.result();
  const name = env.args[0];
  const selectorText = flagString(f, 'selector') ?? '';
  if (name !== undefined && selectorText !== '') return o.fail('error: only one of NAME or selector can be provided').result();
  const sel = parseSelector(selectorText);
  if (!sel.ok) return o.fail(`error: ${sel.error}`).result();
  const all = flagBool(f, 'all-namespaces');
  const ns = env.namespace;
  const cluster = env.ctx.cluster;
  const snapshot = cluster.metrics();

  let metrics: PodMetrics[];
  if (name !== undefined) {
    const pod = cluster.get('Pod', all ? undefined : ns, name);
    const found = snapshot.pods.find((m) => m.name === name && m.namespace === ns);
    if (found === undefined) {
      if (pod === undefined) return o.fail(`Error from server (NotFound): pods "${name}" not found`).result();
      return o.fail(`Error from server (NotFound): podmetrics.metrics.k8s.io "${ns}/${name}" not found`).result();
    }
    metrics = [found];
  } else {
    const labelsOf = new Map<string, Pod>();
    for (const p of cluster.list('Pod', all ? undefined : ns)) labelsOf.set(`${p.metadata?.namespace}/${p.metadata?.name}`, p);
    metrics = snapshot.pods.filter((m) => {
      if (!all && m.namespace !== ns) return false;
      const pod = labelsOf.get(`${m.namespace}/${m.name}`);
      return pod !== undefined && matches(sel.reqs, pod.metadata?.labels);
    });
  }

  if (metrics.length === 0) {
    // verifyEmptyMetrics looks at the pods of the context namespace, even with -A.
    const pods = cluster.list('Pod', ns).filter((p) => matches(sel.reqs, p.metadata?.labels));
    if (pods.length > 0) {
      const now = cluster.now();
      for (const p of pods) {
        const age = now - Date.parse(p.metadata?.creationTimestamp ?? '');
        if (age > METRICS_CREATION_DELAY_MS) {
          return o.fail(`error: Metrics not available for pod ${p.metadata?.namespace}/${p.metadata?.name}, age: ${goDuration(age)}`).result();
        }
      }
      return o.fail('error: metrics not available yet').result();
    }
    o.err(all ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return o.result();
  }

  const withNamespace = all;
  const containers = flagBool(f, 'containers');
  const noHeaders = flagBool(f, 'no-headers');
  let text = '';
  let columns = 3;
  if (!noHeaders) {
    if (withNamespace) {
      text += 'NAMESPACE\t';
      columns++;
    }
    if (containers) {
      text += 'POD\t';
      columns++;
    }
    text += 'NAME\tCPU(cores)\tMEMORY(bytes)\t\n';
  }
  const sums = new Map(metrics.map((m) => [m, podSum(m)]));
  const sorted = goSort(metrics, (a, b) => {
    if (sortBy === 'cpu') return sums.get(a)!.cpu > sums.get(b)!.cpu;
    if (sortBy === 'memory') return sums.get(a)!.memory > sums.get(b)!.memory;
    if (withNamespace && a.namespace !== b.namespace) return a.namespace < b.namespace;
    return a.name < b.name;
  });
  for (const m of sorted) {
    if (containers) {
      const cs = goSort(m.containers, (a: ContainerMetrics, b: ContainerMetrics) =>
        sortBy === 'cpu' ? a.cpu > b.cpu : sortBy === 'memory' ? a.memory > b.memory : a.name < b.name,
      );
      for (const c of cs) text += `${withNamespace ? `${m.namespace}\t` : ''}${m.name}\t${c.name}\t${cpuCell(c.cpu)}\t${memCell(c.memory)}\t\n`;
    } else {
      const s = sums.get(m)!;
      text += `${withNamespace ? `${m.namespace}\t` : ''}${m.name}\t${cpuCell(s.cpu)}\t${memCell(s.memory)}\t\n`;
    }
  }
  if (flagBool(f, 'sum')) {
    let cpu = 0;
    let memory = 0;
    for (const s of sums.values()) {
      cpu += s.cpu;
      memory += s.memory;
    }
    text += `${'\t'.repeat(Math.max(0, columns - 2))}________\t________\t\n`;
    text += `${'\t'.repeat(Math.max(0, columns - 3))}\t${cpuCell(cpu)}\t${memCell(memory)}\t\n`;
  }
  return o.out(tabwrite(text, TABLE_TABWRITER)).result();
}

function runTopNode(env: CommandEnv): ReturnType<Command['run']> {
  const o = new Output();
  const f = env.flags;
  if (env.args.length > 1) return o.fail("error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples").result();
  const sortBy = sortFlag(o, env);
  if (sortBy === false) return o.result();
  const name = env.args[0];
  const selectorText = flagString(f, 'selector') ?? '';
  if (name !== undefined && selectorText !== '') return o.fail('error: only one of NAME or --selector can be provided').result();
  const sel = parseSelector(selectorText);
  if (!sel.ok) return o.fail(`error: ${sel.error}`).result();
  const cluster = env.ctx.cluster;
  const snapshot = cluster.metrics();
  let nodes: Node[];
  let metrics: NodeMetrics[];
  if (name !== undefined) {
    const m = snapshot.nodes.find((n) => n.name === name);
    if (m === undefined) return o.fail(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found`).result();
    const node = cluster.get('Node', undefined, name);
    if (node === undefined) return o.fail(`Error from server (NotFound): nodes "${name}" not found`).result();
    nodes = [node];
    metrics = [m];
  } else {
    nodes = cluster.list('Node').filter((n) => matches(sel.reqs, n.metadata?.labels));
    const names = new Set(nodes.map((n) => n.metadata?.name));
    metrics = snapshot.nodes.filter((m) => names.has(m.name));
  }
  if (metrics.length === 0) return o.fail('error: metrics not available yet').result();
  const capacity = flagBool(f, 'show-capacity');
  const available = new Map(nodes.map((n) => [n.metadata?.name ?? '', capacity ? n.status?.capacity : n.status?.allocatable]));
  let text = flagBool(f, 'no-headers') ? '' : 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n';
  const sorted = goSort(metrics, (a, b) => (sortBy === 'cpu' ? a.cpu > b.cpu : sortBy === 'memory' ? a.memory > b.memory : a.name < b.name));
  const pct = (usedMilli: number, total: number | undefined) => (total === undefined ? '' : `${Math.trunc((usedMilli / total) * 100)}%\t`);
  for (const m of sorted) {
    const av = available.get(m.name);
    text += `${m.name}\t${cpuCell(m.cpu)}\t${av ? pct(m.cpu, milliOf(av.cpu, 'cpu')) : ''}${memCell(m.memory)}\t${av ? pct(m.memory * 1000, milliOf(av.memory, 'memory')) : ''}\n`;
    available.delete(m.name);
  }
  for (const n of available.keys()) text += `${n}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
  return o.out(tabwrite(text, TABLE_TABWRITER)).result();
}

const podFlags: FlagSpec[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
  { name: 'containers', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'selector', shorthand: 'l', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'sum', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool' },
];
const nodeFlags: FlagSpec[] = [
  { name: 'no-headers', type: 'bool' },
  { name: 'selector', shorthand: 'l', type: 'string' },
  { name: 'show-capacity', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'use-protocol-buffers', type: 'bool' },
];

function podCommand(path: string): Command {
  return { path, flags: podFlags, unsupported: [{ name: 'field-selector', type: 'string' }], help: TOP_POD_HELP, run: runTopPod };
}
function nodeCommand(path: string): Command {
  return { path, flags: nodeFlags, help: TOP_NODE_HELP, run: runTopNode };
}

/** `top pod` and `top node` under each of their aliases. */
export const topCommands: Command[] = [
  podCommand('top pod'),
  podCommand('top pods'),
  podCommand('top po'),
  nodeCommand('top node'),
  nodeCommand('top nodes'),
  nodeCommand('top no'),
];
